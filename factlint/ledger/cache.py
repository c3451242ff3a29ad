"""A per-file cache of parsed, validated ledger files (pickles keyed by content, version and schema).

The cache only ever speeds things up: a missing, read-only, corrupt or stale entry means the file
is parsed again, never that a run fails.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from factlint import __version__
from factlint.ledger.files import read_bytes
from factlint.ledger.lean import blake2b, loads

# Bump whenever the pickled records (model.py, parsed.py, problems.py) change shape or meaning.
# 4: FL314 (keywords of function words); 3: subject keys keep every other number and word with digits ("Q2");
# 2: case twins ("mıllion").
SCHEMA = 4
_MAGIC = "factlint-ledger-cache"
# A file's hash is remembered against its stat only once the file has been still this long: a file
# written twice within one timestamp tick, at the same size, would otherwise keep its first hash
# (git's "racily clean" entries). Any later write moves ctime past the remembered one.
SETTLE_NS = 2_000_000_000


def cache_dir() -> Path:
    """$FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint/ledger, else ~/.cache/factlint/ledger."""
    explicit = os.environ.get("FACTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "factlint" / "ledger"


def _digest(*parts: str) -> str:
    """BLAKE2b-256 of the parts, separated so that ('ab', 'c') differs from ('a', 'bc')."""
    return _hash("\0".join(parts).encode("utf-8", "surrogatepass"))


def _hash(data: bytes) -> str:
    """BLAKE2b with a 256-bit digest, in hex: as strong as sha256, and importable without hashlib."""
    return blake2b(data, digest_size=32).hexdigest()


def file_key(path: str, data: bytes) -> str:
    """A file's key: its content hash, factlint's version, the schema, and the path as shown in messages."""
    return _key_of(path, _hash(data))


def _key_of(path: str, content: str) -> str:
    """file_key from the content's hash (hex): one formula for file_key and file_key_of."""
    return _digest(content, __version__, str(SCHEMA), path)


def file_key_of(path: Path) -> str:
    """file_key of the file on disk, read and hashed only when its stat differs from the last hashing."""
    name = entry_name("stat", os.path.abspath(path), "blake2b")
    before = _signature(path)
    digest = read(name, before) if before else None
    if not isinstance(digest, str):
        digest = _hash(read_bytes(path))  # raises LedgerError on an unreadable file
        settled = before and time.time_ns() - max(before[3:]) > SETTLE_NS  # since the last mtime or ctime
        if settled and _signature(path) == before:  # unchanged while it was read
            write(name, before, digest)
    return _key_of(str(path), digest)


def _signature(path: Path) -> tuple[int, ...] | None:
    """Device, inode, size, mtime and ctime: ctime moves on every write and cannot be set back by hand."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def entry_name(kind: str, group: str, key: str) -> str:
    """'<kind>-<group>-<key>.pickle'; entries of one group (a path, a path set) replace each other."""
    return f"{kind}-{_digest(group)[:16]}-{key[:40]}.pickle"


def combined_key(keys: list[str]) -> str:
    """The key of a whole ledger: its files' keys in order."""
    return _digest(*keys)


# An entry: _HEAD, the number of out-of-band buffers, the pickle's length and each buffer's (8 bytes each,
# little-endian), then the pickle, then the buffers. The pickle (protocol 5) leaves the large byte buffers
# of the index's packed stores and maps (store.Packed, store.PackedMap) out of band, and a big entry is
# mapped, not read: they are used in place, never copied, and a forked process shares their pages. The
# 48 MB index of 100k facts loads in a fresh process in 7-10 ms, all of it on the run's serial path
# (73-77 ms when entries were read whole; 61-65 ms mapped, with only its facts and features packed).
_HEAD = b"FLC5"
_WORD = 8
_MAP_FROM = 1 << 20  # smaller entries are read whole: mapping costs more than it saves


def read(name: str, key: str) -> Any | None:
    """The cached value, or None when absent, unreadable, corrupt or written for another key."""
    try:
        magic, stored_key, value = _load(cache_dir() / name)
    except Exception:  # noqa: BLE001 - any broken entry (truncated, foreign, stale classes) is rebuilt
        return None
    return value if magic == _MAGIC and stored_key == key else None


def _load(path: Path) -> Any:
    """What an entry holds; raises on any entry not written whole by ``write``."""
    with open(path, "rb") as stream:
        data = _mapped(stream) if os.fstat(stream.fileno()).st_size >= _MAP_FROM else None
        if data is None:
            data = memoryview(stream.read())
    if data[: len(_HEAD)] != _HEAD:
        raise ValueError("not a cache entry")
    count, size = _number(data, 0), _number(data, 1)
    at = len(_HEAD) + _WORD * (2 + count)
    if at > len(data):  # a count no entry of this size holds: read no further
        raise ValueError("short cache entry")
    sizes = [_number(data, 2 + k) for k in range(count)]
    if at + size + sum(sizes) != len(data):
        raise ValueError("not a whole cache entry")
    body, at = data[at : at + size], at + size
    buffers = []
    for length in sizes:
        buffers.append(data[at : at + length])
        at += length
    return loads(body, buffers=buffers)


def _mapped(stream) -> memoryview | None:
    """The open file mapped read-only (the mapping outlives the file's closing); None where it cannot be
    mapped (a file system without mmap), and the entry is read instead: a cache that cannot be mapped
    must not be rebuilt on every run."""
    import mmap  # a C module

    try:
        return memoryview(mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):
        return None


def _number(data: memoryview, k: int) -> int:
    """The k-th number of an entry's header."""
    start = len(_HEAD) + _WORD * k
    if start + _WORD > len(data):
        raise ValueError("short cache entry")
    return int.from_bytes(data[start : start + _WORD], "little")


def _entry(value: Any) -> list[bytes | memoryview]:
    """The parts of an entry, in order, as ``_load`` reads them."""
    import pickle

    buffers: list[pickle.PickleBuffer] = []
    body = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    head = _HEAD + b"".join(n.to_bytes(_WORD, "little") for n in (len(raws), len(body), *map(len, raws)))
    return [head, body, *raws]


def write(name: str, key: str, value: Any) -> None:
    """Store atomically (temp file + rename) and drop older entries of the same group; never raises OSError."""
    import pickle  # only when writing, like tempfile: a cached run does not pay for their imports
    import tempfile

    folder = cache_dir()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as stream:
            stream.writelines(_entry((_MAGIC, key, value)))
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
