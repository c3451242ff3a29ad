"""The ledger's facts kept as compact bytes until used, so a cached index loads without building them."""

from __future__ import annotations

import datetime as dt
import marshal
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from typing import Any, Callable, Iterable, Iterator
from zlib import crc32  # a 0.35 ms import; a check's first name lookup needs it anyway

from factlint.ledger.lean import loads
from factlint.ledger.model import Fact, PartialDate, Tolerance

# Fields that are not plain str/float/int/None/tuple values, and how to flatten and rebuild them.
_CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "tolerance": (lambda t: (t.amount, t.relative), lambda v: Tolerance(*v)),
    "date": (lambda d: (d.year, d.month, d.day), lambda v: PartialDate(*v)),
    "valid_from": (dt.date.toordinal, dt.date.fromordinal),
    "valid_until": (dt.date.toordinal, dt.date.fromordinal),
}
_FIELDS = Fact.__match_args__


def encode(fact: Fact) -> bytes:
    """A fact as marshal bytes of plain values: smaller than a pickle, and ~30% faster to read back."""
    values = []
    for name in _FIELDS:
        value = getattr(fact, name)
        codec = _CODECS.get(name)
        values.append(codec[0](value) if codec and value is not None else value)
    return marshal.dumps(tuple(values))


# For decode: the positions of the fields with a codec, and a setter per field of the slotted class.
_CODED = tuple((i, _CODECS[name][1]) for i, name in enumerate(_FIELDS) if name in _CODECS)
_SETTERS = tuple(Fact.__dict__[name].__set__ for name in _FIELDS)


def decode(data: bytes | memoryview) -> Fact:
    """The fact ``encode`` wrote."""
    values = marshal.loads(data)
    if any(values[i] is not None for i, _ in _CODED):
        values = list(values)
        for i, rebuild in _CODED:
            if values[i] is not None:
                values[i] = rebuild(values[i])
    # The slots set one by one, as the generated __init__ would: a frozen class's __init__ does so
    # through object.__setattr__ by name, ~40% of decoding (4.3 -> 2.6 us a fact; a 1 MB draft decodes ~20k).
    fact = object.__new__(Fact)
    for set_field, value in zip(_SETTERS, values):
        set_field(fact, value)
    return fact


class Packed:
    """Records in order, kept encoded in one buffer until first used (``decode`` of each one's bytes).

    One buffer of records and one of their end offsets: two buffers to unpickle (or map, out of band),
    not one bytes object per record (100k facts: 25 ms -> 2.5 ms as an array of ends, ~0 ms mapped).
    """

    __slots__ = ("_data", "_ends", "_view", "_items")

    def __init__(self, data: bytes | memoryview, ends: array | bytes | memoryview) -> None:
        self._data = data  # bytes, or a view of the mapped cache entry
        self._ends = memoryview(ends).cast("B").cast("Q")  # where each record's bytes end in _data
        self._view = memoryview(data)  # slices of it are read without copying
        self._items: list[Any] = [None] * len(self._ends)

    @staticmethod
    def decode(data: memoryview) -> Any:
        """A record from its bytes."""
        raise NotImplementedError

    @classmethod
    def pack(cls, blobs: Iterable[bytes]):
        """A store of these encoded records."""
        parts, ends, total = [], array("Q"), 0
        for blob in blobs:
            parts.append(blob)
            total += len(blob)
            ends.append(total)
        return cls(b"".join(parts), ends)

    def __getitem__(self, i: int) -> Any:
        item = self._items[i]  # raises IndexError out of range, like a list
        if item is None:
            ends = self._ends
            i %= len(ends)  # a negative index counts from the end
            item = self._items[i] = self.decode(self._view[ends[i - 1] if i else 0 : ends[i]])
        return item

    def __len__(self) -> int:
        return len(self._ends)

    def forget(self) -> None:
        """Drop every record decoded so far (the benchmarks' profiled second pass decodes as the first did)."""
        self._items[:] = [None] * len(self._ends)

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self._ends)))

    def __reduce_ex__(self, protocol: int) -> tuple:  # type: ignore[override]
        return (type(self), _buffers(protocol, self._view, self._ends))


class FactStore(Packed):
    """The ledger's facts in order, each kept encoded until first used.

    A short draft touches a few dozen facts of a 100k-fact ledger; building all of them on every
    load was most of a cached run's start-up.
    """

    __slots__ = ("_numbers",)
    decode = staticmethod(decode)

    def __init__(self, data: bytes | memoryview, ends: array | bytes | memoryview) -> None:
        super().__init__(data, ends)
        self._numbers: dict[str, int] = {}  # id -> number of each fact built so far

    @classmethod
    def of(cls, facts: Iterable[Fact]) -> "FactStore":
        """A store of these facts."""
        return cls.pack(encode(f) for f in facts)

    def __getitem__(self, i: int) -> Fact:
        fact = self._items[i]  # raises IndexError out of range, like a list
        if fact is None:
            fact = super().__getitem__(i)
            self._numbers[fact.id] = i % len(self._ends)
        return fact

    def forget(self) -> None:
        """Drop every fact built so far."""
        super().forget()
        self._numbers.clear()

    def number(self, fact: Fact) -> int | None:
        """The position of a fact this store built (looked up by id), else None."""
        return self._numbers.get(fact.id)


def pack_numbers(numbers: Iterable[int]) -> bytes:
    """Fact numbers as array("I") bytes: one object to unpickle, not one per number."""
    return array("I", numbers).tobytes()


def _buffers(protocol: int, *views: memoryview) -> tuple:
    """A packed store's buffers as its pickle's arguments: out of band where the protocol allows.

    Protocol 5 may leave them out of band: the ledger cache maps them from the entry's file and the
    store reads them in place (ledger/cache.py); other protocols copy them into the pickle.
    """
    if protocol >= 5:
        from pickle import PickleBuffer

        return tuple(map(PickleBuffer, views))
    return tuple(view.tobytes() for view in views)


def numbers_of(packed: bytes) -> memoryview:
    """The fact numbers pack_numbers wrote, read in place."""
    return memoryview(packed).cast("I")


_ABSENT = object()  # PackedMap's memo of a key it does not hold
_UNSEEN = object()  # a key PackedMap has not looked up yet


class PackedMap(Mapping):
    """A str-keyed map of marshal-able values (strings, tuples of them), kept in four buffers until looked up.

    The index's name maps (names, spellings, tokens, near-miss keys) are ~170k keys and values for a
    100k-fact ledger: as dicts, 36-40 of the 50-56 ms its cached index took to unpickle, all of it on
    a run's serial path. Packed, they load as four buffers (mapped in place from the cache); the first
    lookup of a key in a process costs 0.8 us (absent) to 1.9 us (found), and later ones are a dict
    lookup in the memo. A 1 MB draft makes ~16k lookups. Records are sorted by the CRC-32 of their
    key's bytes (stable across processes, unlike hash()): a lookup bisects the hashes, then compares keys.
    """

    __slots__ = ("_hashes", "_ends", "_data", "_order", "_memo")

    def __init__(self, hashes: bytes | memoryview, ends: bytes | memoryview, data: bytes | memoryview,
                 order: bytes | memoryview) -> None:
        self._hashes = memoryview(hashes).cast("B").cast("I")  # CRC-32 of each key, ascending
        self._ends = memoryview(ends).cast("B").cast("Q")  # record i: key to ends[2i], value to ends[2i + 1]
        self._data = memoryview(data).cast("B")  # keys (UTF-8) and values (marshal), record after record
        self._order = memoryview(order).cast("B").cast("I")  # the records in the packed mapping's order
        self._memo: dict[str, Any] = {}  # what this process looked up, found or not

    @classmethod
    def of(cls, mapping: Mapping[str, Any]) -> "PackedMap":
        """The map's items, packed."""
        keys = sorted((crc32(k := _key_bytes(key)), k, j, key) for j, key in enumerate(mapping))
        hashes, ends, order, parts, total = array("I"), array("Q"), array("I", bytes(4 * len(keys))), [], 0
        for i, (h, k, j, key) in enumerate(keys):
            value = marshal.dumps(mapping[key])
            parts += (k, value)
            hashes.append(h)
            ends.extend((total + len(k), total + len(k) + len(value)))
            order[j] = i
            total += len(k) + len(value)
        return cls(hashes.tobytes(), ends.tobytes(), b"".join(parts), order.tobytes())

    def get(self, key: object, default: Any = None) -> Any:
        """The value of ``key``, else ``default``."""
        value = self._memo.get(key, _UNSEEN)
        if value is _UNSEEN:
            value = self._memo[key] = self._find(key) if isinstance(key, str) else _ABSENT
        return default if value is _ABSENT else value

    def _find(self, key: str) -> Any:
        """Look ``key`` up in the buffers: its value, or _ABSENT."""
        k = _key_bytes(key)
        h, hashes, ends, data = crc32(k), self._hashes, self._ends, self._data
        i = bisect_left(hashes, h)
        while i < len(hashes) and hashes[i] == h:  # equal hashes: "plumless" and "buckeroo" share one
            start = ends[2 * i - 1] if i else 0
            if data[start : ends[2 * i]] == k:
                return marshal.loads(data[ends[2 * i] : ends[2 * i + 1]])
            i += 1
        return _ABSENT

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[str]:
        """The keys, in the order of the mapping they were packed from (as a dict's)."""
        ends, data = self._ends, self._data
        for i in self._order:
            yield str(data[ends[2 * i - 1] if i else 0 : ends[2 * i]], "utf-8", "surrogatepass")

    def forget(self) -> None:
        """Drop what was looked up (the benchmarks' profiled second pass looks up as the first did)."""
        self._memo.clear()

    def __reduce_ex__(self, protocol: int) -> tuple:  # type: ignore[override]
        return (type(self), _buffers(protocol, self._hashes, self._ends, self._data, self._order))


def _key_bytes(key: str) -> bytes:
    """A key as stored: UTF-8, lone surrogates kept (a str key round-trips whatever it holds)."""
    return key.encode("utf-8", "surrogatepass")


class PackedRecords(Mapping):
    """Records by id (entities, sources), each kept pickled until first looked up.

    A run reads the few its draft names or cites; unpickling all 4,000 sources of a 100k-fact
    ledger on every load took ~10 ms, a bytes object per id ~1 ms, and the 27k entities' bytes
    ~6 ms, which a PackedMap of them saves.
    """

    __slots__ = ("_blobs", "_built")

    def __init__(self, blobs: Mapping[str, bytes]) -> None:
        self._blobs = blobs
        self._built: dict[str, Any] = {}

    @classmethod
    def of(cls, records: dict[str, Any]) -> "PackedRecords":
        """The records, each pickled."""
        import pickle  # building only: a cached run reads them with lean.loads

        blobs = {key: pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for key, r in records.items()}
        return cls(PackedMap.of(blobs))

    def __getitem__(self, key: str) -> Any:
        record = self._built.get(key)
        if record is None:
            record = self._built[key] = loads(self._blobs[key])  # KeyError for an unknown id, like a dict
        return record

    def __contains__(self, key: object) -> bool:
        return key in self._blobs

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def keys(self):  # noqa: ANN201 - a dict's keys view, as a dict would return
        """The ids, without building any record."""
        return self._blobs.keys()

    def forget(self) -> None:
        """Drop every record built so far, and what its map looked up (as Packed.forget)."""
        self._built.clear()
        if isinstance(self._blobs, PackedMap):
            self._blobs.forget()

    def __reduce__(self) -> tuple:
        return (PackedRecords, (self._blobs,))
