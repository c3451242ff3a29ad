"""FL201's support index: value candidates are found by value, then kept by unit and fit, as a fact-by-fact scan would."""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right

from factlint.extraction.model import Quantity
from factlint.ledger.model import Fact, Tolerance
from factlint.matching.compare import fits_value, units_compatible
from factlint.matching.support import MAX_CANDIDATES, SupportIndex
from factlint.units import canonical

UNITS = [None, "employees", "people", "voters", "residents", "interviews", "ships", "vessels", "USD", "EUR",
         "percent", "pp", "km", "m", "tonnes", "kg"]


def _facts(rng: random.Random, n: int) -> list[Fact]:
    out = []
    for i in range(n):
        tolerance = Tolerance(rng.choice([0.5, 0.05]), rng.random() < 0.5) if rng.random() < 0.2 else None
        # Some negative values: a written "3.2%" fits a fact of -3.2 (the sign is in the words).
        value = float(rng.randint(-8, 60)) + rng.choice([0.0, 0.25])
        out.append(Fact(f"f{i}", "c", ("s",), value=value, unit=rng.choice(UNITS), tolerance=tolerance))
    return out


def _quantity(rng: random.Random) -> Quantity:
    unit = canonical(rng.choice(UNITS))
    value = float(rng.randint(1, 60))
    width = rng.choice([0.5, 5, 30])
    return Quantity(0, 1, "x", value, value - width, value + width, unit.name if unit else None,
                    unit.dimension if unit else None)


def _scan(support: SupportIndex, q: Quantity) -> list[Fact]:
    """The definition: the first MAX_CANDIDATES facts by value in the widened interval, loosely unit-compatible,
    that fit the quantity."""
    values, numbers, _units, _tolerances = support.by_dimension.get(q.dimension or "none", ([], [], [], []))
    factor = canonical(q.unit).factor if q.dimension not in (None, "count") and q.unit else 1.0
    low, high = q.low * factor, q.high * factor
    rel, absolute = support.slack.get(q.dimension or "none", (0.0, 0.0))
    lo = bisect_left(values, low - rel * abs(low) - absolute - 1e-9)
    hi = bisect_right(values, high + rel * abs(high) + absolute + 1e-9)
    return [f for f in (support.facts[i] for i in numbers[lo : min(hi, lo + MAX_CANDIDATES)])
            if units_compatible(q, f, loose=True) and fits_value(q, f)]


def test_value_facts_equal_a_scan_of_the_candidates_by_unit() -> None:
    rng = random.Random(3)
    for n in (0, 5, 300, 3000):  # 3000: intervals that hold more than MAX_CANDIDATES facts
        support = SupportIndex.build(_facts(rng, n))
        for _ in range(300):
            q = _quantity(rng)
            assert support.value_facts(q) == _scan(support, q), q


def test_value_facts_leave_out_other_nouns_and_currencies() -> None:
    facts = [Fact("a", "c", ("s",), value=23.0, unit="employees"), Fact("b", "c", ("s",), value=23.0, unit="interviews"),
             Fact("c", "c", ("s",), value=23.0, unit="USD"), Fact("d", "c", ("s",), value=23.0, unit="EUR"),
             Fact("e", "c", ("s",), value=23.0, unit="vessels")]
    support = SupportIndex.build(facts)
    interviews = Quantity(0, 1, "23 interviews", 23.0, 22.5, 23.5, "interview", "count")
    euros = Quantity(0, 1, "€23", 23.0, 22.5, 23.5, "EUR", "currency")
    ships = Quantity(0, 1, "23 ships", 23.0, 22.5, 23.5, "ship", "count")
    assert [f.id for f in support.value_facts(interviews)] == ["b"]
    assert [f.id for f in support.value_facts(euros)] == ["d"]
    assert [f.id for f in support.value_facts(ships)] == ["e"]  # loose synonyms count for support


def test_any_names_a_keyword_is_names_a_keyword_over_every_pair() -> None:
    """The one-generator form answers as names_a_keyword would for some fact and some word set."""
    import random

    from factlint.matching.features import any_names_a_keyword

    def names_a_keyword(phrases: tuple[tuple[str, ...], ...], words: frozenset[str]) -> bool:
        """Whether every word of some keyword phrase is among ``words``: one fact, one word set."""
        return any(words.issuperset(phrase) for phrase in phrases)

    rng = random.Random(2)
    vocab = ["vot", "win", "turnout", "seat", "budget", "rise"]
    for _ in range(3000):
        facts = [tuple(tuple(rng.sample(vocab, rng.randint(1, 2))) for _ in range(rng.randint(0, 3)))
                 for _ in range(rng.randint(0, 4))]
        word_sets = tuple(frozenset(rng.sample(vocab, rng.randint(0, 4))) for _ in range(rng.randint(0, 2)))
        expected = any(names_a_keyword(phrases, words) for phrases in facts for words in word_sets)
        assert any_names_a_keyword(iter(facts), word_sets) == expected, (facts, word_sets)


def test_a_keyword_phrase_that_holds_another_adds_no_evidence() -> None:
    """'operating margin' beside 'margin', 'opened' beside 'opening' (one stem): one piece of evidence, not two."""
    from factlint.ledger.model import Fact
    from factlint.matching.features import keyword_phrases

    def phrases(*keywords: str):
        return keyword_phrases(Fact("f", "c", value=1, sources=("s",), keywords=keywords))

    assert phrases("operating margin", "margin") == (("margin",),)
    assert phrases("opened", "opening", "passengers") == (("open",), ("passenger",))
    assert phrases("road repairs", "roads") == (("road",),)
    assert phrases("earnings per share", "EPS") == (("earning", "per", "shar"), ("eps",))  # neither holds the other
