"""Load ledger files and directories: cached per file, validated as a whole, merged into one Ledger."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factlint.errors import LedgerProblems
from factlint.gcpause import paused_gc
from factlint.ledger import cache
from factlint.ledger.build import parse_file
from factlint.ledger.crossfile import cross_check
from factlint.ledger.files import ledger_files, read_bytes
from factlint.ledger.model import Entity, Fact, Ledger, Source
from factlint.ledger.parsed import FileChecks, FileRecords
from factlint.ledger.problems import Problem, sort_problems


@dataclass(frozen=True)
class Validation:
    """A merged ledger and every problem found in it, in report order."""

    ledger: Ledger
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop `factlint check`."""
        return tuple(p for p in self.problems if p.severity == "error")


@dataclass
class _File:
    """One file on its way through the cache: checks stay None until cross-file checks need them."""

    path: Path
    key: str
    records: FileRecords
    checks: FileChecks | None


def _load_file(path: Path) -> _File:
    """A file's records from the cache, else parsed (and cached with its checks)."""
    data = read_bytes(path)
    name, key = str(path), cache.file_key(str(path), data)
    records = cache.read(cache.entry_name("records", name, key), key)
    if records is not None:
        return _File(path, key, records, None)
    records, checks = parse_file(name, data)
    cache.write(cache.entry_name("records", name, key), key, records)
    cache.write(cache.entry_name("checks", name, key), key, checks)
    return _File(path, key, records, checks)


def _checks(file: _File) -> FileChecks:
    """A cached file's checks: from the cache, else by parsing it again."""
    if file.checks is None:
        name = str(file.path)
        file.checks = cache.read(cache.entry_name("checks", name, file.key), file.key)
        if file.checks is None:
            _records, file.checks = parse_file(name, read_bytes(file.path))
            cache.write(cache.entry_name("checks", name, file.key), file.key, file.checks)
    return file.checks


def _cross_problems(files: list[_File]) -> tuple[Problem, ...]:
    """Whole-ledger problems; cached under the files' keys, since they depend on nothing else."""
    key = cache.combined_key([f.key for f in files])
    name = cache.entry_name("cross", "\0".join(str(f.path) for f in files), key)
    found = cache.read(name, key)
    if found is None:
        found = tuple(cross_check([f.records for f in files], [_checks(f) for f in files]))
        cache.write(name, key, found)
    return found


def merge_records(files: list[FileRecords]) -> Ledger:
    """One Ledger from several files' records; on duplicate ids the first file wins."""
    if len(files) == 1:
        only = files[0]
        return Ledger((only.path,), only.sources, only.entities, only.facts)
    sources: dict[str, Source] = {}
    entities: dict[str, Entity] = {}
    facts: list[Fact] = []
    for records in files:
        for sid, source in records.sources.items():
            sources.setdefault(sid, source)
        for eid, entity in records.entities.items():
            entities.setdefault(eid, entity)
        facts.extend(records.facts)
    return Ledger(tuple(r.path for r in files), sources, entities, tuple(facts))


def validate_ledgers(paths: tuple[Path, ...]) -> Validation:
    """Read, check and merge ledger files and directories; raises LedgerError only when one cannot be read."""
    with paused_gc():
        files = [_load_file(path) for path in ledger_files(paths)]
        problems = [p for f in files for p in f.records.problems]
        problems.extend(_cross_problems(files))
        return Validation(merge_records([f.records for f in files]), sort_problems(problems))


def load_ledgers(paths: tuple[Path, ...]) -> Ledger:
    """The merged ledger, or LedgerProblems listing every error (warnings need `factlint ledger check`)."""
    validation = validate_ledgers(tuple(paths))
    if validation.errors:
        raise LedgerProblems([p.format() for p in validation.errors])
    return validation.ledger
