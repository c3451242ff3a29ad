"""Inline suppressions: next-line, line, regions, file, plain text, code blocks, and FL901 unused-suppression."""

from __future__ import annotations

import datetime as dt

import pytest

from factlint.catalogue import load_catalogue
from tests.conftest import index_from_mapping, run_text

WRONG = "The vote was held on Monday, 6 March 2022."  # 6 March 2022 was a Sunday: FL104
RIGHT = "The vote was held on Sunday, 6 March 2022."
RULES = ("FL101", "FL104", "FL901")


def codes(text: str, path: str = "draft.md", select: tuple[str, ...] = RULES) -> list[tuple[str, int]]:
    """(code, line) of every finding."""
    return [(f.code, f.line) for f in run_text(text, None, dt.date(2022, 3, 10), select=select, path=path)]


def test_unsuppressed_baseline() -> None:
    assert codes(f"{WRONG}\n") == [("FL104", 1)]


def test_disable_next_line_silences_only_the_next_line() -> None:
    text = f"<!-- factlint-disable-next-line FL104 -->\n{WRONG}\n\n{WRONG}\n"
    assert codes(text) == [("FL104", 4)]


def test_disable_next_line_of_another_rule_does_not_silence() -> None:
    text = f"<!-- factlint-disable-next-line FL101 -->\n{WRONG}\n"
    assert codes(text) == [("FL901", 1), ("FL104", 2)]


def test_disable_line_inline_comment() -> None:
    assert codes(f"{WRONG} <!-- factlint-disable-line FL104 -->\n") == []


def test_multi_line_comment_next_line_is_after_its_end() -> None:
    text = f"<!-- factlint-disable-next-line FL104\n     -- long reason -->\n{WRONG}\n"
    assert codes(text) == []


def test_region_disable_enable() -> None:
    text = f"{WRONG}\n\n<!-- factlint-disable FL104 -->\n{WRONG}\n\n{WRONG}\n<!-- factlint-enable FL104 -->\n\n{WRONG}\n"
    assert codes(text) == [("FL104", 1), ("FL104", 9)]


def test_disable_all_then_enable_one_code() -> None:
    text = f"<!-- factlint-disable -->\n{WRONG}\n<!-- factlint-enable FL104 -->\n\n{WRONG}\n"
    assert codes(text) == [("FL104", 5)]


def test_disable_without_enable_runs_to_end_of_file() -> None:
    assert codes(f"{WRONG}\n<!-- factlint-disable -->\n\n{WRONG}\n\n{WRONG}\n") == [("FL104", 1)]


def test_disable_file_anywhere() -> None:
    assert codes(f"{WRONG}\n\n{WRONG}\n\n<!-- factlint-disable-file -->\n") == []
    assert codes(f"{WRONG}\n<!-- factlint-disable-file FL101 -->\n") == [("FL104", 1), ("FL901", 2)]


@pytest.mark.parametrize("words", ["FL101 FL104", "FL101,FL104", "FL101, FL104", "number-contradiction weekday-mismatch",
                                   "fl104 -- the source prints it so", "FL104 --reason, with, commas"])
def test_codes_names_separators_and_reasons(words: str) -> None:
    found = codes(f"<!-- factlint-disable-next-line {words} -->\n{WRONG}\n")
    assert ("FL104", 2) not in found


def test_partly_unused_directive_names_the_idle_code() -> None:
    [unused] = run_text(f"<!-- factlint-disable-next-line FL101, FL104 -->\n{WRONG}\n", None, select=RULES)
    assert unused.code == "FL901" and unused.severity == "warning"
    assert unused.message == 'unused suppression "factlint-disable-next-line FL101 FL104": no FL101 finding to silence'
    assert (unused.line, unused.column, unused.end_line, unused.end_column) == (1, 1, 1, 49)
    assert unused.found == "<!-- factlint-disable-next-line FL101, FL104 -->"


def test_inactive_rules_are_not_reported_as_unused() -> None:
    text = f"<!-- factlint-disable-next-line FL101 -->\n{RIGHT}\n"
    assert codes(text, select=("FL104", "FL901")) == []
    assert codes(text, select=RULES) == [("FL901", 1)]
    assert codes(text, select=("FL1",)) == []  # FL901 itself deselected


def test_unknown_code_is_reported() -> None:
    [unused] = run_text(f"<!-- factlint-disable-next-line FL1O4 -->\n{RIGHT}\n", None, select=RULES)
    assert unused.message.endswith("FL1O4 is not a rule")


def test_unused_disable_all_and_stale_region() -> None:
    text = f"<!-- factlint-disable -->\n{RIGHT}\n<!-- factlint-enable -->\n"
    assert codes(text) == [("FL901", 1)]  # enable is never reported


def test_fl901_can_be_silenced_by_naming_it() -> None:
    text = f"<!-- factlint-disable-next-line FL901 -->\n<!-- factlint-disable-next-line FL101 -->\n{RIGHT}\n"
    assert codes(text) == []
    text = f"<!-- factlint-disable-next-line FL901 -->\n{RIGHT}\n"
    assert codes(text) == [("FL901", 1)]


def test_fenced_and_indented_code_and_code_spans_are_examples() -> None:
    fenced = f"```markdown\n<!-- factlint-disable-file -->\n```\n\n{WRONG}\n"
    assert codes(fenced) == [("FL104", 5)]
    indented = f"Example:\n\n    <!-- factlint-disable-file -->\n\n{WRONG}\n"
    assert codes(indented) == [("FL104", 5)]
    span = f"Write `<!-- factlint-disable-file -->` to silence a file.\n\n{WRONG}\n"
    assert codes(span) == [("FL104", 3)]
    after_span = f"Code `x` then {WRONG} <!-- factlint-disable-line -->\n"
    assert codes(after_span) == []


def test_plain_text_uses_bare_lines() -> None:
    text = f"factlint-disable-next-line FL104 -- quoted as printed\n{WRONG}\n\n{WRONG}\n"
    assert codes(text, path="draft.txt") == [("FL104", 4)]
    assert codes(f"  factlint-disable-file\n{WRONG}\n", path="draft.txt") == []
    # Mid-sentence the words are prose, not a directive.
    assert codes(f"{WRONG} factlint-disable-line\n", path="draft.txt") == [("FL104", 1)]


def test_markdown_needs_the_comment() -> None:
    assert codes(f"factlint-disable-file\n\n{WRONG}\n") == [("FL104", 3)]


def test_unused_finding_position_in_plain_text() -> None:
    [unused] = run_text(f"text\n   factlint-disable FL104\n{RIGHT}\n", None, select=RULES, path="d.txt")
    assert (unused.line, unused.column, unused.end_column, unused.found) == (2, 4, 26, "factlint-disable FL104")


def test_directive_lookalikes_are_ignored() -> None:
    assert codes(f"<!-- factlint-disabled FL104 -->\n{WRONG}\n") == [("FL104", 2)]
    assert codes(f"<!-- not factlint-disable -->\n{WRONG}\n") == [("FL104", 2)]


def _examples(kind: str) -> list:
    rule = load_catalogue()["FL901"]
    return [pytest.param(e, id=f"FL901-{kind}-{i}") for i, e in enumerate(rule.examples[kind])]


@pytest.mark.parametrize("example", _examples("fail"))
def test_fl901_fail_examples(example, tmp_path) -> None:
    index = index_from_mapping(load_catalogue()["FL901"].examples["ledger"], tmp_path)
    found = [f.found for f in run_text(example["draft"], index) if f.code == "FL901"]
    assert example["found"] in found


@pytest.mark.parametrize("example", _examples("pass"))
def test_fl901_pass_examples(example, tmp_path) -> None:
    index = index_from_mapping(load_catalogue()["FL901"].examples["ledger"], tmp_path)
    assert not [f for f in run_text(example["draft"], index) if f.code == "FL901"]


def test_many_unmatched_backticks_and_openers_stay_fast() -> None:
    import time

    from factlint.document.parse import parse_document
    from factlint.suppress import find_directives

    for text in ("`a " * 20000 + "<!-- factlint-disable -->", "<!-- " * 20000 + "factlint-",
                 "`a\n\n" * 10000 + "<!-- factlint-disable -->"):
        doc = parse_document(text, "x.md")
        started = time.perf_counter()
        find_directives(doc)
        assert time.perf_counter() - started < 5
