"""Fetch one URL through the cache and turn the answer into what the checks need."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, replace

from factlint.sources.cache import Cache, CacheEntry
from factlint.sources.decode import decode, is_html, is_supported, media_type
from factlint.sources.fetch import Fetcher, FetchFailure, Response, Validators
from factlint.sources.visible import visible_text


@dataclass(frozen=True)
class Outcome:
    """Everything learned about one URL."""

    url: str
    error: str | None = None  # why the page could not be read: FL401
    moved_to: str | None = None  # the new address after permanent redirects: FL402
    media_type: str = ""
    text: str | None = None  # normalised visible text; None when the type is unsupported or on error
    truncated: bool = False
    changed_since: float | None = None  # when the differing earlier copy was fetched: FL404


def _digest(text: str | None, body: bytes) -> str:
    """What 'the content changed' compares: visible text, so rotating ads or nonces in scripts do not count."""
    data = text.encode("utf-8") if text is not None else body
    return hashlib.sha256(data).hexdigest()


def _readable(content_type: str, body: bytes) -> tuple[str, str | None]:
    """The media type and, when HTML or plain text, the normalised visible text."""
    kind = media_type(content_type, body)
    if not is_supported(kind):
        return kind, None
    return kind, visible_text(decode(body, content_type, is_html(kind)), is_html(kind))


def _from_entry(entry: CacheEntry) -> Outcome:
    """An Outcome built from a cached page (fresh, or just revalidated with a 304)."""
    kind, text = _readable(entry.content_type, entry.body)
    moved = Response(entry.url, entry.final_url, 200, "", entry.hops).permanent_target()
    return Outcome(entry.url, None, moved, kind, text, entry.truncated)


def _http_error(resp: Response) -> str:
    """'HTTP 404 Not Found', naming where the redirects ended and how many tries it took."""
    text = f"HTTP {resp.status} {resp.reason}".rstrip()
    if resp.hops:
        text += f" at {resp.final_url}"
    if resp.attempts > 1:
        text += f" after {resp.attempts} attempts"
    return text


def inspect_url(url: str, fetcher: Fetcher, cache: Cache | None, max_age: float, now: float | None = None) -> Outcome:
    """Use a fresh cached copy, else fetch (revalidating a stale copy) and record the result."""
    now = time.time() if now is None else now
    entry = cache.get(url) if cache else None
    if entry and now - entry.fetched_at < max_age:
        return _from_entry(entry)
    validators = Validators(entry.final_url, entry.etag, entry.last_modified) if entry else None
    try:
        resp = fetcher.fetch(url, validators)
    except FetchFailure as exc:
        return Outcome(url, error=exc.reason)
    if resp.status == 304 and entry:
        entry = replace(entry, fetched_at=now, hops=resp.hops, etag=resp.headers.get("etag", entry.etag),
                        last_modified=resp.headers.get("last-modified", entry.last_modified))
        cache.put(entry)
        return _from_entry(entry)
    if not 200 <= resp.status < 300:
        return Outcome(url, error=_http_error(resp), moved_to=resp.permanent_target())
    return _store(url, resp, entry, cache, now)


def _store(url: str, resp: Response, old: CacheEntry | None, cache: Cache | None, now: float) -> Outcome:
    """Record a fresh 2xx page and compare it with the previous copy."""
    content_type = resp.headers.get("content-type", "")
    kind, text = _readable(content_type, resp.body)
    digest = _digest(text, resp.body)
    entry = CacheEntry(url, resp.final_url, now, content_type, resp.headers.get("etag"),
                       resp.headers.get("last-modified"), resp.hops, resp.truncated, digest, resp.body)
    if cache:
        cache.put(entry)
    changed = old.fetched_at if old and old.text_sha256 and old.text_sha256 != digest else None
    return Outcome(url, None, resp.permanent_target(), kind, text, resp.truncated, changed)
