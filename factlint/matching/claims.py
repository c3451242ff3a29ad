"""Check-worthy claims: the statements a fact-checker wants sourced, with their citations and support."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from factlint.document.model import Document
from factlint.extraction.model import Citation, DateMention, Quantity, Sentence
from factlint.extraction.sentences import by_sentence
from factlint.fold import EndingPattern
from factlint.startup import regex

# Dimensions whose numbers are statistics; durations and bare numbers are not.
_WORTHY = frozenset({"percent", "pp", "currency", "length", "mass", "data", "energy", "power", "count", "time",
                     "rate", "count/time"})
_DATELINE = regex(r"^\W*(?:by(?! (?:then|now|contrast|comparison|the end|the time|mid|late|early|far)\b)|"
                  r"published|updated|posted|last (?:updated|modified)|filed|dateline|reading time|photo|"
                  r"image|credit)\b", re.I)
_READ_TIME = regex(r"\b\d+[ -]min(?:ute)?s?[ -]read\b", re.I)
_ATTRIBUTION = regex(r"\b(?:said|says|say|told|tells|according to|stated|added|adds|wrote|writes|explained|"
                     r"noted|insisted|claimed|argued|recalled|asked|replied|warned)\b", re.I)
_SPEAKER = regex(r"(?<![\w'’.-])([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}):[ \t]*$")
# A label's colon attributes nothing ('Correction: "..."').
_LABELS = frozenset(["note", "update", "summary", "correction", "example", "warning", "tip", "important", "caution",
                     "source", "quote", "q", "a", "editor's note", "headline", "title", "claim", "fact"])
_QUOTE = regex(r"“[^“”]*”|\"[^\"]*\"")
_STAMP_WORDS = "published updated posted modified dated filed released reviewed revised".split()
_STAMP = EndingPattern(regex(rf"\b(?:{'|'.join(_STAMP_WORDS)}|as of)(?:[ \t]+on)?[ \t:]*$", re.I),
                       tuple(f"{w}{on}" for w in (*_STAMP_WORDS, "as of") for on in ("", " on")), " \t:")
# A subject and its verb before a stamp word make it an event of that subject; the page's own words
# ("This page was last updated", "The article was first published") keep it a stamp.
_EVENT_BEFORE = regex(r"(?<![\w'’])(?!(?:page|article|post|story|entry|this|site|note)\b)[\w'’.-]+[ \t]+"
                      r"(?:was|were|is|are|has[ \t]+been|have[ \t]+been|had[ \t]+been|will[ \t]+be|gets?|got)[ \t]+"
                      r"(?:originally[ \t]+)?$", re.I)
# A name mid-sentence doing it ("the index the Statistics Office published on 14 August") makes it an event too;
# "the Wendmoor Sleep Study, published on 12 May", "Kestrel 4.2, released on 2 October": after a version and a
# comma too, but not a byline's "by Ann Reis, published". So do a name's thing or two ("results of the RELIEF-2
# trial published on 4 November", "the Harbour Board's annual report released on"), but not the page's.
_CAPITALISED_RUN = r"(?:[A-Z][\w'’.&-]*[ \t]+)*[A-Z][\w'’.&-]*"
_VERSION = r"[ \t]+v?\d+(?:\.\d+)+"
_ITS_THING = r"[ \t]+(?!(?:page|article|post|story|entry|site|note|was|were|is|are|has|had|last|first)\b)[a-z]+"
_NAME_BEFORE = regex(rf"(?:\b(?!by\b)[a-z][\w'’-]*|,)[ \t]+(?!(?:Last|First|Originally|Recently|Date|Page)\b)"
                     rf"{_CAPITALISED_RUN}(?:{_VERSION})?(?:{_ITS_THING}){{0,2}},?[ \t]+$")
# A product and its version opening the sentence: "Kestrel 4.2, released on 2 October 2026, raised ...".
_VERSION_OPENS = regex(rf"(?:^|\n)[ \t]*{_CAPITALISED_RUN}{_VERSION},[ \t]+$")
# A noun opening the sentence before the stamp word in lower case: "Results published on Thursday show ..." is
# an event of the results; "Published on 2 May" alone, "Page updated on" or a label ("Notes Released 2 May")
# stamps the page.
_NOUN_OPENS = regex(r"(?:^|[\n.!?][ \t]*)(?!(?:Page|Article|Post|Story|Entry|Site|Note|Last|First|Originally|"
                    r"Recently|Date|This|It)\b)[A-Z][a-z]+[ \t]+$")
_FUTURE = regex(r"\b(?:will|shall|next|upcoming|scheduled|plans? to|is due|are due)\b", re.I)


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy statement: its words, the sentence, the fact it binds to, the sentence's citations."""

    start: int
    end: int
    mention: Quantity | DateMention
    sentence: Sentence
    fact: object | None  # the bound ledger Fact, if any
    fits: bool
    citations: tuple[Citation, ...]
    supported: bool = False  # bound, or agreeing with some fact the sentence's words point at


def citations_by_sentence(doc: Document, sentences: tuple[Sentence, ...],
                          citations: tuple[Citation, ...]) -> dict[int, list[Citation]]:
    """Each citation covers the last sentence of its block that starts at or before it."""
    starts = [s.start for s in sentences]
    out: dict[int, list[Citation]] = {}
    for c in citations:
        if c.kind == "footnote-url":
            continue
        i = bisect_right(starts, c.start) - 1
        if i >= 0 and doc.blocks[sentences[i].block].start <= c.start < doc.blocks[sentences[i].block].end:
            out.setdefault(i, []).append(c)
    return out


def _quoted(text: str, block) -> list[tuple[int, int]]:
    """Spans of attributed quotations in a block (a quotation may run over several sentences)."""
    # Quotation marks first: finding them is a scan for two characters; _ATTRIBUTION (a word boundary,
    # then twenty words in any case) is tried at every position, and most blocks quote no one.
    quotes = [m.span() for m in _QUOTE.finditer(text, block.start, block.end)]
    if not quotes or _ATTRIBUTION.search(text, block.start, block.end):
        return quotes
    # A speaker's name and a colon attribute a quotation too ('Ruiz: "I will serve all 90,000 people."').
    return [q for q in quotes if (m := _SPEAKER.search(text, max(block.start, q[0] - 40), q[0]))
            and m.group(1).lower() not in _LABELS]


def _worthy_quantity(q: Quantity) -> bool:
    """Statistics: percentages, money, measures, counts (and counts per a time) of ten or more, durations of a
    hundred or more."""
    if q.dimension not in _WORTHY:
        return False
    return abs(q.value) >= {"count": 10, "count/time": 10, "time": 100}.get(q.dimension, 0)


def _worthy_date(d: DateMention, chunk: str) -> bool:
    """A dated event stated as fact: an explicit date to the month or day, in the past tense."""
    return bool(d.date.month) and not d.relative and not _FUTURE.search(chunk)


def stamps_the_page(text: str, d: DateMention) -> bool:
    """A date that stamps the page ("Last updated 10 September 2024"), not an event ("Pellucid 2.3.1 was
    released on 5 March 2025", "The report was published on 2 May", "the Statistics Office published on 14
    August")."""
    m = _STAMP.search(text, max(0, d.start - 40), d.start)
    return m is not None and not (_EVENT_BEFORE.search(text, max(0, m.start() - 40), m.start())
                                  or _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
                                  or _VERSION_OPENS.search(text, max(0, m.start() - 60), m.start())
                                  or text[m.start()].islower() and _NOUN_OPENS.search(text, max(0, m.start() - 30),
                                                                                      m.start()))


def is_dateline(chunk: str) -> bool:
    """Bylines, datelines and reading times ("By A. Reis · 5 min read · Published 2 May 2023")."""
    # "read" has no case twin that re.IGNORECASE would match, so this substring test only saves the
    # pattern's try at every digit of every sentence.
    return bool(_DATELINE.search(chunk) or ("read" in chunk.lower() and _READ_TIME.search(chunk)))


def _excluded(doc: Document, s: Sentence, dateline: bool) -> bool:
    """Bylines, datelines and headings hold no claims (``dateline``: is_dateline of the sentence)."""
    return dateline or doc.blocks[s.block].kind == "heading"


def _claim_end(mention: Quantity | DateMention, chunk: str, bound: bool) -> int | None:
    """Where a claim's words end, or None when the mention is neither check-worthy nor bound to a fact."""
    if isinstance(mention, Quantity):
        return max(mention.end, mention.claim_end) if bound or _worthy_quantity(mention) else None
    return mention.end if bound or _worthy_date(mention, chunk) else None


def find_claims(doc: Document, sentences: tuple[Sentence, ...], quantities: tuple[Quantity, ...],
                dates: tuple[DateMention, ...], bindings: dict[int, object],
                cited: dict[int, list[Citation]], support, datelines) -> tuple[Claim, ...]:
    """Every check-worthy claim, with its binding (keyed by mention start), support and sentence citations.

    ``support(mention, sentence_index) -> bool`` says whether an unbound claim agrees with some fact.
    ``datelines(sentence_index) -> bool`` is is_dateline of a sentence with numbers or dates (binding's
    sentence views hold it).
    """
    mentions = by_sentence(sorted((*quantities, *dates), key=lambda m: m.start), sentences)
    text = doc.masked
    claims: list[Claim] = []
    quotes: dict[int, list[tuple[int, int]]] = {}
    for i, s in enumerate(sentences):
        if not mentions[i] or _excluded(doc, s, datelines(i)):
            continue
        chunk = text[s.start : s.end]
        if s.block not in quotes:
            quotes[s.block] = _quoted(text, doc.blocks[s.block])
        for mention in mentions[i]:
            end = _claim_end(mention, chunk, mention.start in bindings)
            if end is None or any(a <= mention.start < b for a, b in quotes[s.block]):
                continue
            if isinstance(mention, DateMention) and stamps_the_page(text, mention):
                continue
            binding = bindings.get(mention.start)
            backed = binding is not None or support(mention, i)
            claims.append(Claim(mention.start, end, mention, s, getattr(binding, "fact", None),
                                getattr(binding, "fits", False), tuple(cited.get(i, ())), backed))
    return tuple(claims)
