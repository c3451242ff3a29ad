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
              fail_on: str | None = None, quiet: bool = False, stats: bool = False,
              encoding: str = "utf-8") -> int:
    """Check drafts, print the report, return the exit code."""
    from factlint.document.parse import is_markdown_path, parse_document
    from factlint.drafts import BinaryDraft, collect, read_draft
    from factlint.engine import RuleSet, check_document
    from factlint.reporters import REPORTERS

    config = load_config()
    if fmt not in REPORTERS:
        raise InputError(None, f"unknown format {fmt!r} (choose from {', '.join(REPORTERS)})")
    rules = RuleSet.build(select or config.select, ignore or config.ignore, config.severity)
    files = collect(paths, config.exclude)
    index = load_index(resolve_ledgers(ledgers, config.ledger))
    findings = []
    coverage: list[Coverage] | None = [] if stats else None
    checked = 0
    for path in files:
        try:
            text = read_draft(path, encoding)
        except BinaryDraft as exc:
            if path in paths:
                raise
            click.echo(f"factlint: skipping {exc.path}: {exc.message}", err=True)
            continue
        checked += 1
        doc = parse_document(text, path, markdown=is_markdown_path(path))
        day = as_of or doc.date or dt.date.today()
        findings.extend(check_document(doc, index, day, rules, coverage))
    report = Report(tuple(findings), checked, sum(coverage, Coverage()) if coverage is not None else None)
    output = REPORTERS[fmt](report)
    if quiet and fmt == "text":
        output = "".join(line + "\n" for line in output.splitlines() if not line.startswith(("Found ", "No findings")))
    click.echo(output, nl=False)
    threshold = severity_rank(fail_on or config.fail_on)
    return 1 if any(severity_rank(f.severity) >= threshold for f in report.findings) else 0
