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
