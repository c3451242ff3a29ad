"""What parsing one ledger file yields: its records, its own problems, and what cross-file checks need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from factlint.ledger.model import Entity, Fact, Source
from factlint.ledger.problems import Problem, Spot


class Ref(NamedTuple):
    """A fact's reference to a source or entity id, where it was written."""

    kind: str  # 'source' or 'entity'
    target: str
    fact: str
    spot: Spot


class Spelling(NamedTuple):
    """An entity's name or alias, where it was written."""

    entity: str
    text: str
    spot: Spot
    is_alias: bool


class Subject(NamedTuple):
    """A fact's grouping keys for self-contradiction checks and where its value was written."""

    index: int  # into FileRecords.facts
    keys: tuple  # hashable keys; two facts sharing one are about the same thing
    spot: Spot


@dataclass(frozen=True, slots=True)
class FileRecords:
    """One file's records and the problems found in that file alone (cached, loaded every run)."""

    path: str
    sources: dict[str, Source]
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class FileChecks:
    """Positions for cross-file validation (cached, loaded only when that validation must run again)."""

    refs: tuple[Ref, ...]
    spellings: tuple[Spelling, ...]
    subjects: tuple[Subject, ...]
