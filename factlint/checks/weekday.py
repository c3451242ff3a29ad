"""FL104 weekday-mismatch: a weekday that does not fit its date. Needs no ledger."""

from __future__ import annotations

from typing import Iterator

from factlint.checks.context import Context, Hit

# English, as the drafts are read: calendar.day_name follows the process locale (and costs an import).
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_mismatch(ctx: Context) -> Iterator[Hit]:
    """Dates written with a weekday that the calendar contradicts."""
    for d in ctx.dates:
        day = d.date.as_date()
        if d.relative or d.weekday is None or day is None or day.weekday() == d.weekday:
            continue
        yield Hit(d.start, d.end, expected=DAY_NAMES[day.weekday()],
                  values={"date": day.isoformat(), "actual": DAY_NAMES[day.weekday()], "written": DAY_NAMES[d.weekday]})
