"""Shared test helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from factlint.document.parse import parse_document
from factlint.engine import RuleSet, check_document
from factlint.findings import Finding
from factlint.ledger.load import load_ledgers
from factlint.matching.index import LedgerIndex

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch) -> None:
    """Never touch the user's cache directory from tests."""
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def index_from_mapping(data: dict, tmp_path: Path) -> LedgerIndex:
    """Write a ledger mapping to YAML and load it the way the CLI does."""
    path = tmp_path / "ledger.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return LedgerIndex.build(load_ledgers((path,)))


def run_text(text: str, index: LedgerIndex | None, as_of: dt.date = dt.date(2022, 3, 10),
             select: tuple[str, ...] = (), path: str = "draft.md") -> list[Finding]:
    """Check a draft held in memory."""
    doc = parse_document(text, path, markdown=not path.endswith(".txt"))
    return check_document(doc, index, doc.date or as_of, RuleSet.build(select=select))
