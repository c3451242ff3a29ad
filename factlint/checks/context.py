"""What a check receives (Context) and what it returns (Hit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from factlint.document.model import Document
from factlint.extraction.model import Citation, DateMention, NameMention, Quantity, Sentence


@dataclass(frozen=True)
class Context:
    """Everything known about one document, computed once and shared by all checks."""

    doc: Document
    as_of: dt.date
    ledger: Any  # factlint.matching.index.LedgerIndex, or None when no ledger is in use
    sentences: tuple[Sentence, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    names: tuple[NameMention, ...] = ()
    citations: tuple[Citation, ...] = ()
    bindings: tuple[Any, ...] = ()  # factlint.matching.bind.Binding
    claims: tuple[Any, ...] = ()  # factlint.matching.claims.Claim
    sentence_citations: dict[int, list[Citation]] = field(default_factory=dict)  # sentence index -> citations


@dataclass(frozen=True)
class Hit:
    """A check's raw result: a span of Document.text and the values for the message."""

    start: int
    end: int
    fact: str | None = None
    source: str | None = None
    expected: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
