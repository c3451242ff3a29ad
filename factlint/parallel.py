"""Check many drafts in worker processes (`factlint check --jobs N`), with output identical to a serial run.

The ledger index is handed to each worker once, through the pool's initializer: on Linux the workers
are forked, so they inherit the parent's index without copying or pickling it; elsewhere it is pickled
once per worker, not once per file. Results come back in file order (``Executor.map``), so the report
is byte-for-byte the one a serial run prints.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from factlint.errors import FactlintError

# Below this much text in total, starting worker processes costs more than it saves.
MIN_PARALLEL_BYTES = 256 * 1024

_STATE: dict[str, Any] = {}


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def default_jobs(files: list[str]) -> int:
    """The core count when there are many files with enough text to share out; else 1."""
    if len(files) < 2 or "-" in files:
        return 1
    size = 0
    for path in files:
        try:
            size += Path(path).stat().st_size
        except OSError:
            pass  # reading it will report the problem
    return min(cpu_count(), len(files)) if size >= MIN_PARALLEL_BYTES else 1


def check_file(path: str, index, as_of: dt.date | None, rules, stats: bool, text: str | None = None):
    """Findings (and citation coverage, when asked) of one draft; ``text`` stands in for reading ``path``."""
    from factlint.document.parse import is_markdown_path, parse_document
    from factlint.drafts import read_draft
    from factlint.engine import check_document

    doc = parse_document(read_draft(path) if text is None else text, path, markdown=is_markdown_path(path))
    day = as_of or doc.date or dt.date.today()
    coverage: list | None = [] if stats else None
    return check_document(doc, index, day, rules, coverage), coverage


def _init(index, as_of: dt.date | None, rules, stats: bool) -> None:
    """Worker initializer: keep the run's shared inputs for every file this worker checks."""
    _STATE.update(index=index, as_of=as_of, rules=rules, stats=stats)


def _work(item: tuple[str, str | None]):
    """Check one file in a worker; a FactlintError comes back as data (its class does not unpickle)."""
    path, text = item
    try:
        return "ok", check_file(path, _STATE["index"], _STATE["as_of"], _STATE["rules"], _STATE["stats"], text)
    except FactlintError as exc:
        return "error", (type(exc), exc.path, exc.message, exc.line, exc.column)


def _pool(jobs: int, initargs: tuple):
    """A process pool; forked workers on Linux so the index is inherited, not pickled."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init, initargs=initargs)


def check_files(files: list[str], index, as_of: dt.date | None, rules, *, stats: bool = False,
                jobs: int | None = None) -> tuple[list, list | None]:
    """Findings of every file in file order, and per-file coverage when ``stats``; ``jobs`` None means auto."""
    from factlint.drafts import read_draft

    jobs = default_jobs(files) if jobs is None else max(1, min(jobs, len(files)))
    findings: list = []
    coverage: list | None = [] if stats else None
    if jobs == 1:
        results = (check_file(path, index, as_of, rules, stats) for path in files)
    else:
        items = [(path, read_draft(path) if path == "-" else None) for path in files]
        try:
            pool = _pool(jobs, (index, as_of, rules, stats))
        except (OSError, NotImplementedError, ImportError):  # no process support here: run serially
            pool = None
        if pool is None:
            results = (check_file(path, index, as_of, rules, stats, text) for path, text in items)
        else:
            with pool:
                chunk = max(1, len(items) // (jobs * 8))
                outcomes = list(pool.map(_work, items, chunksize=chunk))
            results = []
            for status, value in outcomes:
                if status == "error":
                    cls, path, message, line, column = value
                    raise cls(path, message, line, column)
                results.append(value)
    for found, cov in results:
        findings.extend(found)
        if coverage is not None:
            coverage.extend(cov)
    return findings, coverage
