"""Command-line interface. Heavy modules are imported inside the commands that need them."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

import click

from factlint import __version__
from factlint.errors import FactlintError

EXIT_ERROR = 2  # usage, config, input and ledger errors; 0 and 1 come from run_check


def fail(error: FactlintError | str) -> NoReturn:
    """Print one clear line to stderr and exit 2."""
    click.echo(f"factlint: {error.format() if isinstance(error, FactlintError) else error}", err=True)
    sys.exit(EXIT_ERROR)


def _parse_as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """--as-of YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept repeated options and comma-separated lists."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


class _Main(click.Group):
    """The top-level group; `ledger` and `sources` are imported only when named or listed."""

    LAZY = {"ledger": "factlint.ledger.cli", "sources": "factlint.sources.cli"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY:
            import importlib

            return getattr(importlib.import_module(self.LAZY[name]), name)
        return super().get_command(ctx, name)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="factlint")
def main() -> None:
    """Check the figures, dates and names in drafts against a ledger of sourced facts."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--ledger", "ledgers", multiple=True, type=click.Path(path_type=Path),
              help="Ledger YAML file (repeatable). Default: config 'ledger', else ./facts.yaml.")
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format: text, json, sarif, github, gitlab, or auto (github + text in GitHub Actions).")
@click.option("--as-of", callback=_parse_as_of, help="The draft's date (YYYY-MM-DD). Default: front matter, else today.")
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (e.g. FL1,FL201).")
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails the run.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary line.")
@click.option("--stats", is_flag=True, help="Report citation coverage: claims found, supported, cited, neither.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the drafts.")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(path_type=Path),
              help="Record the current findings in this baseline file (other files' entries are kept).")
@click.option("--color/--no-color", default=None, help="Colour the text report. Default: on a terminal, unless NO_COLOR.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Check files (or the sections of one long file) in N processes. Default: the core count "
                   "for many files or a file over 256 KB.")
def check(paths: tuple[str, ...], ledgers: tuple[Path, ...], fmt: str, as_of: dt.date | None,
          select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, quiet: bool, stats: bool,
          encoding: str, baseline: Path | None, write_baseline: Path | None, color: bool | None,
          jobs: int | None) -> None:
    """Check drafts (files, directories or - for stdin) against the ledger."""
    import os

    from factlint.gcpause import paused_gc

    # Collections during the run's imports and between drafts find nothing: each draft's pipeline
    # creates no reference cycles (tests/test_parallel.py), and ledger loading is paused anyway.
    with paused_gc():
        from factlint.output import use_color
        from factlint.run import run_check

        try:
            code = run_check(paths, ledgers=ledgers, fmt=fmt, as_of=as_of, select=_codes(select),
                             ignore=_codes(ignore), fail_on=fail_on, quiet=quiet, stats=stats, encoding=encoding,
                             baseline=baseline, write_baseline=write_baseline,
                             color=use_color(color, sys.stdout, os.environ), jobs=jobs)
        except FactlintError as exc:
            fail(exc)
    sys.exit(code)


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the rule catalogue, or show one rule's documentation and examples."""
    from factlint.catalogue import load_catalogue
    from factlint.output import emit
    from factlint.rule_docs import rule_doc, rule_table

    catalogue = load_catalogue()
    rule = None
    if code is not None:
        rule = catalogue.get(code.upper()) or next((r for r in catalogue.values() if r.name == code), None)
        if rule is None:
            fail(f"unknown rule {code!r}; run 'factlint rules' for the list")
    try:
        emit(rule_table(catalogue) if rule is None else rule_doc(rule))
    except FactlintError as exc:
        fail(exc)
