"""The `factlint ledger` command group. Only click and the standard library load with the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def ledger() -> None:
    """Work with ledgers of sourced facts."""


@ledger.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format: text, json, sarif, github, gitlab, or auto (github + text in GitHub Actions).")
def check(paths: tuple[Path, ...], fmt: str) -> None:
    """Validate ledger files or directories (default: config 'ledger', else ./facts.yaml).

    Reports every problem at once; exit 0 when clean, 1 with problems, 2 on usage errors.
    """
    from factlint.cli import fail
    from factlint.errors import FactlintError
    from factlint.ledger.report import run_ledger_check

    try:
        code = run_ledger_check(paths, fmt)
    except FactlintError as exc:
        fail(exc)
    sys.exit(code)
