"""A per-file cache of parsed, validated ledger files (pickles keyed by content, version and schema).

The cache only ever speeds things up: a missing, read-only, corrupt or stale entry means the file
is parsed again, never that a run fails.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from factlint import __version__

# Bump whenever the pickled records (model.py, parsed.py, problems.py) change shape or meaning.
SCHEMA = 1
_MAGIC = "factlint-ledger-cache"


def cache_dir() -> Path:
    """$FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint/ledger, else ~/.cache/factlint/ledger."""
    explicit = os.environ.get("FACTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "factlint" / "ledger"


def _digest(*parts: str) -> str:
    """sha256 of the parts, separated so that ('ab', 'c') differs from ('a', 'bc')."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def file_key(path: str, data: bytes) -> str:
    """A file's key: its content hash, factlint's version, the schema, and the path as shown in messages."""
    return _digest(hashlib.sha256(data).hexdigest(), __version__, str(SCHEMA), path)


def entry_name(kind: str, group: str, key: str) -> str:
    """'<kind>-<group>-<key>.pickle'; entries of one group (a path, a path set) replace each other."""
    return f"{kind}-{_digest(group)[:16]}-{key[:40]}.pickle"


def combined_key(keys: list[str]) -> str:
    """The key of a whole ledger: its files' keys in order."""
    return _digest(*keys)


def read(name: str, key: str) -> Any | None:
    """The cached value, or None when absent, unreadable, corrupt or written for another key."""
    try:
        with open(cache_dir() / name, "rb") as stream:
            magic, stored_key, value = pickle.load(stream)
    except Exception:  # noqa: BLE001 - any broken entry (truncated, foreign, stale classes) is rebuilt
        return None
    return value if magic == _MAGIC and stored_key == key else None


def write(name: str, key: str, value: Any) -> None:
    """Store atomically (temp file + rename) and drop older entries of the same group; never raises OSError."""
    import tempfile  # only when writing: a cached run does not pay for its import

    folder = cache_dir()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as stream:
            pickle.dump((_MAGIC, key, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / name)
        tmp = None
        _prune(folder, name)
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # a cache that cannot be written is only slower
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path, name: str) -> None:
    """Remove entries of the same kind and group with another key (the file's earlier contents)."""
    prefix = name[: name.rindex("-") + 1]
    for old in folder.glob(prefix + "*.pickle"):
        if old.name != name:
            try:
                old.unlink()
            except OSError:
                pass
