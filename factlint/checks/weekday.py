"""FL104 weekday-mismatch: a weekday that does not fit its date. Needs no ledger."""

from __future__ import annotations

import calendar
from typing import Iterator

from factlint.checks.context import Context, Hit


def weekday_mismatch(ctx: Context) -> Iterator[Hit]:
    """Dates written with a weekday that the calendar contradicts."""
    for d in ctx.dates:
        day = d.date.as_date()
        if d.relative or d.weekday is None or day is None or day.weekday() == d.weekday:
            continue
        yield Hit(d.start, d.end, expected=calendar.day_name[day.weekday()],
                  values={"date": day.isoformat(), "actual": calendar.day_name[day.weekday()],
                          "written": calendar.day_name[d.weekday]})
