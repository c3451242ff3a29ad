"""FL103 name-misspelling: a near miss of a ledger name or alias."""

from __future__ import annotations

from typing import Iterator

from factlint.checks.context import Context, Hit


def name_misspelling(ctx: Context) -> Iterator[Hit]:
    """Names that extraction marked as a near miss of a ledger spelling."""
    for n in ctx.names:
        if n.suggestion:
            entity = ", ".join(n.suggested)
            yield Hit(n.start, n.end, expected=n.suggestion, values={"entity": entity})
