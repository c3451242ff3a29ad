"""Typed records for ledger v1: sources, entities and facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def _reduce_by_fields(self: object) -> tuple:
    """Pickle as a constructor call: loading a cached 100k-fact ledger is about twice as fast as
    with the default state of a frozen slotted dataclass (a Python setattr loop per object)."""
    return (type(self), tuple(getattr(self, name) for name in self.__match_args__))


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to year, month or day precision."""

    __reduce__ = _reduce_by_fields

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ISO text at the known precision: 2022, 2022-03 or 2022-03-06."""
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def as_date(self) -> dt.date | None:
        """A datetime.date when known to the day."""
        if self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a stated value may drift from the fact: absolute, or relative (a fraction)."""

    __reduce__ = _reduce_by_fields

    amount: float
    relative: bool = False

    def width(self, value: float) -> float:
        """The absolute allowance around ``value``."""
        return abs(value) * self.amount if self.relative else self.amount


@dataclass(frozen=True, slots=True)
class Source:
    """Where facts come from."""

    __reduce__ = _reduce_by_fields

    id: str
    title: str
    url: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    archive_url: str | None = None
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization, place or thing that facts are about."""

    __reduce__ = _reduce_by_fields

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "other"
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class Fact:
    """One sourced fact: a value with a unit, or a date."""

    __reduce__ = _reduce_by_fields

    id: str
    claim: str
    sources: tuple[str, ...]
    about: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    value: float | None = None
    unit: str | None = None
    tolerance: Tolerance | None = None
    date: PartialDate | None = None
    quote: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    path: str = ""
    line: int = 0
    column: int = 0

    def __hash__(self) -> int:
        """The id's hash; equal facts have equal ids, so this agrees with the generated ``__eq__``."""
        # Written out because dataclass would hash all fifteen fields, and binding hashes every
        # candidate fact to deduplicate them (474k for a 1 MB draft against a 1k-fact ledger).
        return hash(self.id)

    @property
    def source(self) -> str:
        """The first (primary) source id."""
        return self.sources[0]

    def valid_on(self, day: dt.date) -> bool:
        """Whether the fact's validity window contains ``day``."""
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_until and day >= self.valid_until:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Ledger:
    """A whole ledger, possibly merged from several files."""

    paths: tuple[str, ...]
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
