"""`factlint sources`: click and the standard library only, so `factlint check` never pays for requests."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factlint.sources.options import DEFAULT_MAX_AGE, DEFAULT_MAX_BYTES, parse_duration, parse_size


def _duration(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    """--max-age 12h -> seconds."""
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _size(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    """--max-bytes 5MiB -> bytes."""
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


_ledger_option = click.option(
    "--ledger", "ledgers", multiple=True, type=click.Path(path_type=Path),
    help="Ledger YAML file (repeatable). Default: config 'ledger', else ./facts.yaml.")
_timeout_option = click.option(
    "--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
    help="Seconds to wait for a connection and for each read; a whole download gets 4x this.")


@click.group()
def sources() -> None:
    """Verify the ledger's sources over HTTP (the only command that uses the network)."""


@sources.command("check")
@_ledger_option
@click.option("--only", multiple=True, help="Check only these source ids (repeatable or comma-separated).")
@click.option("--jobs", "-j", default=8, show_default=True, type=click.IntRange(min=1, max=64),
              help="Pages fetched in parallel (at most 2 at a time from one host).")
@_timeout_option
@click.option("--max-age", default=DEFAULT_MAX_AGE, show_default=True, callback=_duration,
              help="Reuse a cached page younger than this (e.g. 0, 30m, 12h, 7d); older ones are revalidated.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, callback=_size,
              help="Read at most this much of a page; larger pages are cut off and reported.")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(min=0, max=10),
              help="Retries after 429 or 5xx answers, waiting as Retry-After asks (at most 30 s).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Cache directory. Default: $FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint/sources.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text or json.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails the run.")
def check(ledgers: tuple[Path, ...], only: tuple[str, ...], jobs: int, timeout: float, max_age: float,
          max_bytes: int, retries: int, cache_dir: Path | None, no_cache: bool, fmt: str, fail_on: str | None) -> None:
    """Fetch every source with a url; report unreachable, moved, unquoted and changed pages."""
    from factlint.cli import fail
    from factlint.errors import FactlintError
    from factlint.sources.run import CheckOptions, run_check

    ids = tuple(i.strip() for v in only for i in v.split(",") if i.strip())
    opts = CheckOptions(ledgers, ids, jobs, timeout, max_age, max_bytes, retries, cache_dir, not no_cache, fmt, fail_on)
    try:
        code = run_check(opts)
    except FactlintError as exc:
        fail(exc)
    sys.exit(code)


@sources.command("archive")
@_ledger_option
@click.option("--write", is_flag=True, help="Add the archive_url lines to the ledger in place (comments are kept).")
@_timeout_option
@click.option("--jobs", "-j", default=4, show_default=True, type=click.IntRange(min=1, max=16),
              help="Lookups in parallel.")
def archive(ledgers: tuple[Path, ...], write: bool, timeout: float, jobs: int) -> None:
    """Find Wayback Machine snapshots for sources without archive_url; print the lines, or add them with --write."""
    from factlint.cli import fail
    from factlint.errors import FactlintError
    from factlint.sources.run import run_archive

    try:
        code = run_archive(ledgers, write, timeout, jobs)
    except FactlintError as exc:
        fail(exc)
    sys.exit(code)
