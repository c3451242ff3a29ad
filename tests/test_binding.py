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
