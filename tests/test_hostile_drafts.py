"""No pattern goes super-linear: pathological drafts take time proportional to their size."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from factlint.document.parse import parse_document
from factlint.engine import RuleSet, check_document
from factlint.ledger.load import load_ledgers
from factlint.matching.index import LedgerIndex
from tests.conftest import FIXTURES

SIZE = 60_000
PATHOLOGICAL = {
    "commas": "1," * (SIZE // 2), "dots": "1." * (SIZE // 2), "digits": "1" * SIZE, "spaces": " " * SIZE + "x",
    "capitalised": "Marta Silva Porto Alto Ortiz " * (SIZE // 29), "title-case": "Ab " * (SIZE // 3),
    "periods": "." * SIZE + "a", "underscores": "_" * SIZE + "a", "stars": "*a" * (SIZE // 2),
    "dashes": "-" * SIZE + "x", "backticks": "```a``" * (SIZE // 6), "number-words": "seven " * (SIZE // 6) + "sevens",
    "weekdays": "Monday " * (SIZE // 7), "citation-brackets": "[" + "@a " * (SIZE // 3), "quotes": "“" * SIZE,
    "tags": "<a " * (SIZE // 3), "comments": "<!--" * (SIZE // 4), "link-openers": "[x](" * (SIZE // 4),
    "urls": "http://a.b/" * (SIZE // 11), "percents": "1% " * (SIZE // 3), "values": "Silva 48% " * (SIZE // 10),
    "hash-trail": "# " + " " * SIZE + "a", "table": "| a | 1% |\n" * (SIZE // 11), "front-matter": "---\n" + "a: b\n" * (SIZE // 5),
}


@pytest.fixture(scope="module")
def baseline():
    index = LedgerIndex.build(load_ledgers((FIXTURES / "demo" / "facts.yaml",)))
    rules = RuleSet.build()
    prose = (FIXTURES / "demo" / "draft.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    normal = (prose * (SIZE // len(prose) + 1))[:SIZE]

    def run(text: str) -> float:
        start = time.perf_counter()
        check_document(parse_document(text, "x.md"), index, dt.date(2022, 3, 8), rules)
        return time.perf_counter() - start

    run(normal)  # warm-up: imports and caches
    return run, min(run(normal) for _ in range(2))


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_is_linear(baseline, name) -> None:
    run, normal = baseline
    text = PATHOLOGICAL[name]
    assert abs(len(text) - SIZE) < SIZE // 10
    elapsed = run(text)
    # Generous: a quadratic pattern on 60 KB takes minutes, far beyond this bound.
    assert elapsed < 10 * normal + 0.5, f"{name}: {elapsed:.2f}s vs {normal:.2f}s for normal prose"
