"""Run every extractor once over a Document, sentence by sentence."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from factlint.checks.context import Context
from factlint.document.model import Document
from factlint.extraction.citations import find_citations
from factlint.extraction.dates import explicit_years, find_dates
from factlint.extraction.model import DateMention, NameMention, Quantity
from factlint.extraction.names import find_names
from factlint.extraction.numbers import find_quantities
from factlint.extraction.sentences import split_sentences

def _year_hint(years: list[tuple[int, int]], offsets: list[int], start: int, end: int) -> int | None:
    """The nearest explicit year before ``start``, else the first inside [start, end)."""
    i = bisect_left(offsets, start)
    if i > 0:
        return years[i - 1][1]
    return years[i][1] if i < len(years) and years[i][0] < end else None


def extract(doc: Document, ledger_index, as_of: dt.date, span: tuple[int, int] | None = None) -> Context:
    """Sentences, numbers, dates, names and citations of one document, or of the part of it in ``span``.

    A span starts where a block starts (engine.document_spans cuts before headings); it takes the
    blocks and citations that start inside it, so the spans of a document partition its findings.
    Names that are ledger names or aliases are resolved here (splitting a capitalised run needs the name
    table); near misses of ledger names are matching's job (factlint.matching.names.annotate).
    """
    text = doc.masked
    sentences = split_sentences(doc, span)
    years = list(explicit_years(text, 0, len(text)))
    offsets = [o for o, _ in years]
    quantities: list[Quantity] = []
    dates: list[DateMention] = []
    names: list[NameMention] = []
    for s in sentences:
        found = list(find_dates(text, s.start, s.end, as_of, _year_hint(years, offsets, s.start, s.end)))
        dates.extend(found)
        quantities.extend(find_quantities(text, s.start, s.end, [(d.start, d.end) for d in found]))
        names.extend(find_names(text, s.start, s.end, ledger_index))
    return Context(doc=doc, as_of=as_of, ledger=ledger_index, sentences=sentences,
                   quantities=tuple(quantities), dates=tuple(dates), names=tuple(names),
                   citations=tuple(c for c in find_citations(doc) if span is None or span[0] <= c.start < span[1]))
