"""The page cache and the ledger-text scans, without the network."""

from __future__ import annotations

from pathlib import Path

from factlint.sources.cache import Cache, CacheEntry
from factlint.sources.fetch import Hop
from factlint.sources.locate import fact_lines, source_blocks


def test_cache_round_trip_and_damage(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    entry = CacheEntry("https://a.example/", "https://b.example/", 1.5, "text/html", '"e"', None,
                       (Hop(301, "https://a.example/", "https://b.example/"),), False, "abc", b"<p>x</p>")
    assert cache.get(entry.url) is None
    cache.put(entry)
    assert cache.get(entry.url) == entry and cache.get("https://other.example/") is None
    meta = next((tmp_path / "c").glob("*.json"))
    meta.write_text("{not json")
    assert cache.get(entry.url) is None  # a damaged record is a miss, not a crash


def test_cache_put_survives_an_unwritable_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    Cache(blocker / "c").put(CacheEntry("u", "u", 0.0))  # parent is a file: silently not cached


def test_source_blocks_and_fact_lines() -> None:
    text = (
        "version: 1\n"
        "sources:\n"
        "    # comment\n"
        "    'quoted-id':   # note\n"
        "        title: T\n"
        "\n"
        "        url: https://a.example/\n"
        "    flow: {title: F, url: 'https://f.example/'}\n"
        "facts:\n"
        "  - id: one\n"
        "    claim: c\n"
        "  - {id: two, claim: c}\n"
        "  -\n"
        "    claim: c\n"
        "    id: \"three\"\n"
    )
    blocks = source_blocks(text)
    assert list(blocks) == ["quoted-id", "flow"]
    assert (blocks["quoted-id"].line, blocks["quoted-id"].end, blocks["quoted-id"].flow) == (4, 7, False)
    assert (blocks["flow"].line, blocks["flow"].flow) == (8, True)
    assert fact_lines(text) == {"one": 10, "two": 12, "three": 15}
