"""Split checkable blocks into sentences with one linear regex pass."""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from factlint.document.model import Document
from factlint.extraction.model import Sentence
from factlint.startup import regex

# A candidate end: terminal punctuation, closing quotes/brackets, whitespace, then a likely sentence start.
# The punctuation opens the pattern and its lookbehind comes after it ("not after another [.!?]"), so the
# engine skips to the candidate characters instead of trying every position (2x faster on 1 MB; tested
# against the plain form).
_END = regex(r"[.!?](?<![.!?][.!?])[.!?]*[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u00C0-\u024F])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr gen sen rep gov col lt sgt capt fig no nos vol pp p ed eds approx est inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun vs etc e.g i.e al u.s u.k "
    "dept univ ave blvd".split()
)
_LAST_WORD = regex(r"([A-Za-z][A-Za-z.]*)\.?$")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")  # _LAST_WORD's


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation or an initial, not a sentence."""
    if dot == 0 or text[dot - 1] not in _WORD_CHARS:
        return False  # no [A-Za-z.] before the dot ("in 2024."): _LAST_WORD cannot end there
    m = _LAST_WORD.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).rstrip(".").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and text[m.start(1)].isupper())


def split_sentences(doc: Document, span: tuple[int, int] | None = None) -> tuple[Sentence, ...]:
    """Sentences inside each block (only blocks starting in ``span``); a block boundary always ends a sentence."""
    bounds: list[tuple[int, int, int]] = []  # start, end, block: before trimming
    text = doc.masked
    for index, block in enumerate(doc.blocks):
        if span is not None and not span[0] <= block.start < span[1]:
            continue
        start = block.start
        for m in _END.finditer(text, block.start, block.end):
            if text[m.start()] == "." and _is_abbreviation(text, m.start()):
                continue
            bounds.append((start, m.start() + len(m.group().rstrip()), index))
            start = m.end()
        bounds.append((start, block.end, index))
    out = []
    for start, end, index in bounds:
        if start < end and not text[start].isspace() and not text[end - 1].isspace():
            out.append(Sentence(start, end, index))  # most: nothing to trim, no copy of the text to read
            continue
        chunk = text[start:end]
        core = chunk.strip()
        if core:  # leading and trailing whitespace is not part of a sentence's span
            start += len(chunk) - len(chunk.lstrip())
            out.append(Sentence(start, start + len(core), index))
    return tuple(out)


def by_sentence(items, sentences: tuple[Sentence, ...]) -> list[Sequence]:
    """Group items by the sentence their start lies in (in their own order), with one bisect per item:
    items are fewer than sentences, and most sentences get none.

    A sentence with none gets the one empty tuple, not a list of its own: binding groups five kinds
    of item over every sentence (15,905 of the 1 MB draft), and reads the groups only.
    """
    starts = [s.start for s in sentences]
    groups: list[Sequence] = [()] * len(sentences)
    for item in items:
        i = bisect_right(starts, item.start) - 1
        if i >= 0 and item.start < sentences[i].end:
            group = groups[i]
            if group:
                group.append(item)  # type: ignore[union-attr]
            else:
                groups[i] = [item]
    return groups
