"""Run every extractor once over a Document, sentence by sentence."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from factlint.checks.context import Context
from factlint.document.model import Document
from factlint.extraction.citations import find_citations
from factlint.extraction.dates import hint_years, life_dates, may_hold_date, read_dates
from factlint.extraction.model import DateMention, NameMention, Quantity
from factlint.extraction.names import find_names
from factlint.extraction.numbers import find_quantities
from factlint.extraction.sentences import split_sentences

def _year_hint(years: list[tuple[int, int]], offsets: list[int], start: int) -> int | None:
    """The nearest explicit year before ``start``."""
    i = bisect_left(offsets, start)
    return years[i - 1][1] if i > 0 else None


def _years_inside(years: list[tuple[int, int]], offsets: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The explicit years written in [start, end)."""
    i = bisect_left(offsets, start)
    return years[i : bisect_left(offsets, end, i)] if i < len(offsets) and offsets[i] < end else []


def _years(text: str, span: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Explicit years a span's sentences take their year hints from: the last one before it, and those in it.

    Not the whole text's: a draft checked in parts (engine.document_spans) would scan all of it once
    per part. The scan runs a little past the span, so that a year at its very end is read as in a
    scan of the whole text (the pattern looks at the character after it).
    """
    if span is None:
        return list(hint_years(text, 0, len(text)))
    start, end = span
    before: list[tuple[int, int]] = []
    reach = 4096
    while start and not before:  # the last year before the span, looking further back each time
        low = max(0, start - reach)
        before = [y for y in hint_years(text, low, start + 8) if y[0] < start][-1:]
        if low == 0:
            break
        reach *= 8
    return before + [y for y in hint_years(text, start, end + 8) if y[0] < end]


def extract(doc: Document, ledger_index, as_of: dt.date, span: tuple[int, int] | None = None) -> Context:
    """Sentences, numbers, dates, names and citations of one document, or of the part of it in ``span``.

    A span starts where a block starts (engine.document_spans cuts before headings); it takes the
    blocks and citations that start inside it, so the spans of a document partition its findings.
    Names that are ledger names or aliases are resolved here (splitting a capitalised run needs the name
    table); near misses of ledger names are matching's job (factlint.matching.names.annotate).
    """
    text = doc.masked
    sentences = split_sentences(doc, span)
    years = _years(text, span)
    offsets = [o for o, _ in years]
    quantities: list[Quantity] = []
    dates: list[DateMention] = []
    names: list[NameMention] = []
    # find_names: how each distinct run of capitalised words resolves; the index keeps them across
    # drafts and spans (an index of another kind, or none, only within this call).
    plans = getattr(ledger_index, "name_plans", None)
    plans = {} if plans is None else plans
    for s in sentences:
        skip = []  # the dates' spans, which hold no quantity
        # Screened here, not in find_dates: most sentences (12,318 of the 1 MB draft's 15,905) can hold
        # no date, and skip its year hints and generator.
        if may_hold_date(text, s.start, s.end):
            found = list(read_dates(text, s.start, s.end, as_of, _year_hint(years, offsets, s.start),
                                    _years_inside(years, offsets, s.start, s.end)))
            if len(found) > 1:
                found = life_dates(text, found)
            dates.extend(found)
            skip = [(d.start, d.end) for d in found]
        quantities.extend(find_quantities(text, s.start, s.end, skip))
        names.extend(find_names(text, s.start, s.end, ledger_index, plans, doc.text))
    return Context(doc=doc, as_of=as_of, ledger=ledger_index, sentences=sentences,
                   quantities=tuple(quantities), dates=tuple(dates), names=tuple(names),
                   citations=tuple(find_citations(doc, span)))
