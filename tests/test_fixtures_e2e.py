"""End to end on the topic fixtures: every planted error found where it is, clean drafts stay silent."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

TOPICS = ["elections", "science", "product-docs", "public-health", "finance"]
COPIES = {"wrong-bom.md": "wrong.md", "wrong-crlf.md": "wrong.md", "clean-crlf.md": "clean.md", "clean-bom.md": "clean.md"}


def _drafts() -> list:
    out = []
    for topic in [*TOPICS, "noise"]:
        for draft in sorted((FIXTURES / topic).glob("*.md")) + sorted((FIXTURES / topic).glob("*.txt")):
            out.append(pytest.param(topic, draft.name, id=f"{topic}/{draft.name}"))
    return out


def _expected(topic: str, name: str) -> set[tuple]:
    base = COPIES.get(name, name)
    folder = FIXTURES / topic
    found = set()
    if base == "wrong.md":
        found |= {(f["code"], f["line"], f["column"], f["found"]) for f in json.loads((folder / "expected.json").read_text())}
    citations = folder / "expected-citations.json"
    if citations.exists():
        found |= {(f["code"], f["line"], f["column"], f["found"]) for f in json.loads(citations.read_text()).get(base, [])}
    return found


def _check(topic: str, name: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "factlint", "check", f"fixtures/{topic}/{name}", "--ledger",
                           f"fixtures/{topic}/facts.yaml", "--format", "json", "--stats"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize(("topic", "name"), _drafts())
def test_exact_findings(topic: str, name: str) -> None:
    data = _check(topic, name)
    got = {(f["code"], f["line"], f["column"], f["found"]) for f in data["findings"]}
    expected = _expected(topic, name)
    assert sorted(got - expected) == [], "false alarms"
    assert sorted(expected - got) == [], "missed"


@pytest.mark.parametrize("topic", TOPICS)
def test_every_rule_is_planted_and_found(topic: str) -> None:
    codes = {f["code"] for f in _check(topic, "wrong.md")["findings"]}
    assert {"FL101", "FL102", "FL103", "FL104", "FL201", "FL202", "FL203"} <= codes


@pytest.mark.parametrize("topic", TOPICS)
def test_clean_drafts_are_fully_covered(topic: str) -> None:
    coverage = _check(topic, "clean.md")["coverage"]
    assert coverage["claims"] >= 15 and coverage["uncited"] == 0


def _check_all_ledgers(path: str) -> list[dict]:
    """A draft against the five topic ledgers at once, as a newsroom's one ledger would hold them."""
    ledgers = [arg for topic in TOPICS for arg in ("--ledger", f"fixtures/{topic}/facts.yaml")]
    proc = subprocess.run([sys.executable, "-m", "factlint", "check", path, *ledgers, "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


@pytest.mark.parametrize(("topic", "name"), [p for p in _drafts() if p.values[0] in TOPICS])
def test_other_topics_facts_raise_no_false_alarms(topic: str, name: str) -> None:
    """Facts of other topics in the same ledger add no finding where the draft's own ledger has none.

    Planted contradictions stay where they are; a value may lose its contradiction to FL201 when
    another topic's fact competes for it (binding is unsure, so it binds nothing), but dates, names
    and weekdays are found as against their own ledger.
    """
    got = {(f["code"], f["line"], f["column"], f["found"]) for f in _check_all_ledgers(f"fixtures/{topic}/{name}")}
    expected = _expected(topic, name)
    assert sorted({g[1:] for g in got} - {e[1:] for e in expected}) == [], "false alarms"
    assert sorted(e for e in expected - got if e[0] in ("FL102", "FL103", "FL104")) == [], "missed"
