"""The compact fact store behind a cached index: facts come back exactly as they went in."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

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


def test_a_fact_hashes_by_its_id_and_still_compares_by_every_field() -> None:
    from dataclasses import replace

    copy = decode(encode(FULL))
    assert copy == FULL and hash(copy) == hash(FULL) == hash("f1")  # binding hashes facts by the thousand
    assert replace(FULL, value=41.5) != FULL  # same id, other value: equal hashes, unequal facts
    assert list(dict.fromkeys([FULL, copy, BARE, replace(FULL, value=41.5)])) == [FULL, BARE, replace(FULL, value=41.5)]


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


def test_entity_facts_equal_a_scan_of_the_ledger_also_after_pickling() -> None:
    """Per-entity postings (one packed entry per entity) find exactly the entity's facts of each kind."""
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex, fact_kind
    from tests.conftest import FIXTURES

    for ledger_path in sorted(FIXTURES.glob("*/facts.yaml")):
        ledger = load_ledgers((ledger_path,))
        built = LedgerIndex.build(ledger)
        for index in (built, pickle.loads(pickle.dumps(built))):
            kinds = sorted({fact_kind(f) for f in ledger.facts})
            for entity_id in [*ledger.entities, "no-such-entity"]:
                for kind in kinds:
                    expected = [f for f in ledger.facts if entity_id in f.about and fact_kind(f) == kind]
                    assert index.entity_facts(entity_id, (kind,)) == expected, (ledger_path, entity_id, kind)
                everything = [f for k in kinds for f in ledger.facts if entity_id in f.about and fact_kind(f) == k]
                assert index.entity_facts(entity_id, tuple(kinds)) == everything


def test_packed_records_are_a_mapping_built_on_lookup() -> None:
    """Sources and entities stay pickled until looked up; the mapping behaves like the dict it packs."""
    from factlint.ledger.model import Source
    from factlint.matching.store import PackedRecords

    sources = {"s1": Source("s1", "A report", url="https://example.org/r", published=PartialDate(2022, 3)),
               "s2": Source("s2", "Another")}
    packed = pickle.loads(pickle.dumps(PackedRecords.of(sources)))
    assert not packed._built  # unpickling builds no record
    assert list(packed) == list(packed.keys()) == ["s1", "s2"] and len(packed) == 2
    assert "s1" in packed and "s3" not in packed and not packed._built
    assert packed["s1"] == sources["s1"] and packed["s1"] is packed["s1"]
    assert packed.get("s3") is None and dict(packed) == sources and packed == sources
    try:
        packed["s3"]
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown id should raise KeyError")


def test_index_lookups_equal_scans_of_the_ledger_also_after_pickling() -> None:
    """Keyword postings, dated facts and valued facts by unit (packed numbers) find what a scan finds."""
    from factlint.extraction.model import DateMention, Quantity
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import MAX_POSTING, LedgerIndex, fact_kind
    from factlint.fold import fold, stem
    from factlint.units import canonical
    from tests.conftest import FIXTURES

    for ledger_path in sorted(FIXTURES.glob("*/facts.yaml")):
        ledger = load_ledgers((ledger_path,))
        built = LedgerIndex.build(ledger)
        for index in (built, pickle.loads(pickle.dumps(built))):
            assert dict(index.sources) == ledger.sources and dict(index.entities) == ledger.entities
            stems = {stem(fold(k).split()[0]) for f in ledger.facts for k in f.keywords if fold(k).split()}
            kinds = sorted({fact_kind(f) for f in ledger.facts})
            for word in sorted(stems):
                for kind in kinds:
                    # An entry per keyword phrase that starts with the word, in ledger order.
                    expected = [i for i, f in enumerate(ledger.facts) if fact_kind(f) == kind
                                for k in f.keywords if fold(k).split() and stem(fold(k).split()[0]) == word]
                    entries, common = index.keyword_entries(frozenset([word]), (kind,))
                    if len(expected) <= MAX_POSTING:
                        assert (entries, common) == (expected, []), (ledger_path, word, kind)
                    else:
                        assert entries == [] and list(map(list, common)) == [expected], (ledger_path, word, kind)
            support = index.support()
            for fact in ledger.facts:
                if fact.date is not None:
                    mention = DateMention(0, 1, "d", fact.date)
                    assert fact in support.date_facts(mention), (ledger_path, fact.id)
                elif fact.value is not None:
                    unit = canonical(fact.unit)
                    q = Quantity(0, 1, "n", fact.value, fact.value, fact.value, unit.name if unit else None,
                                 unit.dimension if unit else None)
                    assert fact in support.value_facts(q), (ledger_path, fact.id)


def test_features_computed_at_build_equal_features_computed_on_use_also_after_pickling() -> None:
    """Each fact's word features (and keyword phrases) come from the build, and equal a fresh computation."""
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex
    from tests.conftest import FIXTURES

    for ledger_path in sorted(FIXTURES.glob("*/facts.yaml")):
        ledger = load_ledgers((ledger_path,))
        built = LedgerIndex.build(ledger)
        assert built.packed_features is not None and len(built.packed_features) == len(ledger.facts)
        assert not built._features and not built._phrases and not built._memo  # the build's memos are not kept
        fresh = LedgerIndex.build(ledger)
        fresh.packed_features = None  # computes on use, as before features were stored
        for index in (built, pickle.loads(pickle.dumps(built))):
            for i, fact in enumerate(ledger.facts):
                stored = index.facts[i]  # a fact of the store: its features are the stored ones
                assert index.facts.number(stored) == i
                assert index.features(stored) == index.packed_features[i] == fresh.features(fact), (ledger_path, i)
                assert index.keywords(stored) == fresh.keywords(fact)


def test_features_of_a_fact_from_elsewhere_are_computed() -> None:
    """A fact the index's store never built (a library caller's own) gets computed features, not stored ones."""
    from dataclasses import replace

    from factlint.ledger.model import Ledger
    from factlint.matching.features import fact_features
    from factlint.matching.index import LedgerIndex

    index = LedgerIndex.build(Ledger((), {}, {}, (FULL,)))
    other = replace(FULL, id="f9", claim="Turnout rose to 71% in 2019", keywords=("turnout",))
    assert index.facts.number(other) is None
    # FULL's entity and sources are not in this ledger: no name or title words to take into account.
    expected = fact_features(other, frozenset(), frozenset())
    assert index.features(other) == expected != index.features(index.facts[0])
    assert 2019 in expected.years and index.keywords(other) == (("turnout",),)


def test_number_lookups_equal_the_fact_lookups_also_after_pickling() -> None:
    """Support reads candidates by number: the same facts, entities and keyword phrases as built facts give."""
    from factlint.extraction.model import Quantity
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex
    from factlint.units import canonical
    from tests.conftest import FIXTURES

    for ledger_path in sorted(FIXTURES.glob("*/facts.yaml")):
        ledger = load_ledgers((ledger_path,))
        built = LedgerIndex.build(ledger)
        for index in (built, pickle.loads(pickle.dumps(built))):
            for entity_id in [*ledger.entities, "no-such-entity", "?unknown name"]:
                expected = {i for i, f in enumerate(ledger.facts) if entity_id in f.about}
                assert index.entity_numbers(entity_id) == expected, (ledger_path, entity_id)
            for i, fact in enumerate(ledger.facts):
                assert index.keywords_of(i) == index.keywords(fact)
                if fact.value is not None and fact.date is None:
                    unit = canonical(fact.unit)
                    q = Quantity(0, 1, "n", fact.value, fact.value, fact.value, unit.name if unit else None,
                                 unit.dimension if unit else None)
                    support = index.support()
                    numbers = support.value_numbers(q)
                    assert i in numbers and [ledger.facts[n] for n in numbers] == support.value_facts(q)


def test_store_pickles_with_every_protocol_and_its_buffers_out_of_band() -> None:
    """Protocol 5 may leave the buffers (records, their ends) out of band (the ledger cache maps them in
    place); others copy them."""
    store = FactStore.of([FULL, BARE])
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert list(pickle.loads(pickle.dumps(store, protocol=protocol))) == [FULL, BARE], protocol
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(store, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 2 and len(data) < 100  # neither the facts' bytes nor their ends are in the pickle
    views = [memoryview(bytes(b.raw())) for b in buffers]
    again = pickle.loads(data, buffers=views)
    assert list(again) == [FULL, BARE] and isinstance(again._data, memoryview)
    assert again._ends.obj is views[1].obj  # read in place


# Keys a PackedMap must keep apart: two with one CRC-32 ("plumless", "buckeroo"), the empty key, accents,
# a lone surrogate, and values of each kind the index stores (a string, tuples of strings, bytes, a dict).
MAP = {"plumless": ("e1", "e2"), "buckeroo": "b", "": "empty", "maría josé": ("mj",), "x\ud800y": ("s",),
       "bytes": b"\x00\x01", "postings": {"date": b"\x01\x00\x00\x00"}}


def test_packed_map_is_the_mapping_it_packs() -> None:
    """Lookups, misses, length, iteration (in order) and equality are the dict's; a looked-up value is built once."""
    from zlib import crc32

    from factlint.matching.store import PackedMap

    assert crc32(b"plumless") == crc32(b"buckeroo")  # the lookup must compare keys, not only hashes
    packed = PackedMap.of(MAP)
    assert dict(packed) == MAP and packed == MAP and len(packed) == len(MAP) and list(packed) == list(MAP)
    for key, value in MAP.items():
        assert key in packed and packed[key] == value and packed.get(key) == value and packed[key] is packed[key]
    for missing in ("plumles", "buckeroos", "Plumless", " ", 3, None, ("plumless",)):
        assert missing not in packed and packed.get(missing) is None and packed.get(missing, "d") == "d"
    with pytest.raises(KeyError):
        packed["nowhere"]
    assert PackedMap.of({}) == {} and PackedMap.of({}).get("a") is None


def test_packed_map_pickles_with_every_protocol_and_its_buffers_out_of_band() -> None:
    """Protocol 5 leaves the four buffers out of band (the ledger cache maps them in place); others copy them."""
    from factlint.matching.store import PackedMap

    packed = PackedMap.of(MAP)
    packed.get("plumless")  # what a process looked up is not pickled
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(packed, protocol=protocol))
        assert not again._memo and dict(again) == MAP, protocol
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(packed, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 4 and len(data) < 100
    again = pickle.loads(data, buffers=[memoryview(bytes(b.raw())) for b in buffers])
    assert dict(again) == MAP and again == packed


def test_index_name_maps_find_what_a_scan_of_the_ledger_finds_also_after_pickling() -> None:
    """Every spelling's folded key gives its entity and spelling; every name token its names; and a token
    one edit from a ledger token (deleted, inserted or replaced letter) finds it among its near tokens."""
    from factlint.fold import fold
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import _ARTICLE, LedgerIndex
    from factlint.matching.store import PackedMap
    from tests.conftest import FIXTURES

    for ledger_path in sorted(FIXTURES.glob("*/facts.yaml")):
        ledger = load_ledgers((ledger_path,))
        built = LedgerIndex.build(ledger)
        for index in (built, pickle.loads(pickle.dumps(built, protocol=5))):
            assert all(isinstance(m, PackedMap) for m in (index.names, index.spellings, index.tokens, index.near))
            keys: dict[str, set[str]] = {}
            for entity in ledger.entities.values():
                for spelling in (entity.name, *entity.aliases):
                    if key := _ARTICLE.sub("", fold(spelling)):
                        keys.setdefault(key, set()).add(entity.id)
                        assert _ARTICLE.sub("", fold(index.spellings[key])) == key, (ledger_path, spelling)
            assert {k: set(v) for k, v in index.names.items()} == keys, ledger_path
            tokens = {t for key in keys for t in key.split()}
            assert set(index.tokens) == tokens
            for token in tokens:
                assert set(index.tokens[token]) == {k for k in keys if token in k.split()}
                if len(token) >= 3:
                    for typo in (token[1:], token + "x", "q" + token[1:], token[:-1] + "q"):
                        assert token in index.near_tokens(typo), (ledger_path, token, typo)


def test_a_pickled_index_holds_its_big_maps_as_buffers() -> None:
    """The maps that grow with the ledger (names, entities and their facts, dated facts) pickle as a few
    buffers each, which the ledger cache maps in place: none is unpickled key by key."""
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex
    from factlint.matching.store import PackedMap
    from tests.conftest import FIXTURES

    ledger = load_ledgers((FIXTURES / "elections" / "facts.yaml",))
    index = pickle.loads(pickle.dumps(LedgerIndex.build(ledger), protocol=5))
    maps = (index.names, index.spellings, index.tokens, index.near, index.by_entity, index.entities._blobs,
            index.sources._blobs, index.support().by_date)
    assert all(isinstance(m, PackedMap) and len(m) for m in maps)
