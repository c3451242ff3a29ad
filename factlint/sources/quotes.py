"""Find a fact's quote, or its value in any printed form, in a page's visible text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factlint.ledger.model import Fact
from factlint.sources.forms import fact_forms
from factlint.sources.visible import normalise
from factlint.startup import regex

PASSAGE_CHARS = 80
_CONTEXT_WORDS = 3
_SENTENCE_END = regex(r"(?<=[.;:!?])\s")
# A printed number: grouped thousands ("1,204,311", "1 204 311") or plain, with decimals and a percent sign.
_NUMBER = regex(r"-?(?:\d{1,3}(?:[ ,.']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?: ?%)?")


@dataclass(frozen=True)
class Match:
    """The outcome of looking for one fact on one page."""

    wanted: str  # what was looked for, as the report names it: 'quote "..."' or 'value 48.27 (as "48.27%", ...)'
    found: bool
    closest: str = ""  # the nearest passage on the page when not found
    score: float = 0.0  # rapidfuzz partial_ratio of that passage, 0-100


def _bounded(form: str) -> re.Pattern[str]:
    """A pattern for a number or date form that is not part of a longer number ("148.27" is not "48.27")."""
    return re.compile(r"(?<![\w.,])" + re.escape(form.lower()) + r"(?![\w]|[.,]\d)")


def closest_passage(needle: str, text: str) -> tuple[str, float]:
    """The passage of ``text`` most like ``needle`` and its score, trimmed to a readable length."""
    from rapidfuzz import fuzz

    if not needle or not text:
        return "", 0.0
    hit = fuzz.partial_ratio_alignment(needle, text)
    if hit is None:
        return "", 0.0
    start, end = _widen(text, hit.dest_start, hit.dest_end)
    passage = text[start:end]
    if len(passage) > PASSAGE_CHARS:
        passage = passage[: PASSAGE_CHARS - 1].rstrip() + "…"
    return passage, round(hit.score, 1)


def closest_number(forms: list[str], text: str) -> tuple[str, float]:
    """The number on the page most like any of the value's spellings, with the words just before it."""
    from rapidfuzz import fuzz

    best: tuple[float, int, int] = (0.0, 0, 0)
    for m in _NUMBER.finditer(text):
        score = max(fuzz.ratio(form, m.group()) for form in forms)
        if score > best[0]:
            best = (score, m.start(), m.end())
    if not best[0]:
        return "", 0.0
    score, start, end = best
    before = start
    for _ in range(_CONTEXT_WORDS):  # a few words of context: "Brandt won 12.40%" beats a bare "12.40%"
        cut = text.rfind(" ", 0, max(before - 1, 0))
        before = 0 if cut < 0 else cut + 1
    context = _SENTENCE_END.split(text[before:start])[-1]  # but not from the previous sentence
    return context + text[start:end], round(score, 1)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend an alignment to whole words so the passage does not start or end mid-word."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def find_quote(quote: str, text: str, folded: str) -> Match:
    """An exact match of the normalised quote, case-insensitive; else the closest passage."""
    wanted_text = normalise(quote)
    wanted = f'quote "{wanted_text}"'
    if wanted_text.lower() in folded:
        return Match(wanted, True)
    passage, score = closest_passage(wanted_text.lower(), folded)
    return Match(wanted, False, _original_case(passage, text, folded), score)


def find_value(fact: Fact, text: str, folded: str) -> Match:
    """Any printed form of the fact's value or date; else the passage closest to its main form."""
    forms = fact_forms(fact)
    subject = f"value {fact.value:,.10g}" if fact.value is not None else f"date {fact.date.iso()}"
    shown = ", ".join(f'"{f}"' for f in forms[:3]) + (", ..." if len(forms) > 3 else "")
    wanted = f"{subject} (as {shown})"
    for form in forms:
        if form.lower() in folded and _bounded(form).search(folded):
            return Match(wanted, True)
    if fact.value is not None:
        passage, score = closest_number([f.lower() for f in forms], folded)
    else:
        passage, score = closest_passage(forms[0].lower(), folded) if forms else ("", 0.0)
    return Match(wanted, False, _original_case(passage, text, folded), score)


def _original_case(passage: str, text: str, folded: str) -> str:
    """Show the passage as the page writes it when lower-casing kept every offset in place."""
    if not passage or len(text) != len(folded):
        return passage
    core = passage.rstrip("…")
    at = folded.find(core)
    return text[at : at + len(core)] + passage[len(core):] if at >= 0 else passage


def check_fact(fact: Fact, text: str, folded: str | None = None) -> Match:
    """Look for the fact's quote, or without one its value, in normalised page text."""
    folded = text.lower() if folded is None else folded
    if fact.quote:
        return find_quote(fact.quote, text, folded)
    return find_value(fact, text, folded)
