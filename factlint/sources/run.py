"""The `sources check` command's work, separated from click so tests can call it directly."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import click

from factlint import output
from factlint.errors import InputError, LedgerError
from factlint.findings import Finding, Report, severity_rank
from factlint.ledger.model import Fact, Ledger, Source
from factlint.sources.locate import Places


@dataclass(frozen=True)
class CheckOptions:
    """Everything `factlint sources check` was asked to do."""

    ledgers: tuple[Path, ...] = ()
    only: tuple[str, ...] = ()
    jobs: int = 8
    timeout: float = 10.0
    max_age: float = 86400.0
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 2
    cache_dir: Path | None = None  # None: the default location
    use_cache: bool = True
    fmt: str = "text"
    fail_on: str | None = None


def check_url(url: str, where: tuple[str, int], sid: str) -> None:
    """An absolute http(s) URL, else a LedgerError naming the source."""
    parts = urlsplit(url) if isinstance(url, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise LedgerError(where[0], f"source {sid}: url {url!r} is not an absolute http(s) URL", where[1])


def select_sources(ledger: Ledger, only: tuple[str, ...], places: Places) -> list[Source]:
    """The sources to check, in ledger order: --only ones, else every source with a url."""
    for sid in only:
        if sid not in ledger.sources:
            raise InputError(None, f"unknown source {sid!r} (--only)")
        if not ledger.sources[sid].url:
            raise InputError(None, f"source {sid!r} has no url to check (--only)")
    chosen = [s for s in ledger.sources.values() if s.url and (not only or s.id in only)]
    for source in chosen:
        check_url(source.url, places.source(source.id, ledger.paths[0]), source.id)
    return chosen


def fetch_all(urls: list[str], opts: CheckOptions, sleep: Callable[[float], None] | None = None) -> dict[str, Any]:
    """Inspect every URL on a thread pool, with a progress bar on a terminal; results keyed by URL."""
    import time

    from factlint.sources.cache import Cache
    from factlint.sources.fetch import Fetcher, FetchPolicy
    from factlint.sources.options import default_cache_dir, user_agent
    from factlint.sources.pages import inspect_url
    from factlint.sources.progress import Progress

    policy = FetchPolicy(user_agent(), connect_timeout=opts.timeout, read_timeout=opts.timeout,
                         total_timeout=opts.timeout * 4, max_bytes=opts.max_bytes, retries=opts.retries)
    fetcher = Fetcher(policy, sleep or time.sleep)
    cache = Cache(opts.cache_dir or default_cache_dir()) if opts.use_cache else None
    if cache:
        try:
            cache.ensure_writable()
        except OSError as exc:
            raise InputError(str(cache.root), f"cannot use the cache directory: {exc.strerror or exc}") from None
    progress = Progress(len(urls), "sources")
    results = {}
    with ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        futures = {pool.submit(inspect_url, url, fetcher, cache, opts.max_age): url for url in urls}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            progress.advance(urlsplit(futures[future]).hostname or "")
    progress.close()
    return results


def facts_by_source(facts: tuple[Fact, ...]) -> dict[str, list[Fact]]:
    """Each source id's citing facts, in ledger order."""
    cited: dict[str, list[Fact]] = {}
    for fact in facts:
        for sid in dict.fromkeys(fact.sources):
            cited.setdefault(sid, []).append(fact)
    return cited


def run_check(opts: CheckOptions, sleep: Callable[[float], None] | None = None) -> int:
    """Check the sources, print the report, return the exit code."""
    from factlint.catalogue import load_catalogue
    from factlint.config import load_config
    from factlint.ledger.load import load_ledgers
    from factlint.reporters import REPORTERS
    from factlint.run import resolve_ledgers
    from factlint.sources.locate import find_places
    from factlint.sources.verdicts import Emitter, source_findings

    config = load_config()
    if opts.fmt not in REPORTERS:
        raise InputError(None, f"unknown format {opts.fmt!r} (choose from {', '.join(REPORTERS)})")
    ledger = load_ledgers(resolve_ledgers(opts.ledgers, config.ledger))
    places = find_places(ledger.paths)
    chosen = select_sources(ledger, opts.only, places)
    outcomes = fetch_all(list(dict.fromkeys(s.url for s in chosen)), opts, sleep)
    emit = Emitter(load_catalogue(), config.severity)
    cited = facts_by_source(ledger.facts)
    findings: list[Finding] = []
    for source in chosen:
        findings += source_findings(emit, source, outcomes[source.url], cited.get(source.id, []), places,
                                    ledger.paths[0], opts.max_bytes)
    report = Report(tuple(sorted(findings, key=Finding.sort_key)), len(ledger.paths))
    output.emit(REPORTERS[opts.fmt](report), nl=False)
    threshold = severity_rank(opts.fail_on or config.fail_on)
    return 1 if any(severity_rank(f.severity) >= threshold for f in report.findings) else 0


def lookup_all(sources: list[Source], timeout: float, jobs: int) -> list[Any]:
    """Wayback lookups on a thread pool, gently (two at a time per host), results in ledger order."""
    from factlint.sources.archive import api_base, lookup
    from factlint.sources.fetch import Fetcher, FetchPolicy
    from factlint.sources.options import user_agent
    from factlint.sources.progress import Progress

    policy = FetchPolicy(user_agent(), connect_timeout=timeout, read_timeout=timeout,
                         total_timeout=timeout * 4, max_bytes=1024 * 1024, backoff=2.0)
    fetcher, api = Fetcher(policy), api_base()
    progress = Progress(len(sources), "wayback")
    results = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(lookup, fetcher, api, source): source.id for source in sources}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            progress.advance(futures[future])
    progress.close()
    return [results[source.id] for source in sources]


def _read_exact(path: str) -> str:
    """A ledger's text with its newlines untouched (CRLF stays CRLF)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _write_exact(path: str, text: str) -> None:
    """Replace a ledger atomically, keeping its permissions."""
    import os
    import tempfile

    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sort_snapshots(snapshots: list, places: Places, default: str) -> tuple[dict, list, bool]:
    """Split lookups into additions per file, notes (path, line, text) and whether any lookup failed."""
    per_file: dict[str, dict[str, str]] = {}
    notes: list[tuple[str, int, str]] = []
    failed = False
    for snap in snapshots:
        path, line = places.source(snap.source, default)
        if snap.error:
            failed = True
            click.echo(f"factlint: {path}:{line}: source {snap.source}: {snap.error}", err=True)
        elif snap.archive_url is None:
            notes.append((path, line, f"{path}:{line}: source {snap.source} ({snap.url}): no snapshot in the "
                                      f"Wayback Machine; save one at https://web.archive.org/save/{snap.url}"))
        else:
            per_file.setdefault(path, {})[snap.source] = snap.archive_url
    return per_file, notes, failed


def _edit_files(per_file: dict[str, dict[str, str]], places: Places, write: bool) -> tuple[dict, list]:
    """Each file's edited text (verified) and the lines describing the edits; LedgerError if one is unsafe."""
    from factlint.sources.edit import EditError, add_archive_urls, plan

    edited: dict[str, str] = {}
    notes: list[tuple[str, int, str]] = []
    for path, additions in per_file.items():
        text = _read_exact(path)
        try:
            edited[path] = add_archive_urls(text, additions)
            planned = plan(text, additions)
        except EditError as exc:
            raise LedgerError(path, str(exc)) from None
        for ins in planned:
            _, line = places.source(ins.source, path)
            how = "change its line to" if ins.replace else "add"
            notes.append((path, line, f"{path}:{line}: added archive_url to source {ins.source}" if write
                          else f"{path}:{line}: source {ins.source}: {how}:\n{ins.text}"))
    return edited, notes


def run_archive(ledgers: tuple[Path, ...], write: bool, timeout: float = 10.0, jobs: int = 4) -> int:
    """Find Wayback snapshots for sources without archive_url; print the lines or, with write, add them."""
    from factlint.config import load_config
    from factlint.ledger.load import load_ledgers
    from factlint.run import resolve_ledgers
    from factlint.sources.locate import find_places

    ledger = load_ledgers(resolve_ledgers(ledgers, load_config().ledger))
    places = find_places(ledger.paths)
    todo = [s for s in ledger.sources.values() if s.url and not s.archive_url]
    for source in todo:
        check_url(source.url, places.source(source.id, ledger.paths[0]), source.id)
    per_file, notes, failed = _sort_snapshots(lookup_all(todo, timeout, jobs), places, ledger.paths[0])
    edited, planned = _edit_files(per_file, places, write)
    for _path, _line, text in sorted(notes + planned, key=lambda n: (n[0], n[1])):
        output.emit(text)
    if write:
        for path, text in edited.items():  # only after every file was planned and verified
            _write_exact(path, text)
    elif edited:
        n = sum(len(a) for a in per_file.values())
        output.emit(f"Run again with --write to add {n} archive_url line{'s' if n > 1 else ''} to the ledger.")
    return 1 if failed else 0
