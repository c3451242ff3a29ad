"""Checks that need the whole ledger: ids across files, references, shared aliases, self-contradictions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from factlint.extraction.names import unfindable_word
from factlint.fold import fold
from factlint.ledger.claims import contradicts, describe
from factlint.ledger.model import Fact
from factlint.ledger.parsed import FileChecks, FileRecords, Spelling
from factlint.ledger.problems import Problem, Spot

MAX_SUGGEST_POOL = 5_000  # difflib over more ids than this costs more than the hint is worth
MAX_COMPARISONS = 50  # earlier facts compared per fact and subject: bounds a pathological group


def _at(path: str, spot: Spot, here: str) -> str:
    """'line 12' in the same file, else 'other.yaml:12'."""
    return f"line {spot[0]}" if path == here else f"{path}:{spot[0]}"


def _record_spot(line: int, column: int, text: str) -> Spot:
    """The spot of an id written at (line, column)."""
    return (line, column, line, column + len(text))


def duplicate_ids(files: list[FileRecords]) -> list[Problem]:
    """The same source, entity or fact id in two files (duplicates within a file are found while reading it)."""
    problems: list[Problem] = []
    for kind in ("source", "entity", "fact"):
        first: dict[str, tuple[str, Spot]] = {}
        for records in files:
            items = {"source": records.sources.values(), "entity": records.entities.values(),
                     "fact": records.facts}[kind]
            for item in items:
                spot = _record_spot(item.line, item.column, item.id)
                if item.id in first and first[item.id][0] != records.path:
                    path, at = first[item.id]
                    problems.append(Problem(records.path, spot, "FL305", f"duplicate {kind} id '{item.id}' "
                                                                         f"(also at {_at(path, at, records.path)})"))
                else:
                    first.setdefault(item.id, (records.path, spot))
    return problems


def _hint(target: str, known: dict[str, object]) -> str:
    """' (did you mean 'x'?)' when a known id is close."""
    lowered = {k.lower(): k for k in known} if len(known) <= MAX_SUGGEST_POOL else {}
    if target.lower() in lowered:
        return f" (did you mean '{lowered[target.lower()]}'?)"
    close = difflib.get_close_matches(target, list(known), n=1) if len(known) <= MAX_SUGGEST_POOL else []
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_references(files: list[FileRecords], checks: list[FileChecks]) -> list[Problem]:
    """A fact citing a source, or about an entity, that no ledger file defines."""
    sources = {sid: None for records in files for sid in records.sources}
    entities = {eid: None for records in files for eid in records.entities}
    problems: list[Problem] = []
    for records, found in zip(files, checks):
        for ref in found.refs:
            known = sources if ref.kind == "source" else entities
            if ref.target not in known:
                what = "cites unknown source" if ref.kind == "source" else "is about unknown entity"
                problems.append(Problem(records.path, ref.spot, "FL307",
                                        f"fact {ref.fact} {what} '{ref.target}'{_hint(ref.target, known)}"))
    return problems


def _spellings(files: list[FileRecords], checks: list[FileChecks]) -> Iterable[tuple[str, Spelling, str]]:
    """Every entity name and alias: its file, the spelling, and 'name' or 'alias'."""
    for records, found in zip(files, checks):
        for spelling in found.spellings:
            yield records.path, spelling, "alias" if spelling.is_alias else "name"


def shared_spellings(files: list[FileRecords], checks: list[FileChecks]) -> list[Problem]:
    """A name or alias that folds to another entity's name or alias: mentions could not be told apart."""
    owners: dict[str, tuple[str, str, Spot]] = {}
    problems: list[Problem] = []
    for path, spelling, what in _spellings(files, checks):
        key = fold(spelling.text)
        owner = owners.setdefault(key, (spelling.entity, path, spelling.spot))
        if key and owner[0] != spelling.entity:
            problems.append(Problem(path, spelling.spot, "FL308",
                                    f"{what} '{spelling.text}' of entity {spelling.entity} is also a name or alias "
                                    f"of entity {owner[0]} ({_at(owner[1], owner[2], path)}); "
                                    "mentions of it cannot be told apart"))
    return problems


def _subjects(files: list[FileRecords], checks: list[FileChecks]) -> Iterable[tuple[Fact, str, Spot, tuple]]:
    """Every fact with a value or date, with its file, value spot and subject keys."""
    for records, found in zip(files, checks):
        for subject in found.subjects:
            yield records.facts[subject.index], records.path, subject.spot, subject.keys


def contradictions(files: list[FileRecords], checks: list[FileChecks]) -> list[Problem]:
    """Two facts about the same subject, valid at the same time, that disagree: reported once, at the later."""
    groups: dict[tuple, list[tuple[Fact, str, Spot]]] = {}
    problems: list[Problem] = []
    for fact, path, spot, keys in _subjects(files, checks):
        clash = None
        for key in keys:
            earlier = groups.setdefault(key, [])
            clash = clash or next((e for e in earlier[:MAX_COMPARISONS] if contradicts(e[0], fact)), None)
            earlier.append((fact, path, spot))
        if clash:
            other, other_path, other_spot = clash
            problems.append(Problem(path, spot, "FL310",
                                    f"fact {fact.id} says {describe(fact)} but fact {other.id} "
                                    f"({_at(other_path, other_spot, path)}) says {describe(other)} about the same "
                                    "subject at the same time; correct one, or tell them apart with "
                                    "valid_from/valid_until, keywords or about"))
    return problems


def unfindable_spellings(files: list[FileRecords], checks: list[FileChecks]) -> list[Problem]:
    """A name or alias a draft can never show as factlint reads names (capitalised words)."""
    return [Problem(path, spelling.spot, "FL313",
                    f"{what} '{spelling.text}' of entity {spelling.entity} is never found in a draft: drafts are "
                    f"read for names in capitalised words, and '{word}' starts with no capital")
            for path, spelling, what in _spellings(files, checks)
            if (word := unfindable_word(spelling.text)) is not None]


def cross_check(files: list[FileRecords], checks: list[FileChecks]) -> list[Problem]:
    """Every whole-ledger problem."""
    return (duplicate_ids(files) + unknown_references(files, checks) + shared_spellings(files, checks)
            + unfindable_spellings(files, checks) + contradictions(files, checks))
