"""The `check` command's work, separated from click so it can be called and tested directly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from factlint.config import load_config
from factlint.coverage import Coverage
from factlint.errors import ConfigError, InputError
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


def load_index(paths: tuple[Path, ...]):
    """Load the ledger files and build the matching index."""
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex

    return LedgerIndex.build(load_ledgers(paths))


def run_check(paths: tuple[str, ...], *, ledgers: tuple[Path, ...] = (), fmt: str = "text",
              as_of: dt.date | None = None, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
              fail_on: str | None = None, quiet: bool = False, stats: bool = False, jobs: int | None = None) -> int:
    """Check drafts, print the report, return the exit code."""
    from factlint.drafts import collect
    from factlint.engine import RuleSet
    from factlint.parallel import check_files
    from factlint.reporters import REPORTERS

    config = load_config()
    if fmt not in REPORTERS:
        raise InputError(None, f"unknown format {fmt!r} (choose from {', '.join(REPORTERS)})")
    rules = RuleSet.build(select or config.select, ignore or config.ignore, config.severity)
    files = collect(paths, config.exclude)
    index = load_index(resolve_ledgers(ledgers, config.ledger))
    findings, coverage = check_files(files, index, as_of, rules, stats=stats, jobs=jobs)
    report = Report(tuple(findings), len(files), sum(coverage, Coverage()) if coverage is not None else None)
    output = REPORTERS[fmt](report)
    if quiet and fmt == "text":
        output = "".join(line + "\n" for line in output.splitlines() if not line.startswith(("Found ", "No findings")))
    click.echo(output, nl=False)
    threshold = severity_rank(fail_on or config.fail_on)
    return 1 if any(severity_rank(f.severity) >= threshold for f in report.findings) else 0
