"""Find citations with positions: links, autolinks, bare URLs, footnotes and pandoc-style keys."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Iterator

from factlint.document.model import Document
from factlint.document.parse import normalise_label
from factlint.extraction.model import Citation
from factlint.startup import regex

# Each pattern opens with a literal and checks what precedes it just after ("\[(?<!!\[)" for "(?<!!)\["),
# so the regex engine skips to candidate characters (tests compare each with its plain form).
_INLINE_LINK = regex(r"\[(?<!!\[)(?P<label>[^\[\]\n]*)\]\([ \t]*<?(?P<url>[^()\s<>]+)>?(?:[ \t]+\"[^\"\n]*\")?[ \t]*\)")
_REF_LINK = regex(r"\[(?<!!\[)(?P<label>[^\[\]\n]+)\]\[(?P<ref>[^\[\]\n]*)\]")
_SHORTCUT = regex(r"\[(?<![!\]]\[)(?P<label>[^\[\]\n^@][^\[\]\n]*)\](?![\[(:])")
_AUTOLINK = regex(r"<(?P<url>https?://[^\s<>]+)>")
URL_RE = regex(r"(?:h(?<!\wh)ttps?://|w(?<!\ww)ww\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_FOOTNOTE_REF = regex(r"\[\^(?P<id>[^\]\s]+)\]")
KEY_RE = regex(r"@(?<![\w@.]@)(?P<key>[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?)")


def _reference(doc: Document, m: re.Match, label: str, taken: list[tuple[int, int]]) -> Citation | None:
    """A reference-style link whose label the document defines; its URL is reported at the definition."""
    ref = doc.references.get(normalise_label(label))
    if ref is None or _inside(m.start(), taken):
        return None
    taken.append(m.span())
    url, a, b = ref
    return Citation(m.start(), m.end(), m.group(), "link", url, (), a, b)


def _links(doc: Document, taken: list[tuple[int, int]], start: int, end: int) -> Iterator[Citation]:
    """Inline, reference and shortcut links, and autolinks, in linkable[start:end]."""
    text = doc.linkable
    for m in _INLINE_LINK.finditer(text, start, end):
        taken.append(m.span())
        yield Citation(m.start(), m.end(), m.group(), "link", m.group("url"), (), m.start("url"), m.end("url"))
    for m in _REF_LINK.finditer(text, start, end):
        found = _reference(doc, m, m.group("ref") or m.group("label"), taken)
        if found:
            yield found
    taken.sort()  # the shortcut pass looks up the links found so far
    for m in _SHORTCUT.finditer(text, start, end):
        found = _reference(doc, m, m.group("label"), taken)
        if found:
            yield found
    for m in _AUTOLINK.finditer(text, start, end):
        taken.append(m.span())
        yield Citation(m.start("url"), m.end("url"), m.group("url"), "autolink", m.group("url"))


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether an offset falls inside any of the spans (sorted, not overlapping)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _bare_urls(text: str, start: int, end: int, taken: list[tuple[int, int]], kind: str = "url") -> Iterator[Citation]:
    """URLs written out in prose (not inside a link already found)."""
    for m in URL_RE.finditer(text, start, end):
        if not _inside(m.start(), taken):
            yield Citation(m.start(), m.end(), m.group(), kind, m.group())


def _keys(text: str, start: int, end: int) -> Iterator[Citation]:
    """Pandoc-style keys, bracketed ([see @a, p. 4; @b]) or bare (@a says)."""
    for m in KEY_RE.finditer(text, start, end):
        yield Citation(m.start(), m.end(), m.group(), "key", m.group("key"))


def _lines_around(text: str, span: tuple[int, int] | None) -> tuple[int, int]:
    """The whole lines that hold ``span`` (all of the text when None), newline included.

    No citation pattern crosses a line, so scanning whole lines finds, inside the span, exactly what a
    scan of the whole text finds there: each line is matched the same, with the same characters around.
    """
    if span is None:
        return 0, len(text)
    end = text.find("\n", span[1])
    return text.rfind("\n", 0, span[0]) + 1, len(text) if end < 0 else end + 1


def find_citations(doc: Document, span: tuple[int, int] | None = None) -> list[Citation]:
    """Every citation in the draft (or starting in ``span``), in text order; footnote definitions contribute their URLs."""
    start, end = _lines_around(doc.linkable, span)
    taken: list[tuple[int, int]] = []
    found = list(_links(doc, taken, start, end))
    taken.sort()
    found += _bare_urls(doc.linkable, start, end, taken)
    if doc.markdown:
        found += [Citation(m.start(), m.end(), m.group(), "footnote", m.group("id"))
                  for m in _FOOTNOTE_REF.finditer(doc.linkable, start, end)]
        found += _keys(doc.linkable, start, end)
        for fid, (a, b) in doc.footnotes.items():
            if a < end and start < b:
                found += [Citation(c.start, c.end, c.text, "footnote-url", c.target) for c in _bare_urls(doc.text, a, b, [])]
    if span is not None:
        found = [c for c in found if span[0] <= c.start < span[1]]
    return sorted((c if c.target_start >= 0 else replace(c, target_start=c.start, target_end=c.end) for c in found),
                  key=lambda c: (c.start, c.end))
