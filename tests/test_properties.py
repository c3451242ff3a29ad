"""Property-based tests: any Unicode is safe, positions are exact, output is deterministic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factlint.document.parse import parse_document
from factlint.engine import RuleSet, check_document
import re
from unittest.mock import patch

from factlint.extraction import dates as dates_module
from factlint.extraction import numbers as numbers_module
from factlint.extraction.dates import find_dates
from factlint.extraction.numbers import find_quantities
from factlint.ledger.load import load_ledgers
from factlint.matching.index import LedgerIndex
from tests.conftest import FIXTURES

INDEX = LedgerIndex.build(load_ledgers((FIXTURES / "demo" / "facts.yaml",)))
RULES = RuleSet.build(select=("FL",))
FRAGMENTS = [
    "Marta Silva", "Silva", "Sliva", "Ortiz", "Porto Alto", "won", "votes", "poll", "election", "held", " ", " ", "\n",
    "\n\n", "\r\n", ". ", ", ", "48.27%", "41.5 percent", "€4bn", "nearly", "at least", "1,204,311", "people",
    "two-thirds of", "seventeen", "Monday, 6 March 2022", "Sunday", "on 14 March", "2022-03-06", "Mar. 6", "in 2022",
    "`code 45%`", "```\n", "<!-- 41% -->", "[link](https://e.org/1)", "[^1]", "[^1]: note", "[@count]", "@count",
    "| a | 48% |", "|---|---|", "# ", "- ", "1. ", "> ", "*", "_", "“", "”", "\"", "\ufeff", "é", "\u0301", "🎉",
    "שלום", "−", "-", "$", "£", "US$", "k", "m", "bn", "million", "---\ndate: 2022-03-08\n---\n",
    "٣٤%", "held Friday", "on Saturday", "March", "in March",
    # letters re.IGNORECASE takes for ASCII ones: "ſix hundred" and "5 mıllion" once raised KeyError
    "ſix hundred", "5 mıllion", "3 MİLLİON", "almoſt", "Fıve", "\u212a", "İ", "thırds of",
]
drafts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=60).map("".join),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str):
    doc = parse_document(text, "p.md")
    return doc, check_document(doc, INDEX, dt.date(2022, 3, 8), RULES)


@SETTINGS
@given(drafts)
@example("Turnout: ſix hundred voters, 5 mıllion euros, almoſt 3 MİLLİON people.")
def test_any_text_is_safe_and_positions_are_exact(text: str) -> None:
    doc, findings = _check(text)
    lines = doc.text.split("\n")
    for f in findings:
        assert 1 <= f.line <= len(lines) and 1 <= f.end_line <= len(lines)
        if f.line == f.end_line:
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.found
        assert f.found and f.found in text.replace("\r\n", "\n").replace("\r", "\n")


@SETTINGS
@given(drafts)
def test_same_input_same_output(text: str) -> None:
    assert _check(text)[1] == _check(text)[1]


@SETTINGS
@given(drafts, drafts)
def test_files_are_independent(a: str, b: str) -> None:
    # Checking a file alone or after another gives the same findings: no state leaks between files.
    alone = _check(b)[1]
    _check(a)
    assert _check(b)[1] == alone


@SETTINGS
@given(st.text(max_size=200))
def test_extractors_spans_are_their_text(text: str) -> None:
    for q in find_quantities(text, 0, len(text), []):
        assert text[q.start : q.end] == q.text and q.low <= q.high
    for d in find_dates(text, 0, len(text), dt.date(2022, 3, 8), None):
        assert text[d.start : d.end] == d.text


def test_cli_one_by_one_equals_together(tmp_path) -> None:
    import json

    from tests.test_cli_check import factlint

    names = []
    for topic in ("a", "b", "c"):
        path = tmp_path / f"{topic}.md"
        path.write_text(f"# {topic}\n\nMarta Silva won 41.5 percent of the valid votes on Monday, 6 March 2022.\n")
        names.append(path.name)
    ledger = str(FIXTURES / "demo" / "facts.yaml")
    together = json.loads(factlint("check", *names, "--ledger", ledger, "--format", "json", cwd=tmp_path).stdout)
    one_by_one = []
    for name in names:
        data = json.loads(factlint("check", name, "--ledger", ledger, "--format", "json", cwd=tmp_path).stdout)
        one_by_one += data["findings"]
    assert together["findings"] == one_by_one and len(one_by_one) == 6  # FL101 and FL104 in each


def _pieces(text: str) -> list[tuple[int, int]]:
    """Sentence-sized spans: the extractors run on one sentence at a time, and the gates decide per span."""
    cuts = [0, *(m.end() for m in re.finditer(r"[.\n]", text)), len(text)]
    return list(zip(cuts, cuts[1:]))


def _extracted(text: str) -> list:
    day = dt.date(2022, 3, 8)
    return [(list(find_dates(text, a, b, day, None)), find_quantities(text, a, b, [])) for a, b in _pieces(text)]


@SETTINGS
@given(drafts)
@example("The count was held on Saturday.\nIt closed Friday night. Voters came on Sunday, the 6th.")
@example("Turnout reached ٣٤% in the north.\nSome forty thousand voters came.")
def test_the_extractors_quick_gates_hide_nothing(text: str) -> None:
    """A span without a digit (for dates: a month, year or weekday) skips the slow patterns: only ever where they
    find nothing."""
    always = re.compile("")  # finds a match in any span: the gates stay open
    with patch.object(dates_module, "may_hold_date", lambda *_: True), patch.object(numbers_module, "_DIGIT", always):
        ungated = _extracted(text)
    assert _extracted(text) == ungated
    for a, b in _pieces(text):  # and each gate is a necessary condition of its pattern
        if numbers_module._DIGIT.search(text, a, b) is None:
            assert not any(numbers_module.NUMERAL.finditer(text, a, b))
        if not dates_module.may_hold_date(text, a, b):
            assert not any(dates_module.DATE_RE.finditer(text, a, b))
