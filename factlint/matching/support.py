"""Loose support for FL201: is there any ledger fact a claim agrees with, whatever it is bound to?"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factlint.extraction.dates import find_dates
from factlint.extraction.model import DateMention, Quantity
from factlint.ledger.model import Fact
from factlint.matching.compare import fits_date, unit_compatible, value_fits
from factlint.matching.features import any_names_a_keyword
from factlint.matching.store import PackedMap, numbers_of, pack_numbers
from factlint.units import canonical

# Reference day for reading dates in a fact's claim; only dates written with their year are used, so
# it never decides anything.
_CLAIM_DAY = dt.date(2000, 1, 1)
MAX_CANDIDATES = 200  # an open interval ("more than 10%") may span many facts; a sample is enough


@dataclass(frozen=True)
class SupportIndex:
    """Facts by date (at each precision) and by unit, sorted by value in the unit's base.

    Postings hold fact numbers in ``facts`` (the index's lazy store), so loading the index builds no Fact.
    """

    facts: Sequence[Fact]
    # ISO date (or "month:" + year-month) -> fact numbers (store.pack_numbers): a PackedMap, 21k keys for 100k facts.
    by_date: Mapping[str, bytes]
    # dimension ('none': no unit) -> values in the base unit, sorted; their fact numbers, units (numbers
    # in ``units``) and tolerances (in the base unit). Arrays, not lists: 100k values load as one buffer.
    by_dimension: dict[str, tuple[array, array, array, array]]
    slack: dict[str, tuple[float, float]]  # dimension -> largest (relative, absolute in base units) tolerance
    units: tuple[str, ...] = ()  # unit names ("" for none), numbered for by_dimension

    @classmethod
    def build(cls, facts: Sequence[Fact], store: Sequence[Fact] | None = None) -> "SupportIndex":
        """Index every dated and valued fact once; lookups read ``store`` (same facts, same order), else ``facts``."""
        by_date: dict[str, list[int]] = defaultdict(list)
        values: dict[str, list[tuple[float, int, str, float]]] = defaultdict(list)
        slack: dict[str, tuple[float, float]] = {}
        for i, fact in enumerate(facts):
            if fact.date is not None:
                by_date[fact.date.iso()].append(i)
                if fact.date.day:  # also under its month, so "in October 2024" finds a fact dated 2024-10-13
                    by_date["month:" + fact.date.iso()[:7]].append(i)
            elif fact.value is not None:
                unit = canonical(fact.unit)
                dim, factor = (unit.dimension, unit.factor) if unit else ("none", 1.0)
                t = fact.tolerance
                # The same products as fits_value's, so that the test on these numbers is its test.
                values[dim].append((fact.value * factor, i, unit.name if unit else "",
                                    t.width(fact.value) * factor if t else 0.0))
                if t:
                    rel, absolute = slack.get(dim, (0.0, 0.0))
                    slack[dim] = (max(rel, t.amount), absolute) if t.relative else (rel, max(absolute, t.amount * factor))
        names = sorted({u for items in values.values() for _, _, u, _ in items})
        units = {name: k for k, name in enumerate(names)}
        sorted_values = {}
        for dim, items in values.items():
            items.sort()
            sorted_values[dim] = (array("d", [v for v, _, _, _ in items]), array("I", [i for _, i, _, _ in items]),
                                  array("I", [units[u] for _, _, u, _ in items]),
                                  array("d", [t for _, _, _, t in items]))
        dates = PackedMap.of({key: pack_numbers(nums) for key, nums in by_date.items()})
        return cls(facts if store is None else store, dates, sorted_values, slack, tuple(names))

    def date_facts(self, d: DateMention) -> list[Fact]:
        """Facts dated at the mention's day, month or year."""
        iso = d.date.iso()
        # Facts known to the same or a coarser precision, plus a month's day facts for a month mention.
        keys = [iso[:4]]
        if d.date.month:
            keys.append(iso[:7])
            keys.append(iso if d.date.day else "month:" + iso[:7])
        facts = self.facts
        return [facts[i] for k in keys for i in numbers_of(self.by_date.get(k, b""))]

    def value_facts(self, q: Quantity) -> list[Fact]:
        """Facts of the quantity's dimension whose value fits it (fits_value) and whose unit it can state (loosely)."""
        facts = self.facts
        return [facts[i] for i in self.value_numbers(q)]

    def value_numbers(self, q: Quantity) -> list[int]:
        """The numbers of the facts value_facts returns, in its order.

        Both tests read the numbers and unit names kept beside the values, so no fact is built: not
        the facts of another noun or currency ("23 interviews" among facts counted in employees), nor
        the many the widened interval lets in that do not fit.
        """
        dim = q.dimension or "none"
        values, numbers, unit_numbers, tolerances = self.by_dimension.get(dim, ((), (), (), ()))
        factor = canonical(q.unit).factor if q.dimension not in (None, "count") and q.unit else 1.0
        # Widened by the largest tolerance of the dimension, so facts it lets in are found; value_fits decides.
        low, high = q.low * factor, q.high * factor
        rel, absolute = self.slack.get(dim, (0.0, 0.0))
        lo = bisect_left(values, low - rel * abs(low) - absolute - 1e-9)
        hi = min(bisect_right(values, high + rel * abs(high) + absolute + 1e-9), lo + MAX_CANDIDATES)
        dimension = None if dim == "none" else dim
        units = self.units
        usable = {u for u in set(unit_numbers[lo:hi]) if unit_compatible(q, dimension, units[u] or None, loose=True)}
        return [numbers[k] for k in range(lo, hi)
                if unit_numbers[k] in usable and value_fits(low, high, q.value, values[k], tolerances[k])]


def supported(index, mention: Quantity | DateMention, words: tuple[frozenset[str], ...],
              entities: frozenset[str]) -> bool:
    """Whether some fact agrees with the mention and is about an entity named, or shares a keyword.

    ``words`` are word sets to look in: the sentence's own, then its context (heading, previous sentence).
    """
    support: SupportIndex = index.support()
    if isinstance(mention, Quantity):
        # By fact number: a fact's entities are in the entity postings, its keywords in its stored
        # features, so no candidate fact is built (more than half of the facts a 1 MB draft built).
        numbers = support.value_numbers(mention)
        if any(i in index.entity_numbers(e) for e in entities for i in numbers):
            return True
        return any_names_a_keyword(map(index.keywords_of, numbers), words)
    candidates = [f for f in support.date_facts(mention) if fits_date(mention, f)]
    # Entities first: a named subject settles it without computing any fact's keyword phrases.
    if any(not entities.isdisjoint(f.about) for f in candidates):
        return True
    return any_names_a_keyword(map(index.keywords, candidates), words)


def stated_with(mention: DateMention, facts: list[Fact]) -> bool:
    """Whether a fact bound in the same sentence names this date in its claim: a date that dates a figure
    ("1.8 million doses had been given by 9 June 2023"), which the figure's fact backs, not an event."""
    return any(found.date == mention.date
               for fact in facts
               for found in find_dates(fact.claim, 0, len(fact.claim), _CLAIM_DAY, None)
               if found.explicit_year)
