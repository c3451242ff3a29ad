"""Loose support for FL201: is there any ledger fact a claim agrees with, whatever it is bound to?"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from factlint.extraction.model import DateMention, Quantity
from factlint.ledger.model import Fact
from factlint.matching.compare import fits_date, fits_value, units_compatible
from factlint.matching.features import evidence
from factlint.units import canonical

MAX_CANDIDATES = 200  # an open interval ("more than 10%") may span many facts; a sample is enough


@dataclass(frozen=True)
class SupportIndex:
    """Facts by date (at each precision) and by unit, sorted by value in the unit's base."""

    by_date: dict[str, list[Fact]]
    by_dimension: dict[str, tuple[list[float], list[Fact]]]

    @classmethod
    def build(cls, facts: tuple[Fact, ...]) -> "SupportIndex":
        """Index every dated and valued fact once."""
        by_date: dict[str, list[Fact]] = defaultdict(list)
        values: dict[str, list[tuple[float, int, Fact]]] = defaultdict(list)
        for i, fact in enumerate(facts):
            if fact.date is not None:
                # Indexed under its year and month too, so "in October 2024" finds a fact dated 2024-10-13.
                d = fact.date
                for key in dict.fromkeys((f"{d.year:04d}", d.iso()[:7], d.iso())):
                    by_date[key].append(fact)
            elif fact.value is not None:
                unit = canonical(fact.unit)
                values[unit.dimension if unit else "none"].append((fact.value * (unit.factor if unit else 1), i, fact))
        sorted_values = {}
        for dim, items in values.items():
            items.sort(key=lambda t: (t[0], t[1]))
            sorted_values[dim] = ([v for v, _, _ in items], [f for _, _, f in items])
        return cls(dict(by_date), sorted_values)

    def date_facts(self, d: DateMention) -> list[Fact]:
        """Facts dated at the mention's day, month or year."""
        iso = d.date.iso()
        keys = dict.fromkeys((iso[:4], iso[:7], iso))  # fits_date then keeps those that agree
        return list(dict.fromkeys(f for k in keys for f in self.by_date.get(k, ())))

    def value_facts(self, q: Quantity) -> list[Fact]:
        """Facts of the quantity's dimension whose value lies in its interval."""
        values, facts = self.by_dimension.get(q.dimension or "none", ([], []))
        factor = canonical(q.unit).factor if q.dimension not in (None, "count") and q.unit else 1.0
        # Widened so that facts whose own tolerance reaches the interval are found; fits_value decides.
        low, high = q.low * factor, q.high * factor
        lo, hi = bisect_left(values, low - 0.25 * abs(low) - 1e-9), bisect_right(values, high + 0.25 * abs(high) + 1e-9)
        return facts[lo : min(hi, lo + MAX_CANDIDATES)]


def supported(index, mention: Quantity | DateMention, words: tuple[frozenset[str], ...], years: frozenset[int],
              entities: frozenset[str]) -> bool:
    """Whether some fact agrees with the mention and is about an entity named, or shares a keyword.

    ``words`` are word sets to look in: the sentence's own, then its context (heading, previous sentence).
    """
    support: SupportIndex = index.support()
    if isinstance(mention, DateMention):
        candidates = [f for f in support.date_facts(mention) if fits_date(mention, f)]
    else:
        candidates = [f for f in support.value_facts(mention) if units_compatible(mention, f) and fits_value(mention, f)]
    return any(entities & set(f.about) or any(evidence(index.features(f), w, years).keywords for w in words)
               for f in candidates)
