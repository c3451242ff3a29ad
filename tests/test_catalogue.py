"""The rule catalogue is complete, and every rule's examples behave as documented."""

from __future__ import annotations

import datetime as dt

import pytest

from factlint.catalogue import REQUIRED, load_catalogue, rules_dir
from factlint.checks import NEEDS, REGISTRY
from factlint.matching.bind import STAGES
from tests.conftest import index_from_mapping, run_text

CATALOGUE = load_catalogue()
DRAFT_RULES = [r for r in CATALOGUE.values() if r.check in REGISTRY]


def test_ids_unique_and_match_file_names() -> None:
    files = sorted(rules_dir().glob("*.yaml"))
    assert len(files) == len(CATALOGUE)
    for path in files:
        assert path.stem in CATALOGUE


def test_names_unique() -> None:
    names = [r.name for r in CATALOGUE.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", CATALOGUE.values(), ids=lambda r: r.id)
def test_rule_documented_and_exampled(rule) -> None:
    for key in REQUIRED:
        assert getattr(rule, key), f"{rule.id} has an empty {key}"
    assert rule.severity in ("error", "warning", "info")
    assert len(rule.description) > 80
    assert rule.examples.get("pass") and rule.examples.get("fail"), f"{rule.id} needs pass and fail examples"


def test_every_draft_check_is_catalogued() -> None:
    assert {r.check for r in DRAFT_RULES} == set(REGISTRY)


def test_every_check_declares_the_matching_stages_it_reads() -> None:
    assert set(NEEDS) == set(REGISTRY)
    assert all(needs <= set(STAGES) for needs in NEEDS.values())


def _examples(kind: str) -> list:
    return [pytest.param(rule, example, id=f"{rule.id}-{kind}-{i}")
            for rule in DRAFT_RULES for i, example in enumerate(rule.examples[kind])]


def _run(rule, example, tmp_path):
    ledger = rule.examples.get("ledger") or {"version": 1}
    as_of = example.get("as_of", rule.examples.get("as_of", dt.date(2022, 3, 10)))
    index = index_from_mapping(ledger, tmp_path)
    return [f for f in run_text(example["draft"], index, as_of, select=(rule.id,))]


@pytest.mark.parametrize(("rule", "example"), _examples("fail"))
def test_fail_examples_are_flagged(rule, example, tmp_path) -> None:
    findings = _run(rule, example, tmp_path)
    assert findings, f"{rule.id} missed: {example['draft']}"
    assert all(f.code == rule.id for f in findings)
    if "found" in example:
        assert example["found"] in [f.found for f in findings]
    if "expected" in example:
        assert example["expected"] in [f.expected for f in findings]


@pytest.mark.parametrize(("rule", "example"), _examples("pass"))
def test_pass_examples_are_clean(rule, example, tmp_path) -> None:
    findings = _run(rule, example, tmp_path)
    assert not findings, f"{rule.id} false alarm: {[f.message for f in findings]}"
