"""The `check` command's work, separated from click so it can be called and tested directly."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from factlint.config import load_config
from factlint.coverage import Coverage
from factlint.errors import ConfigError
from factlint.findings import Report, severity_rank


def resolve_ledgers(cli: tuple[Path, ...], configured: tuple[Path, ...]) -> tuple[Path, ...]:
    """--ledger, else the config's ledger, else ./facts.yaml; exit 2 with advice when none exists."""
    if cli:
        return cli
    if configured:
        return configured
    default = Path("facts.yaml")
    if default.is_file():
        return (default,)
    raise ConfigError(None, "no ledger found: pass --ledger PATH, add 'ledger: PATH' to .factlint.yaml "
                            "or [tool.factlint] in pyproject.toml, or create facts.yaml here")


# The index of the last run, kept to the end of the process. The console command leaves through
# os._exit (factlint/entry.py); freeing a 100k-fact index object by object as run_check returned
# cost ~60 ms. Only the last is kept, so a process that checks many times holds one index at most.
_LAST_INDEX: list = []


def load_index(paths: tuple[Path, ...]):
    """Load the ledger files and build the matching index (both cached)."""
    from factlint.matching.cached import load_index as cached_index

    index = cached_index(paths)
    _LAST_INDEX[:] = [index]
    return index


def run_check(paths: tuple[str, ...], *, ledgers: tuple[Path, ...] = (), fmt: str = "text",
              as_of: dt.date | None = None, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
              fail_on: str | None = None, quiet: bool = False, stats: bool = False,
              encoding: str = "utf-8", baseline: Path | None = None, write_baseline: Path | None = None,
              color: bool = False, jobs: int | None = None) -> int:
    """Check drafts, print the report, return the exit code."""
    from factlint.drafts import collect
    from factlint.engine import RuleSet
    from factlint.output import emit, render_output, resolve_formats
    from factlint.parallel import check_files

    config = load_config()
    formats = resolve_formats(fmt, os.environ)
    rules = RuleSet.build(select or config.select, ignore or config.ignore, config.severity)
    files = collect(paths, config.exclude)
    index = load_index(resolve_ledgers(ledgers, config.ledger))
    findings, coverage, checked = check_files(files, index, as_of, rules, stats=stats, jobs=jobs,
                                              encoding=encoding, explicit=paths)
    if baseline or write_baseline:  # imported only here: hashing and JSON are not on the common path
        from factlint.baseline import apply_baseline

        findings, note = apply_baseline(findings, files, baseline, write_baseline)
        if note:
            click.echo(f"factlint: {note}", err=True)
    report = Report(tuple(findings), checked, sum(coverage, Coverage()) if coverage is not None else None)
    output = render_output(report, formats, color)
    if quiet and "text" in formats:
        output = "".join(line + "\n" for line in output.splitlines() if not line.startswith(("Found ", "No findings")))
    emit(output, nl=False, color=color or None)
    threshold = severity_rank(fail_on or config.fail_on)
    return 1 if any(severity_rank(f.severity) >= threshold for f in report.findings) else 0
