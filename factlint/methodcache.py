"""Dataclass methods compiled once per interpreter and cached, so the console command skips ~170 compiles.

@dataclass writes each method it adds (__init__, __repr__, __eq__, __hash__, and __setattr__ and
__delattr__ for a frozen class) as source text and runs it with exec(), which compiles it. For the
29 record classes a cached check imports, those compiles were a fifth of its start-up (27 ms of a
5 KB draft's ~160 ms). While the console command runs (factlint.entry), the dataclasses module's
exec() runs the code object compiled earlier from the same text instead: the functions it makes
are the ones the text would make, and a text seen for the first time is compiled as before.
The codes are kept in the ledger cache folder, one entry per interpreter build (marshal's format
for code objects is the interpreter's own); a missing or broken entry only means compiling again.
"""

from __future__ import annotations

import builtins
import marshal
import sys
from contextlib import contextmanager
from types import CodeType
from typing import Any, Iterator

# Texts kept at most; past this, only those the last run used are stored (old factlint versions' methods go).
LIMIT = 2000


class CompiledMethods:
    """An exec() for the dataclasses module that compiles each source text once."""

    def __init__(self, codes: dict[str, CodeType]) -> None:
        self.codes = codes
        self.used: set[str] = set()
        self.compiled = 0  # texts compiled in this process: the entry is stored again when any were

    def exec(self, source: Any, globals: dict | None = None, locals: dict | None = None, /, **kwargs: Any) -> None:
        """exec() from the code compiled earlier from the same source text."""
        if isinstance(source, str):
            code = self.codes.get(source)
            if code is None:
                # dont_inherit: dataclasses' own exec() compiles without this module's __future__ flags.
                code = self.codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled += 1
            self.used.add(source)
            source = code
        return builtins.exec(source, globals, locals, **kwargs)

    def kept(self) -> dict[str, CodeType]:
        """The codes to store: all of them, or only this run's once there are more than LIMIT."""
        return self.codes if len(self.codes) <= LIMIT else {t: self.codes[t] for t in self.used}


def _entry() -> tuple[str, str]:
    """(entry name, key) for this interpreter build."""
    from factlint.ledger import cache

    key = cache.combined_key([sys.implementation.cache_tag or "", sys.version, str(marshal.version)])
    return cache.entry_name("methods", sys.implementation.cache_tag or sys.implementation.name, key), key


def load() -> dict[str, CodeType]:
    """The cached codes of this interpreter, or {} when there are none (or they are unreadable)."""
    from factlint.ledger import cache

    name, key = _entry()
    blob = cache.read(name, key)
    try:
        codes = marshal.loads(blob) if isinstance(blob, bytes) else {}
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(codes, dict) or not all(type(t) is str and type(c) is CodeType for t, c in codes.items()):
        return {}
    return codes


def store(codes: dict[str, CodeType]) -> None:
    """Write the codes to this interpreter's entry (never fails: the cache only speeds things up)."""
    from factlint.ledger import cache

    name, key = _entry()
    cache.write(name, key, marshal.dumps(codes))


@contextmanager
def cached_methods() -> Iterator[CompiledMethods | None]:
    """Dataclasses compile through the cache inside the block; after it, codes new to this run are stored."""
    import dataclasses

    if "exec" in vars(dataclasses):  # already inside such a block (or a dataclasses with its own exec)
        yield None
        return
    methods = CompiledMethods(load())
    dataclasses.exec = methods.exec  # module globals come before builtins in its name lookups
    try:
        yield methods
    finally:
        del dataclasses.exec
        if methods.compiled:
            store(methods.kept())
