"""Typed records for what extraction finds. Offsets index Document.text."""

from __future__ import annotations

from dataclasses import dataclass

from factlint.ledger.model import PartialDate


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or heading, or table row) inside one block."""

    start: int
    end: int
    block: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, read as an interval in a canonical unit."""

    start: int
    end: int
    text: str
    value: float  # the number as written, scaled (4bn -> 4e9), in ``unit``
    low: float  # the interval the writer's words allow (precision and hedge)
    high: float
    unit: str | None  # canonical unit: 'percent', 'pp', 'USD', 'km', ... or a noun ('votes')
    dimension: str | None  # 'percent', 'pp', 'currency', 'length', 'mass', 'data', 'time', 'count', None
    hedge: str | None = None  # 'about', 'at least', ...
    from_words: bool = False  # spelled out ("seventeen", "two-thirds")
    claim_end: int = -1  # end of the claim's words, counted noun included ("12,000 jobs")
    direction: int = 0  # a change's direction its words give: 1 "rose 3%", "a 3% rise", -1 "fell 3%", 0 none
    margin: bool = False  # a difference, not a count: "a majority of 14", "won by 412 votes"
    negated: bool = False  # a share of those who do not: "80% of adults do not smoke"
    share: bool = False  # a percentage of a whole, no change: "3% of smokers had a stroke"
    whole: bool = False  # the whole a number before it is part of: the 81 of "34 of the 81 seats"
    projected: bool = False  # a level a change would lead to: "would take the rate to 3.5%"
    age: bool = False  # someone's or something's age: "died aged 85", "a 41-year-old man", ", at 24,"
    total: bool = False  # a sum over a count before it: the 1,500 of "5 queues give 1,500 messages a second in total"
    part: bool = False  # a part of a group or a whole: "23 of them seriously", "the second half in 62 minutes"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written, at the precision written."""

    start: int
    end: int
    text: str
    date: PartialDate
    explicit_year: bool = True
    weekday: int | None = None  # 0 = Monday, when a weekday was written
    relative: bool = False  # a bare weekday ("held Sunday") resolved against the draft's date
    life: int = 0  # a name's life dates in brackets, "Jan Berg (3 May 1902 – 11 October 1978)": 1 birth, 2 death
    other_year: bool = False  # the draft's next or last year, from the words: "Next year's race ... on 17 October"


@dataclass(frozen=True, slots=True)
class NameMention:
    """A capitalised span that may name a person, organisation or place."""

    start: int
    end: int
    text: str
    folded: str  # case, diacritics, punctuation and possessive folded
    entities: tuple[str, ...] = ()  # ledger entities this exact name or alias denotes
    suggestion: str | None = None  # a ledger spelling this is a near miss of (FL103)
    suggested: tuple[str, ...] = ()  # the entities of that spelling


@dataclass(frozen=True, slots=True)
class Citation:
    """A link, footnote reference or citation key in the draft."""

    start: int
    end: int
    text: str
    kind: str  # 'link', 'autolink', 'url', 'footnote' (a reference [^id]), 'footnote-url' (inside a definition), 'key'
    target: str  # the URL, key or footnote id as written
    sources: tuple[str, ...] = ()  # the ledger sources it resolves to
    target_start: int = -1  # where the URL or key itself is written (a reference link's definition)
    target_end: int = -1
