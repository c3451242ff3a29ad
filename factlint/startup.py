"""What every run of the console command would compile again, compiled once per interpreter and cached.

Two kinds of work took a quarter of a cached 5 KB check's start-up, and give the same result every run:
- @dataclass writes each method it adds (__init__, __repr__, __eq__, __hash__, and __setattr__ and
  __delattr__ for a frozen class) as source text and exec()s it: 170 compiles, 27 ms, for the 29
  record classes a check imports. While the console command runs, the dataclasses module's exec()
  runs the code object compiled earlier from the same text: the functions it makes are the ones the
  text would make.
- Parsing and compiling factlint's module-level regular expressions (``regex()``): 12 ms. A
  pattern's compiled code is kept once a fresh re.compile has given a pattern equal to it (code,
  flags and groups); later runs build the pattern from that code with the regex engine's constructor.

The results are kept in the ledger cache folder, one entry per interpreter build (compiled code
is only valid for the interpreter that made it). A missing, stale or broken entry only means
compiling again; outside the console command (factlint used as a library, the tests), nothing
is patched and ``regex()`` is re.compile.
"""

from __future__ import annotations

import builtins
import marshal
import re
import sys
from contextlib import contextmanager
from types import CodeType
from typing import Any, Iterator

try:  # CPython's regex engine and compiler: what re.compile itself calls
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another interpreter, or Python 3.10 (sre_compile)
    _sre = _compiler = _parser = None

# Entries kept at most per kind (a check uses ~200 methods and ~100 patterns); past this, only those
# this run used are stored, so an older factlint's go.
LIMIT = 1000
PatternArgs = tuple  # _sre.compile's arguments after the pattern text: flags, code, groups, groupindex, indexgroup


class StartupCache:
    """Compiled dataclass methods (by source text) and regular expressions (by pattern and flags)."""

    def __init__(self, methods: dict[str, CodeType], patterns: dict[tuple[str, int], PatternArgs]) -> None:
        self.methods = methods
        self.patterns = patterns
        self.used: set[Any] = set()  # keys of both kinds read or added in this process
        self.compiled = 0  # methods and patterns compiled in this process: the entry is stored again if any

    def exec(self, source: Any, globals: dict | None = None, locals: dict | None = None, /, **kwargs: Any) -> None:
        """exec() for the dataclasses module: from the code compiled earlier from the same source text."""
        if isinstance(source, str):
            code = self.methods.get(source)
            if code is None:
                # dont_inherit: dataclasses' own exec() compiles without this module's __future__ flags.
                code = self.methods[source] = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled += 1
            self.used.add(source)
            source = code
        return builtins.exec(source, globals, locals, **kwargs)

    def pattern(self, text: str, flags: int) -> re.Pattern:
        """The compiled pattern, from its cached code when it has some."""
        key = (text, flags)
        args = self.patterns.get(key)
        if args is not None:
            try:
                compiled = _sre.compile(text, *args)
            except Exception:  # noqa: BLE001 - an entry written by a broken or foreign process: compile afresh
                del self.patterns[key]
            else:
                self.used.add(key)
                return compiled
        compiled = re.compile(text, flags)
        args = _pattern_args(text, flags, compiled)
        if args is not None:
            self.patterns[key] = args
            self.used.add(key)
            self.compiled += 1
        return compiled

    def kept(self) -> dict[str, dict]:
        """What to store: everything, or only this run's entries of a kind that has grown past LIMIT."""
        def trim(table: dict) -> dict:
            return table if len(table) <= LIMIT else {k: v for k, v in table.items() if k in self.used}

        return {"methods": trim(self.methods), "patterns": trim(self.patterns)}


def _pattern_args(text: str, flags: int, compiled: re.Pattern) -> PatternArgs | None:
    """_sre.compile's arguments for the pattern, as re.compile computes them; None unless they rebuild it exactly."""
    if _sre is None:
        return None
    try:  # the steps of re._compiler.compile, keeping what it passes on
        parsed = _parser.parse(text, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses marshal refuses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(text, *args)
    except Exception:  # noqa: BLE001 - internals of another version: no cache, re.compile's pattern stands
        return None
    # Patterns compare equal when their flags, text and compiled code are the same.
    same = rebuilt == compiled and rebuilt.groups == compiled.groups and rebuilt.groupindex == compiled.groupindex
    return args if same else None


# The cache of the running console command, set only inside cached_startup(): module-level patterns
# are compiled while their module is imported, with no caller that could pass a cache in.
_active: StartupCache | None = None


def regex(text: str, flags: int = 0) -> re.Pattern:
    """re.compile for factlint's module-level patterns: from the start-up cache while the console command runs."""
    cache = _active
    return cache.pattern(text, int(flags)) if cache is not None else re.compile(text, flags)


def _entry() -> tuple[str, str]:
    """(entry name, key) for this interpreter build."""
    from factlint.ledger import cache

    tag = sys.implementation.cache_tag or sys.implementation.name
    key = cache.combined_key([tag, sys.version, str(marshal.version), str(getattr(_sre, "MAGIC", ""))])
    # One entry per build, not per tag: a pre-commit environment on Python 3.11.2 and a project on
    # 3.11.7 would otherwise replace each other's entry on every run, and each run compile again.
    return cache.entry_name("startup", key, key), key


def load() -> StartupCache:
    """This interpreter's cached entry, or an empty cache when there is none (or it is unreadable)."""
    from factlint.ledger import cache

    name, key = _entry()
    blob = cache.read(name, key)
    try:
        stored = marshal.loads(blob) if isinstance(blob, bytes) else {}
    except (ValueError, EOFError, TypeError):
        stored = {}
    methods = stored.get("methods") if isinstance(stored, dict) else None
    patterns = stored.get("patterns") if isinstance(stored, dict) else None
    if not isinstance(methods, dict) or not all(type(t) is str and type(c) is CodeType for t, c in methods.items()):
        methods = {}
    if not isinstance(patterns, dict) or not all(type(k) is tuple and type(a) is tuple for k, a in patterns.items()):
        patterns = {}
    return StartupCache(methods, patterns)


def store(startup: StartupCache) -> None:
    """Write the entry (never fails: the cache only speeds things up)."""
    from factlint.ledger import cache

    name, key = _entry()
    cache.write(name, key, marshal.dumps(startup.kept()))


@contextmanager
def cached_startup() -> Iterator[StartupCache | None]:
    """Dataclasses and regex() compile through the cache inside the block; new results are stored after it."""
    global _active
    import dataclasses

    if _active is not None or "exec" in vars(dataclasses):  # nested, or a dataclasses with its own exec
        yield None
        return
    startup = _active = load()
    dataclasses.exec = startup.exec  # module globals come before builtins in its name lookups
    try:
        yield startup
    finally:
        del dataclasses.exec
        _active = None
        if startup.compiled:
            store(startup)
