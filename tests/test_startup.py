"""The console command's start-up cache: compiled dataclass methods and regular expressions (factlint/startup.py)."""

from __future__ import annotations

import dataclasses
import inspect
import os
import pickle
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from factlint import startup
from factlint.startup import StartupCache, cached_startup, regex

ROOT = Path(__file__).resolve().parent.parent

# Records shaped like factlint's: frozen with slots, defaults, factories, fields left out of eq and repr.
MODULE = '''
from __future__ import annotations
from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True)
class Point:
    """A point."""
    x: int
    y: float = 0.5
    tags: tuple[str, ...] = ()

@dataclass(frozen=True)
class Box:
    """A box."""
    name: str
    corners: list = field(default_factory=list, compare=False)
    note: str = field(default="", repr=False)

@dataclass(order=True)
class Plain:
    """Mutable and ordered."""
    a: int
    b: int = field(default=2, kw_only=True)
'''


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch) -> Path:
    """A fresh cache folder for the entry."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(folder))
    return folder


def _define() -> dict:
    """The classes of MODULE, defined now in a module of their own (dataclasses looks string annotations up there)."""
    module = types.ModuleType("startup_records")
    sys.modules[module.__name__] = module
    try:
        exec(compile(MODULE, "startup_records.py", "exec", dont_inherit=True), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module.__dict__


def _behaviour(ns: dict) -> list:
    """What the generated methods do, comparable across two definitions of the classes."""
    Point, Box, Plain = ns["Point"], ns["Box"], ns["Plain"]
    p, q = Point(1, tags=("a",)), Point(1, 0.5, ("a",))
    box = Box("b", [1], "n")
    out = [repr(p), p == q, hash(p) == hash(q), p != Point(2), repr(box), box == Box("b", [2], "m"),
           hash(box) == hash(Box("b")), repr(Plain(1, b=3)), Plain(1) < Plain(2), repr(dataclasses.replace(p, x=5))]
    for cls in (Point, Box, Plain):
        out += [str(inspect.signature(cls)), cls.__init__.__annotations__, cls.__match_args__,
                [(f.name, f.default, f.compare, f.repr) for f in dataclasses.fields(cls)]]
    for obj, attr in ((p, "x"), (box, "name")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, attr, 0)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(obj, attr)
    return out


def test_methods_from_the_cache_behave_as_compiled_ones(cache_dir: Path) -> None:
    """A first run compiles and stores; a second compiles nothing; both make the methods plain dataclasses make."""
    expected = _behaviour(_define())
    with cached_startup() as cold:
        assert _behaviour(_define()) == expected
    assert cold is not None and cold.compiled > 0
    assert list(cache_dir.glob("startup-*.pickle"))
    with cached_startup() as warm:
        assert _behaviour(_define()) == expected
    assert warm is not None and warm.compiled == 0 and warm.used == cold.used


def test_the_patch_lives_only_inside_the_block(cache_dir: Path) -> None:
    """dataclasses gets back the builtin exec, also after an error; a nested block changes nothing."""
    with pytest.raises(RuntimeError):
        with cached_startup() as outer:
            assert dataclasses.exec == outer.exec and startup._active is outer
            with cached_startup() as inner:
                assert inner is None and dataclasses.exec == outer.exec and startup._active is outer
            raise RuntimeError
    assert "exec" not in vars(dataclasses) and startup._active is None


def test_other_exec_arguments_pass_through(cache_dir: Path) -> None:
    """Code objects run as given; the namespaces are the caller's."""
    cache = StartupCache({}, {})
    ns: dict = {}
    cache.exec(compile("a = 1", "<x>", "exec"), {}, ns)
    cache.exec("b = 2", {}, ns)
    assert ns == {"a": 1, "b": 2} and cache.compiled == 1 and set(cache.methods) == {"b = 2"}


def test_source_is_compiled_without_the_callers_future_flags() -> None:
    """exec() in dataclasses has no `from __future__ import annotations`: annotations stay objects."""
    ns: dict = {}
    StartupCache({}, {}).exec("def f(x: int) -> int:\n    return x\n", {}, ns)
    assert ns["f"].__annotations__ == {"x": int, "return": int}


def _factlint_patterns() -> list[re.Pattern]:
    """Every module-level pattern of every factlint module, and the HTML block patterns compiled on first use."""
    import importlib
    import pkgutil

    import factlint

    found = {}
    for info in pkgutil.walk_packages(factlint.__path__, "factlint."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional dependency that is not installed
            continue
        for value in vars(module).values():
            for item in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(item, re.Pattern):
                    found[item.pattern, item.flags] = item
    from factlint.document.blocks import _html_blocks

    for pair in _html_blocks():
        for item in pair:
            if item is not None:
                found[item.pattern, item.flags] = item
    return list(found.values())


def test_every_cached_pattern_is_the_pattern_re_compiles(cache_dir: Path) -> None:
    """All of factlint's patterns, compiled cold and then from the cache, equal fresh re.compile results."""
    patterns = _factlint_patterns()
    assert len(patterns) > 60
    with cached_startup() as cold:
        made = [regex(p.pattern, p.flags) for p in patterns]
    assert cold.compiled >= len(patterns)
    with cached_startup() as warm:
        again = [regex(p.pattern, p.flags) for p in patterns]
    assert warm.compiled == 0
    for p, a, b in zip(patterns, made, again):
        fresh = re.compile(p.pattern, p.flags)
        for built in (a, b):
            # Pattern equality compares flags, text and compiled code.
            assert built == fresh and built.groups == fresh.groups and built.groupindex == fresh.groupindex, p.pattern


def test_cached_patterns_match_as_compiled_ones(cache_dir: Path) -> None:
    """Matching the fixture drafts with cached patterns finds what re.compile's patterns find."""
    from tests.conftest import FIXTURES

    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*/*.md")))
    patterns = _factlint_patterns()
    with cached_startup():
        [regex(p.pattern, p.flags) for p in patterns]
    with cached_startup():
        cached = [regex(p.pattern, p.flags) for p in patterns]
    for p, c in zip(patterns, cached):
        subject = text.encode("utf-8") if isinstance(p.pattern, bytes) else text
        found = [(m.span(), m.groups()) for m in c.finditer(subject)]
        assert found == [(m.span(), m.groups()) for m in p.finditer(subject)], p.pattern


def test_regex_outside_the_console_command_is_re_compile() -> None:
    """Without an active cache (a library caller, the tests), regex() is re.compile."""
    assert regex(r"\d+", re.I) is re.compile(r"\d+", re.I)


def test_a_pattern_entry_that_fails_to_build_is_compiled_afresh(cache_dir: Path) -> None:
    """Cached code the regex engine rejects (damaged, or another build's) gives way to re.compile."""
    damaged = (0, [1, 2, 3], 0, {}, (None,))
    cache = StartupCache({}, {(r"a+b", 0): damaged})
    built = cache.pattern(r"a+b", 0)
    assert built == re.compile(r"a+b") and cache.compiled == 1 and cache.patterns[r"a+b", 0] != damaged


@pytest.mark.parametrize("blob", [b"not a pickle", pickle.dumps(("factlint-ledger-cache", "k", b"\x00junk")),
                                  "wrong-types"], ids=["garbage", "stale-key", "wrong-types"])
def test_a_broken_entry_means_compiling_again(cache_dir: Path, blob) -> None:
    """Garbage, a stale key, or values of the wrong types: nothing loads, classes are made, the entry is rewritten."""
    import marshal

    with cached_startup():
        _define()
        regex(r"x+y")
    (entry,) = cache_dir.glob("startup-*.pickle")
    if blob == "wrong-types":
        name, key = startup._entry()
        blob = pickle.dumps(("factlint-ledger-cache", key, marshal.dumps({"methods": {"text": 1}, "patterns": [1]})))
    entry.write_bytes(blob)
    empty = startup.load()
    assert empty.methods == {} and empty.patterns == {}
    expected = _behaviour(_define())
    with cached_startup() as cache:
        assert _behaviour(_define()) == expected and regex(r"x+y") == re.compile(r"x+y")
    stored = startup.load()
    assert cache.compiled > 0 and stored.methods.keys() == cache.methods.keys() and (r"x+y", 0) in stored.patterns


def test_over_the_limit_only_this_runs_entries_are_kept(cache_dir: Path, monkeypatch) -> None:
    """Texts of classes no longer defined (an older factlint's) are dropped once the entry grows past LIMIT."""
    monkeypatch.setattr(startup, "LIMIT", 3)
    old = {f"x{i} = {i}": compile(f"x{i} = {i}", "<string>", "exec") for i in range(5)}
    startup.store(StartupCache(old, {}))
    with cached_startup() as cache:
        _define()
    stored = startup.load()
    assert set(stored.methods) == cache.used and not any(t.startswith("x") for t in cache.used)


def test_an_unwritable_cache_only_costs_compiling(tmp_path: Path, monkeypatch) -> None:
    """A cache folder that cannot be created: the block works, nothing is stored."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(blocker / "cache"))
    expected = _behaviour(_define())
    with cached_startup() as cache:
        assert _behaviour(_define()) == expected
    assert cache.compiled > 0 and startup.load().methods == {}


def _console(args: list[str], cache: Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run the console command's entry point; stderr's last line: compiled methods and patterns, entries used."""
    code = ("import sys, os\n"
            "from factlint import entry, startup\n"
            "made = []\n"
            "load = startup.load\n"
            "def spy():\n    made.append(load())\n    return made[-1]\n"
            "startup.load = spy\n"
            "def leave(code):\n    print(made[0].compiled, len(made[0].used), file=sys.stderr)\n"
            "    sys.stdout.flush()\n    os._exit(code)\n"
            "entry._exit = leave\n"
            "sys.argv = ['factlint', *sys.argv[1:]]\n"
            "entry.main()\n")
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_console_command_compiles_nothing_once_cached(tmp_path: Path) -> None:
    """The second `factlint check` compiles no record class's method and no pattern, and reports the same."""
    args = ["check", str(ROOT / "fixtures/elections/wrong.md"), "--ledger", str(ROOT / "fixtures/elections/facts.yaml")]
    first = _console(args, tmp_path / "cache", tmp_path)
    second = _console(args, tmp_path / "cache", tmp_path)
    assert first.returncode == second.returncode == 1, first.stderr + second.stderr
    cold, _ = map(int, first.stderr.split()[-2:])
    warm, used = map(int, second.stderr.split()[-2:])
    assert cold >= 150 and warm == 0 and used >= 150, (first.stderr, second.stderr)
    assert "FL101" in first.stdout and second.stdout == first.stdout


def test_pattern_texts_are_the_same_in_every_process() -> None:
    """A pattern built from a set in hash order would be a new cache entry (and a compile) on every run."""
    code = ("import sys\nsys.path.insert(0, sys.argv[1])\nfrom tests.test_startup import _factlint_patterns\n"
            "print(sorted(repr((p.pattern, p.flags)) for p in _factlint_patterns()))\n")
    outputs = {subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and len(next(iter(outputs))) > 1000


def test_each_interpreter_build_has_its_own_entry(cache_dir: Path, monkeypatch) -> None:
    """Two builds of one Python version (a pre-commit environment and a project's) keep both their entries."""
    with cached_startup():
        _define()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert startup.load().methods == {}
    with cached_startup():
        _define()
    assert len(list(cache_dir.glob("startup-*.pickle"))) == 2
