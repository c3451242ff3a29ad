"""Numbers and fractions written in words."""

from __future__ import annotations

import re

from factlint.fold import ignorecase_lower
from factlint.startup import regex

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "trillion": 1_000_000_000_000}
_BASE = "|".join(sorted(VALUES, key=len, reverse=True))
_MULT = "hundred|thousand|million|billion|trillion"
_WORD = rf"(?:{_BASE}|{_MULT}|dozen)"
# A number word may be joined to a unit of time or length by a hyphen ("a three-year deal", "a two-day strike").
_HYPHEN_UNIT = r"-(?:year|day|week|month|hour|minute|second|mile|metre|meter|kilometre|kilometer)s?\b"
NUMBER_WORDS_RE = regex(
    rf"(?<![\w-])(?:(?:a|an)[ \t]+(?={_MULT}|dozen)|(?={_BASE}))(?:{_WORD})(?:(?:[ \t]+and[ \t]+|[ \t]+|-)(?:{_WORD})){{0,8}}"
    rf"(?:(?![\w-])|(?={_HYPHEN_UNIT}))",
    re.I,
)
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                 "fifths": 5, "tenth": 10, "tenths": 10}
# Odds ("one in five", "1 in 3"): the words they open with, and the wholes they are out of.
ODDS_PARTS = _SMALL = "one|two|three|four|five|six|seven|eight|nine|ten|a"
ODDS_WHOLES = "two|three|four|five|six|seven|eight|nine|ten"
# What joins the two numbers of odds, and the wholes after it: "1 in 3" (any whole), and with "in every" or
# "out of", a whole of ten or less, a hundred or a thousand ("one in every five", "4 out of 5", "1 out of
# every 100"): "34 out of 81 seats" is a count of seats, not odds.
ODDS_JOIN = r"(?:in|out[ \t]+of)(?:[ \t]+every)?"
ODDS_TAIL = (rf"(?:in[ \t]+(?P<den>{ODDS_WHOLES}|\d+)|(?:in[ \t]+every|out[ \t]+of(?:[ \t]+every)?)[ \t]+"
             rf"(?P<den2>{ODDS_WHOLES}|10|100|1,?000|[2-9]))(?![\w-]|,\d)")
ODDS_ROUND = regex(r"10|100|1,?000|[2-9]")  # the wholes of odds joined by "in every" or "out of", as digits
FRACTION_RE = regex(
    rf"(?<![\w-])(?P<frac>(?:{_SMALL})[ \t-](?:halves|half|thirds?|quarters?|fifths?|tenths?)(?=[ \t]+(?:of|the)\b)"
    rf"|(?<!first )(?<!second )(?<!latter )(?<!last )(?<!next )half(?=[ \t]+(?:of|the|their|its|all)\b)"
    rf"|(?:{_SMALL}|\d+)[ \t]+{ODDS_TAIL})",
    re.I,
)

# Necessary conditions for the two patterns above, cheap enough to run on every sentence first: both
# scan slowly (a lookbehind at every position), and most sentences have no number word at all.
# Every match of NUMBER_WORDS_RE holds a number word as a whole run of word characters (after "a" or
# "an", a multiplier or "dozen"), and every match of FRACTION_RE a number word or a denominator, or
# else odds written with digits. Looking up whole words, not the words as substrings ("ten" in "often"):
# 1,656 of the 1 MB draft's sentences passed the substring test, 639 pass this one (785 for fractions),
# and extraction runs 3.7% fewer instructions (callgrind).
NUMBER_WORDS = frozenset({*VALUES, *_MULTIPLIERS, "dozen"})
_FRACTION_WORDS = NUMBER_WORDS | frozenset(_DENOMINATORS)
_RUN = regex(r"\w+")
# The same runs in ASCII text: every byte but a word character's made a space, then split (a table
# lookup per byte in C, about a third of findall's time on a sentence).
_RUN_TABLE = bytes(b if chr(b).isalnum() or b == 95 else 32 for b in range(128)) + bytes([32] * 128)
_ODDS_HINT = regex(rf"[\da][ \t]+{ODDS_JOIN}[ \t]+\d")  # "1 in 5", "a in 10", "4 out of 5"


def word_hints(text: str, odds: bool = True) -> tuple[bool, bool]:
    """(may hold a number in words, may hold a fraction): False only when the pattern cannot match.

    ``odds`` False says the text has no digit, which odds written with one ("1 in 5") need.
    """
    low = ignorecase_lower(text)
    runs = low.encode().translate(_RUN_TABLE).decode().split() if low.isascii() else _RUN.findall(low)
    words = not NUMBER_WORDS.isdisjoint(runs)
    return words, words or not _FRACTION_WORDS.isdisjoint(runs) or (odds and _ODDS_HINT.search(low) is not None)


def parse_number_words(text: str) -> float | None:
    """'thirty-two' -> 32, 'a hundred' -> 100, 'two hundred and fifty thousand' -> 250000; bare 'one' -> None."""
    # The match's own letters ("ſix", "FİVE" and "fıve" match too), read as the pattern read them.
    words = [w for w in re.split(r"[\s-]+", ignorecase_lower(text)) if w and w != "and"]
    if words == ["one"] or words == ["zero"]:
        return None
    total, current = 0, 0
    for word in words:
        if word in ("a", "an"):
            current = 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in VALUES:
            current += VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _MULTIPLIERS[word]
            current = 0
    return float(total + current)


def parse_fraction(text: str) -> float | None:
    """'two-thirds' -> 0.667, 'half' -> 0.5, 'one in five', '1 out of every 5' -> 0.2."""
    words = [w for w in re.split(r"[\s-]+", ignorecase_lower(text)) if w]
    if len(words) > 3 and words[1] in ("in", "out"):  # the join's other words: "out of", "in every"
        words = [words[0], "in", words[-1]]
    if len(words) == 3 and words[1] == "in":
        words = [w.replace(",", "") for w in words]  # "1 out of every 1,000"
        num, den = (float(w) if w.isdigit() else VALUES.get(w, 1 if w == "a" else None) for w in (words[0], words[2]))
        return num / den if num is not None and den else None
    if words == ["half"]:
        return 0.5
    num = 1 if words[0] in ("a", "one") else VALUES.get(words[0])
    den = _DENOMINATORS.get(words[-1])
    return num / den if num and den else None
