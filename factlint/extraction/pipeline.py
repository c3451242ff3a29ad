"""Run every extractor once over a Document."""

from __future__ import annotations

import datetime as dt

from factlint.checks.context import Context
from factlint.document.model import Document
from factlint.extraction.sentences import split_sentences


def extract(doc: Document, ledger_index, as_of: dt.date) -> Context:
    """Sentences, numbers, dates, names and citations of one document."""
    return Context(doc=doc, as_of=as_of, ledger=ledger_index, sentences=split_sentences(doc))
