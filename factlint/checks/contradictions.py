"""FL101 number-contradiction and FL102 date-contradiction: bound mentions that do not fit their fact."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from factlint.checks.context import Context, Hit
from factlint.extraction.model import DateMention, Quantity
from factlint.extraction.numbers import comparison_after, direction_word
from factlint.ledger.model import Fact
from factlint.matching.compare import expected_text, fact_direction, fits_value


def number_contradiction(ctx: Context) -> Iterator[Hit]:
    """A number bound to a fact whose value it does not fit."""
    for b in ctx.bindings:
        if isinstance(b.mention, Quantity) and not b.fits:
            yield _number_hit(ctx, b.mention, b.fact)


def _number_hit(ctx: Context, q: Quantity, fact: Fact) -> Hit:
    """The finding's span and expected text; a change of the right size that goes the wrong way
    ("grew 1.8%" against a fall of 1.8%) is quoted with its word, and the fact's direction said."""
    expected = expected_text(fact)
    if q.direction and fits_value(replace(q, direction=0), fact):
        way = "a rise" if fact_direction(fact.claim, fact.value) > 0 else "a fall"
        _, start = direction_word(ctx.doc.masked, q.start)
        end = q.end if start < q.start else comparison_after(ctx.doc.masked, q.end)[1]  # "40% lower"
        return Hit(start, end, fact.id, fact.source, f"{way} of {expected.lstrip('-')}")
    return Hit(q.start, q.end, fact.id, fact.source, expected)


def date_contradiction(ctx: Context) -> Iterator[Hit]:
    """A date bound to a dated fact it does not fit: to the month or day, or a bare year against a fact
    that is itself a year ("records began in 1891" against 1881; a bare year elsewhere only sets context)."""
    for b in ctx.bindings:
        if isinstance(b.mention, DateMention) and not b.fits and (b.mention.date.month or not b.fact.date.month):
            yield Hit(b.mention.start, b.mention.end, b.fact.id, b.fact.source, expected_text(b.fact))
