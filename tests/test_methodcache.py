"""The console command's cache of compiled dataclass methods (factlint/methodcache.py)."""

from __future__ import annotations

import dataclasses
import inspect
import os
import pickle
import subprocess
import sys
import types
from pathlib import Path

import pytest

from factlint import methodcache
from factlint.methodcache import CompiledMethods, cached_methods

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
    module = types.ModuleType("methodcache_records")
    sys.modules[module.__name__] = module
    try:
        exec(compile(MODULE, "methodcache_records.py", "exec", dont_inherit=True), module.__dict__)
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
    with cached_methods() as cold:
        assert _behaviour(_define()) == expected
    assert cold is not None and cold.compiled > 0
    assert list(cache_dir.glob("methods-*.pickle"))
    with cached_methods() as warm:
        assert _behaviour(_define()) == expected
    assert warm is not None and warm.compiled == 0 and warm.used == cold.used


def test_the_patch_lives_only_inside_the_block(cache_dir: Path) -> None:
    """dataclasses gets back the builtin exec, also after an error; a nested block changes nothing."""
    with pytest.raises(RuntimeError):
        with cached_methods() as outer:
            assert dataclasses.exec == outer.exec
            with cached_methods() as inner:
                assert inner is None and dataclasses.exec == outer.exec
            raise RuntimeError
    assert "exec" not in vars(dataclasses)


def test_other_exec_arguments_pass_through(cache_dir: Path) -> None:
    """Code objects run as given; the namespaces are the caller's."""
    methods = CompiledMethods({})
    ns: dict = {}
    methods.exec(compile("a = 1", "<x>", "exec"), {}, ns)
    methods.exec("b = 2", {}, ns)
    assert ns == {"a": 1, "b": 2} and methods.compiled == 1 and set(methods.codes) == {"b = 2"}


def test_source_is_compiled_without_the_callers_future_flags() -> None:
    """exec() in dataclasses has no `from __future__ import annotations`: annotations stay objects."""
    ns: dict = {}
    CompiledMethods({}).exec("def f(x: int) -> int:\n    return x\n", {}, ns)
    assert ns["f"].__annotations__ == {"x": int, "return": int}


@pytest.mark.parametrize("blob", [b"not a pickle", pickle.dumps(("factlint-ledger-cache", "k", b"\x00junk")),
                                  "marshal-of-wrong-types"], ids=["garbage", "stale-key", "wrong-types"])
def test_a_broken_entry_means_compiling_again(cache_dir: Path, blob) -> None:
    """Garbage, a stale key, or codes of the wrong types: nothing loads, classes are made, the entry is rewritten."""
    import marshal

    with cached_methods():
        _define()
    (entry,) = cache_dir.glob("methods-*.pickle")
    if blob == "marshal-of-wrong-types":
        name, key = methodcache._entry()
        blob = pickle.dumps(("factlint-ledger-cache", key, marshal.dumps({"text": 1})))
    entry.write_bytes(blob)
    assert methodcache.load() == {}
    expected = _behaviour(_define())
    with cached_methods() as methods:
        assert _behaviour(_define()) == expected
    assert methods.compiled > 0 and methodcache.load().keys() == methods.codes.keys()


def test_over_the_limit_only_this_runs_texts_are_kept(cache_dir: Path, monkeypatch) -> None:
    """Texts of classes no longer defined (an older factlint's) are dropped once the entry grows past LIMIT."""
    monkeypatch.setattr(methodcache, "LIMIT", 3)
    methodcache.store({f"x{i} = {i}": compile(f"x{i} = {i}", "<string>", "exec") for i in range(5)})
    with cached_methods() as methods:
        _define()
    assert set(methodcache.load()) == methods.used and not any(t.startswith("x") for t in methods.used)


def test_an_unwritable_cache_only_costs_compiling(tmp_path: Path, monkeypatch) -> None:
    """A cache folder that cannot be created: the block works, nothing is stored."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(blocker / "cache"))
    expected = _behaviour(_define())
    with cached_methods() as methods:
        assert _behaviour(_define()) == expected
    assert methods.compiled > 0 and methodcache.load() == {}


def _console(args: list[str], cache: Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run the console command's entry point; stderr's last line is how many methods it compiled."""
    code = ("import sys, os\n"
            "from factlint import entry, methodcache\n"
            "made = []\n"
            "init = methodcache.CompiledMethods.__init__\n"
            "def spy(self, codes):\n    init(self, codes)\n    made.append(self)\n"
            "methodcache.CompiledMethods.__init__ = spy\n"
            "def leave(code):\n    print(made[0].compiled, len(made[0].used), file=sys.stderr)\n"
            "    sys.stdout.flush()\n    os._exit(code)\n"
            "entry._exit = leave\n"
            "sys.argv = ['factlint', *sys.argv[1:]]\n"
            "entry.main()\n")
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_console_command_compiles_no_methods_once_cached(tmp_path: Path) -> None:
    """The second `factlint check` compiles none of the record classes' methods, and reports the same."""
    args = ["check", str(ROOT / "fixtures/elections/wrong.md"), "--ledger", str(ROOT / "fixtures/elections/facts.yaml")]
    first = _console(args, tmp_path / "cache", tmp_path)
    second = _console(args, tmp_path / "cache", tmp_path)
    assert first.returncode == second.returncode == 1, first.stderr + second.stderr
    cold, _ = map(int, first.stderr.split()[-2:])
    warm, used = map(int, second.stderr.split()[-2:])
    assert cold >= 100 and warm == 0 and used >= 100, (first.stderr, second.stderr)
    assert "FL101" in first.stdout and second.stdout == first.stdout
