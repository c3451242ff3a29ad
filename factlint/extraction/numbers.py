"""Find quantities: digits, number words, fractions, money, percentages, units, hedges."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Iterator

from factlint.extraction.model import Quantity
from factlint.extraction.names import LEADING_WORDS
from factlint.extraction.numwords import (FRACTION_RE, NUMBER_WORDS_RE, ODDS_JOIN, ODDS_PARTS, ODDS_ROUND,
                                          ODDS_TAIL, ODDS_WHOLES,
                                          parse_fraction, parse_number_words, word_hints)
from factlint.fold import EndingPattern, ignorecase_lower
from factlint.startup import regex
from factlint.units import CURRENCY_CODES, CURRENCY_SYMBOLS, Unit, canonical

_CODES = "|".join(sorted(CURRENCY_CODES))
_SYMBOLS = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# What a numeral can open with: a sign, a currency code's or symbol's first character, a digit or the point
# of ".5"; any character past ASCII stands for "−", "–", "€", "£", "¥", "₹" and the digits of other scripts.
# Tested first, it fails at once at most positions of prose, where the two lookbehinds were each tried
# (the 1 MB draft's sentences: ~36 -> ~26 ms; a test compares the pattern with its form without it).
NUMERAL_OPENS = r"(?=[-+.0-9A-Z$\u0080-\U0010ffff])"
# One pass finds every numeral with its currency prefix; what follows is read by _suffix().
NUMERAL = regex(
    rf"{NUMERAL_OPENS}(?<![\w.,/:#@$€£¥+^-])(?<!\d[ \t])(?P<neg>[-−–+](?=[\d$€£]))?(?:(?P<code>{_CODES})\s?|(?P<sym>{_SYMBOLS})\s?)?"
    rf"(?P<num>{_DIGITS})(?P<tail>(?:st|nd|rd|th)\b|[.:]\d|\.[xX*]\b|,\d|[-–/]\d|[A-Za-z]+\d|[ \t]\d{{3,}}\b)?"
)
_NUMBER = regex(_DIGITS)  # the digits of a numeral alone
_DIGIT = regex(r"\d")  # NUMERAL needs one: a sentence without one is not scanned for numerals at all
# How far before its first digit a numeral can start: a sign, a currency code or symbol and a space,
# and the point of ".5". NUMERAL is tried from there, not from the sentence's start.
_LEAD = 1 + max(map(len, (*CURRENCY_CODES, *CURRENCY_SYMBOLS))) + 1 + 1
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "hundred": 1e2}
_SCALE_RE = regex(r"[ \t]*(?P<scale>thousand|million|billion|trillion|hundred|mn|mln|bn|tn|[kmb])\b", re.I)
_UNIT_ALT = (
    r"%|per[ \t]cent\b|percent(?:age)?(?:[ -]points?)?\b|pp\b|pts?\b|points?\b|basis[ -]points?\b|bps?\b|"
    rf"(?:{_CODES})\b|dollars?\b|euros?\b|"
    r"km\b|kms\b|(?:kilo|centi|milli|micro)?met(?:re|er)s?\b|meters?\b|cm\b|mm\b|miles?\b|kg\b|kgs\b|kilo(?:gram)?s?\b|grams?\b|mg\b|g\b|m\b|"
    r"[µμ][gm]\b|mcg\b|ng\b|(?:micro|nano)grams?\b|microns?\b|[dcm]?L\b|[dcm]l\b|(?:milli|centi|deci)?(?:litre|liter)s?\b|"
    r"tonnes?\b|(?:metric[ \t])?tons?\b|[KMGT]i?B\b|kB\b|(?:kilo|mega|giga|tera)bytes?\b|[kMGT]Wh?\b|"
    r"(?:kilo|mega|giga|tera)watt(?:s\b|[ \t-]hours?\b|\b)|°[ \t]?C\b|ºC\b|℃|degrees?[ \t]+(?:[Cc]elsius|centigrade|C)\b|Celsius\b|(?<=\d)C\b|"
    r"seconds?\b|minutes?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b"
)
# One measure per another ("19 km/s", "69 mg/dL", "0.96 g/L"): units.canonical reads the pair as one unit.
_PER_UNIT = (r"/(?:s|sec|h|hr|min|day|yr|year|[dcm]?L|[dcm]?l|kg|g|mg|m|km|[kMG]Wh)\b"
             r"|[ \t]+per[ \t]+(?:second|minute|hour|day|week|year|litre|liter|kilogram|kg|km|[kMG]Wh)\b")
# A measure of a substance per another: "142 g of CO2 per kWh", "95 g of CO₂ per km" (units.canonical reads
# the pair, "g/kWh", as one unit).
_SUBSTANCE_PER = regex(r"[ \t]+of[ \t]+(?:CO2e?|CO₂e?|carbon(?:[ \t]+dioxide)?|[A-Z][A-Za-z0-9₂]{0,5})"
                       r"[ \t]+per[ \t]+(?P<per>[kMG]Wh|km|kg|litre|liter|tonne)\b")
_UNIT_RE = regex(rf"(?P<sep>[ \t]*-?[ \t]?)(?P<unit>(?:{_UNIT_ALT})(?:{_PER_UNIT})?)")
# A rate's denominator and what it counts: "12.4 per 100,000 people", "3 per 1,000 live births".
_RATE_RE = regex(r"[ \t]+(?P<rate>per[ \t]+(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d)(?:[ \t]*(?:k|thousand|million)\b)?"
                 r"(?:[ \t]+(?:people|persons|population|residents|inhabitants|adults|children|women|men|patients"
                 r"|pupils|students|workers|employees|households|users|(?:live[ \t]+)?births)\b)?)", re.I)
# A counted noun: one word, or two when the second is a plural ("poll workers", "mobile clinics").
_NOUN_RE = regex(r"[ \t]+(?:(?:new|more|additional|registered|valid|active|extra|fewer|total|[A-Z]{2,5})[ \t]+)?"
                 r"(?P<noun>[a-z][a-z-]{2,}(?<!s)(?:[ \t]+[a-z][a-z-]{2,}s\b)?|[a-z][a-z-]{2,})\b")
# A counted noun's time ("3,000 messages per second", "40 trains an hour", "12 requests/min"): the count
# is a rate, compared only with rates (units.canonical reads "messages/second").
_PER_TIME = regex(r"(?:[ \t]+(?:per|a|an|each|every)[ \t]+|/)(?P<time>second|minute|hour|day|week|month|year|s|sec|min|h|hr)\b")
# "a second night" is an ordinal, no time a count is per: a time word "a"/"an" gives is one when no noun follows it.
_ORDINAL_AFTER = regex(r"[ \t]+[a-z]{3,}")
# Words that stand for people after a count: "Fourteen dead", "210 injured", "12 arrested".
_PEOPLE_WORDS = frozenset("dead injured killed wounded hurt missing died arrested evacuated displaced rescued "
                          "detained hospitalised hospitalized jailed drowned".split())
# Two words joined before a plural: "2,940 general and acute beds", "3 red and blue balls".
_PAIRED_NOUN = regex(r"[ \t]+[a-z][a-z-]+[ \t]+(?:and|or)[ \t]+[a-z][a-z-]+[ \t]+(?P<noun>[a-z][a-z-]{2,}s)\b")
_NOT_NOUNS = frozenset(
    "and or but the a an of in on at to for by with from as than that which who is was are were be been has have had "
    "per over under about around more less into out up down after before since during while this those these its their "
    "his her our your said says will would could should may might can cannot not also today yesterday tomorrow "
    "now tonight alone apiece each means meant".split()
)
HEDGES = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "close to": "nearly", "nearly": "nearly", "almost": "nearly",
    "just under": "nearly", "more than": "over", "over": "over", "above": "over", "exceeding": "over",
    "in excess of": "over", "upwards of": "over", "just over": "just over", "at least": "at least",
    "no fewer than": "at least", "no less than": "at least", "fewer than": "under", "less than": "under",
    "under": "under", "below": "under", "up to": "up to", "at most": "up to", "no more than": "up to",
    "as many as": "up to", "as much as": "up to", "~": "about",
}
_HEDGE = EndingPattern(regex(r"(?:^|(?<=\W))(?P<hedge>" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True))
                             + r")[ \t]+$", re.I), tuple(HEDGES))
# Words that make the following number an identifier, not a quantity.
_ID_WORDS = frozenset(
    "version v release decree law act article section chapter clause model no number nr page p pp route flight "
    "room item rule phase grade level type class series iso rfc bill resolution order case step figure fig table "
    "episode season volume vol issue patent code zip ticket pr build sprint gate platform exit highway interstate "
    "line bus lot unit box suite floor apartment ward district paragraph annex appendix part title tier extension ext "
    "tel phone fax isbn issn doi id ref reference invoice account po aged age ages".split()
)
_TIME_WORDS = frozenset("since in until till before after".split())  # not "from": "fell from 2.3 to 2.1"
# A percentage that names an interval's confidence level ("95% CI", "90 per cent confidence"): not a claim.
_CONFIDENCE = regex(r"[ \t]*(?:CI|CrI|UI|confidence|credible|uncertainty|prediction)\b")
_AGE_BEFORE = regex(r"\b(?:children|kids|adults|people|persons|those|women|men|girls|boys|patients|pupils|"
                    r"students|residents|anyone|everyone|babies|infants|workers)[ \t]+(?:aged[ \t]+)?$", re.I)
# Words of change right before a number (and "by"): the direction of the change it states.
_UP_WORDS = "rose risen grew grown increased climbed gained jumped soared up".split()
_DOWN_WORDS = "fell fallen dropped declined decreased shrank shrunk contracted slipped slumped plunged down".split()
_UP_NOUNS = "increase rise jump gain".split()
_DOWN_NOUNS = "decrease fall drop decline cut reduction".split()
_DIRECTION = EndingPattern(
    regex(rf"\b(?:(?P<up>{'|'.join(_UP_WORDS)}|(?:{'|'.join(_UP_NOUNS)})[ \t]+of)|"
          rf"(?:{'|'.join(_DOWN_WORDS)}|(?:{'|'.join(_DOWN_NOUNS)})[ \t]+of))(?:[ \t]+by)?[ \t]+$", re.I),
    tuple(f"{w}{by}" for w in (*_UP_WORDS, *_DOWN_WORDS, *(f"{n} of" for n in _UP_NOUNS + _DOWN_NOUNS))
          for by in ("", " by")))
# A margin is a difference, not the count it is taken from (matching binds it only to a fact about one).
_MARGIN_BEFORE = regex(r"\b(?:(?:majority|margin|lead)[ \t]+of|(?:won|wins|passed|carried|beat|beats|defeated|lost|"
                       r"approved|rejected|re-elected|elected)\b[^.;:]{0,40}?\bby)[ \t]+$", re.I)
# A level a change would lead to: "a cut of 25 basis points would take the rate to 3.5%" (no one's figure now).
_PROJECTED = regex(r"\b(?:would|could|might|will)[ \t]+(?:\w+[ \t]+)?(?:take|bring|push|lift|cut|lower|raise|reduce"
                   r"|increase|send)\b[^.;:]{0,40}?[ \t]to[ \t]+$", re.I)
# What a majority takes: "A majority needs 41 seats", "a majority requires 41" (a threshold, no one's count).
_MAJORITY_NEEDS = regex(r"\bmajority[ \t]+(?:needs|requires|required|would[ \t]+need|takes|is)[ \t]+$", re.I)
# A share of those who do not ("80% of adults do not smoke", "are non-smokers"): a negated verb within
# its clause, before any comparison ("a 60% higher risk than non-smokers" is no share of non-smokers).
_NEGATED = regex(r"(?:(?!\bthan\b)[^.;:,()]){0,40}?\b(?:(?:do|does|did|are|were|is|was|have|has|had|will|would)"
                 r"(?:[ \t]{1,8}not|n't)\b|never\b|(?:are|were|is|was)[ \t]{1,8}non-)", re.I)
_NEGATED_REACH = 64  # the most a _NEGATED match spans (40 + "would" + 8 blanks + "not"), rounded up


def _negated(text: str, end: int) -> bool:
    """Whether a negated verb follows a percentage in its clause (_NEGATED). Its words are looked for first: the
    pattern tries up to 40 characters at every percentage, and most are followed by none of them."""
    low = text[end : end + _NEGATED_REACH].lower()
    return ("not" in low or "n't" in low or "never" in low or "non-" in low) and _NEGATED.match(text, end) is not None


# A verb of change with its object, then "by": "cut the risk of stroke by 40%", "raised prices by 3%".
_DIRECTION_BY = regex(r"\b(?:(?P<up>raised|raises|raise|increased|increases|boosted|boosts|lifted|lifts|"
                      r"doubled|pushed up)|cut|cuts|reduced|reduces|reduce|lowered|lowers|slashed|slashes|"
                      r"brought down)\b[^.;:,()\d]{0,40}?[ \t]by[ \t]+$", re.I)
# A comparison right after a percentage ("a 40% higher risk", "30 per cent fewer", "a 12% rise"): the
# direction of the change it states, as a word of change before it gives one.
_DIRECTION_AFTER = regex(r"[ \t]+(?:(?P<up>higher|greater|larger|bigger|more|increase|rise|jump|gain)|"
                         r"lower|smaller|fewer|less|reduction|decrease|drop|fall|decline|cut)\b", re.I)
# A count and its noun right before a hedge: "23 days above 30 °C", "12 nights below 0 °C".
_COUNT_BEFORE = regex(r"(?<![\w.,])\d[\d,.]*[ \t]+[a-z]+[ \t]+$")
_CLOCK = regex(r"[ \t]?(?:[aApP][mM]\b|[aApP]\.[mM]\.)")
# Pence written after the number ("41p"), and what says a sentence is about pounds or share prices.
_PENCE = regex(r"p(?![\w.]\w|\w)")
_PENCE_CONTEXT = regex(r"£|\bGBP\b|\b(?:pence|penny|pound|pounds|sterling|shares?|dividend|stock)\b", re.I)
# A p-value ("p < 0.01", "P = .03"): a test's result, not a figure the sources state.
_P_VALUE = regex(r"(?<![\w.])[pP][ \t]*[<>=≤≥]=?[ \t]*$")
# The word before a number. Its run of word characters is atomic: when the tail after the whole run fails,
# no shorter run helps (it could only give back a ".", and a tail of "." and blanks follows the whole run
# too), and not backtracking through each word of the window makes the search ~40% cheaper.
_LEFT_WORD = regex(r"([A-Za-z](?>[\w.&'’-]*))[ \t]?[.#]?[ \t]*$")
_YEAR = regex(r"(?:1[5-9]|20)\d\d")  # a bare year is a date, not a quantity (nor the whole of odds)


def _decimals(num: str) -> int:
    """Digits written after the decimal point."""
    return len(num.split(".", 1)[1]) if "." in num else 0


def precision_half_width(num: str, value: float) -> float:
    """Half the step of the last digit the writer wrote; round integers (2,000) count as rounded, within 5%."""
    if "." in num:
        return 0.5 * 10 ** -_decimals(num)
    digits = num.replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    if zeros == 0:
        return 0.5
    return max(0.5, min(0.5 * 10**zeros, 0.05 * abs(value)))


def _last_digit_half(num: str) -> float:
    """Half the step of a numeral's last digit."""
    return 0.5 * 10 ** -_decimals(num) if "." in num else 0.5


def as_written(q: Quantity) -> Quantity:
    """A hedged quantity ("up to 500") read as its number alone, at the precision it is written."""
    m = _NUMBER.search(q.text)
    if m is None:
        return q
    written = float(m.group().replace(",", ""))
    half = precision_half_width(m.group(), written) * (q.value / written if written else 1.0)
    return replace(q, low=q.value - abs(half), high=q.value + abs(half))


def hedge_interval(hedge: str | None, value: float, half: float) -> tuple[float, float]:
    """The interval of values a hedged number admits."""
    low, high = value - half, value + half
    kind = HEDGES.get(ignorecase_lower(hedge), hedge) if hedge else None
    if kind == "about":
        return min(low, value - 0.1 * abs(value)), max(high, value + 0.1 * abs(value))
    if kind == "nearly":
        return min(low, value - 0.1 * abs(value)), high
    if kind == "over":
        return value, math.inf
    if kind == "just over":
        return value, max(high, value + 0.1 * abs(value))
    if kind == "at least":
        return value, math.inf
    if kind == "under":
        return -math.inf, value
    if kind == "up to":
        return -math.inf, value
    return low, high


# The first number of a pair, before the second's start: "18 to ", "4-", "10 and ".
_PAIR_FIRST = regex(r"(?<![\w.,])(?:\d[\d,.]*)?\d(?:[ \t]*[-–][ \t]*|[ \t]+(?:to|and)[ \t]+)$")


def _word_before(text: str, start: int) -> re.Match | None:
    """The word just before a number (_LEFT_WORD), if any."""
    return _LEFT_WORD.search(text, max(0, start - 40), start)


def _lower_word(m: re.Match) -> str:
    """A _LEFT_WORD match's word, lower case, without a trailing period ('No.' -> 'no')."""
    return m.group(1).rstrip(".").lower()


def _id_word(text: str, start: int) -> bool:
    """Whether the word just before a number is one of _ID_WORDS ('Decree 1204', 'aged 18')."""
    m = _word_before(text, start)
    return m is not None and _lower_word(m) in _ID_WORDS


def _left_identifier(text: str, start: int) -> bool:
    """Whether the word just before a number marks it as an identifier ('Decree 1204', 'Boeing 737')."""
    m = _word_before(text, start)
    if not m:
        return False
    word = _lower_word(m)
    if word in ("to", "and") or text[start - 1 : start] in ("-", "–"):
        # The second number of a pair is what the first is: "aged 18 to 24 binge drink", "Rooms 4-6".
        first = _PAIR_FIRST.search(text, max(0, start - 24), start)
        if first is not None:
            return _left_identifier(text, first.start())
    if word in _ID_WORDS:
        return True
    # "Since 2.3, the Team plan has more seats": a bare decimal after a word of time is a version.
    if word in _TIME_WORDS and "." in text[start : start + 8].split(" ", 1)[0]:
        return True
    # A capitalised word glued to a bare number names a model, product or train (Boeing 737, ICE 578),
    # unless it is an ordinary word opening a sentence ("Only 40 people").
    prev = m.group(1)
    return prev[:1].isupper() and text[m.end(1) : start] == " " and prev.lower() not in LEADING_WORDS


def _pence(text: str, m: re.Match, floor: int, end: int, num: str, value: float) -> Quantity | None:
    """'41p' in a sentence about pounds or shares is GBP 0.41; elsewhere ('720p' video) no quantity at all."""
    if m.group("neg") or not _PENCE_CONTEXT.search(text, floor, end):
        return None
    return _hundredths(text, m, floor, m.end() + 1, num, value, "GBP")


def _hundredths(text: str, m: re.Match, floor: int, stop: int, num: str, value: float, code: str) -> Quantity:
    """A number of pence or cents, ending at ``stop``, as an amount of ``code`` (41 -> 0.41), hedge included."""
    hedge, start = _hedge_before(text, m.start(), floor)
    half = precision_half_width(num, value) / 100
    return _make(text, start, stop, value / 100, half, canonical(code), None, hedge)


# The money a sentence is written in, for cents: euros or dollars (both: no telling which).
_CENTS_MONEY = regex(r"€|\bEUR\b|\beuros?\b|\$|\bUSD\b|\bdollars?\b")


def _cents(text: str, m: re.Match, floor: int, end: int, num: str, value: float, noun_end: int) -> Quantity | None:
    """'64 cents' in a sentence written in euros (or dollars) is EUR 0.64; with neither, or both, None."""
    found = {"EUR" if w in ("€", "EUR") or w.startswith("euro") else "USD"
             for w in _CENTS_MONEY.findall(text, floor, end)}
    if len(found) != 1 or m.group("neg"):
        return None
    return _hundredths(text, m, floor, noun_end, num, value, found.pop())


def _p_value(text: str, start: int, floor: int) -> bool:
    """Whether the number at ``start`` is a p-value: a comparison sign before it, 'p' before that."""
    before = text[max(floor, start - 8) : start]
    return before.rstrip(" \t")[-1:] in ("<", ">", "=", "≤", "≥") and _P_VALUE.search(before) is not None


def _suffix(text: str, pos: int, end: int,
            rate: bool = True) -> tuple[float, str | None, Unit | None, int, str | None, int]:
    """Scale, unit and counted noun after a numeral: (scale, unit_text, unit, new_end, noun, noun_end).

    ``rate`` False: a denominator after it ("€3 per 100 km") is not read as its unit (money stays money).
    """
    scale, unit_text, unit, noun, noun_end = 1.0, None, None, None, -1
    m = _SCALE_RE.match(text, pos, end)
    word = ignorecase_lower(m.group("scale")) if m else ""  # "mıllion" matches too: read it as the pattern did
    if m and not (word in "kmb" and m.group(0).startswith(" ")):
        scale, pos = _SCALES[word], m.end()
    m = _UNIT_RE.match(text, pos, end)
    if m and not (m.group("sep").strip() == "-" and m.group("unit") in ("%",)):
        unit_text, pos = m.group("unit"), m.end()
        if text.startswith(" of ", pos) and (per := _SUBSTANCE_PER.match(text, pos, end)):
            unit_text, pos = f"{unit_text}/{per.group('per')}", per.end()
        unit = canonical(unit_text)
    if unit is None and rate and (r := _RATE_RE.match(text, pos, end)):
        unit_text, pos = r.group("rate"), r.end()
        unit = canonical(unit_text)
    if unit is None or unit.dimension in ("percent", "currency", "pp"):
        n = _NOUN_RE.match(text, pos, end)
        if n and n.group("noun").split()[0] not in _NOT_NOUNS and unit is None:
            noun, noun_end = n.group("noun"), n.end()
            if noun[-1] != "s" and (paired := _PAIRED_NOUN.match(text, pos, end)):  # "2,940 general and acute beds"
                noun, noun_end = paired.group("noun"), paired.end()
            if noun in _PEOPLE_WORDS:
                noun = "people"
            elif noun.endswith("ed") and len(noun) > 5:  # "28,412 finished": a verb, no counted noun
                noun, noun_end = None, -1
            if noun and (per := _PER_TIME.match(text, noun_end, end)) and not _ordinal(text, per, end):
                noun, noun_end = f"{noun}/{per.group('time')}", per.end()
    return scale, unit_text, unit, pos, noun, noun_end


def _ordinal(text: str, per: re.Match, end: int) -> bool:
    """Whether a time word after "a" or "an" is an ordinal ("600 spent a second night"), not a rate's time."""
    if per.group("time") != "second" or per.group().startswith("/"):
        return False
    after = _ORDINAL_AFTER.match(text, per.end(), end)
    return after is not None and after.group().strip() not in _NOT_NOUNS


def _hedge_before(text: str, start: int, floor: int) -> tuple[str | None, int]:
    """A hedge word ending right before ``start`` and the offset where it begins."""
    m = _HEDGE.search(text, max(floor, start - 24), start)
    if not m:
        return None, start
    return ignorecase_lower(m.group("hedge")), m.start("hedge")


def _make(text: str, start: int, end: int, value: float, half: float, unit: Unit | None, noun: str | None,
          hedge: str | None, from_words: bool = False, noun_end: int = -1) -> Quantity:
    """Build a Quantity with its interval (and the direction of change the words around it give)."""
    low, high = hedge_interval(hedge, value, half)
    if noun and unit is None:
        unit = canonical(noun)
    dimension = unit.dimension if unit else None
    direction = direction_before(text, start) or (direction_after(text, end) if dimension == "percent" else 0)
    return Quantity(start, end, text[start:end], value, low, high, unit.name if unit else None, dimension,
                    hedge, from_words, max(end, noun_end), direction,
                    dimension in (None, "count") and _is_margin(text, start),
                    dimension == "percent" and _negated(text, end),
                    dimension == "percent" and not direction and text.startswith(" of ", end),
                    _is_whole(text, start),
                    text.startswith("to ", start - 3) and _PROJECTED.search(text, max(0, start - 80), start) is not None,
                    part=_is_part(text, start, end, dimension))


def _is_part(text: str, start: int, end: int, dimension: str | None) -> bool:
    """A part of a group written before it ("23 of them"), or a measure of part of a whole ("the second half
    in 62 minutes"): Quantity.part."""
    if dimension is None:
        return text.startswith(" of ", end) and _PART_AFTER.match(text, end) is not None
    return dimension in ("time", "length") and _PORTION_BEFORE.search(text, max(0, start - 40), start) is not None


def _is_margin(text: str, start: int) -> bool:
    """Whether the words before a count make it a margin: "a majority of 14", "passed by 14 votes"; or what a
    majority takes ("A majority needs 41 seats"), which only a fact about a majority can state."""
    if not (text.startswith("of ", start - 3) or text.startswith("by ", start - 3)):
        # A plain test first: the pattern's words end in one of these; _MAJORITY_NEEDS's within 24 characters.
        return "ajorit" in text[max(0, start - 24) : start] and _MAJORITY_NEEDS.search(
            text, max(0, start - 40), start) is not None
    return _MARGIN_BEFORE.search(text, max(0, start - 60), start) is not None


def direction_before(text: str, start: int) -> int:
    """1 or -1 when a word of rise or fall stands right before ``start`` ("rose 3%", "fell by 3%"), else 0.

    Only right before: "fell to 6.2%" states a level, not the change.
    """
    return direction_word(text, start)[0]


def direction_after(text: str, end: int) -> int:
    """1 or -1 when a word of comparison follows a percentage ending at ``end`` ("40% higher"), else 0."""
    return comparison_after(text, end)[0]


def comparison_after(text: str, end: int) -> tuple[int, int]:
    """direction_after, and where its word ends (``end`` when there is none)."""
    m = _DIRECTION_AFTER.match(text, end) if text[end : end + 1] in (" ", "\t") else None
    return (0, end) if m is None else (1 if m.group("up") else -1, m.end())


def direction_word(text: str, start: int) -> tuple[int, int]:
    """direction_before, and where its word starts (``start`` when there is none)."""
    if start < 3 or text[start - 1] not in " \t":
        return 0, start
    m = _DIRECTION.search(text, max(0, start - 24), start)
    if m is None and text.startswith("by", start - 3):
        m = _DIRECTION_BY.search(text, max(0, start - 60), start)
    return (0, start) if m is None else (1 if m.group("up") else -1, m.start())


# Scientific notation after a numeral's digits: "3.2 × 10^5", "3.2×10⁵", "1.5e6". A power of ten needs
# its caret or superscript: "4 x 100 m" is a relay.
_SCI = regex(r"[ \t]?[×xX·][ \t]?10(?:\^|\*\*)(?P<exp>[-−]?\d{1,3})\b|[ \t]?[×xX·][ \t]?10(?P<sup>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
             r"|[eE](?P<e>[-+]?\d{1,3})\b")
_SCI_OPENERS = frozenset(" \t×xX·eE")  # _SCI is tried only after these (most numerals are followed by others)
_SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _power_of_ten(m: re.Match | None) -> int:
    """The exponent a _SCI match writes."""
    if m is None:
        return 0
    if m.group("sup"):
        return int(m.group("sup").translate(_SUPERSCRIPTS))
    return int((m.group("exp") or m.group("e")).replace("−", "-"))


# A range: "40–45%", "40 to 45%", "$3-4 million", "between 40 and 45%" (also "between 40% and 45%").
_RANGE = regex(rf"(?P<pct>%)?(?P<sep>[ \t]*[-–—][ \t]*|[ \t]+to[ \t]+|[ \t]+and[ \t]+)(?:{_SYMBOLS})?"
               rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.,:]\d|[-–/]\d)")
_RANGE_OPENERS = frozenset(" \t-–—%")
_FROM_BEFORE = regex(rf"\b[Ff]rom[ \t]+(?:{_SYMBOLS})?$")
_BETWEEN_BEFORE = regex(rf"\b[Bb]etween[ \t]+(?:{_SYMBOLS})?$")


def _range(text: str, m: re.Match, floor: int, end: int, currency: str | None) -> Quantity | None:
    """One quantity for a range of two numerals sharing the unit written after the second, else None.

    Only a range with a unit (or currency, or scale) is one: "pages 10-12", "2019–2023" and scores stay
    what they were. "from 3.1% to 2.3%" is a change, not a range; "and" joins a range only after "between".
    """
    r = _RANGE.match(text, m.end("num"), end)
    if r is None:
        return None
    sep = r.group("sep").strip()
    before = text[max(floor, m.start() - 12) : m.start()]
    between = _BETWEEN_BEFORE.search(before) is not None
    if (sep == "and" and not between) or (sep == "to" and _FROM_BEFORE.search(before)) or (r.group("pct") and not between):
        return None
    scale, _, unit, stop, noun, noun_end = _suffix(text, r.end(), end, rate=not currency)
    if currency:
        unit, noun, noun_end = canonical(currency), None, -1
    if unit is None and noun is None and scale == 1 or (r.group("pct") and (unit is None or unit.name != "percent")):
        return None
    if unit is None and scale == 1 and _id_word(text, m.start()):
        return None  # "aged 18 to 24 binge drink": ages, as "aged 18" alone is, with no noun they count
    first, second = m.group("num"), r.group("num")
    a, b = float(first.replace(",", "")), float(second.replace(",", ""))
    # The ends are the writer's bounds: widened by their last digit's step, not as round numbers.
    low = min(a - _last_digit_half(first), b - _last_digit_half(second)) * scale
    high = max(a + _last_digit_half(first), b + _last_digit_half(second)) * scale
    start = m.start() - len("between ") if between and text.startswith("etween ", m.start() - 7) else m.start()
    return _make(text, start, stop, (low + high) / 2, (high - low) / 2, unit, noun, None, noun_end=noun_end)


def _numeral(text: str, m: re.Match, floor: int, end: int) -> Quantity | None:
    """Read one numeral match into a Quantity, or None when it is not a quantity."""
    if text[m.end("num") : m.end("num") + 1] in _RANGE_OPENERS and not m.group("neg"):
        currency = CURRENCY_SYMBOLS.get(m.group("sym") or "") or m.group("code")
        rng = _range(text, m, floor, end, currency)
        if rng is not None:
            return rng
    sci = _SCI.match(text, m.end("num"), end) if text[m.end("num") : m.end("num") + 1] in _SCI_OPENERS else None
    if m.group("tail") and sci is None:  # ordinals, versions 3.1.2, times 10:30, ranges 3-4, phone numbers, A320 codes
        return _with_tail(text, m, floor)
    num = m.group("num")
    if len(num) > 1 and num[0] == "0" and num[1].isdigit():  # 0800, 0188: codes and phone numbers
        return None
    value = float(num.replace(",", ""))
    currency = CURRENCY_SYMBOLS.get(m.group("sym") or "") or m.group("code")
    if not currency and _PENCE.match(text, m.end(), end):
        return _pence(text, m, floor, end, num, value)
    if _CLOCK.match(text, m.end(), end):  # a time of day ("9am-5pm", "7.30 p.m."), not a quantity
        return None
    scale, unit_text, unit, stop, noun, noun_end = _suffix(text, sci.end() if sci else m.end(), end, rate=not currency)
    scale *= 10.0 ** _power_of_ten(sci)
    if noun in ("cents", "cent") and not currency and scale == 1:
        cents = _cents(text, m, floor, end, num, value, noun_end)
        if cents is not None:
            return cents
    if currency:
        unit, noun, noun_end = canonical(currency), None, -1  # "€4.2 million grant": the claim is the money
    elif unit is not None and unit.dimension == "percent" and _CONFIDENCE.match(text, stop, end):
        return None
    if unit is None and (scale == 1 or sci) and not m.group("neg"):
        if scale == 1 and not sci and (age := _age(text, m, floor, end)) is not None:
            return age
        if _left_identifier(text, m.start()) or _p_value(text, m.start(), floor):
            return None
        if _YEAR.fullmatch(num):  # a bare year is a date, not a quantity
            return None
    if unit is None and noun is None and scale == 1 and not m.group("neg"):
        noun, noun_end = _part_of(text, stop, end, value)  # "34 of the 81 seats": 34 seats
        if noun is None and (counted := _NUMBER_OF.search(text, max(floor, m.start() - 80), m.start())):
            noun = counted.group("noun")  # "The number of people waiting ... fell to 412,300": 412,300 people
    if m.group("neg") and m.group("neg") != "+":
        value = -value
    half = precision_half_width(num, value) * scale
    hedge, start = _hedge_before(text, m.start(), floor)
    if unit is None and _age_bracket(text, floor, start, stop, end, hedge, noun):
        return None  # who a figure counts, not a figure
    if HEDGES.get(hedge or "") in ("under", "over") and _COUNT_BEFORE.search(text, max(floor, start - 40), start):
        return None  # a threshold of the count before it ("23 days above 30 °C"), not a figure
    q = _make(text, start, stop, value * scale, half, unit, noun, hedge, noun_end=noun_end)
    if q.unit == "year" and _OLD.match(text, q.end):  # "a 41-year-old man", "4.56 billion years old"
        q = replace(q, age=True)
    # A plus sign states a rise ("+1.8%"), as "rose 1.8%" does: it is not compared with a fall.
    return replace(q, direction=1) if m.group("neg") == "+" and not q.direction else q


# Someone's age: "died aged 85", "at the age of 12", ", at 24," and "At 24," (with the comma after it).
_AGE_WORDS_BEFORE = regex(r"(?:\b(?:[Aa]ged|[Aa]ge of)|(?P<at>(?:^|[,(])[ \t]*[Aa]t))[ \t]+$")
# A pair or bracket of ages ("aged 18 to 24", "aged 65 and over", "aged 5-11"): who a figure counts, no age.
_AGE_PAIR = regex(r"[ \t]*(?:[-–+]|to\b|and\b|or\b)")
_OLD = regex(r"[- \t]old\b")
# A name and a comma before a number that a comma follows: "Daniel Oduya, 24, won", the age in news style.
_NAME_COMMA = regex(r"(?<![\w'’-])[A-Z][\w'’-]+,[ \t]+$")  # a title, month or function word is none (LEADING_WORDS)
# An open age bracket after a bare number: "65 or older", "18 and over".
_AGE_BRACKET_AFTER = regex(r"[ \t]+(?:or|and)[ \t]+(?:older|over)\b")


# A duration in hours, minutes and seconds ("won in 2:06:41"); not a time of day ("at 17:30:05").
_HMS = regex(r"(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:]|[.,]\d)")
_AT_BEFORE = regex(r"\b(?:at|from|until|till|by|to)[ \t]+$", re.I)


# The minute of a game: "scored in the 87th minute" (other ordinals count nothing: "the 3rd day of the trial").
_MINUTE_ORDINAL = regex(r"(\d{1,3})(?:st|nd|rd|th)[ \t]+minute\b")


def _with_tail(text: str, m: re.Match, floor: int) -> Quantity | None:
    """What a numeral with a tail (NUMERAL's "tail": ordinals, times, versions) still states: a race time or
    other duration written as h:mm:ss, in seconds; the minute of a game ("87th minute"), in minutes; else None."""
    if m.group("tail")[0] in "snrt" and not m.group("sym") and (o := _MINUTE_ORDINAL.match(text, m.start("num"))):
        return _make(text, m.start(), o.end(), float(o.group(1)), 0.5, canonical("minutes"), None, None)
    d = _HMS.match(text, m.start("num")) if m.group("tail")[0] == ":" and not m.group("sym") else None
    if d is None or _AT_BEFORE.search(text, max(floor, m.start() - 8), m.start()):
        return None
    value = 3600 * int(d.group(1)) + 60 * int(d.group(2)) + int(d.group(3))
    hedge, start = _hedge_before(text, m.start(), floor)
    return _make(text, start, d.end(), float(value), 0.5, canonical("seconds"), None, hedge)


def _age_bracket(text: str, floor: int, start: int, stop: int, end: int, hedge: str | None, noun: str | None) -> bool:
    """Whether a bare number (from ``start``, its hedge included, to ``stop``) is an age bracket: "children
    under 5", "adults over 65", "residents (21.7%) are 65 or older"."""
    if hedge in ("under", "over") and _AGE_BEFORE.search(text, max(floor, start - 40), start):
        return True
    return noun is None and _AGE_BRACKET_AFTER.match(text, stop, end) is not None


def _age(text: str, m: re.Match, floor: int, end: int) -> Quantity | None:
    """A bare whole number that is someone's age, in years (Quantity.age), else None."""
    num = m.group("num")
    if not num.isdigit() or len(num) > 3:
        return None
    if (text[m.end() : m.end() + 1] == "," and (name := _NAME_COMMA.search(text, max(floor, m.start() - 40), m.start()))
            and name.group().partition(",")[0].lower() not in LEADING_WORDS):
        return replace(_make(text, m.start(), m.end(), float(num), 0.5, canonical("years"), None, None), age=True)
    before = _AGE_WORDS_BEFORE.search(text, max(floor, m.start() - 16), m.start())
    if before is None or _AGE_PAIR.match(text, m.end(), end):
        return None
    if before.group("at") and text[m.end() : m.end() + 1] not in (",", ")"):
        return None  # "at 24" alone is a level ("closed at 24"); ", at 24," is an age
    value = float(num)
    return replace(_make(text, m.start(), m.end(), value, 0.5, canonical("years"), None, None), age=True)


# What a bare number later in the clause counts: "The number of people waiting for treatment fell to".
_NUMBER_OF = regex(r"\b[Tt]he[ \t]+(?:total[ \t]+)?number[ \t]+of[ \t]+(?P<noun>[a-z][a-z-]{2,})\b[^.;:\d]*$")


# What joins a part to its whole: "34 of the 81 seats", "34 out of 81 seats".
_PART_JOIN = r"[ \t]+(?:out[ \t]+)?of(?:[ \t]+the)?[ \t]+"
_WHOLE_BEFORE = regex(rf"\d{_PART_JOIN}$")


def _is_whole(text: str, start: int) -> bool:
    """Whether the number at ``start`` is the whole a number before it is part of ("34 of the 81 seats")."""
    return (text.startswith("of", start - 3) or text.startswith("the", start - 4)) and bool(
        _WHOLE_BEFORE.search(text, max(0, start - 20), start))


_PART_OF = regex(rf"{_PART_JOIN}(?P<whole>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,]\d)")


def _part_of(text: str, pos: int, end: int, value: float) -> tuple[str | None, int]:
    """The noun a bare number counts when a larger whole with that noun follows it, and where it ends."""
    w = _PART_OF.match(text, pos, end) if text.startswith((" of", " out"), pos) else None
    if w is None or float(w.group("whole").replace(",", "")) <= value:
        return None, -1
    _scale, _text, unit, _stop, noun, noun_end = _suffix(text, w.end(), end)
    return (noun, noun_end) if unit is None and noun is not None else (None, -1)


def _words(text: str, floor: int, end: int, words: bool, fractions: bool) -> Iterator[Quantity]:
    """Quantities spelled out: 'seventeen', 'a hundred', 'two-thirds', 'one in five' (word_hints: which may occur)."""
    for m in FRACTION_RE.finditer(text, floor, end) if fractions else ():
        fraction = parse_fraction(m.group())
        if fraction is not None:
            hedge, start = _hedge_before(text, m.start(), floor)
            noun = _NOUN_RE.match(text, m.end("frac") + 3, end) if text.startswith(" of", m.end("frac")) else None
            yield _make(text, start, m.end("frac"), fraction * 100, 2.5, canonical("percent"), None, hedge, True,
                        noun.end() if noun else -1)
    for m in NUMBER_WORDS_RE.finditer(text, floor, end) if words else ():
        value = parse_number_words(m.group())
        if value is None:
            continue
        _scale, unit_text, unit, stop, noun, noun_end = _suffix(text, m.end(), end)
        # A bare number word is no claim ("two reasons"), but "seventeen of the 32 seats" counts something.
        if unit is None and noun is None and not text.startswith(" of ", m.end()):
            continue
        hedge, start = _hedge_before(text, m.start(), floor)
        q = _make(text, start, stop, value, precision_half_width(str(int(value)), value), unit, noun, hedge, True,
                  noun_end)
        yield replace(q, age=True) if q.unit == "year" and _OLD.match(text, q.end) else q  # "a three-year-old boy"


# Odds ('1 in 3', 'one in 5'), read by the fraction reader (numwords.FRACTION_RE, whose third form
# this is): the number after "in" must not carry a unit ('3 in 10 minutes' is a count and a duration).
_ODDS_AFTER = regex(rf"[ \t]+{ODDS_TAIL}(?!{_UNIT_RE.pattern})", re.I)
_ODDS_BEFORE = regex(rf"(?<![\w-])(?P<num>\d+|{ODDS_PARTS})[ \t]+(?:(?P<plain>in)|{ODDS_JOIN})[ \t]+$", re.I)


def _in_odds(text: str, m: re.Match, floor: int, end: int) -> bool:
    """Whether a numeral is one of the two numbers of odds ('1 in 3 of the cases'): no quantity of its own."""
    if m.group("tail") or m.group("sym") or m.group("code") or "." in m.group("num"):
        return False
    if "," in m.group("num"):  # only a whole: "1 out of every 1,000"
        return m.group("num") == "1,000" and _odds_before(text, m, floor, end)
    after = _ODDS_AFTER.match(text, m.end(), end) if text.startswith(("in", "out"), m.end() + 1) else None
    if after is not None:
        return _odds(m.group("num"), after.group("den") or after.group("den2"))
    return _odds_before(text, m, floor, end)


def _odds_before(text: str, m: re.Match, floor: int, end: int) -> bool:
    """Whether a numeral is the whole of odds ('in 3', 'out of every 100') and carries no unit."""
    joined = text.startswith(("in", "of"), m.start() - 3) or text.startswith("every", m.start() - 6)
    before = _ODDS_BEFORE.search(text, max(floor, m.start() - 24), m.start()) if joined else None
    if before is None or not (before.group("plain") or ODDS_ROUND.fullmatch(m.group("num"))):
        return False
    return not _UNIT_RE.match(text, m.end(), end) and _odds(before.group("num"), m.group("num"))


def _odds(num: str, den: str) -> bool:
    """Whether 'num in den' reads as odds: fewer than the whole, and never 'in' a year ('2 in 2024')."""
    if den.isdigit() and _YEAR.fullmatch(den):
        return False
    den = den.replace(",", "")
    return not (num.isdigit() and den.isdigit()) or int(num) < int(den)


def _is_denominator(text: str, m: re.Match) -> bool:
    """Whether a whole numeral follows "per ", or an amount "every " ("82p of every £1"): a rate's
    denominator (the rate's own unit), not a quantity."""
    # Tested in C string calls, not a pattern: every numeral of a draft asks.
    start = m.start()
    if (m.group("sym") or m.group("code")) and text[max(0, start - 6) : start].lower().endswith(("every ", "each ")):
        return True
    return ((text.startswith("per ", start - 4) or text.startswith("Per ", start - 4))
            and (start < 5 or not text[start - 5].isalnum()) and "." not in m.group("num"))


# A share written as money out of a whole: "82p of every £1", "82 cents of each dollar", "82p in the pound".
_OF_EVERY = regex(rf"[ \t]+(?:(?:out[ \t]+)?of|in|from)[ \t]+(?:(?:every|each)[ \t]+(?:(?:{_SYMBOLS})[ \t]?"
                  r"(?P<whole>\d+(?:\.\d+)?)\b|(?:pound|dollar|euro)\b)|the[ \t]+(?:pound|dollar|euro)\b)")


_OF_EVERY_BEFORE = regex(rf"\b(?:[Oo]f|[Ff]or|[Oo]ut[ \t]+of|[Ii]n)[ \t]+(?:every|each)[ \t]+(?:{_SYMBOLS})[ \t]?"
                         r"(?P<whole>\d+(?:\.\d+)?)\b[^.;:\d£$€]{0,40}$")


def _as_share(text: str, q: Quantity, floor: int) -> Quantity:
    """A sum of money written as part of a whole ("82p of every £1", "Of every £1 it spent, 82p went on") as
    the percentage it is, else as it is."""
    of = _OF_EVERY.match(text, q.end) or _OF_EVERY_BEFORE.search(text, max(floor, q.start - 80), q.start)
    if of is None:
        return q
    whole = float(of.group("whole") or 1) or 1.0
    scale = 100 / whole
    return replace(q, value=q.value * scale, low=q.low * scale, high=q.high * scale, unit="percent",
                   dimension="percent", claim_end=max(q.claim_end, of.end()), share=True)


# Words that make a number a sum ("1,500 messages per second in total", "a combined 60 seats"); matching
# reads a fact's claim for them too (bind._TOTAL_WORDS).
SUM_WORDS = r"in total|in all|all told|combined|altogether|between them"
_TOTAL_AFTER = regex(rf"[ \t]*(?:{SUM_WORDS})\b")
_TOTAL_BEFORE = regex(r"\b(?:total of|combined)[ \t]+$")
# What makes a number a part of a group written before it: "210 injured, 23 of them seriously"; or a
# measure of part of a whole: "ran the second half in 62 minutes".
PART_WORDS = r"of (?:them|whom|those|these|which)"
_PART_AFTER = regex(rf"[ \t]+{PART_WORDS}\b")
PORTION_WORDS = (r"(?:first|second|final|last|opening|closing)[ \t]+"
                 r"(?:half|quarter|lap|leg|stage|split|period|round|set)")
_PORTION_BEFORE = regex(rf"\b{PORTION_WORDS}\b[^.;,\d]{{0,20}}$", re.I)


# What makes "from A to B" the values a setting can take, not a change: "can be set from 1 to 60 minutes",
# "you can change the timeout from 0 seconds to 12 hours", "ranges from 2 to 8 GB".
_SETTING_WORDS = regex(r"\b(?:can|could|may|might|set|sets|setting|range|ranges|ranging|configur\w*|adjust\w*"
                       r"|choose|chosen|anywhere|allowed|valid)\b", re.I)


def _setting_range(text: str, start: int, a: Quantity, b: Quantity) -> Quantity | None:
    """One quantity for 'from A to B' when each end has its unit and the words before say it is a setting's
    range: the interval from A to B, in B's unit (so "30 seconds" fits "from 0 seconds to 12 hours")."""
    if (b.unit is None or a.unit not in (None, b.unit) and a.dimension != b.dimension
            or text[a.end : b.start] != " to " or not text.startswith("from ", a.start - 5)
            or not _SETTING_WORDS.search(text, max(start, a.start - 60), a.start)):
        return None
    if a.unit is None or a.unit == b.unit:  # "from 1 to 60 minutes": B's unit is A's
        scale = 1.0
    elif a.dimension in ("count", "currency"):  # another noun or currency
        return None
    else:
        scale = canonical(a.unit).factor / canonical(b.unit).factor
    return _joined(text, a, b, min(a.low * scale, b.low), max(a.high * scale, b.high), direction=0)


def _joined(text: str, a: Quantity, b: Quantity, low: float, high: float, **changes) -> Quantity:
    """One quantity written from a to b, in b's unit, over [low, high] (_setting_range, _compound)."""
    return replace(b, start=a.start, text=text[a.start : b.end], value=(low + high) / 2, low=low, high=high,
                   hedge=None, **changes)


_COMPOUND_JOIN = frozenset([" ", ", ", " and ", ", and "])


def _compound(text: str, a: Quantity, b: Quantity) -> Quantity | None:
    """One duration for "2 hours 21 minutes 47 seconds" (or "1 hr and 5 min"): each part in a smaller unit
    than the one before, in the unit of the last."""
    if (a.dimension != "time" or b.dimension != "time" or b.hedge or a.age or b.age
            or text[a.end : b.start] not in _COMPOUND_JOIN):
        return None
    fa, fb = canonical(a.unit).factor, canonical(b.unit).factor
    if fa <= fb:  # "10 km in 30 minutes, 5 minutes faster": no smaller unit after
        return None
    whole = a.value * fa / fb  # the first part in the last one's unit
    return _joined(text, a, b, whole + b.low, whole + b.high, direction=a.direction, part=a.part)


def _read_together(text: str, start: int, found: list[Quantity]) -> list[Quantity]:
    """The quantities read with their neighbours: a setting's range as one (_setting_range), and sums over a
    count written before them marked ``total``.

    A sum only after a count of more than one ("5 FIFO queues give you 1,500 messages per second in total"):
    a sum over them is no figure a fact about one of them states (matching decides which facts those are).
    """
    out: list[Quantity] = []
    counted = False  # whether a count of more than one came before
    for q in found:
        if out and (merged := _setting_range(text, start, out[-1], q) or _compound(text, out[-1], q)) is not None:
            out[-1] = merged
            continue
        if counted and (_TOTAL_AFTER.match(text, q.claim_end)
                        or _TOTAL_BEFORE.search(text, max(0, q.start - 12), q.start)):
            q = replace(q, total=True)
        counted = counted or (q.dimension == "count" and q.value > 1)
        out.append(q)
    return out


def find_quantities(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[Quantity]:
    """Every quantity in text[start:end], outside the ``skip`` spans (dates), in text order."""
    found: list[Quantity] = []
    digit = _DIGIT.search(text, start, end)
    # Numerals in text order. The lookbehinds still see the text before where the search starts.
    for m in NUMERAL.finditer(text, max(start, digit.start() - _LEAD), end) if digit else ():
        if any(a <= m.start() < b for a, b in skip) or _is_denominator(text, m) or _in_odds(text, m, start, end):
            continue
        if found and m.start() < found[-1].end:  # inside the one before: "10" of "3.2 × 10^5"
            continue
        q = _numeral(text, m, start, end)
        if q is not None:
            found.append(_as_share(text, q, start) if q.dimension == "currency" else q)
    words, fractions = word_hints(text[start:end], odds=digit is not None)
    if not (words or fractions):  # most sentences: no number in words can occur
        return _read_together(text, start, found) if len(found) > 1 else found
    taken = [(q.start, q.end) for q in found] + skip
    for q in _words(text, start, end, words, fractions):
        if not any(a < q.end and q.start < b for a, b in taken):
            found.append(q)
            taken.append((q.start, q.end))
    return _read_together(text, start, sorted(found, key=lambda q: q.start))
