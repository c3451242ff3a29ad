"""FL201-FL204: claims without support or citation, and citations the ledger does not know."""

from __future__ import annotations

from typing import Iterator

from factlint.checks.context import Context, Hit
from factlint.extraction.citations import KEY_RE, URL_RE
from factlint.extraction.model import Citation, DateMention
from factlint.matching.claims import Claim
from factlint.matching.urls import host_of, normalise_url, site_of


def uncited_claim(ctx: Context) -> Iterator[Hit]:
    """FL201: a check-worthy claim with no citation in its sentence and no ledger fact behind it."""
    for claim in ctx.claims:
        if not claim.citations and not claim.supported:
            yield Hit(claim.start, claim.end, values={"kind": _kind(claim)})


def _kind(claim: Claim) -> str:
    """A word for what the claim is, for the message."""
    if isinstance(claim.mention, DateMention):
        return "a dated event"
    return {"percent": "a percentage", "pp": "a percentage", "currency": "an amount of money"}.get(
        claim.mention.dimension or "", "a figure")


def citation_mismatch(ctx: Context) -> Iterator[Hit]:
    """FL203: a claim bound to a fact, in a sentence that cites only other ledger sources."""
    for claim in ctx.claims:
        cited = {s for c in claim.citations for s in c.sources}
        if claim.fact is not None and cited and not cited & set(claim.fact.sources):
            yield Hit(claim.start, claim.end, claim.fact.id, claim.fact.source,
                      values={"cited": ", ".join(sorted(cited))})


def missing_citation(ctx: Context) -> Iterator[Hit]:
    """FL204: a claim bound to a fact, in a sentence with no citation at all."""
    for claim in ctx.claims:
        if claim.fact is not None and claim.fits and not claim.citations:
            yield Hit(claim.start, claim.end, claim.fact.id, claim.fact.source)


def unknown_citation(ctx: Context) -> Iterator[Hit]:
    """FL202: a citation that resolves to no ledger source (links only where they cite a claim)."""
    if ctx.ledger is None:
        return
    claim_sentences = {c.sentence for c in ctx.claims}
    by_sentence = ctx.sentence_citations
    citing = {c for i, cs in by_sentence.items() if ctx.sentences[i] in claim_sentences for c in cs}
    sites = ctx.ledger.sites
    for c in ctx.citations:
        if c.sources or not _is_citation(c, c in citing, sites) or _footnote_with_links(ctx, c):
            continue
        hint = _suggest(c, ctx.ledger)
        yield Hit(c.target_start, c.target_end, expected=hint,
                  values={"hint": f"; did you mean {hint}?" if hint else ""})


def _footnote_with_links(ctx: Context, c: Citation) -> bool:
    """A footnote reference whose definition holds URLs or keys: those are reported, not the reference."""
    if c.kind != "footnote" or c.target not in ctx.doc.footnotes:
        return False
    a, b = ctx.doc.footnotes[c.target]
    return bool(URL_RE.search(ctx.doc.text, a, b) or KEY_RE.search(ctx.doc.text, a, b))


def _is_citation(c: Citation, cites_claim: bool, sites: set[str]) -> bool:
    """Keys and footnotes always cite; a link cites when it backs a claim or points into a ledger source's site."""
    if c.kind in ("key", "footnote", "footnote-url"):
        return True
    return cites_claim or site_of(c.target) in sites


def _suggest(c: Citation, index) -> str | None:
    """The closest source id (for keys) or ledger URL's source (for links), when one is close."""
    from rapidfuzz import fuzz, process

    if c.kind in ("key", "footnote"):
        # Ids sharing the first three letters: a typo there gets no suggestion, but a big ledger stays fast.
        candidates = index.source_prefixes.get(c.target[:3].lower(), [])
        match = process.extractOne(c.target, candidates, scorer=fuzz.ratio, score_cutoff=75)
        return match[0] if match else None
    target = normalise_url(c.target)
    match = process.extractOne(target, index.hosts.get(host_of(target), []), scorer=fuzz.ratio, score_cutoff=80)
    return ", ".join(sorted(index.urls[match[0]])) if match else None
