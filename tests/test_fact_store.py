"""The compact fact store behind a cached index: facts come back exactly as they went in."""

from __future__ import annotations

import datetime as dt
import pickle

from factlint.ledger.model import Fact, PartialDate, Tolerance
from factlint.matching.store import FactStore, decode, encode

FULL = Fact(id="f1", claim="Silva won 48.27% on 6 March 2022", sources=("s1", "s2"), about=("silva",),
            keywords=("won", "vote share"), value=48.27, unit="percent", tolerance=Tolerance(0.05, True),
            date=PartialDate(2022, 3, 6), quote="48.27 per cent", valid_from=dt.date(2022, 1, 1),
            valid_until=dt.date(2023, 1, 1), path="facts.yaml", line=12, column=5)
BARE = Fact(id="f2", claim="A count", sources=("s1",))


def test_every_field_round_trips() -> None:
    assert all(getattr(FULL, name) not in (None, (), "", 0) for name in Fact.__match_args__)  # nothing left default
    for fact in (FULL, BARE, Fact(id="f3", claim="c", sources=("s",), date=PartialDate(2022))):
        assert decode(encode(fact)) == fact


def test_store_survives_pickling_and_builds_each_fact_once() -> None:
    store = pickle.loads(pickle.dumps(FactStore.of([FULL, BARE])))
    assert len(store) == 2 and list(store) == [FULL, BARE]
    assert store[0] is store[0]


def test_store_indexes_like_a_list() -> None:
    facts = [FULL, BARE, Fact(id="f3", claim="c", sources=("s",), date=PartialDate(2022))]
    store = pickle.loads(pickle.dumps(FactStore.of(facts)))
    assert [store[i] for i in (2, 0, 1, -1, -3)] == [facts[i] for i in (2, 0, 1, -1, -3)]
    for bad in (3, -4):
        try:
            store[bad]
        except IndexError:
            continue
        raise AssertionError(f"store[{bad}] should raise IndexError")
    assert len(FactStore.of(())) == 0 and list(FactStore.of(())) == []
