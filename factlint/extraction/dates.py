"""Find dates as written: day, month or year precision, with or without a weekday."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Iterator, Sequence

from factlint.extraction.model import DateMention
from factlint.ledger.model import PartialDate
from factlint.startup import regex

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS |= {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
           "oct": 10, "nov": 11, "dec": 12}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # date.weekday() order
WEEKDAYS = {d.lower(): i for i, d in enumerate(DAY_NAMES)}
WEEKDAYS |= {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}

_MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])")
_FULL_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d|21\d\d)"
# What a date can open with: a weekday's, a month's or a year's first character, a day's digit, or the
# first letter of a word that dates a bare year ("in 2019", "by", "Q3"); anything past ASCII stands for
# the digits of other scripts. Tested first, it fails at once at most positions, where DATE_RE's
# lookbehind was tried (the 1 MB draft's sentences that may hold a date: 21 -> 14 ms; a test compares
# DATE_RE with its form without it).
DATE_OPENS = r"(?=[0-9MTWFSJAONDIQHibosufad\u0080-\U0010ffff])"
DATE_RE = regex(
    rf"{DATE_OPENS}(?<![\w-])(?:(?P<wd>{_WEEKDAY}),?[ \t]+(?:the[ \t]+)?)?(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<m1>{_MONTH})(?:,?[ \t]+(?P<y1>{_YEAR})\b)?"
    rf"|(?P<m2>{_MONTH})[ \t]+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,:]?\d)(?:,?[ \t]+(?P<y2>{_YEAR})\b)?"
    rf"|(?P<y3>{_YEAR})-(?P<m3>\d\d)-(?P<d3>\d\d)\b"
    rf"|(?P<m4>{_MONTH}),?[ \t]+(?P<y4>{_YEAR})\b"
    rf"|(?<=[Oo]n[ \t])(?P<bwd>{_FULL_WEEKDAY})\b|(?<=[a-z][ \t])(?P<bwd2>{_FULL_WEEKDAY})\b(?![ \t]+(?:morning|night))"
    rf"|(?:[Ii]n|by|of|since|until|from|after|during|before|Q[1-4]|H[12])[ \t]+(?P<y5>{_YEAR})\b(?![-–,.]?\d)"
    ")"
)
# Necessary conditions for DATE_RE, quick to test on a whole sentence: every date names a month, a
# year (1600-2199) or a full weekday (a bare weekday). DATE_RE opens with a lookbehind, so it is tried
# at every position; most sentences of a news draft, also most of those with numbers, name none of
# them and skip it. Three searches: each alone is a scan for a few first characters, which the regex
# engine does in C; their alternation is not.
_YEAR_WORD = regex(_YEAR)
_MONTH_START = regex("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # how every _MONTH begins
_WEEKDAY_WORD = regex(_FULL_WEEKDAY)


def may_hold_date(text: str, start: int, end: int) -> bool:
    """False only where DATE_RE cannot match in text[start:end]."""
    return (_YEAR_WORD.search(text, start, end) is not None or _MONTH_START.search(text, start, end) is not None
            or _WEEKDAY_WORD.search(text, start, end) is not None)


# rf"(?<![\w.,-]){_YEAR}(?![\w%]|[.,]\d)", written with each alternative's first digit before its lookbehind:
# the engine then skips to the 1s and 2s instead of trying every position (3x faster; tested against that form).
# A four-digit year as written in prose (matching reads the year opening a sentence with it too).
YEAR = r"(?:1(?<![\w.,-]1)[6-9]|2(?<![\w.,-]2)[01])\d\d(?![\w%]|[.,]\d)"
_EXPLICIT_YEAR = regex(YEAR)

# The year next to the draft's, written before a date without a year in its sentence.
_OTHER_YEAR = regex(r"\b(next|last)[ \t]+year\b", re.I)
_FUTURE = regex(r"\b(?:will|next|upcoming|coming|scheduled|due|plans?)\b", re.I)


def _partial(year: int, month: int | None, day: int | None) -> PartialDate | None:
    """A PartialDate if the parts make a real date."""
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _relative(weekday: int, as_of: dt.date, future: bool, strict: bool = False) -> PartialDate:
    """The nearest such weekday before (or, in future tense, after) the draft's date.

    ``strict`` ("last Tuesday", "next Tuesday"): never the draft's own day, a week away instead.
    """
    shift = (weekday - as_of.weekday()) % 7 if future else -((as_of.weekday() - weekday) % 7)
    if strict and shift == 0:
        shift = 7 if future else -7
    day = as_of + dt.timedelta(days=shift)
    return PartialDate(day.year, day.month, day.day)


def _month(name: str) -> int:
    """Month number from a name or abbreviation."""
    return MONTHS[name.lower().rstrip(".")]


def find_dates(text: str, start: int, end: int, as_of: dt.date, year_hint: int | None,
               years_inside: Sequence[tuple[int, int]] = ()) -> Iterator[DateMention]:
    """Dates in text[start:end]; a missing year comes from the last of ``years_inside`` (offset, year) written
    before the date, else from ``year_hint`` (the nearest year before the span), else from as_of.

    Not from a year written after the date: in "on 22 March, up 3.4% on the 2016 count" the 2016 is
    another time, the one the date is compared with.
    """
    if may_hold_date(text, start, end):
        yield from read_dates(text, start, end, as_of, year_hint, years_inside)


def read_dates(text: str, start: int, end: int, as_of: dt.date, year_hint: int | None,
               years_inside: Sequence[tuple[int, int]] = ()) -> Iterator[DateMention]:
    """find_dates without its screen (may_hold_date): for a span that passed it."""
    latest: tuple[tuple[int, int], ...] = ()  # the last date with its year: (offset, year)
    for m in DATE_RE.finditer(text, start, end):
        g = m.groupdict()
        weekday = WEEKDAYS[g["wd"].lower().rstrip(".")] if g["wd"] else None
        bare = g["bwd"] or g["bwd2"]
        if bare:
            # Tense is read from the words around the weekday, in a bounded window (linear time).
            before = text[max(start, m.start() - 5) : m.start()].lower()
            future = before == "next " or (before != "last " and bool(
                _FUTURE.search(text, max(start, m.start() - 60), min(end, m.end() + 80))))
            date = _relative(WEEKDAYS[bare.lower()], as_of, future, before in ("last ", "next "))
            yield DateMention(m.start(), m.end(), m.group(), date, False, WEEKDAYS[bare.lower()], relative=True)
            continue
        year_text = g["y1"] or g["y2"] or g["y3"] or g["y4"] or g["y5"]
        other = None
        if year_text:
            year = int(year_text)
            latest = ((m.start(), year),)  # a date's own year counts as written before the next ones
        else:
            before = max((y for y in (*years_inside, *latest) if y[0] < m.start()), default=None)
            year = before[1] if before else (year_hint or as_of.year)
            other = _OTHER_YEAR.search(text, start, m.start()) if before is None else None
            if other:  # "Next year's race will be run on 17 October"
                year = as_of.year + (1 if other.group(1).lower() == "next" else -1)
        month_text = g["m1"] or g["m2"] or g["m4"]
        month = _month(month_text) if month_text else (int(g["m3"]) if g["m3"] else None)
        day_text = g["d1"] or g["d2"] or g["d3"]
        date = _partial(year, month, int(day_text) if day_text else None)
        if date is None:
            continue
        begin = m.start("y5") if g["y5"] else m.start()
        stop = m.end() - 1 if m.group().endswith(".") else m.end()  # "6 Mar." ends a sentence too
        yield DateMention(begin, stop, text[begin:stop], date, bool(year_text), weekday,
                          other_year=not year_text and other is not None)


def explicit_years(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(offset, year) of every four-digit year written in the span, for year context."""
    for m in _EXPLICIT_YEAR.finditer(text, start, end):
        yield m.start(), int(m.group())


def hint_years(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(offset, year) of the years in the span that give a year to dates written without one: not one a period
    starts from ("the strongest since 1987"), which is no year of the dates near it."""
    for m in _EXPLICIT_YEAR.finditer(text, start, end):
        if not starts_a_period(text, m.start()):  # a test per year found: cheaper than a lookbehind everywhere
            yield m.start(), int(m.group())


# A year a period starts from: "since 1987", "since September 2018"; unless what happened then follows it
# ("the highest since 1994, when 74% voted"), which makes it the year of that.
_SINCE_BEFORE = regex(r"\b[Ss]ince[ \t]+(?:[\w.]+[ \t]+){0,2}$")
_WHEN_AFTER = regex(r"\d{4},?[ \t]+when\b")


def starts_a_period(text: str, at: int, floor: int = 0) -> bool:
    """Whether the year written at ``at`` is where a period starts (read back no further than ``floor``)."""
    return (_SINCE_BEFORE.search(text, max(floor, at - 24), at) is not None
            and not _WHEN_AFTER.match(text, at))


_LIFE_DASHES = ("–", "-", "—", "to")
_NAME_END = regex(r"[A-Z][\w.'’-]*[ \t]*$")


def life_dates(text: str, dates: list[DateMention]) -> list[DateMention]:
    """A sentence's dates, those of a name's life in brackets marked ("Jan Berg (3 May 1902 – 11 October 1978)").

    Biographies give birth and death that way, with no word saying which is which.
    """
    for k in range(len(dates) - 1):
        a, b = dates[k], dates[k + 1]
        if (text[a.start - 1 : a.start] == "(" and text[b.end : b.end + 1] == ")"
                and text[a.end : b.start].strip() in _LIFE_DASHES and a.date.day and b.date.day
                and _NAME_END.search(text, max(0, a.start - 41), a.start - 1) is not None):
            dates[k], dates[k + 1] = replace(a, life=1), replace(b, life=2)
    return dates
