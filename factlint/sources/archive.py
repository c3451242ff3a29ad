"""Look up sources in the Wayback Machine's availability API."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from urllib.parse import urlencode

from factlint.ledger.model import Source
from factlint.sources.fetch import Fetcher, FetchFailure

DEFAULT_API = "https://archive.org/wayback/available"


@dataclass(frozen=True)
class Snapshot:
    """The result of one lookup: an archive URL, nothing archived, or why the lookup failed."""

    source: str
    url: str  # the source's own URL
    archive_url: str | None = None
    error: str | None = None


def api_base(env: dict[str, str] | None = None) -> str:
    """$FACTLINT_WAYBACK_API, else the public availability endpoint."""
    env = os.environ if env is None else env
    return env.get("FACTLINT_WAYBACK_API") or DEFAULT_API


def _timestamp(source: Source) -> str | None:
    """YYYYMMDD to ask for the snapshot nearest when the writer read the page (accessed, else published)."""
    when = source.accessed or source.published
    if when is None:
        return None
    return f"{when.year:04d}{when.month or 1:02d}{when.day or 1:02d}"


def parse_availability(body: bytes) -> str | None:
    """The closest available snapshot's URL (https), or None; ValueError when the answer is not the API's."""
    data = json.loads(body.decode("utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("archived_snapshots"), dict):
        raise ValueError("unexpected answer from the availability API")
    closest = data["archived_snapshots"].get("closest") or {}
    if not closest.get("available") or not isinstance(closest.get("url"), str):
        return None
    url = closest["url"]
    # The API answers with http:// links to web.archive.org, which serves the same page over https.
    return "https://" + url[len("http://"):] if url.startswith("http://web.archive.org/") else url


def lookup(fetcher: Fetcher, api: str, source: Source) -> Snapshot:
    """Ask the availability API about one source."""
    params = {"url": source.url}
    stamp = _timestamp(source)
    if stamp:
        params["timestamp"] = stamp
    try:
        resp = fetcher.fetch(f"{api}?{urlencode(params)}")
    except FetchFailure as exc:
        return Snapshot(source.id, source.url, error=f"Wayback lookup failed: {exc.reason}")
    if resp.status != 200:
        return Snapshot(source.id, source.url, error=f"Wayback API answered HTTP {resp.status} {resp.reason}".rstrip())
    try:
        return Snapshot(source.id, source.url, archive_url=parse_availability(resp.body))
    except (ValueError, UnicodeDecodeError):
        return Snapshot(source.id, source.url, error="Wayback API sent an answer that is not availability JSON")
