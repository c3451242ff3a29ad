"""When two ledger facts are about the same thing, and when they disagree.

False alarms cost trust, so "the same thing" is narrow: the same `about` set and unit (or both
dates), and then either the same claim once the fact's own value is taken out, or the same
non-empty keyword set (and a non-empty `about`) with the same other numbers and words with digits
in the claim ("... in 2018" vs "... in 2022", "in Q2 2025" vs "in Q3 2025", "district 5" vs
"district 6" are different facts). Two values agree when one is the other
rounded, or within a tolerance.
"""

from __future__ import annotations

import datetime as dt
import re

from factlint.fold import fold, ignorecase_lower
from factlint.ledger.model import Fact, PartialDate
from factlint.startup import regex

_NUMBER = regex(r"(?<![\w.])[-+\u2212]?\d(?:[\d,.\u00a0\u202f']*\d)?"
                r"(?:\s?(thousand|million|billion|trillion|bn|mn|tn|k|m)\b)?", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12, "tn": 1e12}
_ISO_DATE = regex(r"\b(\d{4})-\d{1,2}(?:-\d{1,2})?\b")
_DIGIT_WORD = regex(r"\b(?:[^\W\d_]+\d+|\d+[^\W\d_]+)\w*")  # "Q2", "H1", "FY2024", "3rd", "2nd-quarter"
_MONTHS = regex(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")


def _readings(token: str) -> list[tuple[float, float]]:
    """(number, rounding step) for each way to read the digits: '48,27' may be 4827 or 48.27."""
    plain = token.replace("\u2212", "-").replace("\u00a0", "").replace("\u202f", "").replace("'", "")
    candidates = [plain.replace(",", "")]
    if plain.count(",") == 1 and "." not in plain:
        candidates.append(plain.replace(",", "."))  # a decimal comma
    out = []
    for text in candidates:
        try:
            number = float(text)
        except ValueError:
            continue
        decimals = len(text.partition(".")[2])
        out.append((number, 10.0 ** -decimals))
    return out


def _is_own_value(token: str, scale_word: str | None, value: float) -> bool:
    """Whether the claim's number is the fact's value as written (at its precision, with its scale word)."""
    scale = _SCALES.get(ignorecase_lower(scale_word or ""), 1.0)  # "mıllion" matches _NUMBER too
    return any(abs(number * scale - value) <= step * scale / 2 + 1e-9 * abs(value)
               for number, step in _readings(token))


def _claim_parts(fact: Fact) -> tuple[str, frozenset[str]]:
    """The claim folded with the fact's own value (or date) taken out, and the marks it still has.

    Only the fact's own value goes: other numbers ("district 5", "in 2018") and words with digits
    ("Q2 2025", "FY2024", "3rd quarter") tell facts apart, also facts that share their keywords.
    """
    date = fact.date
    claim = fact.claim
    if date:
        claim = _ISO_DATE.sub(lambda m: " num " if int(m.group(1)) == date.year else m.group(), claim)
    marks: set[str] = set()

    def replace(match: re.Match) -> str:
        token, scale_word = match.group(), match.group(1)
        digits = token[: len(token) - len(scale_word)].strip() if scale_word else token
        if fact.value is not None and _is_own_value(digits, scale_word, fact.value):
            return " num "
        if fact.value is not None and scale_word and _is_own_value(digits, None, fact.value):
            return f" num {scale_word} "  # "1500 m" is metres here, not millions
        if date is not None and digits.isdigit() and int(digits) in (date.year, date.day):
            return " num "
        marks.add(digits.replace(",", ""))
        return f" {token} "

    shape = fold(_NUMBER.sub(replace, claim))
    marks.update(fold(w) for w in _DIGIT_WORD.findall(claim))
    if date and date.month:
        shape = _MONTHS.sub("num", shape)
    return shape, frozenset(marks)


def subject_keys(fact: Fact) -> tuple:
    """Hashable keys; facts that share any one of them are about the same thing."""
    kind = ("date",) if fact.date else ("value", fold(fact.unit or ""))
    base = (tuple(sorted(fact.about)), *kind)
    shape, marks = _claim_parts(fact)
    keys: list[tuple] = [(*base, "claim", shape)]
    if fact.keywords and fact.about:  # without a subject, shared keywords ("population") say too little
        keys.append((*base, "keywords", tuple(sorted({fold(k) for k in fact.keywords})), tuple(sorted(marks))))
    return tuple(keys)


def _step(value: float) -> float:
    """The rounding step a value was written to: 48.27 -> 0.01, 1200000 -> 100000, 12 -> 1."""
    text = repr(value)
    if "e" in text or "E" in text:
        return 0.0  # no reliable written precision; compare exactly
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    if decimals:
        return 10.0 ** -len(decimals)
    digits = whole.lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
    return 10.0 ** zeros


def values_agree(a: Fact, b: Fact) -> bool:
    """Equal within either fact's tolerance, or equal once the finer value is rounded like the coarser."""
    if a.value is None or b.value is None:
        return True
    gap = abs(a.value - b.value)
    allowance = max((f.tolerance.width(f.value) for f in (a, b) if f.tolerance), default=0.0)
    step = max(_step(a.value), _step(b.value))
    return gap <= max(allowance, step / 2) + 1e-9 * max(abs(a.value), abs(b.value), 1.0)


def dates_agree(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Equal at the precision both share ('2022-03' fits '2022-03-06')."""
    if a is None or b is None:
        return True
    if a.year != b.year:
        return False
    if a.month and b.month and a.month != b.month:
        return False
    return not (a.day and b.day and a.month == b.month and a.day != b.day)


def windows_overlap(a: Fact, b: Fact) -> bool:
    """Whether the validity windows [valid_from, valid_until) share a day."""
    low, high = dt.date.min, dt.date.max
    return (a.valid_from or low) < (b.valid_until or high) and (b.valid_from or low) < (a.valid_until or high)


def contradicts(a: Fact, b: Fact) -> bool:
    """Two facts about the same thing that cannot both be true at once."""
    if a.id == b.id or not windows_overlap(a, b):
        return False
    return not (values_agree(a, b) and dates_agree(a.date, b.date))


def describe(fact: Fact) -> str:
    """What the fact says, for messages: '48.27 percent' or '2022-03-06'."""
    if fact.date:
        return fact.date.iso()
    number = fact.value if fact.value is not None else float("nan")
    value = str(int(number)) if number.is_integer() and abs(number) < 1e16 else repr(number)
    return f"{value} {fact.unit}" if fact.unit else value
