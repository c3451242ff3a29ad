"""Units: canonical names, dimensions and scale factors, shared by extraction and the ledger."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factlint.fold import stem
from factlint.startup import regex


@dataclass(frozen=True, slots=True)
class Unit:
    """A canonical unit: ``name`` within a ``dimension``, ``factor`` to the dimension's base."""

    name: str
    dimension: str
    factor: float = 1.0


CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "R$": "BRL", "C$": "CAD", "A$": "AUD"}
CURRENCY_CODES = frozenset("USD EUR GBP JPY CHF CAD AUD CNY INR BRL MXN SEK NOK DKK PLN ZAR NZD".split())
_WORDS: dict[str, Unit] = {}


def _add(dimension: str, factor: float, name: str, *spellings: str) -> None:
    """Register spellings of one unit."""
    for s in (name, *spellings):
        _WORDS[s] = Unit(name, dimension, factor)


_add("percent", 1, "percent", "%", "per cent", "pct", "percentage")
_add("pp", 1, "pp", "percentage points", "percentage point", "percentage-point", "percentage-points", "pts", "points", "point", "p.p.")
_add("pp", 0.01, "bp", "basis points", "basis point", "basis-point", "basis-points", "bps", "bp")
_add("length", 1000, "km", "kilometre", "kilometres", "kilometer", "kilometers", "kms")
_add("length", 1, "m", "metre", "metres", "meter", "meters")
_add("length", 0.01, "cm", "centimetre", "centimetres", "centimeter", "centimeters")
_add("length", 0.001, "mm", "millimetre", "millimetres", "millimeter", "millimeters")
_add("length", 1609.344, "mi", "mile", "miles")
_add("mass", 1000, "kg", "kilogram", "kilograms", "kilo", "kilos", "kgs")
_add("mass", 1, "g", "gram", "grams")
_add("mass", 0.001, "mg", "milligram", "milligrams")
_add("mass", 1e-6, "µg", "μg", "mcg", "microgram", "micrograms")  # two code points for micro: both are typed
_add("mass", 1e-9, "ng", "nanogram", "nanograms")
_add("length", 1e-6, "µm", "μm", "micrometre", "micrometres", "micrometer", "micrometers", "micron", "microns")
_add("volume", 1, "L", "l", "litre", "litres", "liter", "liters")
_add("volume", 0.1, "dL", "dl", "decilitre", "decilitres", "deciliter", "deciliters")
_add("volume", 0.01, "cL", "cl", "centilitre", "centilitres", "centiliter", "centiliters")
_add("volume", 0.001, "mL", "ml", "millilitre", "millilitres", "milliliter", "milliliters")
_add("mass", 1_000_000, "t", "tonne", "tonnes", "metric tons", "ton", "tons")
_add("data", 1e3, "KB", "kB", "kilobyte", "kilobytes")
_add("data", 1e6, "MB", "megabyte", "megabytes")
_add("data", 1e9, "GB", "gigabyte", "gigabytes")
_add("data", 1e12, "TB", "terabyte", "terabytes")
_add("data", 1024**2, "MiB")
_add("data", 1024**3, "GiB")
_add("time", 1, "second", "seconds", "s", "sec", "secs")
_add("time", 60, "minute", "minutes", "min", "mins")
_add("time", 3600, "hour", "hours", "h", "hr", "hrs")
_add("time", 86400, "day", "days")
_add("time", 7 * 86400, "week", "weeks")
_add("time", 30.44 * 86400, "month", "months")
_add("time", 365.25 * 86400, "year", "years")
_add("energy", 1, "kWh", "kilowatt-hour", "kilowatt-hours", "kilowatt hour", "kilowatt hours")
_add("energy", 1000, "MWh", "megawatt-hour", "megawatt-hours", "megawatt hour", "megawatt hours")
_add("energy", 1e6, "GWh", "gigawatt-hour", "gigawatt-hours", "gigawatt hour", "gigawatt hours")
_add("energy", 1e9, "TWh", "terawatt-hour", "terawatt-hours", "terawatt hour", "terawatt hours")
_add("power", 0.001, "kW", "kilowatt", "kilowatts")
_add("power", 1, "MW", "megawatt", "megawatts")
_add("power", 1000, "GW", "gigawatt", "gigawatts")
_add("power", 1e6, "TW", "terawatt", "terawatts")
# canonical() also looks a unit up in lower case: "Degrees Celsius" is "degrees celsius" here.
_add("temperature", 1, "°C", "° C", "ºC", "℃", "C", "celsius", "degrees celsius", "degree celsius",
     "degrees centigrade", "degrees c", "degree c")
for _code in CURRENCY_CODES:
    _WORDS[_code] = Unit(_code, "currency")
for _word, _code in (("dollar", "USD"), ("dollars", "USD"), ("euro", "EUR"), ("euros", "EUR"), ("yen", "JPY")):
    _WORDS[_word] = Unit(_code, "currency")

# Nouns that count the same things, so "1.2 million people" can be a fact counted in "voters".
_SYNONYMS = [{"people", "person", "persons", "resident", "inhabitant", "individual", "voter", "citizen"},
             {"vote", "ballot"}, {"case", "infection"}, {"job", "position"}]


# A rate: "per 100,000", "per 1,000 live births", "per 100k". One dimension whose base is "per one",
# so a rate per 1,000 compares with one per 100,000; what is counted after the number is not compared.
_RATE = regex(r"per (\d{1,3}(?:,\d{3})+|\d+)(?: ?(k|thousand|million)\b)?(?: [^\W\d_][\w ]*)?", re.I)
_RATE_SCALES = {"k": 1_000, "thousand": 1_000, "million": 1_000_000}


def _rate(raw: str) -> Unit | None:
    """The rate unit of 'per 100,000 [people]', or None."""
    m = _RATE.fullmatch(raw)
    if not m:
        return None
    per = int(m.group(1).replace(",", "")) * _RATE_SCALES.get((m.group(2) or "").lower(), 1)
    return Unit(f"per {per:,}", "rate", 1 / per) if per else None


def _known(word: str) -> Unit | None:
    """A registered unit, as written or in lower case."""
    return _WORDS.get(word) or _WORDS.get(word.lower())


def is_unit(word: str) -> bool:
    """Whether a word is a registered unit or currency code ("GW", "TWh", "USD", "days"), no counted noun."""
    return _known(word) is not None


def _ratio(raw: str) -> Unit | None:
    """A unit of one measure per another ("km/s", "mg/dL", "g/L"): a dimension of its own, so "19 km/s"
    is never compared with a length, nor "0.32 mg/kg" with a mass. Else the first unit, or None."""
    top, _, bottom = raw.partition("/") if "/" in raw else raw.partition(" per ")
    a, b = _known(top.strip()), _known(bottom.strip())
    if a is None and b is not None and b.dimension == "time" and top.strip():
        # A counted noun per a time ("messages/second"): a rate of its own noun, per the base time unit.
        return Unit(f"{stem(top.lower().split()[-1])}/{b.name}", "count/time", 1 / b.factor)
    if a is None or b is None or "percent" in (a.dimension, b.dimension) or "pp" in (a.dimension, b.dimension):
        return a  # "5%/year": the share, as before the denominator was read
    return Unit(f"{a.name}/{b.name}", f"{a.dimension}/{b.dimension}", a.factor / b.factor)


@lru_cache(maxsize=4096)
def canonical(text: str | None) -> Unit | None:
    """Canonical Unit for a unit as written in a ledger or draft; unknown words become counted nouns."""
    if not text:
        return None
    raw = re.sub(r"\s+", " ", text.strip())
    unit = _known(raw) or _WORDS.get(raw.upper() if raw.upper() in CURRENCY_CODES else "")
    if unit:
        return unit
    if raw[:4].lower() == "per ":
        unit = _rate(raw)
        if unit:
            return unit
    if ("/" in raw or " per " in raw) and (unit := _ratio(raw)):
        return unit
    noun = stem(raw.lower().split()[-1])
    return Unit(noun, "count")


# Looser groups, used only to find a fact that supports a claim (FL201), never to contradict one:
# "orders four ships" must not be compared with "operates 38 vessels".
_LOOSE_SYNONYMS = [{"ship", "vessel", "boat"}, {"company", "firm", "business"}, {"student", "pupil"}]
_STEMMED_SYNONYMS = [frozenset(stem(w) for w in group) for group in _SYNONYMS]
_STEMMED_LOOSE = _STEMMED_SYNONYMS + [frozenset(stem(w) for w in group) for group in _LOOSE_SYNONYMS]


@lru_cache(maxsize=16384)  # few distinct noun pairs; support checks ask about them many thousand times
def nouns_compatible(a: str, b: str, loose: bool = False) -> bool:
    """Whether two counted nouns (canonical stems) may count the same thing."""
    a, b = stem(a), stem(b)
    return a == b or any(a in group and b in group for group in (_STEMMED_LOOSE if loose else _STEMMED_SYNONYMS))


_OCCURRENCES = stem("times")  # "4 times an hour": a rate of whatever the sentence counts


def rate_nouns_compatible(a: str, b: str, loose: bool = False) -> bool:
    """Whether two rates' counted nouns may count the same thing; a rate of "times" counts any noun."""
    return _OCCURRENCES in (stem(a), stem(b)) or nouns_compatible(a, b, loose)
