"""Hostile ledgers are rejected fast, with a clear FL311/FL301/FL306 line, never exhausting memory."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from factlint.ledger import yamlread
from factlint.ledger.load import validate_ledgers
from factlint.ledger.problems import Problem

# Generous: each case takes milliseconds; this only catches an exponential or quadratic blow-up.
SECONDS = 5.0


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch) -> None:
    """Never touch the user's cache directory."""
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("ledger-cache")))


def _validate(tmp_path: Path, data: bytes | str, trace: bool = True) -> tuple[list[Problem], float, int]:
    """Problems, seconds taken and peak traced memory (tracing slows Python down) for this content."""
    path = tmp_path / "hostile.yaml"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        problems = list(validate_ledgers((path,)).problems)
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        tracemalloc.stop()
    return problems, elapsed, peak


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    """The classic exponential alias document: width ** levels leaves."""
    lines = ["version: 1", "lol0: &lol0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs(tmp_path) -> None:
    problems, elapsed, peak = _validate(tmp_path, billion_laughs())
    assert [p.code for p in problems] == ["FL311"]
    assert "billion laughs" in problems[0].message
    assert elapsed < SECONDS and peak < 20_000_000


def test_billion_laughs_hidden_in_a_fact(tmp_path) -> None:
    text = billion_laughs(levels=12, width=2).replace("version: 1\n", "version: 1\nx:\n").replace("\nlol", "\n  lol")
    problems, elapsed, _ = _validate(tmp_path, text.replace("x:\n", "facts:\n  - id: a\n    keywords:\n", 1))
    assert elapsed < SECONDS
    assert problems  # either the budget or the schema stops it; nothing hangs


def test_moderate_aliases_are_fine(tmp_path) -> None:
    facts = "".join(f"  - {{id: f{i}, claim: x{i}, value: {i}, unit: people, source: s, keywords: *kw}}\n"
                    for i in range(2000))
    text = f"version: 1\nsources: {{s: {{title: S}}}}\nx-keywords: &kw [b, c, d, e, f]\nfacts:\n{facts}"
    problems, _, _ = _validate(tmp_path, text, trace=False)
    assert [p.code for p in problems] == ["FL302"]  # only the helper key; the aliases are within budget


@pytest.mark.parametrize("style", ["block", "flow"])
def test_deep_nesting(tmp_path, style) -> None:
    depth = 10_000
    if style == "flow":
        text = "version: 1\nx: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "version: 1\nx:\n" + "- " * depth + "deep\n"  # compact nested block sequences
    problems, elapsed, _ = _validate(tmp_path, text)
    assert elapsed < SECONDS
    assert [p.code for p in problems] in (["FL311"], ["FL301"])
    if problems[0].code == "FL311":
        assert f"deeper than {yamlread.MAX_DEPTH}" in problems[0].message


def test_five_megabyte_scalar(tmp_path) -> None:
    text = "version: 1\nsources:\n  s:\n    title: " + "x" * 5_000_000 + "\n"
    problems, elapsed, peak = _validate(tmp_path, text)
    assert [(p.code, p.line) for p in problems] == [("FL311", 4)]
    assert "5,000,000 characters" in problems[0].message
    assert elapsed < SECONDS and peak < 100_000_000


def test_oversized_file_is_not_read_whole(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_FILE_BYTES", 1000)
    import factlint.ledger.files as files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    problems, _, _ = _validate(tmp_path, "version: 1\n" + "# padding\n" * 500)
    assert [p.code for p in problems] == ["FL311"] and "larger than the limit" in problems[0].message


def test_recursive_alias(tmp_path) -> None:
    problems, elapsed, _ = _validate(tmp_path, "version: 1\nx: &a [1, *a]\n")
    assert [p.code for p in problems] == ["FL311"] and elapsed < SECONDS


def test_duplicate_keys_everywhere(tmp_path) -> None:
    text = "version: 1\nversion: 1\nsources:\n  s: {title: A, title: B}\n  s: {title: C}\n"
    problems, _, _ = _validate(tmp_path, text)
    assert [(p.code, p.line) for p in problems] == [("FL306", 2), ("FL306", 4), ("FL306", 5)]


def test_many_duplicate_keys_are_linear(tmp_path) -> None:
    text = "version: 1\nsources:\n  s:\n    title: A\n" + "    title: B\n" * 20_000
    problems, elapsed, _ = _validate(tmp_path, text, trace=False)
    assert len(problems) == 20_000 and {p.code for p in problems} == {"FL306"}
    assert elapsed < SECONDS


def test_binary_garbage(tmp_path) -> None:
    problems, elapsed, _ = _validate(tmp_path, bytes(range(256)) * 100)
    assert [p.code for p in problems] == ["FL301"] and elapsed < SECONDS


def test_control_characters(tmp_path) -> None:
    problems, _, _ = _validate(tmp_path, "version: 1\nsources: {s: {title: \"a\x00b\"}}\n")
    assert [p.code for p in problems] == ["FL301"]


def test_pure_python_parser_gives_the_same_answers(tmp_path, monkeypatch) -> None:
    """Without libyaml, PyYAML's Python parser emits the same events: same problems, same limits."""
    import yaml

    text = ("version: 1\nversion: 1\nsources:\n  s: {titel: x}\nfacts:\n"
            "  - {id: a, claim: x, value: '1', source: s}\n")
    with_c = [(p.code, p.line, p.column) for p in _validate(tmp_path, text, trace=False)[0]]
    monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    assert [(p.code, p.line, p.column) for p in _validate(tmp_path, text + "\n", trace=False)[0]] == with_c
    problems, elapsed, _ = _validate(tmp_path, billion_laughs(), trace=False)
    assert [p.code for p in problems] == ["FL311"] and elapsed < SECONDS
    assert [p.code for p in _validate(tmp_path, "version: 1\nx: [1\n", trace=False)[0]] == ["FL301"]
