"""Unit tests for date extraction: formats, precision, weekdays and missing years."""

from __future__ import annotations

import datetime as dt

import pytest

from factlint.extraction.dates import find_dates
from factlint.ledger.model import PartialDate

AS_OF = dt.date(2022, 3, 8)  # a Tuesday


def dates(text: str, year_hint: int | None = None):
    return list(find_dates(text, 0, len(text), AS_OF, year_hint))


@pytest.mark.parametrize(("text", "found", "date"), [
    ("on 6 March 2022 it", "6 March 2022", PartialDate(2022, 3, 6)),
    ("on March 6, 2022 it", "March 6, 2022", PartialDate(2022, 3, 6)),
    ("on Mar. 6, 2022 it", "Mar. 6, 2022", PartialDate(2022, 3, 6)),
    ("on 2022-03-06 it", "2022-03-06", PartialDate(2022, 3, 6)),
    ("in March 2019 it", "March 2019", PartialDate(2019, 3)),
    ("in 2021 it", "2021", PartialDate(2021)),
    ("revenue for Q3 2025.", "2025", PartialDate(2025)),  # a quarter or half names its year
    ("profit in H1 2024 rose", "2024", PartialDate(2024)),
    ("on the 14th of March, 2021", "14th of March, 2021", PartialDate(2021, 3, 14)),
])
def test_formats(text, found, date) -> None:
    (d,) = dates(text)
    assert (d.text, d.date) == (found, date)
    assert text[d.start : d.end] == d.text


def test_missing_year_from_hint_then_draft() -> None:
    assert dates("on 6 Mar the vote", year_hint=2019)[0].date == PartialDate(2019, 3, 6)
    (d,) = dates("on 6 Mar. the vote")
    assert d.date == PartialDate(2022, 3, 6) and not d.explicit_year and d.text == "6 Mar"


def test_weekday_prefix() -> None:
    (d,) = dates("held on Sunday, 6 March 2022.")
    assert d.weekday == 6 and d.text == "Sunday, 6 March 2022"


def test_bare_weekday_is_relative_to_draft_date() -> None:
    (d,) = dates("the vote was held Sunday")
    assert d.relative and d.date == PartialDate(2022, 3, 6)
    (d,) = dates("the council will meet on Friday")
    assert d.date == PartialDate(2022, 3, 11)


def test_last_and_next_weekday_are_never_the_drafts_own_day() -> None:
    """Written on a Tuesday, "last Tuesday" is a week before and "next Tuesday" a week after; "on Tuesday" is today."""
    assert [d.date for d in dates("the council voted last Tuesday")] == [PartialDate(2022, 3, 1)]
    assert [d.date for d in dates("the council meets next Tuesday")] == [PartialDate(2022, 3, 15)]
    assert [d.date for d in dates("the council voted on Tuesday")] == [PartialDate(2022, 3, 8)]
    # Other days: the nearest one, as before ("last" does not read as future, "next" does).
    assert [d.date for d in dates("it voted last Sunday; it meets next Friday")] == [
        PartialDate(2022, 3, 6), PartialDate(2022, 3, 11)]


def test_impossible_date_is_not_a_date() -> None:
    assert dates("on 30 February 2022") == []


def test_may_as_verb_is_not_a_month() -> None:
    assert dates("results may 5 times change") == []


def test_the_date_gate_is_a_necessary_condition() -> None:
    """may_hold_date says no only where DATE_RE finds nothing (it runs on every sentence before DATE_RE)."""
    import random

    from factlint.extraction.dates import DATE_RE, may_hold_date

    rng = random.Random(4)
    pieces = ["6", "14th", "of", "March", "Mar.", "Sept", "Sep", "May", "2022", "1999", "2101", "-03-06", "03", "on",
              "On", "in", "In", "by", "since", "Monday", "Tue", "Wed.", "Sunday", "morning", "the", ",", " ", "\t",
              "x", "a", "12", "2022-03-06", "1,204"]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8)))
        if DATE_RE.search(text):
            assert may_hold_date(text, 0, len(text)), text
            found += 1
    assert found > 2000


@pytest.mark.parametrize(("text", "life"), [
    ("Jan van der Berg (3 May 1902 – 11 October 1978) was a painter.", [1, 2]),
    ("Ada Brandt (3 May 1902–11 October 1978)", [1, 2]),
    ("Ada Brandt (3 May 1902 to 11 October 1978)", [1, 2]),
    ("the fair (3 May 1902 – 11 October 1902) drew crowds", [0, 0]),  # no name before the brackets
    ("Ada Brandt ran it from 3 May 1902 – 11 October 1978.", [0, 0]),  # no brackets
    ("Ada Brandt (May 1902 – October 1978)", [0, 0]),  # not to the day
    ("Ada Brandt (3 May 1902 – 11 October 1978, Leiden)", [0, 0]),
])
def test_a_names_life_dates_in_brackets_are_birth_and_death(text, life) -> None:
    from factlint.extraction.dates import life_dates

    assert [d.life for d in life_dates(text, dates(text))] == life


def test_a_yearless_date_takes_a_year_written_before_it_never_one_after() -> None:
    """'on Thursday 19 November, the strongest since 1987', 'on 22 March, up 3.4% on the 2016 count': the
    later year is another time; the date is the draft's year. A year written before it in the sentence holds."""
    from factlint.document.parse import parse_document
    from factlint.extraction.dates import explicit_years, hint_years
    from factlint.extraction.pipeline import extract

    assert list(hint_years("the strongest since 1987", 0, 24)) == []
    assert [y for _, y in hint_years("Since 2019, and in 2022", 0, 23)] == [2022]
    assert [y for _, y in explicit_years("Since 2019, and in 2022", 0, 23)] == [2019, 2022]
    text = ("It struck on Thursday 19 November, the strongest since 1987.\n\n"
            "It had 412,860 residents on 22 March, up 3.4% on the 2016 count.\n\n"
            "In 2022, the 6 March vote was close, and 6 March 2021 and 8 March were quiet.\n")
    found = extract(parse_document(text, "d.md"), None, dt.date(2026, 11, 21)).dates
    assert [(d.text, d.date) for d in found if d.date.month] == [
        ("Thursday 19 November", PartialDate(2026, 11, 19)), ("22 March", PartialDate(2026, 3, 22)),
        ("6 March", PartialDate(2022, 3, 6)), ("6 March 2021", PartialDate(2021, 3, 6)),
        ("8 March", PartialDate(2021, 3, 8))]


def test_a_date_in_next_years_words_is_in_the_next_year() -> None:
    """'Next year's race will be run on 17 October': the draft's next year, marked as another year's date."""
    (d,) = dates("Next year's race will be run on 17 October.")
    assert d.date == PartialDate(AS_OF.year + 1, 10, 17) and d.other_year
    (d,) = dates("Last year, the vote was on 6 March.")
    assert d.date == PartialDate(AS_OF.year - 1, 3, 6) and d.other_year
    (d,) = dates("It was on 6 March 2021, and next year on 17 October.")[1:]  # a date's year before it holds
    assert d.date == PartialDate(2021, 10, 17) and not d.other_year


def test_a_year_a_period_starts_from_is_one_notion_for_dates_and_figures() -> None:
    """'since September 2018' starts a period as 'since 1987' does; 'since 1994, when 74% voted' is 1994's."""
    from factlint.extraction.dates import hint_years, starts_a_period

    text = "Chief executive since September 2018. The highest since 1994, when 74% voted."
    assert starts_a_period(text, text.index("2018")) and not starts_a_period(text, text.index("1994"))
    assert [y for _, y in hint_years(text, 0, len(text))] == [1994]
