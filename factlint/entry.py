"""The `factlint` console command: start-up and shutdown without the work a one-shot process never needs."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Import the CLI without collections, run it, and exit without tearing the heap down."""
    from factlint.startup import cached_startup

    # Importing allocates tens of thousands of objects that live until exit (modules, functions,
    # classes, compiled patterns); the collections they trigger find nothing.
    gc.disable()
    try:
        with cached_startup():  # record classes' methods and regular expressions, compiled in an earlier run
            try:
                from factlint.cli import main as cli
            finally:
                gc.enable()
            cli()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            _exit(exc.code or 0)
        raise
    finally:
        gc.enable()


def _exit(code: int) -> None:
    """Flush and leave at once: freeing every module and a big ledger index one object at a time is wasted work."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # a closed or broken stream: the interpreter's own shutdown reports it as usual
    os._exit(code)
