"""FL104 weekday-mismatch: a weekday that does not fit its date. Needs no ledger."""

from __future__ import annotations

from typing import Iterator

from factlint.checks.context import Context, Hit
from factlint.extraction.dates import DAY_NAMES


def weekday_mismatch(ctx: Context) -> Iterator[Hit]:
    """Dates written with a weekday that the calendar contradicts."""
    for d in ctx.dates:
        day = d.date.as_date()
        if d.relative or d.weekday is None or day is None or day.weekday() == d.weekday:
            continue
        # English names, as the drafts are read (calendar.day_name would follow the process locale).
        yield Hit(d.start, d.end, expected=DAY_NAMES[day.weekday()],
                  values={"date": day.isoformat(), "actual": DAY_NAMES[day.weekday()], "written": DAY_NAMES[d.weekday]})
