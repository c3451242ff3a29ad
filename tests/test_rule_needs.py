"""Binding runs only as far as the active rules need, and that never changes their findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factlint.catalogue import load_catalogue
from factlint.checks import REGISTRY
from factlint.document.parse import parse_document
from factlint.engine import RuleSet, build_context, check_document
from factlint.ledger.load import load_ledgers
from factlint.matching.index import LedgerIndex
from tests.conftest import FIXTURES

TOPICS = ["elections", "science", "product-docs", "public-health", "finance"]
CODES = sorted(code for code, rule in load_catalogue().items() if rule.check in REGISTRY)


@pytest.fixture(scope="module", params=TOPICS)
def topic(request) -> tuple[object, LedgerIndex, dt.date]:
    """A topic's planted-error draft, parsed, with its ledger's index and the draft's date."""
    folder = FIXTURES / request.param
    doc = parse_document((folder / "wrong.md").read_text(encoding="utf-8"), str(folder / "wrong.md"))
    return doc, LedgerIndex.build(load_ledgers((folder / "facts.yaml",))), doc.date or dt.date(2022, 3, 10)


def _keyed(findings) -> list[tuple]:
    return [(f.code, f.line, f.column, f.end_line, f.end_column, f.message) for f in findings]


@pytest.mark.parametrize("code", CODES)
def test_one_selected_rule_finds_what_it_finds_among_all(topic, code: str) -> None:
    doc, index, day = topic
    everything = check_document(doc, index, day, RuleSet.build(select=tuple(CODES)))
    alone = check_document(doc, index, day, RuleSet.build(select=(code,)))
    assert _keyed(alone) == _keyed(f for f in everything if f.code == code)


def test_ignoring_the_claim_rules_keeps_every_other_finding(topic) -> None:
    doc, index, day = topic
    everything = check_document(doc, index, day, RuleSet.build())
    rest = check_document(doc, index, day, RuleSet.build(ignore=("FL2",)))
    assert _keyed(rest) == _keyed(f for f in everything if not f.code.startswith("FL2"))


@pytest.mark.parametrize(("select", "stats", "expected"), [
    (("FL104",), False, frozenset()),
    (("FL103",), False, {"names"}),
    (("FL101", "FL103"), False, {"names", "bindings"}),
    (("FL104",), True, {"claims"}),
    ((), False, {"names", "bindings", "claims"}),
])
def test_the_stages_a_rule_set_needs(select, stats: bool, expected) -> None:
    assert RuleSet.build(select=select).needs(stats) == expected


def test_binding_stops_at_the_last_stage_needed(topic) -> None:
    doc, index, day = topic
    full = build_context(doc, index, day)
    assert full.bindings and full.claims and any(n.suggestion for n in full.names)
    bare = build_context(doc, index, day, needs=frozenset())
    assert not bare.bindings and not bare.claims and not any(n.suggestion for n in bare.names)
    names = build_context(doc, index, day, needs=frozenset({"names"}))
    assert names.names == full.names and not names.bindings and not names.claims
    bound = build_context(doc, index, day, needs=frozenset({"bindings"}))
    assert bound.bindings == full.bindings and not bound.claims


def test_citation_coverage_counts_every_claim_whichever_rules_run(topic) -> None:
    doc, index, day = topic
    counted = []
    for select in ((), ("FL104",), ("FL103",)):
        stats: list = []
        check_document(doc, index, day, RuleSet.build(select=select), stats)
        counted.append(stats)
    assert counted[0][0].claims > 0 and counted[0] == counted[1] == counted[2]
