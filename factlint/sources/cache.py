"""An on-disk cache of fetched pages: one JSON record and one body file per URL."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from factlint.sources.fetch import Hop

FORMAT = 1


@dataclass(frozen=True)
class CacheEntry:
    """What we know about a URL from its last successful fetch."""

    url: str
    final_url: str
    fetched_at: float  # Unix time of the last fetch or 304 revalidation
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    hops: tuple[Hop, ...] = ()
    truncated: bool = False
    text_sha256: str = ""  # digest of the normalised visible text: what FL404 compares
    body: bytes = b""


class Cache:
    """Pages under ``root``, named by a hash of their URL; unreadable records count as missing."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _paths(self, url: str) -> tuple[Path, Path]:
        """The record and body files for a URL."""
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return self.root / f"{key}.json", self.root / f"{key}.body"

    def get(self, url: str) -> CacheEntry | None:
        """The cached entry, or None when absent, for another URL, or damaged."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT or meta.get("url") != url:
                return None
            hops = tuple(Hop(**h) for h in meta.pop("hops"))
            fields = {k: meta[k] for k in CacheEntry.__dataclass_fields__ if k in meta and k not in ("hops", "body")}
            return CacheEntry(**fields, hops=hops, body=body_path.read_bytes())
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, entry: CacheEntry) -> None:
        """Store an entry; body first, so a record never points at a missing or older body."""
        meta_path, body_path = self._paths(entry.url)
        meta = {k: v for k, v in asdict(entry).items() if k != "body"}
        meta["format"] = FORMAT
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _atomic_write(body_path, entry.body)
            _atomic_write(meta_path, json.dumps(meta, indent=1).encode("utf-8"))
        except OSError:
            pass  # the cache only saves time; a full disk must not fail the check (writability is tested up front)

    def ensure_writable(self) -> None:
        """Create the directory and prove we can write in it; OSError otherwise."""
        self.root.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.root / ".probe", b"")
        (self.root / ".probe").unlink()


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so an interrupted run leaves the old file intact."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
