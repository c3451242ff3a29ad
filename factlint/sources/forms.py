"""The ways a page may print a fact's value or date: "48.27%", "48,27 %", "1,204,311", "6 March 2022"."""

from __future__ import annotations

from factlint.ledger.model import Fact, PartialDate

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
# Thousands separators seen in print: comma (en), dot (de, pt), space (fr, SI), apostrophe (ch).
_GROUPINGS = ((",", "."), (".", ","), (" ", ","), (" ", "."), ("'", "."))
_PERCENT_UNITS = frozenset({"percent", "%", "per cent", "pct", "percentage"})


def _digits(value: float) -> tuple[str, str]:
    """Integer and fraction digits at the value's own precision: 48.27 -> ('48', '27'), 12.0 -> ('12', '')."""
    text = f"{abs(value):.10f}".rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    return whole, frac


def _group(whole: str, sep: str) -> str:
    """'1204311' -> '1,204,311' with ``sep`` between groups of three."""
    groups = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.insert(0, tail)
    return sep.join([whole, *groups])


def number_forms(value: float) -> list[str]:
    """Every spelling of a number, most common first, without duplicates."""
    whole, frac = _digits(value)
    fracs = [frac] + [frac.ljust(n, "0") for n in (1, 2) if len(frac) < n]
    sign = "-" if value < 0 else ""
    forms: list[str] = []
    for f in fracs:  # the value's own precision first, zero-padded spellings ("12.0%") after
        for thousands, decimal in _GROUPINGS:
            for grouped in dict.fromkeys((_group(whole, thousands), whole)):
                forms.append(sign + grouped + (decimal + f if f else ""))
    return list(dict.fromkeys(forms))


def value_forms(value: float, unit: str | None) -> list[str]:
    """Spellings of a value with its unit where the unit is a symbol the page prints next to it."""
    numbers = number_forms(value)
    if unit and unit.strip().lower() in _PERCENT_UNITS:
        return list(dict.fromkeys(f"{n}{suffix}" for n in numbers for suffix in ("%", " %", " percent", " per cent")))
    return numbers


def date_forms(date: PartialDate) -> list[str]:
    """Spellings of a date at its precision: 6 March 2022, March 6, 2022, 2022-03-06, 06/03/2022, ..."""
    y = date.year
    if not date.month:
        return [str(y)]
    month, mon = MONTHS[date.month - 1], MONTHS[date.month - 1][:3]
    m2 = f"{date.month:02d}"
    if not date.day:
        return [f"{month} {y}", f"{mon} {y}", f"{mon}. {y}", f"{y}-{m2}", f"{m2}/{y}", f"{date.month}/{y}"]
    d, d2, nth = date.day, f"{date.day:02d}", _ordinal(date.day)
    forms = [f"{d} {month} {y}", f"{d2} {month} {y}", f"{nth} {month} {y}", f"{nth} of {month} {y}",
             f"{month} {d}, {y}", f"{month} {d} {y}", f"{month} {nth}, {y}", f"{d} {mon} {y}",
             f"{d} {mon}. {y}", f"{mon} {d}, {y}", f"{mon}. {d}, {y}", f"{y}-{m2}-{d2}"]
    for sep in ("/", ".", "-"):
        forms += [f"{d2}{sep}{m2}{sep}{y}", f"{d}{sep}{date.month}{sep}{y}",  # day first (most of the world)
                  f"{m2}{sep}{d2}{sep}{y}", f"{date.month}{sep}{d}{sep}{y}"]  # month first (US)
    return list(dict.fromkeys(forms))


def _ordinal(n: int) -> str:
    """1 -> 1st, 2 -> 2nd, 11 -> 11th, 23 -> 23rd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fact_forms(fact: Fact) -> list[str]:
    """What to look for on the page when the fact has no quote: its value's or date's spellings."""
    if fact.value is not None:
        return value_forms(fact.value, fact.unit)
    if fact.date is not None:
        return date_forms(fact.date)
    return []
