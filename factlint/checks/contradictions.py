"""FL101 number-contradiction and FL102 date-contradiction: bound mentions that do not fit their fact."""

from __future__ import annotations

from typing import Iterator

from factlint.checks.context import Context, Hit
from factlint.extraction.model import DateMention, Quantity
from factlint.matching.compare import expected_text


def number_contradiction(ctx: Context) -> Iterator[Hit]:
    """A number bound to a fact whose value it does not fit."""
    for b in ctx.bindings:
        if isinstance(b.mention, Quantity) and not b.fits:
            yield Hit(b.mention.start, b.mention.end, b.fact.id, b.fact.source, expected_text(b.fact))


def date_contradiction(ctx: Context) -> Iterator[Hit]:
    """A date (to the month or day) bound to a dated fact it does not fit."""
    for b in ctx.bindings:
        if isinstance(b.mention, DateMention) and not b.fits and b.mention.date.month:
            yield Hit(b.mention.start, b.mention.end, b.fact.id, b.fact.source, expected_text(b.fact))
