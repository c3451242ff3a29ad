"""Binding: each number or date is compared with the fact it is about, and only when sure."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import index_from_mapping, run_text

LEDGER = {
    "version": 1,
    "sources": {"count": {"title": "Official count"}, "poll": {"title": "Final poll"}, "count18": {"title": "2018 count"}},
    "entities": {
        "silva": {"name": "Marta Silva", "aliases": ["Silva"]},
        "ortiz": {"name": "Rui Ortiz", "aliases": ["Ortiz"]},
        "brandt": {"name": "Helena Brandt", "aliases": ["Brandt"]},
        "city": {"name": "Porto Alto"},
    },
    "facts": [
        {"id": "silva-share", "claim": "Marta Silva won 48.27% of the valid votes in 2022.", "about": "silva",
         "keywords": ["won", "votes"], "value": 48.27, "unit": "percent", "source": "count"},
        {"id": "ortiz-share", "claim": "Rui Ortiz won 31.9% of the valid votes in 2022.", "about": "ortiz",
         "keywords": ["won", "votes"], "value": 31.9, "unit": "percent", "source": "count"},
        {"id": "brandt-share", "claim": "Helena Brandt won 12.04% of the valid votes in 2022.", "about": "brandt",
         "keywords": ["won", "votes"], "value": 12.04, "unit": "percent", "source": "count"},
        {"id": "silva-poll", "claim": "The final poll gave Marta Silva 45.2%.", "about": "silva",
         "keywords": ["poll"], "value": 45.2, "unit": "percent", "source": "poll"},
        {"id": "silva-share-2018", "claim": "Marta Silva won 39.1% of the valid votes in 2018.", "about": "silva",
         "keywords": ["won", "votes"], "value": 39.1, "unit": "percent", "source": "count18"},
        {"id": "budget", "claim": "The city budget for 2022 is EUR 4.1 billion.", "about": "city",
         "keywords": ["budget"], "value": 4.1e9, "unit": "EUR", "source": "count"},
        {"id": "mayor", "claim": "The mayor's salary was EUR 90,000 until 2022.", "about": "city",
         "keywords": ["salary"], "value": 90000, "unit": "EUR", "source": "count", "valid_until": "2022-01-01"},
        {"id": "mayor-new", "claim": "The mayor's salary is EUR 95,000 from 2022.", "about": "city",
         "keywords": ["salary"], "value": 95000, "unit": "EUR", "source": "count", "valid_from": "2022-01-01"},
    ],
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return index_from_mapping(LEDGER, tmp_path_factory.mktemp("ledger"))


def _value(fid: str, claim: str, about: str, keywords: list[str], value: float, unit: str | None = None,
           source: str = "s") -> dict:
    """A value fact of a test ledger."""
    fact = {"id": fid, "claim": claim, "about": about, "keywords": keywords, "value": value, "source": source}
    return fact | ({"unit": unit} if unit else {})


def _naming(text: str, *names: str) -> str:
    """A draft that names these entities too, in a paragraph of its own (binding through keywords alone
    needs the fact's entity named somewhere in the draft)."""
    return f"{text}\n\nAlso in this story: {', '.join(names)}.\n"


def _ledger(title: str, entities: dict, *facts: dict) -> dict:
    """A test ledger of one source ('s', with this title)."""
    return {"version": 1, "sources": {"s": {"title": title}}, "entities": entities, "facts": list(facts)}


def _index_fixture(name: str, ledger: dict):
    """A module-scoped fixture ``name``: the index of this test ledger."""
    @pytest.fixture(scope="module", name=name)
    def fixture(tmp_path_factory):
        return index_from_mapping(ledger, tmp_path_factory.mktemp(name))
    return fixture


def flagged(index, text: str, as_of: dt.date = dt.date(2022, 3, 10)) -> list[tuple[str, str]]:
    return [(f.found, f.fact) for f in run_text(text, index, as_of, select=("FL101",))]


def test_each_value_binds_to_its_nearest_subject(index) -> None:
    assert flagged(index, "In 2022 Silva won 48.3%, Ortiz 31.9% and Brandt 12% of the votes.") == []
    assert flagged(index, "In 2022 Silva won 48.3%, Ortiz 35.2% and Brandt 12% of the votes.") == [("35.2%", "ortiz-share")]


def test_swapped_values_are_both_flagged(index) -> None:
    assert flagged(index, "In 2022 Silva won 31.9% and Ortiz 48.3% of the votes.") == [
        ("31.9%", "silva-share"), ("48.3%", "ortiz-share")]


def test_values_after_their_subjects(index) -> None:
    assert flagged(index, "In 2022, 48.3% of the votes went to Silva and 31.9% to Ortiz.") == []


def test_the_sentence_words_pick_the_competing_fact(index) -> None:
    assert flagged(index, "The final poll gave Silva 45.2%.") == []
    assert flagged(index, "The final poll gave Silva 48.3%.") == [("48.3%", "silva-poll")]
    assert flagged(index, "In 2022 Silva won 45.2% of the votes.") == [("45.2%", "silva-share")]


def test_year_words_pick_the_fact(index) -> None:
    assert flagged(index, "In 2018 Silva won 39.1% of the votes.") == []
    assert flagged(index, "In 2018 Silva won 41% of the votes.") == [("41%", "silva-share-2018")]


def test_ambiguous_sentence_says_nothing(index) -> None:
    # Without a year, the 2018 and 2022 results compete and 41% fits neither: no guess.
    assert flagged(index, "Silva won 41% of the votes.") == []


def test_unrelated_number_is_not_bound(index) -> None:
    assert flagged(index, "Silva, 52, has three children.") == []
    assert flagged(index, "Silva's approval rating is 38%.") == []


def test_value_of_another_named_entity_is_not_a_contradiction(index) -> None:
    assert flagged(index, "Silva, who beat Ortiz, won 48.3% of the votes in 2022.") == []


def test_other_mentions_of_a_fitted_fact_are_not_flagged(index) -> None:
    assert flagged(index, "In 2022 Silva won 48.3% of the votes, up from 39.1%.") == []


def test_units_must_be_compatible(index) -> None:
    assert flagged(index, "Porto Alto's budget is €4.1bn.") == []
    assert flagged(index, "Porto Alto's budget is €4.5bn.") == [("€4.5bn", "budget")]
    assert flagged(index, "Porto Alto's budget grew 4.5%.") == []


def test_validity_window_picks_the_fact(index) -> None:
    assert flagged(index, "The salary of the mayor of Porto Alto is €95,000.") == []
    assert flagged(index, "The salary of the mayor of Porto Alto is €90,000.") == [("€90,000", "mayor-new")]
    assert flagged(index, "The salary of the mayor of Porto Alto is €90,000.", dt.date(2021, 6, 1)) == []


def test_table_rows_use_the_header(index) -> None:
    table = "| Candidate | Votes won in 2022 |\n|---|---|\n| Silva | 48.27% |\n| Ortiz | 33.9% |\n"
    assert flagged(index, table) == [("33.9%", "ortiz-share")]


def test_a_year_by_the_number_that_the_fact_is_not_tied_to(index) -> None:
    # Ortiz's only share fact is tied to 2022; "in 2019" next to the number says it is about another year.
    assert flagged(index, "Ortiz, who won 20% of the votes in 2019, ran again.") == []
    assert flagged(index, "Ortiz won 20% of the votes in 2022.") == [("20%", "ortiz-share")]


def test_a_name_the_ledger_does_not_know_is_someone_else(index) -> None:
    # Nordhav is not in the ledger: its 12% must not be pinned on a ledger entity through keywords.
    assert flagged(index, "Rival firm Nordhav Group won 12% of the valid votes in 2022.") == []


def test_a_sentence_opening_with_a_number_takes_the_name_right_after_it(index) -> None:
    assert flagged(index, "In 2022, 35.2% of the votes went to Ortiz.") == [("35.2%", "ortiz-share")]


# Two topics in one ledger, as a newsroom's ledger holds them: a company's results date and an
# election's certification date share the words "result" and "published"; a staff cut and an
# unemployment rate share "unemployment".
MIXED = {
    "version": 1,
    "sources": {"fy": {"title": "Annual report"}, "rec": {"title": "Declaration"}, "lfs": {"title": "Labour survey"},
                "hr": {"title": "Staff report"}},
    "entities": {
        "halvard": {"name": "Halvard ASA", "aliases": ["Halvard"]},
        "rec": {"name": "Rivabella Electoral Commission", "aliases": ["the Electoral Commission"]},
        "varenna": {"name": "Varenna"},
        "nordvik": {"name": "Nordvik"},
    },
    "facts": [
        {"id": "results-date", "claim": "Halvard published its full-year results on 27 February 2024.",
         "about": "halvard", "keywords": ["results", "published", "reported"], "date": "2024-02-27", "source": "fy"},
        {"id": "declared-date", "claim": "The Electoral Commission declared the official result on 14 October 2024.",
         "about": "rec", "keywords": ["declared", "certified", "official result", "announced"], "date": "2024-10-14",
         "source": "rec"},
        {"id": "jobless", "claim": "Unemployment in Varenna fell to 6.2% in 2023.", "about": "varenna",
         "keywords": ["unemployment", "jobless"], "value": 6.2, "unit": "percent", "source": "lfs"},
        {"id": "staff-cut", "claim": "Nordvik cut its staff by 4.5% in 2023 as unemployment rose.", "about": "nordvik",
         "keywords": ["staff", "cut", "unemployment"], "value": 4.5, "unit": "percent", "source": "hr"},
    ],
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    return index_from_mapping(MIXED, tmp_path_factory.mktemp("mixed"))


def contradictions(index, text: str) -> list[tuple[str, str, str]]:
    return [(f.code, f.found, f.fact) for f in run_text(text, index, dt.date(2024, 11, 1), select=("FL101", "FL102"))]


def test_a_date_that_fits_a_weaker_keyword_match_is_no_contradiction(mixed) -> None:
    # Two keywords point at the company's results date, one at the certification date, which the date fits.
    assert contradictions(mixed, "In 2024 the Commission certified the result on 14 October and published the data.") == []
    # A date that fits neither is still flagged, against the fact the keywords point at most.
    assert contradictions(mixed, "The Commission certified and announced the official result on 15 October 2024, "
                                 "and published data.") == [("FL102", "15 October 2024", "declared-date")]


def test_a_value_that_fits_a_weaker_keyword_match_is_no_contradiction(mixed) -> None:
    # Naming an entity without such facts, the sentence binds through keywords: three point at the staff
    # cut, one at the unemployment rate, which the value fits.
    assert contradictions(mixed, "At Halvard, staff were cut in 2023 while unemployment fell to 6.2%.") == []
    assert contradictions(mixed, "In 2023 unemployment in Varenna fell to 7.2%.") == [("FL101", "7.2%", "jobless")]


# Sifting keyword candidates (bind._keyword_candidates) must never change a binding: a fact it leaves
# out could not have passed the evidence test. Compared here with sifting always on and always off.
TRADING = {
    "version": 1,
    "sources": {"tu": {"title": "Trading update"}},
    "entities": {"halvard": {"name": "Halvard ASA", "aliases": ["Halvard"]}},
    # Two phrases that start with the same word: one posting entry each, or sifting would drop the fact.
    "facts": [{"id": "volume-rise", "claim": "Halvard's trading update said trading volume rose 12% in 2023.",
               "about": "halvard", "keywords": ["trading update", "trading volume"], "value": 12, "unit": "percent",
               "source": "tu"}]
    + [{"id": f"note-{i}", "claim": f"Halvard trading note {i}.", "about": "halvard", "keywords": ["trading"],
        "value": 100 + i, "unit": "percent", "source": "tu"} for i in range(10)],
}


def _bound(index, text: str, as_of: dt.date) -> list[tuple[int, str, bool]]:
    from factlint.document.parse import parse_document
    from factlint.engine import build_context

    ctx = build_context(parse_document(text, "draft.md"), index, as_of)
    return [(b.mention.start, b.fact.id, b.fits) for b in ctx.bindings]


def _sifted_and_not(monkeypatch, index, texts: list[str], as_of: dt.date) -> tuple[list, list, int]:
    """Bindings with sifting always on, and always off; and how many candidates sifting left out."""
    import factlint.matching.bind as bind_module

    dropped = 0
    sift = bind_module._keyword_candidates

    def counting(*args):
        nonlocal dropped
        kept, found = sift(*args)
        dropped += len(found) - len(kept)
        return kept, found

    monkeypatch.setattr(bind_module, "_keyword_candidates", counting)
    monkeypatch.setattr(bind_module, "_SIFT_FROM", 0)
    on = [_bound(index, t, as_of) for t in texts]
    monkeypatch.setattr(bind_module, "_SIFT_FROM", 10**9)
    off = [_bound(index, t, as_of) for t in texts]
    return on, off, dropped


def test_sifting_keeps_a_fact_whose_matched_phrases_share_a_first_word(monkeypatch, tmp_path) -> None:
    index = index_from_mapping(TRADING, tmp_path)
    text = _naming("At Zorvik, the trading update said trading volume rose 15% in 2023.", "Halvard")
    on, off, dropped = _sifted_and_not(monkeypatch, index, [text], dt.date(2024, 11, 1))
    assert on == off == [[(text.index("15%"), "volume-rise", False)]]
    assert dropped == 10  # the notes, with one keyword each


def test_sifting_keeps_one_keyword_facts_about_an_entity_named(monkeypatch, tmp_path) -> None:
    index = index_from_mapping(TRADING, tmp_path)
    # The number's subject is Zorvik, with no facts: bound through keywords, where one keyword is
    # enough for a fact about Halvard, also named.
    text = "Halvard said that at Zorvik trading rose 105% in 2023."
    on, off, dropped = _sifted_and_not(monkeypatch, index, [text], dt.date(2024, 11, 1))
    assert on == off == [[(text.index("105%"), "note-5", True)]]
    assert dropped == 0


def test_sifting_counts_entries_in_postings_too_common_to_find_facts(monkeypatch, tmp_path) -> None:
    import factlint.matching.index as index_module

    facts = [{"id": "volume-rise", "claim": "Halvard's trading volume rose 12% in 2023.", "about": "halvard",
              "keywords": ["volume", "trading"], "value": 12, "unit": "percent", "source": "tu"}]
    facts += [{"id": f"volume-{i}", "claim": f"Halvard volume note {i}.", "about": "halvard", "keywords": ["volume"],
               "value": 200 + i, "unit": "percent", "source": "tu"} for i in range(9)]
    facts += [{"id": f"trading-{i}", "claim": f"Halvard trading note {i}.", "about": "halvard", "keywords": ["trading"],
               "value": 300 + i, "unit": "percent", "source": "tu"} for i in range(10)]
    index = index_from_mapping({**TRADING, "facts": facts}, tmp_path)
    # "trading" (11 facts) finds none on its own; "volume" (10) finds them, and volume-rise's second
    # keyword phrase is in the common posting.
    monkeypatch.setattr(index_module, "MAX_POSTING", 10)
    text = _naming("At Zorvik, trading volume rose 15% in 2023.", "Halvard")
    on, off, dropped = _sifted_and_not(monkeypatch, index, [text], dt.date(2024, 11, 1))
    assert on == off == [[(text.index("15%"), "volume-rise", False)]]
    assert dropped == 9


def test_sifting_changes_no_binding_in_the_fixtures_against_one_big_ledger(monkeypatch, tmp_path) -> None:
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex
    from tests.conftest import FIXTURES

    topics = ["elections", "science", "product-docs", "public-health", "finance"]
    index = LedgerIndex.build(load_ledgers(tuple(FIXTURES / t / "facts.yaml" for t in topics)))
    texts = [p.read_text(encoding="utf-8") for t in topics for p in sorted((FIXTURES / t).glob("*.md"))]
    on, off, dropped = _sifted_and_not(monkeypatch, index, texts, dt.date(2024, 11, 1))
    assert on == off and sum(map(len, on)) > 100
    assert dropped > 0


def test_sifting_changes_no_binding_in_a_generated_draft_against_a_small_ledger(monkeypatch, tmp_path) -> None:
    from benchmarks.generate import TINY, generate
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex

    manifest = generate(tmp_path, seed=5, scale=TINY)
    index = LedgerIndex.build(load_ledgers((tmp_path / manifest["ledgers"]["50"]["file"],)))
    texts = [(tmp_path / info["file"]).read_text(encoding="utf-8") for info in manifest["drafts"].values()]
    on, off, dropped = _sifted_and_not(monkeypatch, index, texts, dt.date(2023, 6, 15))
    assert on == off and sum(map(len, on)) > 20
    assert dropped > 0


def test_of_two_numbers_bound_to_one_fact_the_one_with_its_unit_states_it(tmp_path) -> None:
    """'The Okafor study (12) analysed 1,402 ice cores': both bind to the cores fact and neither fits it;
    the number written with a unit or noun is the one that states it, not the bare 12 before it."""
    ledger = {"version": 1, "sources": {"paper": {"title": "Paper"}},
              "entities": {"okafor": {"name": "Adaeze Okafor", "aliases": ["Okafor"]}},
              "facts": [{"id": "sample", "claim": "The study analysed 1,204 ice cores.", "about": "okafor",
                         "keywords": ["ice cores", "analysed"], "value": 1204, "unit": "cores", "source": "paper"}]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "The Okafor study (12) analysed 1,402 ice cores.") == [("1,402", "sample")]
    assert flagged(index, "The Okafor study (12) analysed 1,204 ice cores.") == []
    assert flagged(index, "Okafor's team analysed 1,402 ice cores, p < 0.01.") == [("1,402", "sample")]


def test_basis_points_and_pence_bind_to_their_facts(tmp_path) -> None:
    """'80 basis points' is the margin fact's (0.8 percentage points too), '41p' the EPS fact's GBP 0.41:
    before, '80 basis' was a count and the bare '41' took the margin fact, a false contradiction."""
    ledger = {"version": 1, "sources": {"results": {"title": "Results"}},
              "entities": {"corvane": {"name": "Corvane plc", "aliases": ["Corvane"]}},
              "facts": [{"id": "margin", "claim": "The operating margin widened by 80 basis points.", "about": "corvane",
                         "keywords": ["margin", "widened"], "value": 80, "unit": "basis points", "source": "results"},
                        {"id": "eps", "claim": "Earnings per share were GBP 0.41.", "about": "corvane",
                         "keywords": ["earnings per share"], "value": 0.41, "unit": "GBP", "source": "results"}]}
    index = index_from_mapping(ledger, tmp_path)
    right = "At Corvane, the operating margin widened by 80 basis points and earnings per share came in at 41p."
    assert flagged(index, right) == []
    assert flagged(index, right.replace("80 basis points", "0.8 percentage points")) == []
    assert flagged(index, right.replace("80 basis", "60 basis").replace("41p", "44p")) == [
        ("60 basis points", "margin"), ("44p", "eps")]


def test_a_table_column_whose_header_names_an_entity_is_about_it(tmp_path) -> None:
    """'| Limit | Starter | Pro |': a figure in the Pro column is about the Pro plan. Before, both plans'
    facts competed through the row's words and nothing bound: a wrong limit went unflagged."""
    fact = lambda fid, plan, kw, value, unit: {"id": fid, "claim": f"The {plan} plan has {value} {unit} of {kw}.",  # noqa: E731
                                               "about": plan.lower(), "keywords": [kw], "value": value, "unit": unit,
                                               "source": "spec"}
    ledger = {"version": 1, "sources": {"spec": {"title": "Spec"}},
              "entities": {"starter": {"name": "Starter plan", "aliases": ["Starter"]},
                           "pro": {"name": "Pro plan", "aliases": ["Pro"]}},
              "facts": [fact("starter-rate", "Starter", "requests", 60, "requests"),
                        fact("pro-rate", "Pro", "requests", 600, "requests"),
                        fact("starter-storage", "Starter", "storage", 10, "GB"),
                        fact("pro-storage", "Pro", "storage", 1, "TB")]}
    index = index_from_mapping(ledger, tmp_path)
    table = ("| Limit | Starter | Pro |\n|---|---|---|\n"
             "| Requests per minute | 60 | 600 |\n| Storage | 10 GB | 1 TB |\n")
    assert flagged(index, table) == []
    wrong = table.replace("| 600 |", "| 6,000 |").replace("| 10 GB |", "| 100 GB |")
    assert flagged(index, wrong) == [("6,000", "pro-rate"), ("100 GB", "starter-storage")]
    # A header that names no ledger entity leaves the row's own names to decide, as before.
    assert flagged(index, "| Plan | Storage |\n|---|---|\n| Starter | 100 GB |\n") == [("100 GB", "starter-storage")]


def test_a_subject_carried_from_the_sentence_before_gives_way_to_the_words(tmp_path) -> None:
    """'Pro allows 600 requests. A single upload may be up to 2 GB.': the plan is carried into the second
    sentence, but none of its facts shares a word with it; the upload fact the words name is the one."""
    ledger = {"version": 1, "sources": {"spec": {"title": "Spec"}},
              "entities": {"pro": {"name": "Pro plan", "aliases": ["Pro"]}, "tessel": {"name": "Tessel"}},
              "facts": [{"id": "pro-rate", "claim": "The Pro plan allows 600 requests per minute.", "about": "pro",
                         "keywords": ["requests"], "value": 600, "unit": "requests", "source": "spec"},
                        {"id": "pro-storage", "claim": "The Pro plan includes 1 TB of storage.", "about": "pro",
                         "keywords": ["storage"], "value": 1, "unit": "TB", "source": "spec"},
                        {"id": "upload", "claim": "A single upload may be up to 5 GB.", "about": "tessel",
                         "keywords": ["upload"], "value": 5, "unit": "GB", "source": "spec"}]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "Pro allows 600 requests a minute. A single upload may be up to 5 GB.") == []
    assert flagged(index, _naming("Pro allows 600 requests a minute. A single upload may be up to 2 GB.", "Tessel")) == [
        ("up to 2 GB", "upload")]
    # The carried subject's own fact, when the words point at it, is still the one.
    assert flagged(index, "Pro allows 600 requests a minute. Its storage is 2 TB.") == [("2 TB", "pro-storage")]


def test_a_carried_subject_binds_through_a_keyword_not_a_claim_word(tmp_path) -> None:
    """'A spokesperson for Kilath Steel said ... The fund has paid out $578 million.': the steel group is
    carried into the second sentence, which shares only a claim word with its profit fact. That bound the
    fund's payout to the group's profit: a false contradiction. A keyword of the fact still binds."""
    ledger = {"version": 1, "sources": {"s": {"title": "Annual report"}},
              "entities": {"kilath": {"name": "Kilath Steel"}},
              "facts": [{"id": "profit", "claim": "Kilath Steel made a net profit of $623 million.", "about": "kilath",
                         "keywords": ["profit"], "value": 623e6, "unit": "USD", "source": "s"}]}
    index = index_from_mapping(ledger, tmp_path)
    first = "A spokesperson for Kilath Steel said the company made progress. "
    assert flagged(index, first + "The fund has made payments of $578 million.") == []
    assert flagged(index, first + "Its net profit was $578 million.") == [("$578 million", "profit")]
    assert flagged(index, "Kilath Steel made payments of $578 million.") == [("$578 million", "profit")]  # named


def test_a_sentence_citing_another_source_needs_more_than_one_keyword(tmp_path) -> None:
    """'... could draw as many as 15,000 people ([press kit](...))': a census fact from another source shares
    only the keyword 'people'; bound, it was a false contradiction (and a false citation mismatch)."""
    ledger = {"version": 1,
              "sources": {"census": {"title": "Census", "url": "https://census.example.org/2021"},
                          "kit": {"title": "Press kit", "url": "https://summit.example.org/press"}},
              "entities": {"varenna": {"name": "Varenna"}},
              "facts": [{"id": "population", "claim": "Varenna has a population of 2,400,000 people.",
                         "about": "varenna", "keywords": ["population", "people"], "value": 2.4e6,
                         "unit": "people", "source": "census"}]}
    index = index_from_mapping(ledger, tmp_path)
    text = "The summit could draw as many as 15,000 people ([kit](https://summit.example.org/press))."
    assert flagged(index, text) == []
    assert flagged(index, text.replace("summit.example.org/press", "census.example.org/2021")) == [
        ("as many as 15,000", "population")]  # citing the fact's own source: one keyword binds, as before


def test_a_change_is_checked_at_the_value_it_reaches_not_the_one_it_starts_from(index) -> None:
    """'fell from 46% to 49.1%': the fact is the 49.1%, in either order; the starting point is not compared."""
    assert flagged(index, "In 2022 Silva's share of the votes she won went from 46% to 49.1%.") == [("49.1%", "silva-share")]
    assert flagged(index, "In 2022 Silva's share of the votes she won rose to 49.1% from 46%.") == [("49.1%", "silva-share")]
    assert flagged(index, "In 2022 Silva's share of the votes she won went from 46% to 48.3%.") == []


def test_a_range_fits_a_fact_inside_it(index) -> None:
    assert flagged(index, "In 2022 Silva won between 47 and 49% of the votes.") == []
    assert flagged(index, "In 2022 Silva won 47–49% of the votes.") == []
    assert flagged(index, "In 2022 Silva won 50–55% of the votes.") == [("50–55%", "silva-share")]


def test_a_release_date_is_an_event_and_a_page_stamp_is_not(tmp_path) -> None:
    """'Pellucid 2.3.1 was released on 5 March 2025' states the release; 'Last updated ...' stamps the page."""
    ledger = {"version": 1, "sources": {"s": {"title": "Release notes"}},
              "entities": {"pellucid": {"name": "Pellucid"}},
              "facts": [{"id": "release", "claim": "Pellucid 2.3.1 was released on 4 March 2025.", "about": "pellucid",
                         "keywords": ["released", "release"], "date": "2025-03-04", "source": "s"}]}
    index = index_from_mapping(ledger, tmp_path)

    def dates(text: str):
        return [(f.found, f.fact) for f in run_text(text, index, dt.date(2025, 6, 1), select=("FL102",))]

    assert dates("Pellucid 2.3.1 was released on 5 March 2025.") == [("5 March 2025", "release")]
    assert dates("The Pellucid release notes were released on 5 March 2025.") == [("5 March 2025", "release")]
    assert dates("Pellucid 2.3.1 was released on 4 March 2025.") == []
    # A name doing it, mid-sentence and in the active voice ('the Statistics Office published on ...').
    assert dates("The notes say that Pellucid released on 5 March 2025.") == [("5 March 2025", "release")]
    assert dates("The fixes ship in Pellucid Release, published on 5 March 2025.") == [("5 March 2025", "release")]
    assert dates("Pellucid release notes by Ann Reis, published on 5 March 2025.") == []  # a byline
    # A name's thing doing it ('results of the RELIEF-2 trial published on ...'), but not the page.
    assert dates("We read the Pellucid notes released on 5 March 2025.") == [("5 March 2025", "release")]
    assert dates("See the Pellucid release notes published on 5 March 2025.") == [("5 March 2025", "release")]
    assert dates("The Pellucid release notes page was last updated on 5 March 2025.") == []
    # A noun opening the sentence does it: 'Results published on Thursday show ...'.
    assert dates("Pellucid notes. Fixes released on 5 March 2025 close 12 bugs.") == [("5 March 2025", "release")]
    for stamp in ("Pellucid release notes. Last updated 5 March 2025.", "This page was last updated on 5 March 2025.",
                  "Pellucid release notes. Page updated on 5 March 2025.", "Pellucid notes. Released on 5 March 2025.",
                  "Pellucid release notes. Released: 5 March 2025.", "This post was released on 5 March 2025.",
                  "Pellucid release notes, Last Updated 5 March 2025.", "Notes Released 5 March 2025."):
        assert dates(stamp) == [], stamp


def test_a_count_of_any_noun_states_a_unitless_fact_through_a_keyword(tmp_path) -> None:
    """A ledger may give a count no unit ("employs 1,240 staff", value 1240): the draft's "1,420 staff"
    or "1,420 people" states it; "12 committees", with no keyword of the fact, does not."""
    ledger = {"version": 1, "sources": {"m": {"title": "Annual report"}},
              "entities": {"c": {"name": "Kessling Borough Council"}},
              "facts": [{"id": "staff", "claim": "Kessling Borough Council employs 1,240 staff.", "about": "c",
                         "keywords": ["employs", "staff"], "value": 1240, "source": "m"}]}
    index = index_from_mapping(ledger, tmp_path)
    for wrong in ("employs 1,420 staff", "employs 1,420 people", "has a staff of 1,420", "employs 1,420"):
        assert flagged(index, f"Kessling Borough Council {wrong}.") == [("1,420", "staff")], wrong
    assert flagged(index, "Kessling Borough Council employs 1,240 staff.") == []
    assert flagged(index, "Kessling Borough Council has 12 committees.") == []


def test_a_margin_states_only_a_fact_about_a_margin(tmp_path) -> None:
    """'passed by a majority of 14' against '23 votes in favour' is no contradiction; a majority fact is checked."""
    facts = [{"id": "for", "claim": "The budget passed with 23 votes in favour.", "about": "c",
              "keywords": ["passed", "in favour"], "value": 23, "unit": "votes", "source": "m"}]
    ledger = {"version": 1, "sources": {"m": {"title": "Minutes"}}, "entities": {"c": {"name": "Kessling Council"}},
              "facts": facts}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    index = index_from_mapping(ledger, tmp_path / "a")
    for margin in ("by a majority of 14", "by 14 votes", "with a margin of 14 votes", "with a lead of 14"):
        assert flagged(index, f"Kessling Council passed the budget {margin}.") == [], margin
    assert flagged(index, "Kessling Council passed the budget with 32 votes in favour.") == [("32", "for")]
    facts.append({"id": "majority", "claim": "The budget passed by a majority of 14.", "about": "c",
                  "keywords": ["majority"], "value": 14, "source": "m"})
    index = index_from_mapping(ledger, tmp_path / "b")
    assert flagged(index, "Kessling Council passed the budget by a majority of 21.") == [("21", "majority")]
    assert flagged(index, "Kessling Council passed the budget by a majority of 14.") == []


def test_a_second_number_binds_among_the_facts_the_first_does_not_state(tmp_path) -> None:
    """'scored 3 goals before a crowd of 18,240': the goals fact is stated by '3 goals', so the crowd is
    the other fact, and is checked; before, the two facts competed for it and nothing was reported."""
    ledger = {"version": 1, "sources": {"s": {"title": "Match report"}}, "entities": {"r": {"name": "Tarrow Rovers"}},
              "facts": [_value("goals", "Tarrow Rovers scored 3 goals.", "r", ["goals", "scored"], 3, "goals"),
                        _value("crowd", "The final drew a crowd of 18204.", "r", ["crowd"], 18204, "people"),
                        _value("margin", "The club's operating margin was 42%.", "r", ["margin"], 42, "percent"),
                        _value("churn", "Season-ticket churn was 2.8%.", "r", ["churn"], 2.8, "percent")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "Tarrow Rovers scored 3 goals before a crowd of 18,240.") == [("18,240", "crowd")]
    assert flagged(index, "Tarrow Rovers scored 3 goals before a crowd of 18,204.") == []
    assert flagged(index, "Tarrow Rovers' operating margin was 42% and churn was 2.3%.") == [("2.3%", "churn")]


def test_citing_a_facts_source_is_not_enough_in_a_sentence_about_another_entity(tmp_path) -> None:
    """'Østrand froze on 3 January 2024, a record ([records](...))' cites the station records, which also hold
    'records in Northvale began in 1881': one keyword and the source bound the date to that fact (FL102)."""
    ledger = {"version": 1, "sources": {"rec": {"title": "Station records", "url": "https://met.example.org/records"}},
              "entities": {"nv": {"name": "Northvale"}, "os": {"name": "Østrand"}},
              "facts": [{"id": "records-start", "claim": "Records in Northvale began in 1881.", "about": "nv",
                         "keywords": ["records"], "date": 1881, "source": "rec"}]}
    index = index_from_mapping(ledger, tmp_path)

    def dates(text: str):
        return [(f.found, f.fact) for f in run_text(text, index, dt.date(2024, 6, 1), select=("FL102",))]

    cite = "([records](https://met.example.org/records))"
    assert dates(f"Østrand froze on 3 January 2024, a record {cite}.") == []
    assert dates(f"Northvale records began in March 1891 {cite}.") == [("March 1891", "records-start")]
    assert dates(f"The station records began in March 1891 {cite}.") == [("March 1891", "records-start")]


def test_a_bare_year_is_checked_against_a_year_fact_and_a_finer_date_gives_way_to_it(tmp_path) -> None:
    """'since records began in 1891' against 1881: reported at the year, not at 'June 2024' beside it."""
    ledger = {"version": 1, "sources": {"rec": {"title": "Station records"}}, "entities": {"nv": {"name": "Northvale"}},
              "facts": [{"id": "records-start", "claim": "Records in Northvale began in 1881.", "about": "nv",
                         "keywords": ["records"], "date": 1881, "source": "rec"},
                        {"id": "vote", "claim": "Northvale voted on 6 March 2022.", "about": "nv",
                         "keywords": ["voted"], "date": "2022-03-06", "source": "rec"}]}
    index = index_from_mapping(ledger, tmp_path)

    def dates(text: str):
        return [(f.found, f.fact) for f in run_text(text, index, dt.date(2024, 7, 1), select=("FL102",))]

    assert dates("June 2024 was the warmest June in Northvale since records began in 1891.") == [
        ("1891", "records-start")]
    assert dates("June 2024 was the warmest June in Northvale since records began in 1881.") == []
    assert dates("Northvale voted in 2021.") == []  # a bare year against a finer date: context only


def test_a_level_and_a_change_in_one_sentence_bind_to_the_level_and_the_change(tmp_path) -> None:
    """'sets aside €15.2 million for road repairs, an increase of €3m': both figures share the keywords of a
    budget fact and of its rise; the change ('an increase of') is the rise's, the other figure the level's."""
    ledger = {"version": 1, "sources": {"b": {"title": "Budget"}}, "entities": {"c": {"name": "Kessling Council"}},
              "facts": [_value("level", "The budget allocates EUR 12.5 million to road repairs.", "c",
                               ["road repairs"], 12.5e6, "EUR", "b"),
                        _value("rise", "The road repairs allocation rose by EUR 2 million.", "c",
                               ["road repairs", "increase"], 2e6, "EUR", "b")]}
    index = index_from_mapping(ledger, tmp_path)
    text = "Kessling Council sets aside €{} million for road repairs, an increase of €{}m on last year."
    assert flagged(index, text.format("12.5", "2")) == []
    assert flagged(index, text.format("15.2", "3")) == [("€15.2 million", "level"), ("€3m", "rise")]
    # A figure alone is not judged by its words ('lifted revenue 7.9%' states a change no verb list knows):
    # between the two facts its keywords point at, it stays unbound.
    assert flagged(index, "Kessling Council sets aside €15.2 million for road repairs.") == []


def test_a_contradiction_through_the_subject_gives_way_to_a_fact_of_an_unnamed_entity_that_fits(tmp_path) -> None:
    """Two products have a 'Team plan' and the ledger names one: 'The Team plan includes 500 GB of storage'
    fits the other product's fact, which two keywords point at, so it is no contradiction."""
    ledger = {"version": 1, "sources": {"s": {"title": "Pricing"}},
              "entities": {"pel": {"name": "Team plan"}, "nimbus": {"name": "Nimbus"}},
              "facts": [_value("pel-storage", "The Team plan includes 10 GB of storage.", "pel", ["storage"], 10, "GB"),
                        _value("nimbus-storage", "Nimbus's Team plan includes 500 GB of storage.", "nimbus",
                               ["storage", "includes"], 500, "GB")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "The Team plan includes 500 GB of storage.") == []
    assert flagged(index, "The Team plan includes 50 GB of storage.") == [("50 GB", "pel-storage")]
    assert flagged(index, "The Team plan has 500 GB of storage.") == [("500 GB", "pel-storage")]  # one keyword


def test_a_share_of_those_who_do_not_is_read_as_its_complement(tmp_path) -> None:
    """'80% of adults do not smoke' states the 20% who do: no contradiction; '70% do not' still is one."""
    ledger = {"version": 1, "sources": {"s": {"title": "Health survey"}}, "entities": {"n": {"name": "Northmoor"}},
              "facts": [_value("smokers", "20% of adults in Northmoor smoke.", "n", ["smoke", "smokers"], 20, "percent"),
                        _value("risk", "Smokers in Northmoor had a 40% higher risk of stroke.", "n", ["stroke"], 40,
                               "percent")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "In Northmoor, 80% of adults do not smoke.") == []
    # A comparison group is no negation: "a 60% higher risk than non-smokers" is no 40% of smokers.
    assert flagged(index, "In Northmoor, smokers had a 60% higher risk of stroke than non-smokers.") == [("60%", "risk")]
    assert flagged(index, "In Northmoor, 80% of adults don't smoke.") == []
    assert flagged(index, "In Northmoor, 70% of adults do not smoke.") == [("70%", "smokers")]
    assert flagged(index, "In Northmoor, 80% of adults smoke.") == [("80%", "smokers")]


def test_one_keyword_with_no_name_needs_a_second_claim_word_here_or_just_before(tmp_path) -> None:
    """'A 5% sugar limit applies to drinks' shares one keyword with a share of adults who binge drink, and
    nothing else: it was an FL101. 'Its budget is €5.6m' after a sentence about the campaign is its budget."""
    ledger = {"version": 1, "sources": {"s": {"title": "Adult Health Survey"}, "p": {"title": "Campaign plan"}},
              "entities": {"nm": {"name": "Northmoor"}, "ag": {"name": "Health Agency"}},
              "facts": [_value("binge", "32% of adults aged 18 to 24 in Northmoor binge drink.", "nm",
                               ["binge", "drink"], 32, "percent"),
                        _value("budget", "The campaign budget is EUR 6.5 million.", "ag", ["budget"], 6.5e6, "EUR", "p")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, _naming("A 5% sugar limit applies to drinks.", "Northmoor")) == []
    assert flagged(index, _naming("Only 5% of adults aged 18 to 24 binge drink.", "Northmoor")) == [("5%", "binge")]
    assert flagged(index, _naming("Young adults: 5% binge drink.", "Northmoor")) == [("5%", "binge")]  # two keywords
    assert flagged(index, _naming("Sugar is a worry. 5% of those drinks are sweet.", "Northmoor")) == []
    assert flagged(index, _naming("A vaccination campaign began in April. Its budget is €5.6m.", "Health Agency")) == [
        ("€5.6m", "budget")]
    assert flagged(index, _naming("Its budget is €5.6m.", "Health Agency")) == []


def test_a_place_the_ledger_does_not_know_keeps_a_figure_from_another_entitys_fact(tmp_path) -> None:
    """'In Chalkbury, 45% of adults aged 18 to 24 binge drink' bound through two keywords to Northmoor's 32%:
    an FL101 for a figure about another place. A name the ledger knows, or none, still binds."""
    ledger = {"version": 1, "sources": {"s": {"title": "Adult Health Survey"}},
              "entities": {"nm": {"name": "Northmoor", "kind": "place"}},
              "facts": [_value("binge", "32% of adults aged 18 to 24 in Northmoor binge drink.", "nm",
                               ["binge", "drink"], 32, "percent")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, _naming("In Chalkbury, 45% of adults aged 18 to 24 binge drink.", "Northmoor")) == []
    assert flagged(index, _naming("Among adults in Chalkbury, 45% binge drink.", "Northmoor")) == []
    assert flagged(index, "In Northmoor, 45% of adults aged 18 to 24 binge drink.") == [("45%", "binge")]
    assert flagged(index, _naming("Of adults aged 18 to 24, 45% binge drink.", "Northmoor")) == [("45%", "binge")]
    # An unknown name that says who, not where, leaves two keywords enough.
    assert flagged(index, _naming("Dr Chalk Ansell says 45% of adults aged 18 to 24 binge drink.", "Northmoor")) == [
        ("45%", "binge")]


def test_a_relative_change_is_compared_with_its_direction_and_never_with_a_share(tmp_path) -> None:
    """'a 40% lower risk' against a 40% higher one was no contradiction (the word of comparison comes after
    the number); '3% of smokers had a stroke', an absolute share, was an FL101 against the relative risk."""
    ledger = {"version": 1, "sources": {"c": {"title": "Cohort study"}}, "entities": {},
              "facts": [{"id": "rr", "claim": "Smokers had a 40% higher risk of stroke than non-smokers.",
                         "keywords": ["stroke", "risk"], "value": 40, "unit": "percent", "source": "c"}]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "Smokers had a 40% higher risk of stroke than non-smokers.") == []
    assert flagged(index, "Smokers had a 60% higher risk of stroke than non-smokers.") == [("60%", "rr")]
    assert flagged(index, "Smokers had a 40% lower risk of stroke than non-smokers.") == [("40% lower", "rr")]
    assert flagged(index, "Over 10 years, 3% of smokers had a stroke, a risk that grows with age.") == []
    assert flagged(index, "Smoking raised the risk of stroke by 40%.") == []
    assert flagged(index, "Smoking cut the risk of stroke by 40%.") == [("cut the risk of stroke by 40%", "rr")]


def test_life_dates_in_brackets_are_checked_against_birth_and_death(tmp_path) -> None:
    """'Jan van der Berg (3 May 1903 – 11 October 1977)' named no word of birth or death, so neither date
    bound to the ledger's: two FL201s instead of two FL102s."""
    ledger = {"version": 1, "sources": {"b": {"title": "Biography"}}, "entities": {"b": {"name": "Jan van der Berg"}},
              "facts": [{"id": "born", "claim": "Jan van der Berg was born on 3 May 1902.", "about": "b",
                         "keywords": ["born"], "date": "1902-05-03", "source": "b"},
                        {"id": "died", "claim": "Jan van der Berg died on 11 October 1978.", "about": "b",
                         "keywords": ["died"], "date": "1978-10-11", "source": "b"}]}
    index = index_from_mapping(ledger, tmp_path)

    def dates(text: str):
        return [(f.found, f.fact) for f in run_text(text, index, dt.date(2024, 6, 1), select=("FL102",))]

    assert dates("Jan van der Berg (3 May 1902 – 11 October 1978) was a painter.") == []
    assert dates("Jan van der Berg (3 May 1903 – 11 October 1977) was a painter.") == [
        ("3 May 1903", "born"), ("11 October 1977", "died")]
    assert dates("Jan van der Berg (11 October 1978 – 3 May 1902) was a painter.") == [
        ("11 October 1978", "born"), ("3 May 1902", "died")]


def test_a_pronoun_for_a_carried_entity_keeps_another_entitys_fact_from_one_keyword(tmp_path) -> None:
    """'Ferreira scored twice. His first came after 12 minutes.' bound '12 minutes' through one keyword
    (minute) to Okafor's goal in the 87th minute: the sentence is about Ferreira, whom 'His' stands for."""
    ledger = {"version": 1, "sources": {"r": {"title": "Match report"}},
              "entities": {"fe": {"name": "Tomás Ferreira", "aliases": ["Ferreira"]},
                           "ok": {"name": "Chidi Okafor", "aliases": ["Okafor"]}},
              "facts": [_value("ok-minute", "Chidi Okafor scored in the 87th minute.", "ok", ["minute", "scored"],
                               87, "minutes", "r")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, _naming("Tomás Ferreira scored twice. His first came after 12 minutes.", "Okafor")) == []
    # Named, the fact's entity binds as before; so does a sentence that does not refer back.
    # (The 78th minute is the goal's minute, which the sentence states; an ordinal was no quantity before.)
    assert flagged(index, "Tomás Ferreira scored twice. Okafor scored in the 78th minute, after 80 minutes.") == [
        ("78th minute", "ok-minute")]
    assert flagged(index, _naming("Tomás Ferreira scored twice. The winner was scored after 80 minutes.", "Okafor")) == [
        ("80 minutes", "ok-minute")]


def test_a_figure_of_one_place_is_not_another_places_fact(tmp_path) -> None:
    """'| Eastfield | £198,000 |' under a 'Median price' header bound through the header's two keywords to
    Calderbrook's median price: the row is about another place, which the ledger knows."""
    ledger = {"version": 1, "sources": {"h": {"title": "House Price Index"}},
              "entities": {"cb": {"name": "Calderbrook", "kind": "place"}, "ef": {"name": "Eastfield", "kind": "place"},
                           "cso": {"name": "Statistics Office", "kind": "organization"}},
              "facts": [_value("median", "The median house price in Calderbrook was GBP 287,500.", "cb",
                               ["median", "price"], 287500, "GBP", "h")]}
    index = index_from_mapping(ledger, tmp_path)
    table = "| Area | Median price |\n| --- | --- |\n| Calderbrook | £{} |\n| Eastfield | £198,000 |\n"
    assert flagged(index, table.format("287,500")) == []
    assert flagged(index, table.format("278,500")) == [("£278,500", "median")]
    assert flagged(index, _naming("In Eastfield the median price is £198,000.", "Calderbrook")) == []
    # A subject of another kind (the office that publishes it) does not keep the figure from the fact.
    assert flagged(index, _naming("The Statistics Office puts the median price at £278,500.", "Calderbrook")) == [
        ("£278,500", "median")]


def test_seats_a_part_of_a_whole_and_what_a_majority_needs(tmp_path) -> None:
    """'won 43 of the 81 seats' reported the whole (81) against the 34 seats won; '34 out of 81 seats' was read
    as odds, 42%, against the vote share; 'A majority needs 41 seats' was the party's seats."""
    ledger = {"version": 1, "sources": {"r": {"title": "Declared results"}},
              "entities": {"g": {"name": "Varholm Greens", "aliases": ["Greens"]}},
              "facts": [_value("seats", "The Varholm Greens won 34 of the 81 seats.", "g", ["seats", "won"], 34,
                               "seats", "r"),
                        _value("share", "The Greens won 38.4% of the vote.", "g", ["vote", "won"], 38.4, "percent", "r")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "The Greens won 34 of the 81 seats.") == []
    assert flagged(index, "The Greens won 43 of the 81 seats.") == [("43", "seats")]
    assert flagged(index, "The Greens won 34 out of 81 seats.") == []
    assert flagged(index, "The Greens won 34 seats. A majority needs 41 seats, she said.") == []


def test_keywords_alone_never_bind_a_fact_about_an_entity_the_draft_never_names(tmp_path) -> None:
    """One ledger of every topic: 'Prices rose 20% in v3.0', in a product page, bound through two keywords to a
    town's house prices; 'down 0.3 percentage points', in a housing report, to a company's margin; 'the 45 W
    charger, which is sold separately for €29', in a phone review, to a council's vote ('the council')."""
    ledger = {"version": 1, "sources": {"h": {"title": "House Price Index"}},
              "entities": {"cb": {"name": "Calderbrook", "kind": "place"}, "ip": {"name": "iPhone"}},
              "facts": [_value("rise", "House prices in Calderbrook rose 4.2% in Q2 2025.", "cb", ["prices", "rose"],
                               4.2, "percent", "h"),
                        _value("sales", "iPhone sales rose 7%.", "ip", ["sales"], 7, "percent", "h")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "Prices rose 20% in v3.0.") == []
    assert flagged(index, _naming("Prices rose 20% in v3.0.", "Calderbrook")) == [("20%", "rise")]
    assert flagged(index, "# Calderbrook\n\nPrices rose 20% in the year.") == [("20%", "rise")]
    # A name with no capital ("iPhone", "the council") is named where the draft writes it, in any case.
    assert flagged(index, "Sales rose 9%.") == []
    assert flagged(index, _naming("Sales rose 9%.", "the iphone")) == [("9%", "sales")]


def test_a_second_price_of_one_plan_is_not_another_plans_price(tmp_path) -> None:
    """'The Team plan costs $12 per user per month when billed annually, or $15 month to month': bound again
    among the facts the $12 left, the $15 took the Business plan's price through its keywords (FL101)."""
    ledger = {"version": 1, "sources": {"p": {"title": "Pricing page"}},
              "entities": {"team": {"name": "Quillbase Team", "aliases": ["Team plan"]},
                           "biz": {"name": "Quillbase Business", "aliases": ["Business plan"]}},
              "facts": [_value("team-price", "The Team plan costs USD 12 per user per month.", "team",
                               ["price", "costs", "per user"], 12, "USD", "p"),
                        _value("biz-price", "The Business plan costs USD 29 per user per month.", "biz",
                               ["price", "costs", "per user"], 29, "USD", "p")]}
    index = index_from_mapping(ledger, tmp_path)
    text = "The Team plan costs $12 per user per month when billed annually, or $15 month to month."
    assert flagged(index, _naming(text, "Quillbase Business")) == []
    # A plan the sentence names is bound as before.
    assert flagged(index, "The Team plan costs $12 per user per month, the Business plan $39 per user.") == [
        ("$39", "biz-price")]


def test_a_value_that_fits_a_namesakes_fact_is_the_namesakes(tmp_path) -> None:
    """One ledger of two products, each with a 'Team plan', one of them also called 'Team': '| Team | 100 GB |'
    on the other product's page bound through 'Team' to the first one's 10 GB (FL101); the namesake's fact
    fits, through one keyword."""
    ledger = {"version": 1, "sources": {"p": {"title": "Pricing"}},
              "entities": {"pel": {"name": "Team plan", "aliases": ["Team"]},
                           "qb": {"name": "Quillbase Team", "aliases": ["Team plan"]}},
              "facts": [_value("pel-storage", "The Team plan includes 10 GB of storage.", "pel", ["storage"], 10, "GB", "p"),
                        _value("qb-storage", "Quillbase Team includes 100 GB of storage per user.", "qb", ["storage"], 100,
                               "GB", "p")]}
    index = index_from_mapping(ledger, tmp_path)
    table = "| Plan | Storage per user |\n| --- | --- |\n| Team | {} |\n"
    assert flagged(index, table.format("100 GB")) == []
    assert flagged(index, table.format("50 GB")) == [("50 GB", "pel-storage")]


def test_citing_a_facts_source_names_its_publisher_not_another_subject(tmp_path) -> None:
    """'1.84 °C warmer ..., the Brenholt Climate Office says ([report](...))': the office published the report
    the sentence cites; the fact is about the place. One keyword (warmer) and the citation bind it."""
    ledger = {"version": 1, "sources": {"r": {"title": "State of the Climate 2025", "url": "https://c.example.org/r"}},
              "entities": {"office": {"name": "Brenholt Climate Office", "kind": "organization"},
                           "town": {"name": "Brenholt", "kind": "place"}, "other": {"name": "Osterby", "kind": "place"}},
              "facts": [_value("anomaly", "2025 was 1.48 °C warmer than the 1850-1900 average.", "town",
                               ["warmer", "anomaly"], 1.48, "°C", "r")]}
    index = index_from_mapping(ledger, tmp_path)
    cite = "([report](https://c.example.org/r))"
    assert flagged(index, f"Last year was 1.84 °C warmer, the Brenholt Climate Office says {cite}.") == [
        ("1.84 °C", "anomaly")]
    assert flagged(index, f"Last year was 1.84 °C warmer in Osterby {cite}.") == []  # another place


def test_a_word_of_change_alone_says_nothing_of_what_changed(tmp_path) -> None:
    """'Shares rose 4% in early trading' bound through one keyword (rose) to 'Revenue rose 6.1%' (FL101)."""
    ledger = {"version": 1, "sources": {"r": {"title": "Annual results, fiscal year 2025"}},
              "entities": {"t": {"name": "Tarnwick Foods", "aliases": ["Tarnwick"]}},
              "facts": [_value("growth", "Revenue rose 6.1% in fiscal year 2025.", "t", ["revenue", "rose"], 6.1,
                               "percent", "r")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "# Tarnwick after a year of growth\n\nShares rose 4% in early trading.") == []
    assert flagged(index, "# Tarnwick after a year of growth\n\nRevenue rose 4% in the year.") == [("4%", "growth")]


def test_of_two_figures_bound_to_one_fact_the_one_after_its_keyword_states_it(tmp_path) -> None:
    """'Earnings per share came in at €1.78, and the board proposed a dividend of 46 cents': both bound to the
    dividend, and the first was reported against it; each is now its own clause's fact."""
    ledger = {"version": 1, "sources": {"r": {"title": "Annual results"}},
              "entities": {"t": {"name": "Tarnwick Foods", "aliases": ["Tarnwick"]}},
              "facts": [_value("eps", "Earnings per share were EUR 1.87.", "t", ["earnings per share"], 1.87, "EUR", "r"),
                        _value("div", "The board proposed a dividend of EUR 0.64 per share.", "t", ["dividend"], 0.64,
                               "EUR", "r")]}
    index = index_from_mapping(ledger, tmp_path)
    text = "Earnings per share came in at €{}, and the board proposed a dividend of {} cents."
    assert flagged(index, _naming(text.format("1.87", "64"), "Tarnwick")) == []
    assert flagged(index, _naming(text.format("1.78", "46"), "Tarnwick")) == [("€1.78", "eps"), ("46 cents", "div")]
    assert flagged(index, _naming(text.format("1.87", "46"), "Tarnwick")) == [("46 cents", "div")]


def test_an_open_ended_fit_does_not_hide_an_exact_figure_that_contradicts(tmp_path) -> None:
    """'kept for 7 days by default, and for up to 30 days if you ask': 'up to 30 days' fits 14 days, and hid
    the 7; 'Kestrel 4.2, released on 20 October 2026' was read as a page stamp."""
    ledger = {"version": 1, "sources": {"d": {"title": "Limits"}}, "entities": {"k": {"name": "Kestrel"}},
              "facts": [_value("retention", "Messages are kept for 14 days by default.", "k", ["retention", "kept"], 14,
                               "days", "d"),
                        {"id": "release", "claim": "Kestrel 4.2 was released on 2 October 2026.", "about": "k",
                         "keywords": ["released"], "date": "2026-10-02", "source": "d"}]}
    index = index_from_mapping(ledger, tmp_path)
    text = "Retention in Kestrel: messages are kept for {} days by default, and for up to 30 days if you ask."
    assert flagged(index, text.format("14")) == []
    assert flagged(index, text.format("7")) == [("7 days", "retention")]
    dates = [(f.found, f.fact) for f in run_text("Kestrel 4.2, released on 20 October 2026, raised the batch size.",
                                                  index, dt.date(2026, 11, 1), select=("FL102",))]
    assert dates == [("20 October 2026", "release")]


QUEUES = _ledger(
    "Limits",
    {"fifo": {"name": "FIFO queue", "aliases": ["FIFO queues"]}, "agency": {"name": "Vell Agency"}},
    _value("fifo-rate", "A FIFO queue accepts up to 300 messages per second.", "fifo", ["messages per second"],
           300, "messages/second"),
    _value("distance", "The Vell Agency's clinics drove 9,400 km.", "agency", ["drove"], 9400, "km")
)

queues = _index_fixture("queues", QUEUES)


def test_a_sum_over_counted_entities_is_no_figure_of_one(queues) -> None:
    assert flagged(queues, "5 FIFO queues give you 1,500 messages per second in total.") == []
    assert flagged(queues, "A FIFO queue accepts up to 3,000 messages per second.") == [
        ("up to 3,000", "fifo-rate")]
    # The clinics are no ledger entity: the sum is the agency's, which its fact states.
    assert flagged(queues, "The Vell Agency sent 20 clinics, which drove 10,000 km between them.") == [
        ("10,000 km", "distance")]


LIFE = _ledger(
    "Family statement",
    {"marwood": {"name": "Ilse Marwood", "aliases": ["Marwood"]}},
    _value("age", "Ilse Marwood was 85 when she died.", "marwood", ["aged", "died", "age"], 85, "years"),
    _value("tenure", "Marwood led the orchestra for 22 years.", "marwood", ["led", "tenure"], 22, "years")
)

life = _index_fixture("life", LIFE)


def test_an_age_states_only_an_age_and_not_through_its_own_word(life) -> None:
    assert flagged(life, "Ilse Marwood has died aged 58.") == [("58", "age")]
    assert flagged(life, "Ilse Marwood has died aged 85.") == []
    # Other ages of her life: the fact's age is at her death, and "age" is no word of that event.
    assert flagged(life, "Marwood was born in Ostend and moved to England at the age of 12.") == []
    assert flagged(life, "Marwood stepped down in 2001, aged 60, and taught.") == []
    assert flagged(life, "Marwood, a 41-year-old violist, led the orchestra from 1979.") == []
    assert flagged(life, "Marwood led the orchestra for 32 years.") == [("32 years", "tenure")]


POINTS = _ledger(
    "Trial paper",
    {"orvane": {"name": "Orvane"}},
    _value("difference", "The difference between Orvane and placebo was 13.2 percentage points.", "orvane",
           ["difference", "percentage points"], 13.2, "percentage points"),
    _value("painfree", "31.4% of patients on Orvane were pain-free.", "orvane", ["pain-free"], 31.4, "percent")
)

points = _index_fixture("points", POINTS)


def test_percentage_points_written_as_a_percentage_are_flagged(points) -> None:
    assert flagged(points, "For Orvane, a difference of 13.2% over placebo.") == [("13.2%", "difference")]
    assert flagged(points, "For Orvane, a difference of 13.2 percentage points.") == []
    assert flagged(points, _naming("The difference over placebo was 13.2%.", "Orvane")) == [("13.2%", "difference")]
    # Another percentage is a level, not the points: left unbound, as before.
    assert flagged(points, _naming("The difference over placebo was 72% in relative terms.", "Orvane")) == []
    assert flagged(points, "31.4% of patients on Orvane were pain-free.") == []


MARKETS = _ledger(
    "Closing report",
    {"corvane": {"name": "Corvane"}, "bank": {"name": "Central Bank of Dovermark"}, "vell": {"name": "Vell Group"}},
    _value("fall", "Corvane shares fell 11.2% after its trading update.", "corvane", ["shares", "fell"], -11.2,
           "percent"),
    _value("sales", "Corvane said third-quarter sales fell 6% to EUR 412 million.", "corvane", ["sales"], 412e6,
           "EUR"),
    _value("rate", "The Central Bank of Dovermark held its policy rate at 3.75%.", "bank", ["policy rate", "rate"],
           3.75, "percent"),
    _value("growth", "Vell Group revenue rose 12% year on year.", "vell", ["year on year", "growth"], 12, "percent")
)

markets = _index_fixture("markets", MARKETS)


def test_a_figure_another_claim_writes_beside_its_value_is_that_facts(markets) -> None:
    text = "Corvane fell hardest, down 12.1%, after it said third-quarter sales fell 6% to €412 million."
    assert flagged(markets, text) == [("12.1%", "fall")]
    assert flagged(markets, "Corvane fell hardest, down 11.2%, after it said sales fell 6%.") == []
    # Another fact's value is no such reading: "Silva won 31.9%" (Ortiz's share) is still a swap
    # (test_swapped_values_are_both_flagged, above).


def test_a_level_a_change_would_lead_to_is_no_ones_figure_now(markets) -> None:
    text = "The Central Bank of Dovermark held its policy rate. Markets price a cut that would take the rate to 3.5%."
    assert flagged(markets, text) == []
    assert flagged(markets, "The Central Bank of Dovermark held its policy rate at 3.5%.") == [("3.5%", "rate")]


def test_a_keyword_with_a_repeated_word_must_be_written_in_order(markets) -> None:
    text = "Revenue fears grew. The yield on the 10-year bond rose to 2.61%."
    assert flagged(markets, _naming(text, "Vell Group")) == []
    assert flagged(markets, _naming("Revenue grew 2.6% year on year.", "Vell Group")) == [("2.6%", "growth")]


RAIL = _ledger(
    "Timetable notice",
    {"fenmoor": {"name": "Fenmoor Line"}, "line4": {"name": "Line 4"}, "council": {"name": "Ashworth County Council"}},
    _value("journey", "The journey from Ashworth to Fenmoor will take 41 minutes.", "fenmoor", ["journey"], 41,
           "minutes"),
    _value("frequency", "Fenmoor Line trains will run 4 times an hour.", "fenmoor", ["an hour", "peak"], 4,
           "trains/hour"),
    _value("l4-stations", "The Line 4 extension adds 7 stations.", "line4", ["stations"], 7, "stations")
)

rail = _index_fixture("rail", RAIL)


def test_the_ends_of_a_route_are_no_one_else(rail) -> None:
    """'from Ashworth to Fenmoor': places a journey goes between, not others the figure is about."""
    text = _naming("The journey from Ashworth to Fenmoor will take 38 minutes, down from 48.", "Fenmoor Line")
    assert flagged(rail, text) == [("38 minutes", "journey")]
    assert flagged(rail, text.replace("38 minutes", "41 minutes")) == []
    # Not a route: Ashworth is someone else, and one keyword is too little for the line's journey.
    assert flagged(rail, _naming("The mayor of Ashworth says the journey will take 38 minutes.", "Fenmoor Line")) == []


def test_a_numbered_name_is_named_only_with_its_number(rail) -> None:
    """'Fenmoor Line' writes the word 'Line', but names no Line 4: its stations are not bound through keywords."""
    assert flagged(rail, _naming("The extension adds 11 stations.", "Fenmoor Line")) == []
    assert flagged(rail, _naming("The extension adds 11 stations.", "Line 4")) == [("11", "l4-stations")]
    assert flagged(rail, _naming("The Line 5 extension adds 11 stations.", "Line 4")) == []  # another line


def test_n_times_a_time_is_a_rate_of_what_the_sentence_counts(rail) -> None:
    text = _naming("At peak times trains will run 6 times an hour, up from 3.", "Fenmoor Line")
    assert flagged(rail, text) == [("6", "frequency")]
    assert flagged(rail, text.replace("6 times", "4 times")) == []


def test_a_figure_about_a_subgroup_states_no_fact_about_everyone(tmp_path) -> None:
    ledger = {"version": 1, "sources": {"s": {"title": "Poll"}},
              "entities": {"greens": {"name": "Valley Greens", "aliases": ["the Greens"]},
                           "vale": {"name": "Eastvale"}},
              "facts": [_value("share", "The Valley Greens are on 27% in the poll.", "greens", ["poll", "lead"], 27,
                               "percent"),
                        _value("jabs", "71.3% of people aged 65 and over in Eastvale were vaccinated.", "vale",
                               ["vaccinated"], 71.3, "percent")]}
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "Among voters aged 18 to 34, the Greens lead with 36%.") == []
    assert flagged(index, "In the poll, the Greens lead with 36%.") == [("36%", "share")]
    # The fact's claim is about the subgroup: compared.
    assert flagged(index, "In Eastvale, among people aged 65 and over, 77.3% were vaccinated.") == [("77.3%", "jabs")]
    assert flagged(index, "Among people aged 65 and over in Eastvale, 77.3% were vaccinated.") == [("77.3%", "jabs")]


def test_a_unit_word_alone_binds_no_carried_subjects_fact(tmp_path) -> None:
    """'plus or minus 2.1 points', after a sentence about the Greens: 'points' is the number's own unit,
    no sign of the Greens' swing, so the margin of error (its keywords written) is what it states."""
    ledger = {"version": 1, "sources": {"s": {"title": "Poll"}},
              "entities": {"greens": {"name": "Valley Greens", "aliases": ["the Greens"]},
                           "larkfield": {"name": "Larkfield Research"}},
              "facts": [_value("swing", "The Greens' vote share rose 5.1 percentage points.", "greens",
                               ["rose", "swing", "points"], 5.1, "percentage points"),
                        _value("margin", "The margin of error is 2.1 percentage points.", "larkfield",
                               ["margin of error"], 2.1, "percentage points")]}
    index = index_from_mapping(ledger, tmp_path)
    text = "Larkfield Research polled 2,104 adults. The Greens are on 27%. The margin of error is plus or minus {} points."
    assert flagged(index, text.format("2.1")) == []
    assert flagged(index, text.format("3.1")) == [("3.1 points", "margin")]
    assert flagged(index, "The Greens did well. Their swing was 4.1 points.") == [("4.1 points", "swing")]


QUAKE = _ledger("Civil protection report", {"town": {"name": "Calvera", "kind": "place"}},
                _value("deaths", "Fourteen people died in the earthquake.", "town", ["died", "killed", "dead"], 14, "people"),
                _value("injured", "210 people were injured.", "town", ["injured"], 210, "people"),
                _value("serious", "35 of them were seriously injured.", "town", ["seriously"], 35, "people"))
quake = _index_fixture("quake", QUAKE)


def test_a_number_takes_the_fact_a_keyword_in_its_own_clause_names(quake) -> None:
    """'Seventeen people were killed and 120 injured': each number is the fact its own words name, though
    the sentence's words point at both (and the injured's claim shares more of them)."""
    text = "In Calvera, {} people were killed and {} injured, the agency said."
    assert flagged(quake, text.format("fourteen", "210")) == []
    assert flagged(quake, text.format("seventeen", "120")) == [("seventeen", "deaths"), ("120", "injured")]
    assert flagged(quake, text.format("fourteen", "120")) == [("120", "injured")]


def test_a_part_of_a_group_states_only_a_fact_of_a_part(quake) -> None:
    """'210 injured, 23 of them seriously': the 23 is no count of the injured; a fact about a part
    ('35 of them were seriously injured') is what it states."""
    assert flagged(quake, "In Calvera, 210 were injured, 35 of them seriously.") == []
    assert flagged(quake, "In Calvera, 210 were injured, 23 of them seriously.") == [("23", "serious")]
    assert flagged(quake, "In Calvera, 210 were injured, 23 of them in the old town.") == []
    assert flagged(quake, "In Calvera, 210 people were taken to hospital. Doctors said 23 of them were badly "
                          "injured.") == []


def test_a_numbers_own_noun_is_no_keyword_of_its_clause(tmp_path) -> None:
    """'averaging 2.4 people each': 'people' counts the 2.4; it is no sign of the population, whose keyword it is."""
    ledger = _ledger("Census", {"town": {"name": "Marrowdale", "kind": "place"}},
                     _value("population", "Marrowdale had 412,860 residents.", "town", ["population", "people"],
                            412860, "people"),
                     _value("size", "The average household in Marrowdale has 2.4 people.", "town",
                            ["average household", "averaging"], 2.4, "people"))
    index = index_from_mapping(ledger, tmp_path)
    text = "Marrowdale has about 171,000 households, averaging {} people each, down from 2.5."
    assert flagged(index, text.format("2.4")) == []
    assert flagged(index, text.format("2.6")) == [("2.6", "size")]


GRID = _ledger("Grid review", {"land": {"name": "Thessaly", "kind": "place"}},
               _value("wind", "Wind supplied 28.1% of Thessaly's electricity in 2026.", "land", ["wind"], 28.1, "percent"),
               _value("solar", "Solar supplied 9.7% of Thessaly's electricity in 2026.", "land", ["solar"], 9.7, "percent"),
               _value("coal", "Coal supplied 3.9% of Thessaly's electricity in 2026.", "land", ["coal"], 3.9, "percent"))
grid = _index_fixture("grid", GRID)


def test_each_share_of_a_list_is_the_fact_its_own_clause_names(grid) -> None:
    """'Wind provided 21.8% and solar 9.7%; coal fell to 9.3%': the sentence names all three facts, each
    share's clause one of them."""
    text = "In Thessaly, wind provided {}% and solar {}%; coal fell to {}%."
    assert flagged(grid, text.format("28.1", "9.7", "3.9")) == []
    assert flagged(grid, text.format("21.8", "9.7", "9.3")) == [("21.8%", "wind"), ("9.3%", "coal")]


def test_a_year_opening_the_sentence_is_the_year_of_its_figures(grid) -> None:
    """'In 2019, wind provided 21.8%': another year than the facts' (2026); a year past a semicolon is not
    the figure's."""
    assert flagged(grid, "In 2019, wind in Thessaly provided 21.8% of the power.") == []
    assert flagged(grid, "The 2019 review found that wind in Thessaly provided 21.8% of the power.") == []
    assert flagged(grid, "In Thessaly, wind provided 21.8% of the power; in 2019 it was 12%.") == [("21.8%", "wind")]
    assert flagged(grid, "In Thessaly, wind provided 21.8% of the power in 2019.") == []


RACE = _ledger("Race results", {"oduya": {"name": "Daniel Oduya", "aliases": ["Oduya"]},
                                "race": {"name": "Harrowgate Marathon"}},
               _value("time", "Daniel Oduya won the 2026 Harrowgate Marathon in 2 hours 6 minutes 41 seconds.", "oduya",
                      ["won", "time"], 7601, "seconds"),
               {"id": "day", "claim": "The 2026 Harrowgate Marathon was run on 18 October 2026.", "about": "race",
                "keywords": ["race", "run"], "date": "2026-10-18", "source": "s"},
               {"id": "records", "claim": "Harrowgate's records began in 1891.", "about": "race",
                "keywords": ["since", "records"], "date": "1891", "source": "s"})
race = _index_fixture("race", RACE)


def test_a_measure_of_another_order_of_size_states_no_fact_in_another_unit(race) -> None:
    """'the race's 41-year history' is no race time; '3 hours' for 2:06:41 is a contradiction."""
    day = dt.date(2026, 10, 19)
    assert flagged(race, "Oduya's time was the third fastest in the race's 41-year history.", day) == []
    assert flagged(race, "Oduya won in 3 hours.", day) == [("3 hours", "time")]
    assert flagged(race, "Oduya won in 2:06:14.", day) == [("2:06:14", "time")]
    # A year after the number, 'since' or not, is the figure's: the record is 2019's, not this race's.
    assert flagged(race, "Oduya's course record, 2:05:58, has stood since 2019.", day) == []


def test_the_second_half_of_a_race_is_no_time_of_the_race(race) -> None:
    """'Oduya ran the second half in 62 minutes 50 seconds': part of the race, no time of all of it."""
    day = dt.date(2026, 10, 19)
    assert flagged(race, "Oduya ran the second half in 62 minutes 50 seconds, and his time was fast.", day) == []
    assert flagged(race, "Oduya won the race in 62 minutes 50 seconds, and his time was fast.", day) == [
        ("62 minutes 50 seconds", "time")]


def test_a_date_in_next_years_words_is_no_date_of_this_years_event(race) -> None:
    """'Next year's race will be run on 17 October': another race than the one of 18 October 2026."""
    found = run_text(_naming("Next year's Harrowgate Marathon race will be run on 17 October.", "Harrowgate Marathon"),
                     race, dt.date(2026, 10, 19), select=("FL102",))
    assert found == []
    found = run_text("This year's Harrowgate Marathon race was run on 17 October.", race, dt.date(2026, 10, 19),
                     select=("FL102",))
    assert [f.found for f in found] == ["17 October"]


def test_a_keyword_of_function_words_alone_is_no_keyword() -> None:
    """'since' is in almost any sentence ('has stood since 2019'): no sign of when records began."""
    from factlint.ledger.model import Fact
    from factlint.matching.features import keyword_phrases

    fact = Fact("f", "Records began in 1891.", ("s",), keywords=("since", "records began", "for", "up", "of the"))
    assert keyword_phrases(fact) == (("record", "begin"), ("up",))


def test_a_year_a_period_starts_from_is_no_year_of_a_figure_beside_it(tmp_path) -> None:
    """'Grace Okafor, chief executive since September 2018, was paid £69,500': 2018 starts her tenure, it is
    no year of the pay; 'the highest since 1994, when 74% voted' does give 74% its year."""
    ledger = _ledger("Accounts", {"okafor": {"name": "Grace Okafor", "aliases": ["Okafor"]}},
                     _value("pay", "Grace Okafor was paid GBP 96,500 in 2025/26.", "okafor", ["paid", "pay"], 96500, "GBP"),
                     _value("share", "Okafor's lead was 71.2% in 2026.", "okafor", ["highest", "lead"], 71.2, "percent"))
    index = index_from_mapping(ledger, tmp_path)
    assert flagged(index, "Grace Okafor, chief executive since September 2018, was paid £69,500.") == [
        ("£69,500", "pay")]
    assert flagged(index, "Okafor's lead was the highest since 1994, when 74% voted.") == []


def test_a_count_of_people_written_as_dead_takes_the_deaths_fact(tmp_path) -> None:
    """'Seventeen dead as magnitude 6.4 earthquake hits Calvera': 'dead' (the count's own word) names the
    deaths, 'magnitude' (after 'as') the magnitude; both were contenders for both numbers."""
    ledger = _ledger("Survey", {"town": {"name": "Calvera", "kind": "place"}},
                     _value("deaths", "Fourteen people died in the earthquake.", "town", ["died", "dead"], 14, "people"),
                     _value("magnitude", "The earthquake had a magnitude of 6.1.", "town", ["magnitude"], 6.1))
    index = index_from_mapping(ledger, tmp_path)
    text = "{} dead as magnitude {} earthquake hits Calvera."
    assert flagged(index, text.format("Fourteen", "6.1")) == []
    assert flagged(index, text.format("Seventeen", "6.4")) == [("Seventeen", "deaths"), ("6.4", "magnitude")]
