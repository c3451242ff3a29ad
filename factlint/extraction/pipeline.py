"""Run every extractor once over a Document, sentence by sentence."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from factlint.checks.context import Context
from factlint.document.model import Document
from factlint.extraction.citations import find_citations
from factlint.extraction.dates import explicit_years, find_dates
from factlint.extraction.model import DateMention, NameMention, Quantity
from factlint.extraction.names import find_names
from factlint.extraction.numbers import find_quantities
from factlint.extraction.sentences import split_sentences

_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z]+(?![\w’'])")


def _year_hint(years: list[tuple[int, int]], offsets: list[int], start: int, end: int) -> int | None:
    """The nearest explicit year before ``start``, else the first inside [start, end)."""
    i = bisect_left(offsets, start)
    if i > 0:
        return years[i - 1][1]
    return years[i][1] if i < len(years) and years[i][0] < end else None


def _names(doc: Document, index, start: int, end: int, common: set[str]) -> list[NameMention]:
    """Names in one sentence; unresolved ones get a near-miss suggestion when the ledger has one."""
    from factlint.matching.names import near_miss

    out: list[NameMention] = []
    for mention in find_names(doc.masked, start, end, index):
        if index is not None and out and _adjacent(doc.masked, out[-1], mention):
            # "Christoper Anand": an alias ("Anand") may hide a misspelt full name around it.
            merged = _merged(doc.masked, out[-1], mention, index, common, out[-1].start == start)
            if merged is not None:
                out[-1] = merged
                continue
        if not mention.entities and index is not None:
            mention = near_miss(mention, index, common, mention.start == start) or mention
        out.append(mention)
    return out


def _adjacent(text: str, a: NameMention, b: NameMention) -> bool:
    """Two mentions separated by one space, at least one of them not a ledger name."""
    return text[a.end : b.start] == " " and not (a.entities and b.entities) and not a.suggestion


def _merged(text: str, a: NameMention, b: NameMention, index, common: set[str], first: bool) -> NameMention | None:
    """The two mentions as one near miss of a ledger name, if they are one."""
    from factlint.fold import fold
    from factlint.matching.names import near_miss

    span = text[a.start : b.end]
    whole = NameMention(a.start, b.end, span, fold(span))
    found = near_miss(whole, index, common, first)
    return found if found is not None and found.start == a.start else None


def extract(doc: Document, ledger_index, as_of: dt.date) -> Context:
    """Sentences, numbers, dates and names of one document."""
    text = doc.masked
    sentences = split_sentences(doc)
    years = list(explicit_years(text, 0, len(text)))
    offsets = [o for o, _ in years]
    common = set(_LOWER_WORD.findall(text))
    quantities: list[Quantity] = []
    dates: list[DateMention] = []
    names: list[NameMention] = []
    for s in sentences:
        found = list(find_dates(text, s.start, s.end, as_of, _year_hint(years, offsets, s.start, s.end)))
        dates.extend(found)
        quantities.extend(find_quantities(text, s.start, s.end, [(d.start, d.end) for d in found]))
        names.extend(_names(doc, ledger_index, s.start, s.end, common))
    return Context(doc=doc, as_of=as_of, ledger=ledger_index, sentences=sentences,
                   quantities=tuple(quantities), dates=tuple(dates), names=tuple(names),
                   citations=tuple(find_citations(doc)))
