"""The per-file ledger cache: hits, misses, corruption, read-only directories; and directory ledgers."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from factlint.errors import LedgerProblems
from factlint.ledger import build, cache
from factlint.ledger.load import load_ledgers, validate_ledgers

LEDGER = """\
version: 1
sources:
  count: {title: Official count}
entities:
  marta-silva: {name: Marta Silva, aliases: [Silva]}
facts:
  - {id: share, claim: Marta Silva won 48.27%., about: marta-silva, value: 48.27, unit: percent, source: count}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch) -> Path:
    """A private cache directory per test."""
    folder = tmp_path_factory.mktemp("ledger-cache")
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The paths parse_file is called for (a cache miss parses; a hit does not)."""
    calls: list[str] = []
    real = build.parse_file

    def spy(path: str, data: bytes):
        calls.append(path)
        return real(path, data)

    import factlint.ledger.load as load

    monkeypatch.setattr(load, "parse_file", spy)
    return calls


def _write(path: Path, text: str = LEDGER) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cache_dir_resolution(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache.cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("FACTLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "factlint" / "ledger"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "factlint" / "ledger"


def test_miss_then_hit(tmp_path, parses, cache_dir) -> None:
    path = _write(tmp_path / "facts.yaml")
    first = load_ledgers((path,))
    assert parses == [str(path)]
    second = load_ledgers((path,))
    assert parses == [str(path)]  # served from the cache
    assert first == second and second.facts[0].value == 48.27
    assert {p.name.split("-")[0] for p in cache_dir.glob("*.pickle")} == {"records", "checks", "cross"}


def test_changed_content_is_a_miss_and_replaces_the_old_entry(tmp_path, parses, cache_dir) -> None:
    path = _write(tmp_path / "facts.yaml")
    load_ledgers((path,))
    _write(path, LEDGER.replace("48.27", "48.3"))
    assert load_ledgers((path,)).facts[0].value == 48.3
    assert len(parses) == 2
    assert len(list(cache_dir.glob("records-*.pickle"))) == 1


def test_version_and_schema_are_part_of_the_key(tmp_path, monkeypatch) -> None:
    key = cache.file_key("facts.yaml", b"version: 1\n")
    monkeypatch.setattr(cache, "SCHEMA", cache.SCHEMA + 1)
    assert cache.file_key("facts.yaml", b"version: 1\n") != key
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.file_key("facts.yaml", b"version: 1\n") != key


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_corrupt_entry_is_rebuilt(tmp_path, parses, cache_dir, damage) -> None:
    path = _write(tmp_path / "facts.yaml")
    load_ledgers((path,))
    for entry in cache_dir.glob("*.pickle"):
        entry.write_bytes(damage)
    assert load_ledgers((path,)).facts[0].id == "share"
    assert len(parses) == 2
    load_ledgers((path,))
    assert len(parses) == 2  # rebuilt entries are good again


def test_entry_for_another_key_is_ignored(tmp_path, parses, cache_dir) -> None:
    one, two = _write(tmp_path / "one.yaml"), _write(tmp_path / "two.yaml", LEDGER.replace("48.27", "12"))
    load_ledgers((one,))
    entries_one = set(cache_dir.glob("records-*.pickle"))
    load_ledgers((two,))
    (entry_two,) = set(cache_dir.glob("records-*.pickle")) - entries_one
    entry_two.write_bytes(next(iter(entries_one)).read_bytes())  # two's name now holds one's entry
    assert load_ledgers((two,)).facts[0].value == 12
    assert len(parses) == 3


def test_unreadable_entry_is_ignored(tmp_path, parses, cache_dir) -> None:
    path = _write(tmp_path / "facts.yaml")
    load_ledgers((path,))
    for entry in cache_dir.glob("*.pickle"):
        entry.unlink()
        entry.mkdir()  # opening it fails with IsADirectoryError; replacing it fails too
    assert load_ledgers((path,)).facts[0].id == "share"
    assert len(parses) == 2


def test_failing_cache_writes_never_fail_a_run(tmp_path, monkeypatch, cache_dir) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    path = _write(tmp_path / "facts.yaml")
    assert load_ledgers((path,)).facts[0].id == "share"
    assert not list(cache_dir.glob("*.pickle"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_read_only_cache_dir(tmp_path, cache_dir) -> None:
    cache_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        path = _write(tmp_path / "facts.yaml")
        assert load_ledgers((path,)).facts[0].id == "share"
    finally:
        cache_dir.chmod(stat.S_IRWXU)


def test_unwritable_cache_location(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(blocker / "cache"))  # cannot be created: a file is in the way
    path = _write(tmp_path / "facts.yaml")
    assert load_ledgers((path,)).facts[0].id == "share"
    assert load_ledgers((path,)).facts[0].id == "share"


def test_missing_cache_dir_is_created(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "deep" / "er" / "cache"))
    load_ledgers((_write(tmp_path / "facts.yaml"),))
    assert list((tmp_path / "deep" / "er" / "cache").glob("records-*.pickle"))


def test_no_temporary_files_are_left(tmp_path, cache_dir) -> None:
    load_ledgers((_write(tmp_path / "facts.yaml"),))
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".tmp-")]


def test_cached_file_with_errors_still_fails(tmp_path, parses) -> None:
    path = _write(tmp_path / "facts.yaml", LEDGER.replace("source: count", "source: nowhere"))
    for _ in range(2):
        with pytest.raises(LedgerProblems, match="FL307"):
            load_ledgers((path,))
    assert len(parses) == 1


# --- directory ledgers --------------------------------------------------------------------------

HEAD = "version: 1\nsources:\n  count: {title: Official count}\nentities:\n  marta-silva: {name: Marta Silva}\n"
FACTS = ("version: 1\nfacts:\n"
         "  - {id: share, claim: Marta Silva won 48.27%., about: marta-silva, value: 48.27, unit: percent, "
         "source: count}\n")


def _directory(tmp_path: Path) -> Path:
    folder = tmp_path / "ledger"
    (folder / "facts").mkdir(parents=True)
    _write(folder / "00-head.yaml", HEAD)
    _write(folder / "facts" / "election.yml", FACTS)
    _write(folder / "notes.txt", "not a ledger")
    (folder / ".hidden").mkdir()
    _write(folder / ".hidden" / "ci.yaml", "on: push\n")
    return folder


def test_directory_is_merged_with_cross_file_references(tmp_path) -> None:
    validation = validate_ledgers((_directory(tmp_path),))
    assert validation.problems == ()
    assert [Path(p).name for p in validation.ledger.paths] == ["00-head.yaml", "election.yml"]
    assert validation.ledger.facts[0].sources == ("count",)


def test_duplicate_ids_across_files_name_both_locations(tmp_path) -> None:
    folder = _directory(tmp_path)
    _write(folder / "zz-more.yaml", HEAD.replace("Official count", "Another count") + FACTS.split("\n", 1)[1])
    found = validate_ledgers((folder,)).problems
    assert sorted((p.code, Path(p.path).name, p.line) for p in found) == [
        ("FL305", "zz-more.yaml", 3), ("FL305", "zz-more.yaml", 5), ("FL305", "zz-more.yaml", 7)]
    assert all("00-head.yaml:" in p.message or "election.yml:" in p.message for p in found)


def test_cross_file_checks_run_on_cached_files(tmp_path, parses) -> None:
    folder = _directory(tmp_path)
    load_ledgers((folder,))
    assert len(parses) == 2
    (folder / "00-head.yaml").write_text(HEAD.replace("count:", "tally:"))
    with pytest.raises(LedgerProblems, match="unknown source 'count'"):
        load_ledgers((folder,))
    assert len(parses) == 3  # only the edited file was parsed again; the other file's checks came from the cache


def test_cross_file_checks_when_checks_entry_is_lost(tmp_path, parses, cache_dir) -> None:
    folder = _directory(tmp_path)
    load_ledgers((folder,))
    for entry in cache_dir.glob("checks-*.pickle"):
        entry.unlink()
    (folder / "00-head.yaml").write_text(HEAD.replace("count:", "tally:"))
    with pytest.raises(LedgerProblems, match="unknown source 'count'"):
        load_ledgers((folder,))


def test_file_and_directory_mixed_and_named_twice(tmp_path) -> None:
    folder = _directory(tmp_path)
    ledger = load_ledgers((folder / "00-head.yaml", folder))
    assert len(ledger.paths) == 2


def _reads(monkeypatch) -> list[Path]:
    """The paths file_key_of reads and hashes (a remembered stat needs no read)."""
    calls: list[Path] = []
    real = cache.read_bytes

    def spy(path: Path) -> bytes:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(cache, "read_bytes", spy)
    return calls


def test_file_key_of_equals_the_key_of_the_bytes(tmp_path) -> None:
    path = _write(tmp_path / "facts.yaml")
    assert cache.file_key_of(path) == cache.file_key(str(path), path.read_bytes())


def test_an_unchanged_settled_file_is_not_read_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    reads = _reads(monkeypatch)
    path = _write(tmp_path / "facts.yaml")
    key = cache.file_key_of(path)
    assert cache.file_key_of(path) == key
    assert reads == [path]


def test_a_rewrite_with_the_same_size_and_mtime_is_read_again(tmp_path, monkeypatch) -> None:
    """ctime moves on every write, and os.utime cannot set it back."""
    import time

    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    reads = _reads(monkeypatch)
    path = _write(tmp_path / "facts.yaml")
    before = path.stat()
    old = cache.file_key_of(path)
    time.sleep(0.05)  # past the kernel's timestamp tick
    _write(path, LEDGER.replace("48.27", "48.72"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert cache.file_key_of(path) == cache.file_key(str(path), path.read_bytes()) != old
    assert len(reads) == 2


def test_a_file_written_just_now_is_hashed_every_time(tmp_path, monkeypatch) -> None:
    """Within SETTLE_NS of its last write, a second write in the same tick could keep size and times."""
    reads = _reads(monkeypatch)
    path = _write(tmp_path / "facts.yaml")
    cache.file_key_of(path)
    cache.file_key_of(path)
    assert reads == [path, path]
    assert not list(Path(os.environ["FACTLINT_CACHE_DIR"]).glob("stat-*"))


def test_a_remembered_hash_is_per_path(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    one, two = _write(tmp_path / "one.yaml"), _write(tmp_path / "two.yaml", LEDGER.replace("48.27", "12.34"))
    assert cache.file_key_of(one) != cache.file_key_of(two)
    assert cache.file_key_of(one) == cache.file_key(str(one), one.read_bytes())
    assert cache.file_key_of(two) == cache.file_key(str(two), two.read_bytes())


def test_cached_index_follows_a_same_size_rewrite(tmp_path, monkeypatch) -> None:
    import time

    from factlint.matching.cached import load_index

    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    path = _write(tmp_path / "facts.yaml")
    assert load_index((path,)).facts[0].value == 48.27
    assert load_index((path,)).facts[0].value == 48.27  # from the remembered hash and the cached index
    time.sleep(0.05)
    before = path.stat()
    _write(path, LEDGER.replace("48.27", "48.72"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load_index((path,)).facts[0].value == 48.72


def _big_store():
    """A fact store of more than cache._MAP_FROM bytes, and its facts."""
    from factlint.ledger.model import Fact
    from factlint.matching.store import FactStore

    facts = [Fact(id=f"f{i}", claim=f"Claim number {i} " + "x" * 200, sources=("s",), value=float(i))
             for i in range(6000)]
    return FactStore.of(facts), facts


def test_a_big_entry_is_mapped_and_its_stores_read_in_place(cache_dir) -> None:
    import mmap

    from factlint.matching.store import PackedMap

    store, facts = _big_store()
    names = {f"name {i}": (f"e{i}",) for i in range(1000)}
    cache.write("index-big-key.pickle", "key", {"facts": store, "names": PackedMap.of(names)})
    (entry,) = cache_dir.glob("index-big-*.pickle")
    assert entry.stat().st_size >= cache._MAP_FROM
    got = cache.read("index-big-key.pickle", "key")
    assert isinstance(got["facts"]._data, memoryview) and isinstance(got["facts"]._data.obj, mmap.mmap)
    assert list(got["facts"]) == facts
    packed = got["names"]
    assert all(isinstance(view.obj, mmap.mmap) for view in (packed._hashes, packed._ends, packed._data, packed._order))
    assert packed == names
    small = cache.read("index-big-key.pickle", "another key")
    assert small is None


@pytest.mark.parametrize("damage", ["truncated", "longer", "count", "size"])
def test_a_damaged_big_entry_is_a_miss(cache_dir, damage) -> None:
    store, _ = _big_store()
    cache.write("index-big-key.pickle", "key", {"facts": store})
    (entry,) = cache_dir.glob("index-big-*.pickle")
    data = bytearray(entry.read_bytes())
    if damage == "truncated":
        del data[-1]
    elif damage == "longer":
        data += b"\0"
    else:  # a header number far too large: read no further than the file
        at = len(cache._HEAD) + (0 if damage == "count" else cache._WORD)
        data[at : at + cache._WORD] = (2**62).to_bytes(cache._WORD, "little")
    entry.write_bytes(bytes(data))
    assert cache.read("index-big-key.pickle", "key") is None


def test_a_big_entry_that_cannot_be_mapped_is_read(cache_dir, monkeypatch) -> None:
    """A file system without mmap: the entry is read whole, not rebuilt on every run."""
    import mmap

    def refuse(*_args, **_kwargs):
        raise OSError(19, "No such device")

    mapping = mmap.mmap
    store, facts = _big_store()
    cache.write("index-big-key.pickle", "key", {"facts": store})
    monkeypatch.setattr(mmap, "mmap", refuse)
    got = cache.read("index-big-key.pickle", "key")["facts"]
    assert list(got) == facts and not isinstance(got._data.obj, mapping)
