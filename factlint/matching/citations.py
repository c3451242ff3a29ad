"""Resolve citations to ledger sources: by source id, by normalised URL, or through a footnote."""

from __future__ import annotations

from dataclasses import replace

from factlint.document.model import Document
from factlint.extraction.citations import KEY_RE, URL_RE
from factlint.extraction.model import Citation
from factlint.matching.index import LedgerIndex
from factlint.matching.urls import normalise_url
from factlint.startup import regex

_TOKEN = regex(r"[\w][\w.:/-]*[\w]|\w")


def resolve_key(key: str, index: LedgerIndex) -> tuple[str, ...]:
    """A source id, exactly or ignoring case."""
    if key in index.sources:
        return (key,)
    lowered = index.source_ids_lower.get(key.lower())
    return (lowered,) if lowered else ()


def resolve_url(url: str, index: LedgerIndex) -> tuple[str, ...]:
    """Sources whose url or archive_url normalises to the same address."""
    return tuple(sorted(index.urls.get(normalise_url(url), ())))


def _footnote_sources(doc: Document, fid: str, index: LedgerIndex) -> tuple[str, ...]:
    """Sources a footnote's definition names: URLs, @keys or bare source ids."""
    span = doc.footnotes.get(fid)
    if span is None:
        return ()
    text = doc.text[span[0] : span[1]]
    found: list[str] = []
    for m in URL_RE.finditer(text):
        found += resolve_url(m.group(), index)
    for m in KEY_RE.finditer(text):
        found += resolve_key(m.group("key"), index)
    for m in _TOKEN.finditer(text):
        if m.group() in index.sources:
            found.append(m.group())
    return tuple(dict.fromkeys(found))


def resolve(citations: tuple[Citation, ...], doc: Document, index: LedgerIndex) -> tuple[Citation, ...]:
    """Each citation with the ledger sources it resolves to (possibly none)."""
    out = []
    for c in citations:
        if c.kind == "key":
            sources = resolve_key(c.target, index)
        elif c.kind == "footnote":
            sources = _footnote_sources(doc, c.target, index)
        else:
            sources = resolve_url(c.target, index)
        out.append(replace(c, sources=sources))
    return tuple(out)
