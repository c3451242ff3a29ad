"""Compare a written number or date with a ledger fact, at the precision the writer used."""

from __future__ import annotations

import re
from functools import lru_cache

from factlint.extraction.model import DateMention, Quantity
from factlint.extraction.numbers import HEDGES, as_written, direction_after, direction_before, find_quantities
from factlint.fold import ignorecase_lower
from factlint.ledger.model import Fact
from factlint.startup import regex
from factlint.units import canonical, nouns_compatible, rate_nouns_compatible

# Where a number starts in a fact's claim, with a currency before it ("rose $4.5bn", "fell EUR 3m").
_NUMBER_IN_CLAIM = regex(r"(?<![\w.,])(?:US\$|[$€£¥]|[A-Z]{3}[ \t])?\d")
# A percentage from where _NUMBER_IN_CLAIM starts, for the words of comparison after it.
_PERCENT_AT = regex(r"\d[\d,.]*(?<=\d)[ \t]*(?:%|per[ \t]?cent\b|percent\b)")


def units_compatible(q: Quantity, fact: Fact, loose: bool = False) -> bool:
    """Whether a quantity can be a statement of this fact's value at all (``loose``: for support only)."""
    fu = canonical(fact.unit)
    return (unit_compatible(q, fu.dimension if fu else None, fu.name if fu else None, loose)
            and (loose or fu is None or not _another_scale(q, fact, fu)))


# Measures a writer may give in a unit of another size ("41 years", "2 hours", "7,601 seconds").
_MEASURES = frozenset({"length", "mass", "volume", "data", "time", "energy", "power"})
_SCALE_APART = 1e4  # how far apart, in the same measure, a number and a fact state different things


def _another_scale(q: Quantity, fact: Fact, fu) -> bool:
    """Whether a number in another unit than the fact's is of another order of size altogether: "the race's
    41-year history" states no race time of 2 hours 6 minutes. In the fact's own unit a number any size
    off is a contradiction (a slip of scale is one)."""
    if q.dimension not in _MEASURES or q.unit == fu.name or not q.value or not fact.value:
        return False
    ratio = abs(q.value * _factor(q.unit) / (fact.value * fu.factor))
    return not 1 / _SCALE_APART < ratio < _SCALE_APART


def unit_compatible(q: Quantity, dimension: str | None, name: str | None, loose: bool = False) -> bool:
    """units_compatible for a fact whose canonical unit has this dimension and name (None: no unit)."""
    if dimension is None:
        return q.dimension in (None, "count")
    if q.dimension is None:  # a bare number: a count, or a rate where the words around it give the noun
        return dimension in ("count", "count/time")
    if q.dimension == "count/time" and dimension == "count":  # "60 requests per minute" against a count of requests
        return _rate_of(q.unit, name or "", loose)
    if q.dimension != dimension:
        return False
    if q.dimension == "currency":
        return q.unit == name
    if q.dimension == "count":
        return nouns_compatible(q.unit or "", name or "", loose)
    if q.dimension == "count/time":  # a rate's time is converted (fits_value), its noun must agree
        return _rate_of(q.unit, (name or "").partition("/")[0], loose)
    return True


def _rate_of(unit: str | None, noun: str, loose: bool) -> bool:
    """Whether a rate of a draft ("messag/second") counts this noun (units.rate_nouns_compatible)."""
    return rate_nouns_compatible((unit or "").partition("/")[0], noun, loose)


def _dimension(unit: str | None) -> str | None:
    """A unit's dimension, None for no unit."""
    u = canonical(unit)
    return u.dimension if u else None


def _factor(unit: str | None) -> float:
    """Scale to the dimension's base unit."""
    u = canonical(unit)
    return u.factor if u else 1.0


def fits_value(q: Quantity, fact: Fact) -> bool:
    """Whether the fact's value lies in the quantity's interval, widened by the fact's tolerance, and,
    where both give one, the change goes the same way ("grew 1.8%" against a fall of 1.8%)."""
    assert fact.value is not None
    bound = HEDGES.get(ignorecase_lower(q.hedge)) if q.hedge else None
    if bound == "up to" and _states_a_cap(fact.claim):
        q = as_written(q)  # "allows up to 500 seats" states the cap itself: 500, not any number below it
    target = fact.value * _factor(fact.unit)
    # A rate stated against a plain count of its noun is compared as written: the ledger gave no time.
    qf = _factor(q.unit) if q.dimension not in (None, "count") and q.dimension == _dimension(fact.unit) else 1.0
    tolerance = fact.tolerance.width(fact.value) * _factor(fact.unit) if fact.tolerance else 0.0
    # A temperature's sign is never left to words: "12 °C" does not state -12 °C.
    if not value_fits(q.low * qf, q.high * qf, q.value, target, tolerance, q.dimension != "temperature"):
        # "keep payloads under 64 KB" keeps within a cap of 256 KB; "as much as 14 days" is the claim's own
        # other limit ("kept for 4 days by default, and for up to 14 days if configured").
        return (bound == "under" and q.high * qf <= target + tolerance and _states_a_cap(fact.claim)) or (
            bound is not None and _claims_bound(q, qf, bound, fact.claim))
    return not q.direction or q.direction * fact_direction(fact.claim, fact.value) >= 0


def _claims_bound(q: Quantity, qf: float, bound: str, claim: str) -> bool:
    """Whether the fact's claim writes a figure of the quantity's dimension, hedged open-ended as the
    quantity is, that the quantity's number states ("as much as 14 days" and "for up to 14 days")."""
    written = as_written(q)
    return any(HEDGES.get(ignorecase_lower(c.hedge)) == bound and c.dimension == q.dimension
               and value_fits(written.low * qf, written.high * qf, written.value, c.value * _factor(c.unit), 0.0)
               for c in claim_quantities(claim) if c.hedge)


@lru_cache(maxsize=4096)
def claim_quantities(claim: str) -> tuple[Quantity, ...]:
    """The quantities a fact's claim writes."""
    return tuple(find_quantities(claim, 0, len(claim), []))


# A fact that is a limit ("allows up to 50 seats", "a maximum of 2 GB"): a draft's "up to N" states it.
_CAP = regex(r"\b(?:up to|at most|maximum|max\.?|no more than|limit(?:ed)?(?: of| to| is)?|capped at|cap of)\b",
             re.IGNORECASE)


@lru_cache(maxsize=4096)
def _states_a_cap(claim: str) -> bool:
    """Whether a fact's claim states a limit."""
    return _CAP.search(claim) is not None


@lru_cache(maxsize=4096)
def fact_direction(claim: str, value: float) -> int:
    """A fact's direction of change: -1 for a negative value, else what its claim's words say ("Exports
    rose 4.5%", "Revenue fell 3%", the value kept as its size), else 0."""
    if value < 0:
        return -1
    for m in _NUMBER_IN_CLAIM.finditer(claim):
        direction = direction_before(claim, m.start())
        if not direction and (pct := _PERCENT_AT.match(claim, m.start())) is not None:
            direction = direction_after(claim, pct.end())  # "Smokers had a 40% higher risk of stroke"
        if direction:
            return direction
    return 0


def value_fits(low: float, high: float, written: float, target: float, tolerance: float,
               words_sign: bool = True) -> bool:
    """fits_value on plain numbers: the quantity's interval and the fact's value and tolerance in base units;
    ``written`` is the number as written, for its sign; ``words_sign``: its sign may be left to words."""
    slack = tolerance + 1e-9 * max(1.0, abs(target))
    if low - slack <= target <= high + slack:
        return True
    # Signs are often carried by words ("fell 3.2%"): the same magnitude is not a contradiction.
    return words_sign and target < 0 < written and -high - slack <= target <= -low + slack


def fits_date(d: DateMention, fact: Fact) -> bool:
    """Whether two dates agree at the precision both share."""
    assert fact.date is not None
    a, b = d.date, fact.date
    if a.year != b.year:
        return False
    if a.month and b.month and a.month != b.month:
        return False
    return not (a.day and b.day and a.month and b.month and a.day != b.day)


def format_value(value: float) -> str:
    """48.27 -> '48.27'; 1204311.0 -> '1,204,311'."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def expected_text(fact: Fact) -> str:
    """What the ledger says, for messages: '48.27 percent', '2022-03-06'."""
    if fact.date is not None:
        return fact.date.iso()
    unit = f" {fact.unit}" if fact.unit else ""
    return f"{format_value(fact.value or 0.0)}{unit}"
