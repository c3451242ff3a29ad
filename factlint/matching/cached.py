"""The built LedgerIndex, cached beside the parsed ledger files, so a run starts from one pickle."""

from __future__ import annotations

from pathlib import Path

from factlint.gcpause import paused_gc
from factlint.ledger import cache
from factlint.ledger.files import ledger_files
from factlint.ledger.model import Fact
from factlint.matching.index import LedgerIndex

# Bump whenever LedgerIndex or what it builds from the ledger changes.
INDEX_SCHEMA = 32


def load_index(paths: tuple[Path, ...]) -> LedgerIndex:
    """The index of a valid ledger: from the cache when its files are unchanged, else loaded and built."""
    files = ledger_files(tuple(paths))
    # The fields are in the key because facts are stored as positional tuples (matching/store.py).
    key = cache.combined_key([f"index-{INDEX_SCHEMA}", ",".join(Fact.__match_args__),
                              *map(cache.file_key_of, files)])
    name = cache.entry_name("index", "\0".join(str(p) for p in files), key)
    with paused_gc():
        index = cache.read(name, key)
        if isinstance(index, LedgerIndex):
            return index
        from factlint.ledger.load import load_ledgers  # the parser and validator, needed on a miss only

        index = LedgerIndex.build(load_ledgers(tuple(paths)))  # raises on ledger errors: nothing is cached
        cache.write(name, key, index)
        return index
