"""Unit tests for number extraction: formats, units, hedges, and what is not a quantity."""

from __future__ import annotations

import math

import pytest

from factlint.extraction.numbers import find_quantities
from factlint.units import canonical


def quantities(text: str):
    return find_quantities(text, 0, len(text), [])


def one(text: str):
    found = quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(("text", "found", "value", "unit"), [
    ("Silva won 48.3% of votes", "48.3%", 48.3, "percent"),
    ("a share of 31.9 percent", "31.9 percent", 31.9, "percent"),
    ("12 per cent of them", "12 per cent", 12, "percent"),
    ("it rose 2.5 percentage points", "2.5 percentage points", 2.5, "pp"),
    ("some 1,204,311 people voted", "some 1,204,311", 1204311, "people"),
    ("a budget of €4bn", "€4bn", 4e9, "EUR"),
    ("US$ 3.5 million was spent", "US$ 3.5 million", 3.5e6, "USD"),
    ("USD 4.2 million in fees", "USD 4.2 million", 4.2e6, "USD"),
    ("a £12m fund", "£12m", 12e6, "GBP"),
    ("$1.25 billion", "$1.25 billion", 1.25e9, "USD"),
    ("2.3 million tonnes of grain", "2.3 million tonnes", 2.3e6, "t"),
    ("a 2.4-kilometre tunnel", "2.4-kilometre", 2.4, "km"),
    ("a 90-day trial", "90-day", 90, "day"),
    ("12k users", "12k", 12000, "user"),
    ("files of 5 MB each", "5 MB", 5, "MB"),
    ("seventeen countries", "seventeen", 17, "country"),
    ("thirty-two delegates", "thirty-two", 32, "delegate"),
    ("a hundred volunteers", "a hundred", 100, "volunteer"),
    ("two-thirds of voters", "two-thirds", 200 / 3, "percent"),
    ("nearly half of the city", "nearly half", 50, "percent"),
    ("one in five adults", "one in five", 20, "percent"),
    ("the margin widened by 80 basis points", "80 basis points", 80, "bp"),
    ("rates were cut by 25bp", "25bp", 25, "bp"),
    # A list item's wrapped line: the masked text keeps its indent as spaces (document.parse).
    ("a cost of €1.32   billion", "€1.32   billion", 1.32e9, "EUR"),
    ("a 11.4    km tunnel", "11.4    km", 11.4, "km"),
])
def test_formats(text, found, value, unit) -> None:
    q = one(text)
    assert q.text == found
    assert q.value == pytest.approx(value)
    assert q.unit == canonical(unit).name  # counted nouns are compared by their stem
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize("text", ["GDP fell -0.4% last year", "a change of −0.4%"])
def test_negative(text) -> None:
    assert one(text).value == pytest.approx(-0.4)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("48.3%", 48.25, 48.35),  # precision of one decimal
    ("12%", 11.5, 12.5),
    ("about 50 cases", 45, 55),
    ("nearly 2,000 people", 1800, 2100),
    ("more than 30 seats", 30, math.inf),
    ("at least 40 seats", 40, math.inf),
    ("fewer than 10 cases", -math.inf, 10),
    ("up to 300 km", -math.inf, 300),
])
def test_intervals(text, low, high) -> None:
    q = one(text)
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)


@pytest.mark.parametrize("text", [
    "version 3.1 shipped", "see v2.4", "Decree 1204 says", "a Boeing 737 landed", "under Law 12 of the code",
    "in 2022 it rained", "for the 3rd time", "at 10:30 sharp", "release 1.2.3", "COVID-19 cases", "call 555-0100",
    "Windows 11 users", "page 4 of the report", "Article 5 applies", "Section 4.2 says", "one of them", "the A320 fleet",
    "the second half of 2022",
])
def test_not_quantities(text) -> None:
    assert quantities(text) == [], [q.text for q in quantities(text)]


def test_skip_spans_are_respected() -> None:
    text = "On 6 March 48% voted"
    found = find_quantities(text, 0, len(text), [(3, 10)])
    assert [q.text for q in found] == ["48%"]


def test_multi_value_sentence() -> None:
    found = quantities("Silva won 48.3%, Ortiz 31.9% and Brandt 12%.")
    assert [q.text for q in found] == ["48.3%", "31.9%", "12%"]


def test_number_word_hints_never_hide_a_match() -> None:
    """The cheap pre-check may say yes wrongly, never no: every match of the patterns is still found."""
    import random
    from pathlib import Path

    from factlint.extraction.numwords import FRACTION_RE, NUMBER_WORDS_RE, word_hints

    root = Path(__file__).resolve().parent.parent / "fixtures"
    samples = [line for path in sorted(root.rglob("*.md")) for line in path.read_text("utf-8").splitlines()]
    samples += ["ſix hundred people", "TWENTY-ONE seats", "1 in 5 adults", "A in 10 chance", "One-Third of the vote",
                "half of them", "a dozen ballots", "Seventeen of the 32 seats", "ıt was fıve", "a thousand-fold",
                "42 in 7", "no number here", "İn 2020 six were", "FİVE people", "a halves of the", "ſeven_ty",
                "twenty-one", "a Hundred", "fortyK", "thirds of the", "often written", "A in 10", "٣ in ٤"]
    rng = random.Random(6)
    pieces = ["one", "ſix", "TEN", "in", "1", "a", "half", "of", "the", "ıt", "K", "dozen", " ", "-", "\t", "x",
              "FİVE", "İ", "halves", "quarters", "_", "an", "hundred", "and", "٣", "thirds", "seventy", "é"]
    samples += ["".join(rng.choice(pieces) + rng.choice(" -") for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    glue = ["", "", " ", "-", "\t", "  "]  # pieces also run into each other: "sevenine", "xone", "1in 5"
    samples += ["".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 8))) for _ in range(6000)]
    checked = 0
    for text in samples:
        words, fractions = word_hints(text, odds=any(ch.isdigit() for ch in text))  # as find_quantities asks
        if NUMBER_WORDS_RE.search(text):
            assert words, text
            checked += 1
        if FRACTION_RE.search(text):
            assert fractions, text
            checked += 1
    assert checked > 300
    assert word_hints("The council met on Tuesday.") == (False, False)


def test_numerals_are_looked_for_from_just_before_the_first_digit() -> None:
    """NUMERAL tried from _LEAD characters before a sentence's first digit finds what it finds from the start."""
    import random

    from factlint.extraction import numbers

    rng = random.Random(8)
    pieces = ["1", "23", "0.5", ".5", "1,000", "-", "−", "+", "$", "€", "US$", "R$", "USD", "EUR", "GBP", " ", "\t",
              "\n", "a", "x", ".", ",", "%", "k", "th", "/", ":", "#", "Boeing "]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        digit = numbers._DIGIT.search(text)
        if digit is None:
            continue
        offset = rng.randint(0, 3)  # the sentence may start anywhere in the text
        text = "ab 9"[:offset] + text
        start, first = offset, digit.start() + offset
        whole = [m.span() for m in numbers.NUMERAL.finditer(text, start)]
        near = [m.span() for m in numbers.NUMERAL.finditer(text, max(start, first - numbers._LEAD))]
        assert near == whole, text


@pytest.mark.parametrize("text, value", [
    ("ſix hundred people came.", 600), ("Fıve hundred people came.", 500), ("FİVE HUNDRED voters queued.", 500),
    ("Two-thırds of the vote went to her.", 200 / 3), ("ONE IN FİVE adults voted.", 20),
])
def test_number_words_with_letters_the_patterns_take_for_ascii(text: str, value: float) -> None:
    """re.IGNORECASE matches "ſ", "ı", "İ" and "K" (Kelvin) as ASCII letters: reading the match must too, not raise."""
    assert one(text).value == pytest.approx(value)


def test_reading_any_quantity_match_never_raises() -> None:
    import random

    rng = random.Random(12)
    pieces = ["ſix", "fıve", "FİVE", "twentY", "a", "an", "hundred", "and", "thırd", "halves", "in", "1", "٣", "of",
              "the", "\u212a", "dozen", "seventy", "-", " ", "\t", "x", "mıllion", "MİLLİON", "bıllion", "almoſt",
              "at leaſt", "ſome", "40", "%", "5"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "-"]) for _ in range(rng.randint(1, 10)))
        quantities(text)  # raises on a match it cannot read


def test_ignorecase_lower_reads_every_letter_re_i_takes_for_ascii_as_that_letter() -> None:
    import re
    import sys

    from factlint.fold import ignorecase_lower

    letter = re.compile("[a-z]", re.I)
    for cp in range(sys.maxunicode + 1):
        char = chr(cp)
        if letter.fullmatch(char):
            low = ignorecase_lower(char)
            assert len(low) == 1 and "a" <= low <= "z" and re.fullmatch(low, char, re.I), hex(cp)


@pytest.mark.parametrize("plain, twin", [
    ("5 million people came.", "5 mıllion people came."), ("3 MILLION people", "3 MİLLİON people"),
    ("almost 40% of voters", "almoſt 40% of voters"), ("At least 40% voted", "At leaſt 40% voted"),
    ("some 40% of them", "ſome 40% of them"), ("2 billion euros", "2 bıllion euros"),
])
def test_scale_and_hedge_words_with_case_twins_read_as_plain_ones(plain: str, twin: str) -> None:
    """Scale words and hedges are matched case-insensitively: "mıllion" scales, "almoſt" hedges, as plain ones."""
    read = lambda q: (q.value, q.low, q.high, q.hedge, q.unit, q.claim_end - q.end)  # noqa: E731
    assert read(one(twin)) == read(one(plain))


@pytest.mark.parametrize(("text", "found", "value", "per"), [
    ("admissions reached 12.4 per 100,000 people in March", "12.4 per 100,000 people", 12.4, 100_000),
    ("a rate of 3.1 per 1,000 live births", "3.1 per 1,000 live births", 3.1, 1_000),
    ("about 12 per 100k in March", "about 12 per 100k", 12, 100_000),
    ("two per 1,000 residents", "two per 1,000 residents", 2, 1_000),
    ("5 per 1000 in the county", "5 per 1000", 5, 1_000),
])
def test_rates(text, found, value, per) -> None:
    """A rate is one quantity, its denominator part of its unit: not a count of its own."""
    q = one(text)
    assert (q.text, q.value, q.dimension) == (found, value, "rate")
    assert canonical(q.unit) == canonical(f"per {per:,}")


def test_metres_and_confidence_levels() -> None:
    """'2,100 m' is a length (a bare 'm' after a space is metres, not million); '95% CI' is no claim."""
    assert [(q.text, q.unit) for q in quantities("between 2,100 m and 2,450 m above sea level")] == [
        ("2,100 m", "m"), ("2,450 m", "m")]
    assert one("a £5m grant").value == 5e6 and one("a 38 m cliff").value == 38
    assert [q.text for q in quantities("rose 1.4 °C (95% CI: 1.1 to 1.7) and 12% (90 per cent confidence)")] == [
        "1.4 °C", "1.1", "1.7", "12%"]


def test_rates_of_any_denominator_compare_and_other_pers_are_not_rates() -> None:
    per_100k = canonical("per 100,000")
    for same in ("per 100k people", "per 100000 inhabitants", "Per 100 thousand"):
        assert canonical(same) == per_100k, same
    assert per_100k.dimension == "rate" and per_100k.factor == 1e-5 and canonical("per 1,000").factor == 1e-3
    assert canonical("per cent").dimension == "percent" and canonical("per capita").dimension == "count"
    assert [q.text for q in quantities("3 per cent of 40 people")] == ["3 per cent", "40"]
    assert [q.text for q in quantities("a super 100 km ride")] == ["100 km"]  # 'per' inside a word
    assert [q.text for q in quantities("12 per 1.5 km")] == ["12", "1.5 km"]  # a decimal is no denominator
    assert [q.text for q in quantities("€3 per 100 km")] == ["€3"]  # a denominator, also of another unit


def test_p_values_are_not_quantities() -> None:
    for text in ("p < 0.01", "(p=0.03)", "P ≤ .05", "p >= 0.2"):
        assert quantities(text) == [], text
    assert [q.text for q in quantities("up 0.01 points, gap = 0.5 km")] == ["0.01 points", "0.5 km"]


def test_basis_points_are_hundredths_of_a_percentage_point() -> None:
    assert canonical("basis points").dimension == canonical("pp").dimension == "pp"
    assert canonical("bps").factor == 0.01 and canonical("percentage points").factor == 1


def test_pence_in_a_sentence_about_pounds_or_shares() -> None:
    """'41p' is GBP 0.41 where the sentence is about pounds, shares or dividends; else ('720p') no quantity."""
    assert [(q.text, q.value, q.unit) for q in quantities("Earnings per share were 41p; shares ended at 512p.")] == [
        ("41p", 0.41, "GBP"), ("512p", 5.12, "GBP")]
    assert [(q.text, q.value) for q in quantities("The dividend is nearly 8.5p")] == [("nearly 8.5p", 0.085)]
    for text in ("It streams in 720p and 1080p.", "a 5p coin", "2p-values", "-41p shares"):
        assert quantities(text) == [], text


@pytest.mark.parametrize(("text", "found", "value"), [
    ("the clinic saw 1 in 3 of the cases", "1 in 3", 100 / 3),
    ("1 in 5 adults smoke", "1 in 5", 20),
    ("one in 5 adults", "one in 5", 20),
    ("about 1 in 4 of them", "about 1 in 4", 25),
    # "out of" and "in every" join odds too: they were two bare numbers, the second a count ("5 adults").
    ("4 out of 5 adults do not smoke", "4 out of 5", 80),
    ("three in every five adults", "three in every five", 60),
    ("one out of every ten patients", "one out of every ten", 10),
    ("nearly 9 out of 10 of them", "nearly 9 out of 10", 90),
])
def test_odds_written_with_digits_are_one_fraction(text, found, value) -> None:
    """'1 in 3': no bare 1 and 3 (a bare 1 bound to a count of cases was a false FL101), one share."""
    q = one(text)
    assert (q.text, q.unit) == (found, "percent") and q.value == pytest.approx(value)


def test_numbers_around_in_that_are_not_odds() -> None:
    assert [q.text for q in quantities("scored 3 in 10 minutes")] == ["3", "10 minutes"]
    assert [q.text for q in quantities("it took 2 in 2024 and 5 in 2 days")] == ["2", "5", "2 days"]
    assert [q.text for q in quantities("rose 4% in 2022")] == ["4%"]
    assert [q.text for q in quantities("out of 5 adults, 4 smoke")] == ["5", "4"]
    assert [q.text for q in quantities("2 out of 2024 and 3 out of 10 minutes")] == ["2", "3", "10 minutes"]
    # A whole that is no round number of odds: a part of a count ("34 seats"), and the whole.
    assert [(q.text, q.unit) for q in quantities("won 34 out of 81 seats")] == [("34", "seat"), ("81", "seat")]
    assert [(q.text, q.unit) for q in quantities("won 34 of the 81 seats")] == [("34", "seat"), ("81", "seat")]
    assert [q.whole for q in quantities("won 34 of the 81 seats, 12 of them new")] == [False, True, False]
    assert [(q.text, q.unit) for q in quantities("won 91 of the 81 seats")] == [("91", None), ("81", "seat")]
    assert [q.text for q in quantities("1 out of every 1,000 births")] == ["1 out of every 1,000"]


@pytest.mark.parametrize("text", ["children under 5 are offered a spray", "adults over 65 and", "people aged 65 and over",
                                  "those aged over 70", "clinics open 9am-5pm", "at 9 AM", "doors at 7 p.m."])
def test_ages_and_times_of_day_are_not_quantities(text) -> None:
    """A number in these bound through a keyword such as 'people' or 'clinics' to a count: false FL101s."""
    assert quantities(text) == []


def test_hedged_counts_that_are_not_ages_stay() -> None:
    assert [q.text for q in quantities("over 65 people attended; fewer than 500 people left")] == [
        "over 65", "fewer than 500"]


@pytest.mark.parametrize(("text", "direction"), [
    ("exports rose 4.5% last year", 1), ("GDP fell by 1.8%", -1), ("the economy shrank 1.8%", -1),
    ("up 12% on the year", 1), ("prices grew nearly 5%", 1), ("sales dropped by about €2m", -1),
    ("unemployment fell to 6.2%", 0), ("down from 5.9%", 0), ("it was 4.5%", 0),
    # A percentage states a change with a word of comparison right after it, too.
    ("a 3% rise", 1), ("a 40% higher risk of stroke", 1), ("30 per cent fewer cases", -1), ("a 40% lower risk", -1),
    ("3% of smokers had a stroke", 0), ("40% more", 1), ("a 3% highest", 0),
    # A verb of change with its object, then "by".
    ("quitting cut the risk of stroke by 40%", -1), ("the tax raised prices by 3%", 1), ("was reduced by 5%", -1),
    ("stood by 40%", 0), ("cut, by 4%", 0),
])
def test_the_direction_of_a_change_comes_from_the_words_right_before_or_after_it(text, direction) -> None:
    (q,) = [q for q in quantities(text) if q.dimension in ("percent", "currency")]
    assert q.direction == direction


def test_a_share_is_a_percentage_of_a_whole_with_no_change() -> None:
    """'3% of smokers had a stroke' is an absolute share, never a relative risk or a rise (matching: bind)."""
    assert [q.share for q in quantities("3% of smokers had a stroke, a 40% higher risk")] == [True, False]
    assert [q.share for q in quantities("rose 3% of late")] == [False]


def test_a_facts_direction_comes_from_its_sign_or_its_claim() -> None:
    from factlint.matching.compare import fact_direction

    assert fact_direction("The economy shrank by 1.8% in 2024.", -1.8) == -1
    assert fact_direction("Exports rose 4.5% in 2024.", 4.5) == 1
    assert fact_direction("Revenue fell EUR 3m to EUR 40m.", 3e6) == -1  # the size kept, the fall in words
    assert fact_direction("Unemployment was 6.2% in December.", 6.2) == 0
    assert fact_direction("Smokers had a 40% higher risk of stroke than non-smokers.", 40) == 1
    assert fact_direction("Vaccinated adults had 30 per cent fewer admissions.", 30) == -1


@pytest.mark.parametrize(("text", "found", "unit", "dimension"), [
    ("entered at 19 km/s.", "19 km/s", "km/second", "length/time"),
    ("at 91 kilometres per second", "91 kilometres per second", "km/second", "length/time"),
    ("LDL of 96 mg/dL", "96 mg/dL", "mg/dL", "mass/volume"),
    ("LDL of 0.96 g/L", "0.96 g/L", "g/L", "mass/volume"),
    ("iridium at 0.32 mg/kg", "0.32 mg/kg", "mg/kg", "mass/mass"),
    ("5 tonnes per year", "5 tonnes per year", "t/year", "mass/time"),
    ("held 320 µg of it", "320 µg", "µg", "mass"),
    ("held 320 μg of it", "320 μg", "µg", "mass"),  # GREEK SMALL LETTER MU, not MICRO SIGN
    ("a 40 ng dose", "40 ng", "ng", "mass"),
    ("a 250 mL bottle", "250 mL", "mL", "volume"),
    ("reached 35.4C.", "35.4C", "°C", "temperature"),
    ("reached 35.4 ℃.", "35.4 ℃", "°C", "temperature"),
    ("reached 35.4 degrees Celsius.", "35.4 degrees Celsius", "°C", "temperature"),
    ("reached 35.4 ° C.", "35.4 ° C", "°C", "temperature"),
    ("grew 5%/year", "5%/year", "percent", "percent"),  # a share per year stays a share
    ("121 millimetres of rain", "121 millimetres", "mm", "length"),
    ("5 centimeters of snow", "5 centimeters", "cm", "length"),
])
def test_units_of_science_and_weather(text, found, unit, dimension) -> None:
    """A measure per another is one unit of its own dimension; micro-, nano- and litre units; Celsius spellings."""
    q = one(text)
    assert (q.text, q.unit, q.dimension) == (found, unit, dimension)
    assert canonical(unit) == canonical(q.unit) and canonical(unit).dimension == dimension


def test_ratio_units_compare_in_any_spelling_and_never_with_their_top_unit() -> None:
    from factlint.ledger.model import Fact
    from factlint.matching.compare import fits_value, units_compatible

    ldl = Fact("ldl", "LDL fell to 96 mg/dL.", value=96, unit="mg/dL", sources=("s",))
    assert fits_value(one("LDL of 0.96 g/L"), ldl) and not fits_value(one("LDL of 69 mg/dL"), ldl)
    mass = Fact("mass", "It weighed 1,500 kg.", value=1500, unit="kg", sources=("s",))
    assert not units_compatible(one("iridium at 0.32 mg/kg"), mass)
    assert canonical("km per second") == canonical("km/s") and canonical("km/s").factor == 1000
    assert canonical("a/b").dimension == "count"
    # A counted noun per a time is a rate of that noun: per day and per week compare, other nouns do not.
    assert canonical("cases per day").dimension == "count/time" == canonical("cases/week").dimension
    assert math.isclose(canonical("cases per day").factor, 7 * canonical("cases/week").factor)


@pytest.mark.parametrize(("text", "value", "found"), [
    ("held 3.2 × 10^5 grains", 3.2e5, "3.2 × 10^5"), ("held 3.2×10⁵ grains", 3.2e5, "3.2×10⁵"),
    ("held 2.3e5 grains", 2.3e5, "2.3e5"), ("a 1.5e-6 m film", 1.5e-6, "1.5e-6 m"),
    ("about 1.2 × 10^-3 kg", 1.2e-3, "about 1.2 × 10^-3 kg"), ("1.2 x 10**4 cells", 1.2e4, "1.2 x 10**4"),
])
def test_scientific_notation_is_one_number(text, value, found) -> None:
    q = one(text)
    assert q.text == found and math.isclose(q.value, value) and q.low < value < q.high


def test_a_power_of_ten_needs_its_caret_and_identifiers_stay_identifiers() -> None:
    assert [q.text for q in quantities("a 4 x 100 m relay")] == ["4", "100 m"]
    assert quantities("version 2e5 shipped") == []


def test_a_plus_sign_states_a_rise_and_a_temperature_keeps_its_sign() -> None:
    from factlint.ledger.model import Fact
    from factlint.matching.compare import fits_value

    assert one("GDP grew +1.8% last year").direction == 1 and one("GDP was 1.8% up").direction == 0
    gdp = Fact("gdp", "The economy shrank by 1.8%.", value=-1.8, unit="percent", sources=("s",))
    assert fits_value(one("the economy shrank 1.8%"), gdp) and fits_value(one("growth was 1.8%"), gdp)
    assert not fits_value(one("growth was +1.8%"), gdp)
    cold = Fact("min", "The lowest was -12 °C.", value=-12, unit="°C", sources=("s",))
    assert fits_value(one("fell to −12 °C"), cold)
    assert not fits_value(one("the lowest was 12 °C"), cold) and not fits_value(one("the lowest was +12 °C"), cold)


@pytest.mark.parametrize(("text", "found", "low", "high", "unit"), [
    ("margin was between 40 and 45%.", "between 40 and 45%", 39.5, 45.5, "percent"),
    ("margin was between 40% and 45%.", "between 40% and 45%", 39.5, 45.5, "percent"),
    ("margin was 40 to 45%.", "40 to 45%", 39.5, 45.5, "percent"),
    ("margin was 50–55%.", "50–55%", 49.5, 55.5, "percent"),
    ("margin was 4.5-5.25%.", "4.5-5.25%", 4.45, 5.255, "percent"),
    ("it cost $3-4 million", "$3-4 million", 2.5e6, 4.5e6, "USD"),
    ("10-12 people came", "10-12", 9.5, 12.5, "person"),  # the counted noun is not in the text, as for one number
    ("1 to 2 hours a day", "1 to 2 hours", 0.5, 2.5, "hour"),
])
def test_a_range_with_a_unit_is_one_quantity(text, found, low, high, unit) -> None:
    q = one(text)
    assert (q.text, q.unit) == (found, unit) and math.isclose(q.low, low) and math.isclose(q.high, high)


@pytest.mark.parametrize(("text", "found"), [
    ("churn fell from 3.1% to 2.3%", ["3.1%", "2.3%"]),  # a change, not a range
    ("rose from 40 to 45%", ["40", "45%"]),
    ("between 40% and 45 people", ["40%", "45"]),  # different units
    ("pages 10-12 of the report", []), ("from 2019–2023 the", []), ("won 3–1 at home", []),
    ("between 2019 and 2023", []),
    # Ages, whose second number was read with the next word as its noun ("24 binge"): an uncited figure.
    ("adults aged 18 to 24 binge drink", []), ("pupils aged 11-16 walk", []), ("Grade 4 to 6 pupils", []),
    ("10 to 12 people came", ["10 to 12"]),
])
def test_what_is_no_range(text, found) -> None:
    assert [q.text for q in quantities(text)] == found


def test_a_bare_decimal_after_a_word_of_time_is_a_version() -> None:
    """Changelogs: 'Since 2.3, the Team plan has more seats.' is no figure of 2.3 seats."""
    for text in ("Since 2.3, the Team plan has more seats.", "In 2.3 we added seats.", "until 4.1 it was slow"):
        assert quantities(text) == [], text
    assert [q.text for q in quantities("fertility fell from 2.3 to 2.1")] == ["2.3", "2.1"]
    assert [q.text for q in quantities("in 2.3 seconds, in 12 of 20 districts")] == ["2.3 seconds", "12", "20"]


def test_up_to_n_states_a_facts_cap_and_is_a_bound_elsewhere() -> None:
    """'allows up to 500 seats' against 'allows up to 50 seats' states the cap: 500, not any number below it."""
    from factlint.ledger.model import Fact
    from factlint.matching.compare import fits_value

    cap = Fact("seats", "The Team plan allows up to 50 seats.", value=50, unit="seats", sources=("s",))
    assert not fits_value(one("allows up to 500 seats"), cap) and not fits_value(one("at most 500 seats"), cap)
    assert not fits_value(one("allows up to 40 seats"), cap)
    assert fits_value(one("allows up to 50 seats"), cap) and fits_value(one("allows 50 seats"), cap)
    assert fits_value(one("fewer than 500 seats"), cap)  # a bound, not the cap's statement
    count = Fact("seats", "The hall has 50 seats.", value=50, unit="seats", sources=("s",))
    assert fits_value(one("up to 500 seats"), count)  # no cap in the fact: 'up to' is a bound


def test_the_words_around_a_number_mark_a_margin_and_a_share_of_those_who_do_not() -> None:
    """Read at extraction, as a change's direction is: matching binds a margin only to a fact about one,
    and reads a negated share as its complement."""
    assert one("passed by a majority of 14").margin and one("Ruiz won by 412 votes").margin
    assert one("A majority needs 41 seats, she said").margin  # what a majority takes
    assert not one("the majority said 41 seats").margin
    assert not one("passed with 23 votes in favour").margin and not one("by 14%").margin
    assert one("80% of adults do not smoke").negated and one("80% are non-smokers").negated
    assert not one("a 60% higher risk than non-smokers").negated and not one("80% of adults smoke").negated


def test_the_negated_verb_prefilter_never_hides_a_match() -> None:
    """_negated looks for the pattern's words in _NEGATED_REACH characters first: the pattern alone agrees."""
    import random

    from factlint.extraction.numbers import _NEGATED, _negated

    rng = random.Random(7)
    pieces = ["of adults", " do", " not", "n't", " NEVER", " never", " are", " non-", "smokers", " than", "\t", "  ",
              ",", ".", "would", " ", "x" * 9, "Do Not"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _negated(text, 0) == (_NEGATED.match(text, 0) is not None), text


def test_a_threshold_of_a_count_is_no_figure() -> None:
    """'23 days above 30 °C': the temperature says which days are counted; it bound to a warming fact (FL101)."""
    assert [q.text for q in quantities("Brenholt had 23 days above 30 °C, against 9 in the 1990s")] == [
        "23 days", "9"]
    assert [q.text for q in quantities("it was above 30 °C on 23 days")] == ["above 30 °C", "23 days"]


def test_cents_are_money_in_a_sentence_written_in_one_currency() -> None:
    """'a dividend of 64 cents' beside '€1.87' is EUR 0.64, not a count of 64 cents; 'today' counts nothing."""
    found = quantities("Earnings came in at €1.87, and a dividend of 64 cents, up from 58 cents")
    assert [(q.text, q.unit, q.value) for q in found] == [
        ("€1.87", "EUR", 1.87), ("64 cents", "EUR", 0.64), ("58 cents", "EUR", 0.58)]
    assert [q.unit for q in quantities("a dividend of 64 cents")] == ["cent"]  # no money to tell which
    assert [q.unit for q in quantities("$3 or €3, and 40 cents")] == ["USD", "EUR", "cent"]
    assert [q.unit for q in quantities("from 18,450 today")] == [None]
    assert [q.unit for q in quantities("a timeout of 30 means 30 seconds")] == [None, "second"]


@pytest.mark.parametrize(("text", "unit", "end"), [
    ("accepts 3,000 messages per second", "messag/second", "3,000 messages per second"),
    ("runs 40 trains an hour", "train/hour", "40 trains an hour"),
    ("allows 12 requests/min", "request/minute", "12 requests/min"),
    ("syncs 2.1 million files a day; more", "fil/day", "2.1 million files a day"),
])
def test_a_counted_noun_per_a_time_is_a_rate(text, unit, end) -> None:
    q = one(text)
    assert (q.unit, q.dimension) == (unit, "count/time")
    assert text[q.start : q.claim_end] == end


def test_a_unit_per_a_time_and_a_count_without_one_stay_what_they_were() -> None:
    assert (one("works 5 days a week").unit, one("works 5 days a week").dimension) == ("day", "time")
    assert one("sold 3,000 tickets by noon").dimension == "count"


def test_a_sum_after_a_count_is_a_total_and_nothing_else_is() -> None:
    queues, total = quantities("5 FIFO queues give you 1,500 messages per second in total.")
    assert not queues.total and total.total
    assert quantities("Two firms paid a combined €40m.")[1].total
    assert not one("The party won 43 seats in total.").total  # no count before it: the sum is the party's


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("you can change the visibility timeout from 0 seconds to 12 hours", 0, 12, "hour"),
    ("It can be set from 1 to 60 minutes.", 1, 60, "minute"),
    ("Retention ranges from 2 to 14 days.", 2, 14, "day"),
])
def test_a_settings_range_is_one_interval(text, low, high, unit) -> None:
    q = one(text)
    assert q.unit == unit and q.low <= low and high <= q.high and not q.direction


@pytest.mark.parametrize("text", [
    "Turnout rose from 61% to 64%.",  # a change: two levels
    "you can pay from $5 to €9",  # two currencies
    "it can go from 5 km to 3 kg",  # two dimensions
])
def test_a_change_or_a_mixed_pair_is_no_range(text) -> None:
    assert len(quantities(text)) == 2


def test_under_a_cap_keeps_within_it_and_up_to_restates_it() -> None:
    """'keep payloads under 64 KB' keeps within a cap of 256 KB; 'up to 64 KB' states another cap."""
    from factlint.ledger.model import Fact
    from factlint.matching.compare import fits_value

    cap = Fact("size", "A message may be up to 256 KB.", value=256, unit="KB", sources=("s",))
    assert fits_value(one("keep payloads under 64 KB"), cap)
    assert fits_value(one("must be under 300 KB"), cap) and not fits_value(one("may be up to 64 KB"), cap)
    size = Fact("size", "The file is 256 KB.", value=256, unit="KB", sources=("s",))
    assert not fits_value(one("keep payloads under 64 KB"), size)  # no cap: a bound that leaves it out


def test_an_open_bound_the_claim_also_writes_fits() -> None:
    """'as much as 14 days' states the claim's other figure, 'for up to 14 days', not its value (4 days)."""
    from factlint.ledger.model import Fact
    from factlint.matching.compare import fits_value

    kept = Fact("kept", "Messages are kept for 4 days by default, and for up to 14 days if configured.", value=4,
                unit="days", sources=("s",))
    assert fits_value(one("raise retention to as much as 14 days"), kept)
    assert not fits_value(one("raise retention to as much as 30 days"), kept)
    assert not fits_value(one("kept for 14 days"), kept)  # unhedged: a level, which the claim gives as 4 days
    assert not fits_value(one("at least 14 days"), kept)  # another bound than the claim's


def test_rates_compare_across_times_and_with_a_count_of_their_noun() -> None:
    from factlint.ledger.model import Fact
    from factlint.matching.compare import fits_value, units_compatible

    rate = Fact("rate", "A queue accepts 3,000 messages per second.", value=3000, unit="messages/second",
                sources=("s",))
    assert fits_value(one("180,000 messages per minute"), rate) and not fits_value(one("3,000 messages a minute"), rate)
    assert not units_compatible(one("3,000 orders per second"), rate)  # another noun
    assert not units_compatible(one("3,000 messages"), rate)  # a count is no rate
    assert units_compatible(one("| Standard | 3,000 |"), rate)  # a bare number: a column header may name it
    count = Fact("count", "The Starter plan allows 60 requests per minute.", value=60, unit="requests",
                 sources=("s",))
    assert fits_value(one("allows 60 requests per minute"), count)  # the ledger gave no time: as written
    assert not fits_value(one("allows 600 requests per minute"), count)


@pytest.mark.parametrize(("text", "value"), [
    ("She has died aged 85 after a short illness.", 85), ("He died in hospital, aged 58.", 58),
    ("moved to England at the age of 12.", 12), ("before she first conducted, at 24, a student orchestra", 24),
    ("At 24, she moved to Lyon.", 24), ("A 41-year-old man was arrested.", 41),
])
def test_an_age_is_a_number_of_years_marked_as_an_age(text, value) -> None:
    q = one(text)
    assert (q.value, q.unit, q.age) == (value, "year", True)


@pytest.mark.parametrize("text", [
    "Among people aged 18 to 24, more binge drink", "adults aged 65 and over", "children aged 5-11 were seen",
])
def test_a_bracket_of_ages_is_who_a_figure_counts(text) -> None:
    assert quantities(text) == []


def test_a_level_after_at_and_a_span_of_years_are_no_age() -> None:
    assert not one("The index closed at 24 points.").age and not one("The index closed at 24, a low").age
    assert not one("She led the orchestra for 22 years.").age


def test_a_level_a_change_would_lead_to_is_projected() -> None:
    cut, level = quantities("a cut of 25 basis points would take the rate to 3.5%")
    assert level.projected and not cut.projected
    assert one("which will bring inflation down to 2%").projected
    assert not one("The rate rose to 3.5%.").projected and not one("It would cost £4m.").projected


def test_a_noun_after_two_joined_words_and_the_number_of_a_noun_are_counted() -> None:
    assert one("The board has 2,940 general and acute beds.").unit == "bed"
    assert one("The number of people waiting for treatment fell to 412,300.").unit == "person"
    assert one("The number of cases rose to 4,000.").unit == "cas"
    assert one("It has 12 general wards.").unit == "ward"  # a plural after one word: read as before
    assert quantities("The number of cases rose by 12% to 4,000.")[1].unit is None  # another number between


def test_a_rate_of_times_counts_any_noun_and_other_rates_their_own() -> None:
    from factlint.units import rate_nouns_compatible

    assert rate_nouns_compatible("times", "trains") and rate_nouns_compatible("trains", "times")
    assert rate_nouns_compatible("messages", "message") and not rate_nouns_compatible("messages", "orders")


def test_words_for_people_after_a_count_count_people() -> None:
    """'Fourteen dead', '210 injured', '12 arrested': the word after the count stands for people."""
    assert one("Fourteen dead as the storm hits.").unit == "person"
    assert one("The agency said 210 injured.").unit == "person"
    assert one("Police said 12 arrested.").unit == "person"
    assert one("The club has 2 injured players.").unit == "player"  # a plural after it is still the noun


def test_a_second_after_a_count_is_an_ordinal_when_a_noun_follows() -> None:
    """'600 spent a second night' is no rate per second; '3,000 messages a second' is."""
    assert one("Some 600 spent a second night in tents.").dimension != "count/time"
    assert one("It takes 3,000 messages a second.").dimension == "count/time"
    assert one("It takes 3,000 messages a second and more.").dimension == "count/time"
    assert one("It takes 3,000 messages per second now.").dimension == "count/time"


def test_a_part_of_a_group_written_before_is_marked() -> None:
    """'23 of them': a part of a group the sentence (or the one before) counted, no figure of its own."""
    *_, part = quantities("Fourteen people were killed and 210 injured, 23 of them seriously.")
    assert part.text == "23" and part.part
    assert one("Of the patients, 40 of whom were treated, most recovered.").part
    assert not quantities("Turnout was 64 of the 100 voters.")[0].part  # a whole after it: a count of voters
    assert not one("It won 34 seats.").part


def test_energy_and_power_units() -> None:
    """TWh and kW beside MW, GW and GWh; their words too ("3 kilowatt-hours", "5 terawatt hours")."""
    assert (one("Total generation was 221 TWh.").unit, one("A 400 kW charger.").unit) == ("TWh", "kW")
    assert one("It uses 3 kilowatt-hours a day.").unit == "kWh" and one("It made 5 terawatt hours.").unit == "TWh"
    assert canonical("TWh").factor == 1000 * canonical("GWh").factor and canonical("kW").dimension == "power"


def test_an_open_age_bracket_after_a_bare_number_is_no_figure() -> None:
    """'(21.7%) are 65 or older': the 65 says who is counted, as 'adults over 65' does."""
    assert [q.text for q in quantities("Some residents (21.7%) are 65 or older.")] == ["21.7%"]
    assert [q.text for q in quantities("Adults aged 18 and over: 30%.")] == ["30%"]
    assert [q.text for q in quantities("It has 40 or more rooms.")] == ["40"]


def test_a_verb_after_a_count_counts_no_noun() -> None:
    """'28,412 finished': a past tense after the count is what they did, not what they are."""
    *_, done = quantities("Of the 29,950 runners who started, 28,412 finished.")
    assert (done.text, done.unit) == ("28,412", None)
    assert one("The club has 12 raised beds.").unit == "bed"  # an adjective before the noun


def test_durations_in_hours_minutes_and_seconds() -> None:
    """'2:06:41' and '2 hours 21 minutes 47 seconds' are one duration each, in seconds; a clock time is none."""
    assert (one("He won in 2:06:41, ahead of the rest.").value, one("He won in 2:06:41.").unit) == (7601, "second")
    assert quantities("The train left at 17:30:05 sharp.") == []
    found = quantities("She won in 2 hours 21 minutes 47 seconds, 58 seconds ahead.")
    assert [(q.text, q.value) for q in found] == [("2 hours 21 minutes 47 seconds", 8507), ("58 seconds", 58)]
    assert one("It took 1 hour and 5 minutes.").value == 65
    assert [q.text for q in quantities("He ran 10 km in 30 minutes, 5 minutes faster.")] == [
        "10 km", "30 minutes", "5 minutes"]  # no smaller unit after: two durations


def test_a_measure_of_part_of_a_whole_is_a_part() -> None:
    """'ran the second half in 62 minutes': a part of the race's time, no time of the race."""
    assert one("Oduya ran the second half in 62 minutes.").part
    assert not one("Oduya ran the race in 126 minutes.").part


def test_a_number_between_commas_after_a_name_is_an_age() -> None:
    """'Daniel Oduya, 24, won': news style for an age; not after a month or a function word."""
    age = one("Daniel Oduya, 24, won the race.")
    assert age.age and age.unit == "year"
    assert not one("In March, 26, people came.").age


def test_money_out_of_every_pound_is_a_share() -> None:
    """'82p of every £1', 'Of every £1 it spent, 82p went on', '20p in the pound': percentages; the £1 is the
    whole they are out of, no amount."""
    for text in ("It spent 82p of every £1 on its programmes.", "Of every £1 it spent, 82p went on its programmes.",
                 "It spends 82 cents of every dollar on aid."):
        q = one(text)
        assert (q.value, q.unit, q.share) == (82, "percent", True), text
    assert one("For every £10 raised, £8 goes to aid.").value == 80
    assert one("Tax takes 20p in the pound.").unit == "percent"
    assert one("She was paid £96,500 for it.").unit == "GBP"


def test_a_measure_of_a_substance_per_another_is_one_unit() -> None:
    """'142 g of CO2 per kWh' and '142 g/kWh' are both g/kWh, never a mass."""
    for text in ("It averaged 142 g of CO2 per kWh.", "It averaged 142 g/kWh.", "It averaged 142 g per kWh."):
        assert one(text).unit == "g/kWh", text
    assert one("It emits 120 g of CO₂ per km.").unit == "g/km"
    assert one("It has 5 kg of Flour per loaf.").unit == "kg"  # per a noun: a mass, as written


def test_the_minute_of_a_game_is_a_number_of_minutes_and_other_ordinals_none() -> None:
    """'scored in the 87th minute' states 87 minutes; 'the 3rd day of the trial' and 'the 21st century' nothing."""
    q = one("Okafor scored in the 87th minute.")
    assert (q.text, q.value, q.unit) == ("87th minute", 87, "minute")
    assert quantities("It was the 3rd day of the trial, in the 21st century.") == []


def test_a_number_word_joined_to_a_unit_by_a_hyphen() -> None:
    """'a three-year deal', 'a two-day strike' state durations; 'a three-year-old' an age; 'twenty-somethings'
    nothing."""
    assert (one("He signed a three-year deal.").value, one("He signed a three-year deal.").unit) == (3, "year")
    assert one("It was a two-day strike.").unit == "day"
    assert one("She met a three-year-old boy.").age
    assert quantities("It is popular with twenty-somethings.") == []
    assert one("There were thirty-two people.").value == 32
