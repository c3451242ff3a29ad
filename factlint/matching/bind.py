"""Bind each number and date to the one ledger fact it states, or to nothing when unsure."""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from factlint.checks.context import Context
from factlint.extraction.dates import YEAR, explicit_years, starts_a_period
from factlint.extraction.model import DateMention, Quantity
from factlint.extraction.numbers import PART_WORDS, PORTION_WORDS, SUM_WORDS
from factlint.extraction.sentences import by_sentence
from factlint.fold import fold
from factlint.ledger.model import Fact
from factlint.matching.citations import resolve
from factlint.matching.claims import citations_by_sentence, find_claims, stamps_the_page
from factlint.matching.compare import claim_quantities, fact_direction, fits_date, fits_value, units_compatible, value_fits
from factlint.matching.features import STOPWORDS, Evidence, evidence, stemmed_words, words_of
from factlint.matching.index import LedgerIndex
from factlint.matching.names import annotate, named_in_draft
from factlint.matching.support import stated_with, supported
from factlint.matching.views import View, date_view, sentence_views
from factlint.startup import regex

DECISIVE_MARGIN = 2  # how far ahead the best fact must score for the sentence's words to decide


@dataclass(frozen=True, slots=True)
class Binding:
    """A mention and the fact it states; ``fits`` says whether they agree."""

    mention: Quantity | DateMention
    fact: Fact
    fits: bool


def _ranked(index: LedgerIndex, facts: list[Fact], words: frozenset[str], years: frozenset[int],
            keep: Callable[[Evidence, Fact], bool] | None = None) -> list[tuple[Evidence, Fact]]:
    """Facts with some word evidence (that ``keep`` accepts), best first (ties keep ledger order, for determinism)."""
    scored = [(evidence(index.features(f), words, years), f) for f in dict.fromkeys(facts)]
    # Filtering before the stable sort gives the order filtering after it would. Through keywords
    # alone, most candidates fail ``keep`` (1 MB draft, 1k-fact ledger: 84% of numbers', >99% of dates').
    scored = [(e, f) for e, f in scored if (e.keywords or e.claim) and (keep is None or keep(e, f))]
    return sorted(scored, key=lambda ef: -ef[0].score)


def _choose(ranked: list[tuple[Evidence, Fact]], fits) -> tuple[Fact, bool] | None:
    """The fact the sentence decides on; else any close contender that fits; else nothing."""
    if not ranked:
        return None
    best_ev, best = ranked[0]
    if fits(best):
        return best, True
    # A value that fits another fact the sentence's keywords point at is that fact, not a contradiction.
    fitting = [f for e, f in ranked[1:] if (e.keywords or best_ev.score - e.score < DECISIVE_MARGIN) and fits(f)]
    if fitting:
        return fitting[0], True
    contenders = [f for e, f in ranked if best_ev.score - e.score < DECISIVE_MARGIN]
    return (best, False) if len(contenders) == 1 else None


def _kinds(q: Quantity) -> tuple[str, ...]:
    """The kinds of fact a number can state: its dimension; a bare number or a count (of any noun: "1,240
    staff"), a count or a unitless fact."""
    if q.dimension == "count/time":  # "60 requests per minute": a rate, or a ledger's count of requests
        return ("count/time", "count")
    if q.dimension is None:  # "| Standard | 3,000 |" under "Messages per second"
        return ("count", "none", "count/time")
    return (q.dimension,) if q.dimension != "count" else ("count", "none")


def _subjects(qs: list[Quantity], view: View) -> list[tuple[str, ...]]:
    """Each number's entity: the nearest named before it, or after it in 'X% to A, Y% to B' sentences;
    in a table, the entities its column's header names, where it names any."""
    subjects = _named_subjects(qs, view)
    if view.cells:
        subjects = [view.column_entities(q.start) or subject for q, subject in zip(qs, subjects)]
    return subjects


def _named_subjects(qs: list[Quantity], view: View) -> list[tuple[str, ...]]:
    """Each number's entity from the names in its sentence (or carried from the one before)."""
    offsets = [off for off, _ in view.mentions]
    # Rightward only when the sentence opens with a number and a name follows it closely.
    rightward = bool(qs) and bool(offsets) and qs[0].end <= offsets[0] < qs[0].end + 40
    out = []
    for i, q in enumerate(qs):
        if rightward:
            nxt = qs[i + 1].start if i + 1 < len(qs) else view.sentence.end
            j = bisect_left(offsets, q.end)
            out.append(view.mentions[j][1] if j < len(offsets) and offsets[j] < nxt else ())
        else:
            j = bisect_left(offsets, q.start)
            out.append(view.mentions[j - 1][1] if j else view.carried)
    return out


_NEAR = 30  # how far from a number a year is written by it, in characters
# A year opening a sentence is the year of all of it: "The 1987 earthquake, a magnitude 5.9, killed 31 people".
_OPENING_YEAR = regex(rf"(?:[Tt]he|[Ii]n|[Bb]ack[ \t]+in)[ \t]+({YEAR})")


def _other_year(index: LedgerIndex, q: Quantity, fact: Fact, view: View) -> bool:
    """'won 29% in 2019' against a fact tied to 2024: a year written right by the number that the fact
    is not tied to says the number is about another year; so does a year opening the sentence ("The 1987
    earthquake, a magnitude 5.9, killed 31 people", against facts of an earthquake in 2026)."""
    # A year ending less than _NEAR before the number, or starting less than _NEAR after it.
    low, high = max(view.sentence.start, q.start - _NEAR - 3), min(view.sentence.end, q.end + _NEAR + 3)
    # Not past a semicolon: "(27.1%) are 65 or older; in 2016 the figure was 18.9%" gives 2016 to the 18.9% alone.
    if (cut := view.draft.rfind(";", low, q.start)) >= 0:
        low = cut + 1
    if (cut := view.draft.find(";", q.end, high)) >= 0:
        high = cut
    # A year a period starts from, before the number, is no year of it ("chief executive since September 2018,
    # was paid"); after the number it is ("the course record, 2:05:58, has stood since 2019").
    near = {y for at, y in explicit_years(view.draft, low, high)
            if at >= q.end or at < q.start and not starts_a_period(view.draft, at, low)}
    if opening := _OPENING_YEAR.match(view.draft, view.sentence.start, q.start):  # the year the sentence is about
        near.add(int(opening.group(1)))
    if not near:
        return False
    years = index.features(fact).years
    return bool(years) and not near & years


# What a fact is, when only such a fact can be what a marked number in a draft states: a margin
# (Quantity.margin), a sum (Quantity.total), an age (Quantity.age), a part of a group (Quantity.part).
_MARGIN_WORDS = regex(r"\b(?:majority|margin|lead|ahead|won by|by \d)", re.I)
_TOTAL_WORDS = regex(rf"\b(?:total|together|{SUM_WORDS})\b", re.I)
_AGE_WORDS = regex(r"\b(?:aged?|years? old|year-old)\b|\bwas \d+ when\b", re.I)
_PART_WORDS = regex(rf"\b(?:{PART_WORDS}|{PORTION_WORDS})\b", re.I)


@lru_cache(maxsize=8192)
def _fact_says(words: re.Pattern, claim: str, keywords: tuple[str, ...]) -> bool:
    """Whether a fact's claim or one of its keywords says one of ``words`` (_MARGIN_WORDS, ...)."""
    return bool(words.search(claim)) or any(words.search(k) for k in keywords)


# Words the number itself writes, so no sign of what it is about: an age's ("aged 60"), a share's ("2.1 points").
_AGE_STEMS = frozenset({"aged", "age", "old"})  # features.words_of's stems of "aged", "age", "ages", "old"
_SHARE_UNITS = words_of("point points percent cent percentage pp")


@dataclass(frozen=True, slots=True)
class _Numbers:
    """What binding one sentence's numbers shares."""

    index: LedgerIndex
    view: View
    others: frozenset[str]  # entities the sentence names that are no number's subject
    as_of: dt.date
    dates: list[DateMention]  # the sentence's dates
    change: bool  # whether a number of the sentence states a change (_same_kind_of_statement)
    counted: frozenset[str]  # entities a count names ("5 FIFO queues"): a sum over them (Quantity.total) is none of theirs
    ages: bool  # whether a number of the sentence is an age (Quantity.age): the age words are its


def _bind_quantity(s: _Numbers, q: Quantity, subject: tuple[str, ...],
                   stated: frozenset[str] = frozenset()) -> Binding | None:
    """Bind one number: through its subject entity, else through keywords; fall back to unclaimed entities.

    ``stated``: facts another number of the sentence states, which this one does not.
    """
    index, view = s.index, s.view

    def usable(f: Fact) -> bool:
        # A share ("3% of smokers had a stroke") is no change: not a fact's rise or relative risk.
        return (f.value is not None and not q.projected and f.valid_on(s.as_of) and units_compatible(q, f)
                and (not q.margin or _fact_says(_MARGIN_WORDS, f.claim, f.keywords)) and f.id not in stated
                and not (q.share and fact_direction(f.claim, f.value))
                and not (q.total and not s.counted.isdisjoint(f.about) and not _fact_says(_TOTAL_WORDS, f.claim, f.keywords))
                and (not q.age or _fact_says(_AGE_WORDS, f.claim, f.keywords))
                and (not q.part or _fact_says(_PART_WORDS, f.claim, f.keywords)))

    words = view.words_at(q.start)
    if s.ages:  # "aged" is the age's word: "stepped down, aged 60, and taught for 15 years" binds neither to an age
        words = words - _AGE_STEMS
    kinds = _kinds(q)
    facts = [f for e in subject for f in index.entity_facts(e, kinds) if usable(f)]
    found: list[int] = []  # the facts found through keywords, when no subject has any
    # A subject carried from the sentence before (this one names none) binds through a keyword of its
    # fact, as a date's subject does: a claim word alone ("council", from the source's title) bound
    # "The council has spent about £1.1m on patching" to the bridge repairs' cost.
    carried = None if view.named else _carried_test(index, q, words, view)
    ranked = _ranked(index, facts, words, view.years, carried) if facts else []
    # A subject carried from the sentence before, none of whose facts the words point at, is one the
    # sentence has moved on from ("Pro allows 600. A single upload may be up to 2 GB."): words decide.
    if not facts or (not ranked and not view.named):
        # _enough asks two keywords of a fact about none of the entities named (unless a source is cited).
        unless = view.named if view.named and not view.cited else None
        numbers, found = _keyword_candidates(index, words, kinds, unless)
        ranked = _ranked(index, _usable(index, numbers, usable), words, view.years,
                         lambda e, f: _enough(index, e, f, view) and not _another_of_its_kind(index, subject, f, view)
                         and not (stated and _about_someone_else(f, subject, view)))
    ranked = _same_kind_of_statement(q, ranked, s.change)
    # A bare number needs a keyword to be about anything; so does a number bound again among the facts
    # another number left (_bind_numbers): fewer contenders are no reason to take a weaker one.
    if q.dimension is None or stated:
        ranked = [(e, f) for e, f in ranked if e.keywords]
    elif q.dimension == "count":  # and a count needs one to be a unitless fact ("12 committees" is no staff)
        ranked = [(e, f) for e, f in ranked if e.keywords or f.unit]
    ranked = _own_clause_first(index, view, q, ranked)
    fits = lambda f: fits_value(q, f)  # noqa: E731
    chosen = _choose(ranked, fits)
    if q.dimension == "percent" and not (chosen and chosen[1]) and (points := _points_as_percent(s, q, subject, stated)):
        return points
    if not chosen:
        return None
    if not chosen[1] and _reads_otherwise(s, q, words, kinds, usable, fits, found, chosen[0]):
        return None
    return Binding(q, chosen[0], chosen[1])


# Where a number's own clause ends: "Fourteen people were killed | and 210 injured | , 23 of them seriously",
# "Seventeen dead | as magnitude 6.4 earthquake hits".
_CLAUSE_END = regex(r"[,;:()]|[ \t](?:and|or|but|while|whereas|as)[ \t]")
_CLAUSE_REACH = 60


def _own_clause_first(index: LedgerIndex, view: View, q: Quantity,
                      ranked: list[tuple[Evidence, Fact]]) -> list[tuple[Evidence, Fact]]:
    """The facts a keyword in the number's own clause points at, when only some of the ranked facts have one
    there: in "Seventeen people were killed and 120 injured", the 17 is the deaths' (killed), not the injured's;
    in "Wind provided 28.1% and solar 9.7%; coal fell to 3.9%", each share is its keyword's."""
    if len(ranked) < 2:
        return ranked
    clause = _own_clause(view, q)
    local = [(e, f) for e, f in ranked if any(map(clause.issuperset, index.features(f).keywords))]
    return local if local and len(local) < len(ranked) else ranked


def _own_clause(view: View, q: Quantity) -> frozenset[str]:
    """The stemmed words of the clause a number stands in, itself and its unit left out: "plus or minus 3.1
    points" writes no keyword of a swing in points, nor "averaging 2.4 people each" one of a count of people;
    "Seventeen dead" writes the deaths' keyword (its noun counts people)."""
    text, sentence = view.draft, view.sentence
    low = max(sentence.start, q.start - _CLAUSE_REACH)
    before = text[low : q.start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    claim_end = max(q.end, q.claim_end)  # the clause ends after the counted noun, at the earliest
    stop = min(sentence.end, claim_end + _CLAUSE_REACH)
    end = _CLAUSE_END.search(text, claim_end, stop)
    unit = words_of(q.unit) if q.unit else frozenset()
    return frozenset(stemmed_words(before[cut:] + " " + text[q.end : end.start() if end else stop])) - unit


def _carried_test(index: LedgerIndex, q: Quantity, words: frozenset[str], view: View) -> Callable[[Evidence, Fact], bool]:
    """What binds a number to a fact of a subject carried from the sentence before: a keyword of the fact.

    Not a share's unit: "plus or minus 2.1 points", after a sentence about the Greens, is no sign of
    their swing in points.
    """
    if q.dimension not in ("percent", "pp"):
        return lambda e, f: e.keywords > 0
    unit_free = words - _SHARE_UNITS
    return lambda e, f: evidence(index.features(f), unit_free, view.years).keywords > 0


def _points_as_percent(s: _Numbers, q: Quantity, subject: tuple[str, ...], stated: frozenset[str]) -> Binding | None:
    """'a difference of 13.2%' where the fact is 13.2 percentage points: the writer's unit is wrong.

    Asked of a percentage no percentage fact states. Only the same number: a percentage of another
    value ("turnout was 64%") is a level, not the points a change is measured in.
    """
    support = s.index.support()
    if support is None or "pp" not in support.by_dimension:  # a ledger with no facts in points: most
        return None
    points = replace(q, unit="pp", dimension="pp")
    if not support.value_numbers(points):  # no fact of as many points: most percentages
        return None
    b = _bind_quantity(s, points, subject, stated)
    return Binding(q, b.fact, False) if b is not None and b.fits else None


def _about_someone_else(fact: Fact, subject: tuple[str, ...], view: View) -> bool:
    """A fact about entities that are neither the number's subject (it has one) nor named in its sentence.

    Bound again among the facts another number left (_bind_numbers), a number states its subject's ("a
    crowd of 18,240" after "scored 3 goals"), never another plan's: in "$12 per user per month billed
    annually, or $15 month to month", the $15 is no price of the Business plan.
    """
    return bool(fact.about and subject) and view.named.isdisjoint(fact.about) and set(subject).isdisjoint(fact.about)


def _reads_otherwise(s: _Numbers, q: Quantity, words: frozenset[str], kinds: tuple[str, ...],
                     usable: Callable[[Fact], bool], fits: Callable[[Fact], bool], found: list[int], fact: Fact) -> bool:
    """Whether a number that contradicts the fact it was bound to more likely states another: then it is
    left unbound, as a false alarm costs more than a miss."""
    index, view = s.index, s.view
    # Bound through keywords: another fact they point at agrees. Bound through its subject: a fact of another
    # entity that two keywords point at agrees ("The Team plan includes 500 GB of storage", where two
    # products have a Team plan and the ledger names one).
    if found:
        if _fits_another(index, _usable(index, found, usable), words, view.years, fits):
            return True
    else:
        unnamed = [f for f in _usable(index, _keyword_candidates(index, words, kinds, None)[1], usable)
                   if view.named.isdisjoint(f.about)]  # "Silva won 31.9% and Ortiz 48.3%" swaps two named
        if _fits_another(index, unnamed, words, view.years, fits, least=2):
            return True
        # Namesakes (two products' "Team plan", one of them also "Team" in the ledger): a value that fits the
        # other's fact, through one keyword, is that one's.
        if _fits_another(index, [f for f in unnamed if _namesakes(index, fact.about, f.about)], words, view.years,
                         fits):
            return True
    if q.negated and fits_value(_complement(q), fact):
        return True  # "80% of adults do not smoke" states the 20% who do
    if s.others:
        # "Silva, who beat Ortiz, won 48.3%": the value may belong to another entity no other number claims.
        alt = [f for e in sorted(s.others) for f in index.entity_facts(e, kinds) if usable(f)]
        if any(fits(f) for _, f in _ranked(index, alt, words, view.years)):
            return True
    return (_other_year(index, q, fact, view) or _another_claim_writes(index, q, fact, view)
            or _about_a_subgroup(index, fact, view))


# A sentence about part of a population: "Among voters aged 18 to 34, the Greens lead with 36%".
_SUBGROUP = regex(r"(?:Among|Of those|Of the)[ \t]+([^,;:.]{3,60}),")


def _about_a_subgroup(index: LedgerIndex, fact: Fact, view: View) -> bool:
    """Whether the sentence opens on a subgroup ("Among voters aged 18 to 34,") that the fact's claim says
    nothing of: its figures are the subgroup's. "Among people aged 65 and over, 71.3% were vaccinated"
    still states a fact about people aged 65 and over."""
    m = _SUBGROUP.match(view.draft, view.sentence.start, view.sentence.end)
    if m is None:
        return False
    group = {w for w in words_of(m.group(1)) - STOPWORDS if len(w) > 2 and not w.isdigit()}
    return bool(group) and group.isdisjoint(index.features(fact).claim)


def _another_claim_writes(index: LedgerIndex, q: Quantity, fact: Fact, view: View) -> bool:
    """Whether another fact of the entities at hand writes this very figure in its claim, beside its value:
    "after the company said third-quarter sales fell 6% to €412 million" states the 6% of the sales fact
    (its value is the €412 million), not the shares' fall. Another fact's value is no such reading: "Silva
    won 31.9%" (Ortiz's share) is the swap a contradiction reports."""
    digits = _DIGITS.search(q.text)
    if digits is None:  # a number in words
        return False
    written = digits.group().replace(",", "")
    numbers = {i for e in (*fact.about, *view.named) for i in index.entity_numbers(e)}
    # A claim that does not write the digits cannot write the figure: most claims are not read at all.
    return any(c.unit == q.unit and not c.hedge and c.value != f.value
               and value_fits(q.low, q.high, q.value, c.value, 0.0)
               for f in map(index.facts.__getitem__, numbers)
               if f.id != fact.id and f.value is not None and written in f.claim.replace(",", "")
               for c in claim_quantities(f.claim))


_DIGITS = regex(r"\d[\d,.]*(?<=\d)")


def _namesakes(index: LedgerIndex, these: tuple[str, ...], those: tuple[str, ...]) -> bool:
    """Whether an entity of ``these`` and one of ``those`` share a name or alias (folded)."""
    spellings = {fold(n) for e in these if (ent := index.entity(e)) for n in (ent.name, *ent.aliases)}
    return any(fold(n) in spellings for e in those if (ent := index.entity(e)) for n in (ent.name, *ent.aliases))


def _complement(q: Quantity) -> Quantity:
    """The share of the rest: 80% read as 20%."""
    return replace(q, value=100 - q.value, low=100 - q.high, high=100 - q.low, direction=0)


def _cites_it_naming_no_other(index: LedgerIndex, fact: Fact, view: View) -> bool:
    """The sentence cites the fact's source and names no other entity of the kind the fact's are.

    A source holds many facts: "Østrand froze on 3 January 2024, a record ([met office records](...))" cites
    the source of "records in Northvale began in 1881", but names another place. "1.84 °C warmer, the
    Brenholt Climate Office says ([report](...))" names who published it, an organisation: the fact is
    about a place.
    """
    if view.cited.isdisjoint(fact.sources):
        return False
    return not view.named.isdisjoint(fact.about) or not _names_another_like_it(index, fact, view)


def _names_another_like_it(index: LedgerIndex, fact: Fact, view: View) -> bool:
    """Whether the sentence names a ledger entity of a kind the fact's entities are ('other' is like any)."""
    kinds = _entity_kinds(index, fact.about)
    # Ledger entities only: an unknown capitalised word ("?eur1 42bn" for "EUR1.42bn") names no one.
    named = _entity_kinds(index, view.named) - {None}
    return bool(named) and (not kinds or "other" in kinds | named or not kinds.isdisjoint(named))


def _same_kind_of_statement(q: Quantity, ranked: list[tuple[Evidence, Fact]],
                            change_stated: bool) -> list[tuple[Evidence, Fact]]:
    """Candidates that state a change ("rose by EUR 2 million") for a number that does ("an increase of €3m"),
    and levels for one that does not beside one that does ("sets aside €15.2 million, an increase of €3m"),
    where the candidates offer both. A number alone is not judged by its words: "lifted revenue 7.9%"
    names no change _DIRECTION knows, and still states one."""
    if len(ranked) < 2 or not (q.direction or change_stated):
        return ranked
    # The claim's words, not the value's sign: a negative level (-12 °C) states no change.
    kept = [(e, f) for e, f in ranked if bool(fact_direction(f.claim, abs(f.value or 0.0))) == bool(q.direction)]
    return kept or ranked


def _enough(index: LedgerIndex, e: Evidence, fact: Fact, view: View) -> bool:
    """Keyword evidence enough to bind without a subject: none for a fact about an entity the draft never
    names, or about another place than the one the sentence gives; more when the fact is about someone the
    sentence does not name or refers back past, or the sentence cites other sources than the fact's."""
    named = view.named
    e = e._replace(keywords=e.keywords - _scattered_repeats(index, fact, view))
    if not named.isdisjoint(fact.about) or _cites_it_naming_no_other(index, fact, view):
        return e.keywords >= 1
    if fact.about and not any(named_in_draft(index, view.draft, a) for a in fact.about):
        return False  # "Prices rose 20% in v3.0" is no figure of a town the draft never names
    if not named and not view.cited and not _carries_another(view, fact):
        if e.keywords == 1 and _only_words_of_change(index, fact, view.words):
            return False  # "Shares rose 4% in early trading" says that something rose, not that revenue did
        # A fact about an entity left unnamed ("Its budget is €5.6m") needs a second keyword or a word of
        # its claim just before ("A catch-up vaccination campaign began ..."): "A 5% sugar limit applies to
        # drinks" shares one keyword with a share of adults who binge drink, and is no such share.
        return e.keywords >= 1 and (e.claim >= 2 or bool(fact.about) and (
            e.keywords >= 2 or not view.context.isdisjoint(index.features(fact).claim)))
    if view.elsewhere and fact.about:
        return False  # "In Chalkbury, 45% of adults binge drink" is no figure of Northmoor's
    # "... could draw as many as 15,000 people [organisers' press kit]": one keyword ("people") of a
    # census fact from another source is no reason to read the figure as that census.
    return e.keywords >= 2 and e.claim >= 2


def _scattered_repeats(index: LedgerIndex, fact: Fact, view: View) -> int:
    """How many of the fact's keyword phrases with a repeated word ("year on year") the sentence's words hold
    but its text does not write in order: a word set holds "year on year" for "the yield on the 10-year bond".

    Other phrases are left to the word set: every one of their words must be there.
    """
    phrases = [p for p in index.features(fact).keywords if len(set(p)) < len(p) and view.words.issuperset(p)]
    if not phrases or view.cells:  # a table row's words hold its column header's too
        return 0
    text = f" {' '.join(stemmed_words(view.draft[view.sentence.start : view.sentence.end]))} "
    return sum(f" {' '.join(p)} " not in text for p in phrases)


# Words of change: a keyword of a fact about a change ("rose"), but no sign of what changed.
_CHANGE_WORDS = words_of("rose rise rises risen grew grow grows growth increased increase fell fall falls fallen "
                         "dropped drop declined decline up down higher lower gained gain jumped climbed slipped")


def _only_words_of_change(index: LedgerIndex, fact: Fact, words: frozenset[str]) -> bool:
    """Whether the fact's keywords the sentence names are words of change alone."""
    named = [p for p in index.features(fact).keywords if words.issuperset(p)]
    return bool(named) and all(len(p) == 1 and p[0] in _CHANGE_WORDS for p in named)


def _another_of_its_kind(index: LedgerIndex, subject: tuple[str, ...], fact: Fact, view: View) -> bool:
    """The number's subject, named in its sentence, is a ledger entity of the kind the fact's entities are,
    and the sentence names none of them: a median price in a row for Eastfield is not Calderbrook's, though
    the column names the fact's keywords."""
    if not fact.about or not view.named.isdisjoint(fact.about) or view.named.isdisjoint(subject):
        return False
    kinds = _entity_kinds(index, subject) - {None, "other"}
    return not kinds.isdisjoint(_entity_kinds(index, fact.about))


def _entity_kinds(index: LedgerIndex, entity_ids) -> set[str | None]:
    """The kinds of these entities (person, place, organization, other); None for a name the ledger lacks."""
    return {entity.kind if (entity := index.entity(e) if e[0] != "?" else None) is not None else None
            for e in entity_ids}


def _carries_another(view: View, fact: Fact) -> bool:
    """The sentence refers back to ledger entities of the one before ("His first came after 12 minutes",
    after a sentence about Ferreira), and the fact is about none of them (Okafor's goal in the 87th minute)."""
    return view.refers_back and bool(fact.about) and set(view.carried).isdisjoint(fact.about)


def _date_enough(index: LedgerIndex, e: Evidence, fact: Fact, view: View, d: DateMention) -> bool:
    """Keyword evidence to bind a date without a named subject (a bare weekday needs the most)."""
    if d.relative:
        return e.keywords >= 2 and e.claim >= 2
    if _cites_it_naming_no_other(index, fact, view):
        return e.keywords >= 1
    return (e.keywords >= 2 or _enough(index, e, fact, view)) and e.claim >= 2


# The words that a name's life dates in brackets leave out: birth, then death (DateMention.life).
_LIFE_WORDS = {1: words_of("born birth"), 2: words_of("died death")}


def _bind_date(index: LedgerIndex, d: DateMention, view: View, as_of) -> Binding | None:
    """Bind a date to a dated fact about an entity named here or just before, or found by strong keywords."""
    if d.life:
        view = view._replace(words=view.words | _LIFE_WORDS[d.life])
    entities = view.named | set(view.carried)
    # A date the words put in the next or last year ("Next year's race ... on 17 October") is another
    # occurrence than the facts of other years: none of theirs.
    usable = lambda f: (f.date is not None and f.valid_on(as_of)  # noqa: E731
                        and (not d.other_year or f.date.year == d.date.year))
    by_entity = [f for e in sorted(entities) for f in index.entity_facts(e, ("date",)) if usable(f)]
    ranked = _ranked(index, by_entity, view.words, view.years, lambda e, f: e.keywords > 0)
    found: list[int] = []
    if not ranked:
        # Through keywords alone: a bare weekday ("held Saturday"), or an event of an entity other than
        # the ones the sentence names, needs two keywords; a keyword suffices when the sentence cites its source.
        unless = frozenset() if d.relative else view.named if view.named and not view.cited else None
        numbers, found = _keyword_candidates(index, view.words, ("date",), unless)
        ranked = _ranked(index, _usable(index, numbers, usable), view.words, view.years,
                         lambda e, f: _date_enough(index, e, f, view, d))
    fits = lambda f: fits_date(d, f)  # noqa: E731
    chosen = _choose(ranked, fits)
    if chosen and not chosen[1] and found and _fits_another(index, _usable(index, found, usable), view.words,
                                                            view.years, fits):
        return None
    return Binding(d, chosen[0], chosen[1]) if chosen else None


_SIFT_FROM = 8  # candidates found through keywords, above which _keyword_candidates sifts them


def _keyword_candidates(index: LedgerIndex, words: frozenset[str], kinds: tuple[str, ...],
                        unless: frozenset[str] | None) -> tuple[list[int], list[int]]:
    """Numbers of the facts found through the sentence's keywords (LedgerIndex.keyword_entries), in
    order: those that can pass the evidence test, and all of them.

    ``unless``: when given, a fact about none of these entities passes only with two keyword phrases
    matched. A phrase matches only if its first word is among ``words``, so a fact with fewer than two
    entries in those words' postings is left out before it is built and scored: most of the 474k
    candidates of the 1 MB draft against 1k facts.
    """
    entries, common = index.keyword_entries(words, kinds)
    found = list(dict.fromkeys(entries))
    # Sifting costs a Counter and the named entities' fact numbers, more than scoring a few candidates.
    if unless is None or len(found) <= _SIFT_FROM:
        return found, found
    hits = Counter(entries)  # in first-seen order, as found
    about = index.named_numbers(unless)
    return [i for i, n in hits.items() if n >= 2 or i in about or (common and n + _entries(common, i) >= 2)], found


def _usable(index: LedgerIndex, numbers: list[int], usable: Callable[[Fact], bool]) -> list[Fact]:
    """The facts of these numbers that ``usable`` accepts."""
    return [f for f in map(index.facts.__getitem__, numbers) if usable(f)]


def _entries(postings: list, number: int) -> int:
    """How many times a fact number is in these sorted postings."""
    return sum(bisect_right(p, number) - bisect_left(p, number) for p in postings)


def _fits_another(index: LedgerIndex, facts: list[Fact], words: frozenset[str], years: frozenset[int],
                  fits: Callable[[Fact], bool], least: int = 1) -> bool:
    """Whether any of ``facts`` that the sentence names ``least`` keywords of agrees with the mention.

    Bound through keywords alone, a mention that disagrees with the best-scored fact but agrees with
    another the sentence points at, however weakly, is more likely that other fact's than a mistake:
    in a ledger of several topics, "certified the result ... 14 Oct, and published" shares two
    keywords with a company's results date and one with the election's certification date.
    """
    # Fit first: it rules out most candidates without scoring their words.
    return any(fits(f) and evidence(index.features(f), words, years).keywords >= least for f in facts)


def _one_statement_per_fact(text: str, bindings: list[Binding]) -> list[Binding]:
    """A sentence states a fact once: the mention that fits it, else the one bound to it with a unit and
    not a change's starting point, nearest a keyword of the fact, else the first. In "(p < 0.01, n = 1,402
    ice cores)" the cores are the fact's, not a bare number; in "churn fell from 3.1% to 2.3%" the fact is
    the 2.3%; in "Earnings per share came in at €1.78, and a dividend of 46 cents", the dividend is the 46
    cents."""
    # A fit through an open-ended hedge ("for up to 30 days if you ask") does not hide an exact figure that
    # contradicts the fact ("kept for 7 days by default"): the two state different things.
    exact_misses = {b.fact.id for b in bindings if not b.fits and not _open_ended(b.mention)}
    fitted = {b.fact.id for b in bindings if b.fits and not (_open_ended(b.mention) and b.fact.id in exact_misses)}
    chosen: dict[str, Binding] = {}
    for b in bindings:
        if b.fact.id in fitted:
            continue
        if b.fact.id not in chosen:
            chosen[b.fact.id] = b
        elif (_rank(text, b), _keyword_distance(text, b)) < (_rank(text, chosen[b.fact.id]),
                                                             _keyword_distance(text, chosen[b.fact.id])):
            chosen[b.fact.id] = b
    return [b for b in bindings if b.fits or chosen.get(b.fact.id) is b]


def _open_ended(m: Quantity | DateMention) -> bool:
    """A number whose hedge leaves one side open ("up to 30 days", "more than 40%")."""
    return isinstance(m, Quantity) and (m.low == -math.inf or m.high == math.inf)


def _keyword_distance(text: str, b: Binding) -> int:
    """How far before the mention the nearest of its fact's keywords ends, within 60 characters (else 60)."""
    before = text[max(0, b.mention.start - 60) : b.mention.start].lower()
    ends = [before.rfind(k.lower()) + len(k) for k in b.fact.keywords if k.lower() in before]
    return min((len(before) - e for e in ends), default=60)


def _rank(text: str, b: Binding) -> int:
    """Lower is likelier the fact's statement: 1 a bare number, or a date finer than a year fact ("June 2024"
    beside "records began in 1891"); 2 a value a change starts from ("from 3.1%"), or the whole a part is
    of ("34 of the 81 seats")."""
    if isinstance(b.mention, Quantity) and b.mention.dimension is None:
        return 1
    if isinstance(b.mention, DateMention) and b.mention.date.month and b.fact.date and not b.fact.date.month:
        return 1
    return 2 if _starts_change(text, b.mention) or (isinstance(b.mention, Quantity) and b.mention.whole) else 0


def _starts_change(text: str, m: Quantity | DateMention) -> bool:
    """Whether the mention is the value a change starts from ("from 3.1%")."""
    return text.startswith("from ", m.start - 5)


# What binding can add to a context, each stage needing the ones before it: near misses of ledger
# names; then resolved citations and the fact each number and date states; then check-worthy claims.
STAGES = ("names", "bindings", "claims")


def _wants(needs: frozenset[str], stage: str) -> bool:
    """Whether ``stage`` runs: it, or a later stage that builds on it, is needed."""
    return any(STAGES.index(n) >= STAGES.index(stage) for n in needs)


def bind(ctx: Context, needs: frozenset[str] = frozenset(STAGES)) -> Context:
    """Near misses, resolved citations, bindings and claims, as far as the latest stage in ``needs``."""
    if not _wants(needs, "names"):
        return ctx
    ctx = replace(ctx, names=annotate(ctx.doc.masked, ctx.sentences, ctx.names, ctx.ledger))
    if not _wants(needs, "bindings"):
        return ctx
    citations = resolve(ctx.citations, ctx.doc, ctx.ledger)
    ctx = replace(ctx, citations=citations,
                  sentence_citations=citations_by_sentence(ctx.doc, ctx.sentences, citations))
    quantities = by_sentence(list(ctx.quantities), ctx.sentences)
    dates = by_sentence(list(ctx.dates), ctx.sentences)
    views = sentence_views(ctx, quantities, dates)
    bindings = _bindings(ctx, views, quantities, dates)
    if not _wants(needs, "claims"):
        return replace(ctx, bindings=bindings)
    by_start = {b.mention.start: b for b in bindings}
    bound = by_sentence([b.mention for b in bindings], ctx.sentences)

    def backed(m: Quantity | DateMention, i: int) -> bool:
        """Support for an unbound claim: a date the sentence's bound facts state, or any agreeing fact."""
        if isinstance(m, DateMention) and stated_with(m, [by_start[b.start].fact for b in bound[i]]):
            return True
        return supported(ctx.ledger, m, (views[i].words_at(m.start), views[i].context), views[i].named)

    claims = find_claims(ctx.doc, ctx.sentences, ctx.quantities, ctx.dates, by_start, ctx.sentence_citations, backed,
                         lambda i: views[i].dateline)  # every sentence with a number or date has a view
    return replace(ctx, bindings=bindings, claims=claims)


def _bind_numbers(ctx: Context, view: View, qs: list[Quantity], dates: list[DateMention]) -> list[Binding | None]:
    """Bind a sentence's numbers; those unbound, or bound against a fact another number states ("scored 3
    goals before a crowd of 18,240"), are bound again among the facts left.

    Not a restatement in brackets ("up to 5 GB (5,120 MB)"), nor a change's starting point ("went from
    46% to 48.3%"): another fact found for those would be a guess.
    """
    subjects = _subjects(qs, view)
    s = _Numbers(ctx.ledger, view, view.named - {e for ids in subjects for e in ids}, ctx.as_of, dates,
                 any(q.direction for q in qs), _counted(qs, view) if any(q.total for q in qs) else frozenset(),
                 any(q.age for q in qs))
    found = [_bind_quantity(s, q, subj) for q, subj in zip(qs, subjects)]
    # An open-ended fit ("for up to 30 days if you ask") states no fact that another figure might contradict.
    stated = frozenset(b.fact.id for b in found if b is not None and b.fits and not _open_ended(b.mention))
    if not stated or len(qs) < 2:
        return found
    text = ctx.doc.masked
    return [_bind_quantity(s, q, subj, stated) if _rebinds(text, b, q, stated) else b
            for b, q, subj in zip(found, qs, subjects)]


def _counted(qs: list[Quantity], view: View) -> frozenset[str]:
    """Entities named right after a count of more than one: the FIFO queue of "5 FIFO queues"."""
    after = {q.end + 1 for q in qs if q.dimension == "count" and q.value > 1}
    return frozenset(e for off, ids in view.mentions if off in after for e in ids)


def _rebinds(text: str, b: Binding | None, q: Quantity, stated: frozenset[str]) -> bool:
    """Whether _bind_numbers binds this number again (see there)."""
    if b is not None and (b.fits or b.fact.id not in stated):
        return False
    return not _starts_change(text, q) and text[q.start - 1 : q.start] != "("


def _bindings(ctx: Context, views: list[View | None], quantities: list[list[Quantity]],
              dates: list[list[DateMention]]) -> tuple[Binding, ...]:
    """Bind the numbers and dates of every sentence (``views``: of those with any, by sentence)."""
    index: LedgerIndex = ctx.ledger
    out: list[Binding] = []
    for i, view in enumerate(views):
        if view is None or view.dateline:
            continue
        found = _bind_numbers(ctx, view, quantities[i], dates[i])
        found += [_bind_date(index, d, date_view(ctx.doc.masked, view, dates[i], k), ctx.as_of)
                  for k, d in enumerate(dates[i]) if not stamps_the_page(ctx.doc.masked, d)]
        out.extend(_one_statement_per_fact(ctx.doc.masked, [b for b in found if b is not None]))
    return tuple(out)
