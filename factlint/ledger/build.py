"""Turn one ledger file's YAML into records, reporting every problem found in that file alone."""

from __future__ import annotations

import sys
from typing import Any, Callable

from factlint.ledger import fields, schema
from factlint.ledger.claims import subject_keys
from factlint.ledger.model import Entity, Fact, Source
from factlint.ledger.parsed import FileChecks, FileRecords, Ref, Spelling, Subject
from factlint.ledger.problems import Problem, Spot
from factlint.ledger.yamlread import YList, YMap, decode, read_yaml_text
from factlint.words import signals_nothing

_intern = sys.intern  # ids, units and keywords repeat: one string each keeps the cache small and fast


def _item_spots(ymap: YMap, key: str) -> list[Spot]:
    """Where each item of a string-or-list field was written."""
    raw = ymap.get(key)
    if isinstance(raw, YList):
        return raw.item_spots
    return [ymap.value_spots[key]] if key in ymap else []


class _Builder:
    """Collects records and problems while walking one file's document."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self.fact_ids: dict[str, Spot] = {}
        self.refs: list[Ref] = []
        self.spellings: list[Spelling] = []
        self.subjects: list[Subject] = []

    def problem(self, spot: Spot, code: str, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(self.path, spot, code, message))

    def check_keys(self, ymap: YMap, known: tuple[str, ...], where: str, kind: str) -> None:
        """Unknown keys (with a suggestion) and missing required ones."""
        for key in ymap:
            if key not in known:
                self.problem(ymap.key_spots[key], "FL302", schema.unknown_key_message(key, known, where))
        for key in schema.REQUIRED[kind]:
            if key not in ymap or ymap[key] is None:
                self.problem(ymap.spot, "FL312", f"{where} has no '{key}' (required)")

    def field(self, ymap: YMap, key: str, parse: Callable[[Any, str], Any], where: str) -> Any:
        """The parsed value of ``key``, or None when absent or wrong (the problem is recorded)."""
        if key not in ymap or ymap[key] is None:
            return None
        try:
            return parse(ymap[key], key)
        except fields.FieldError as exc:
            self.problem(ymap.value_spots[key], "FL303", f"{where}: {exc}")
            return None

    def section(self, root: YMap, key: str, kind: type) -> Any:
        """A top-level section of the expected kind, or None."""
        raw = root.get(key)
        if raw is None or isinstance(raw, kind):
            return raw
        expected = "a mapping of ids to entries" if kind is YMap else "a list of facts"
        self.problem(root.value_spots[key], "FL303", f"'{key}' must be {expected}")
        return None

    def ledger(self, root: Any) -> None:
        """The whole document."""
        if not isinstance(root, YMap):
            spot = getattr(root, "spot", (1, 1, 1, 1))
            if root is None:
                self.problem(spot, "FL312", "empty ledger: a ledger starts with 'version: 1'")
            else:
                self.problem(spot, "FL303", "a ledger must be a mapping with 'version: 1', sources, entities, facts")
            return
        self.check_keys(root, schema.TOP, "the ledger", "ledger")
        self.field(root, "version", fields.version, "the ledger")
        for sid, raw in (self.section(root, "sources", YMap) or {}).items():
            self.source(sid, raw, root["sources"])
        for eid, raw in (self.section(root, "entities", YMap) or {}).items():
            self.entity(eid, raw, root["entities"])
        facts = self.section(root, "facts", YList) or []
        for index, raw in enumerate(facts):
            self.fact(raw, facts.item_spots[index], index)

    def entry(self, key: Any, raw: Any, parent: YMap, kind: str) -> YMap | None:
        """A source or entity entry: a text id mapped to a mapping."""
        if not isinstance(key, str) or not key.strip():
            self.problem(parent.key_spots[key], "FL303", f"{kind} ids must be text, not {key!r}")
            return None
        if isinstance(raw, YMap):
            return raw
        required = schema.REQUIRED[kind][0]
        code, what = ("FL312", f"has no '{required}' (required)") if raw is None else ("FL303", "must be a mapping")
        self.problem(parent.value_spots[key] if raw is not None else parent.key_spots[key], code,
                     f"{kind} {key} {what}")
        return None

    def source(self, sid: Any, raw: Any, parent: YMap) -> None:
        """One source."""
        ymap = self.entry(sid, raw, parent, "source")
        if ymap is None:
            return
        where = f"source {sid}"
        self.check_keys(ymap, schema.SOURCE, where, "source")
        spot = parent.key_spots[sid]
        self.sources[_intern(sid)] = Source(
            _intern(sid), self.field(ymap, "title", fields.text, where) or "",
            self.field(ymap, "url", fields.url, where), self.field(ymap, "publisher", fields.text, where),
            self.field(ymap, "published", fields.partial_date, where),
            self.field(ymap, "accessed", fields.partial_date, where),
            self.field(ymap, "archive_url", fields.url, where), spot[0], spot[1])

    def entity(self, eid: Any, raw: Any, parent: YMap) -> None:
        """One entity, remembering where its name and aliases were written."""
        ymap = self.entry(eid, raw, parent, "entity")
        if ymap is None:
            return
        where = f"entity {eid}"
        self.check_keys(ymap, schema.ENTITY, where, "entity")
        name = self.field(ymap, "name", fields.text, where) or ""
        aliases = self.field(ymap, "aliases", fields.strings, where) or ()
        spot = parent.key_spots[eid]
        eid = _intern(eid)
        self.entities[eid] = Entity(eid, name, aliases, self.field(ymap, "kind", fields.kind, where) or "other",
                                    spot[0], spot[1])
        if name:
            self.spellings.append(Spelling(eid, name, ymap.value_spots["name"], False))
        spots = _item_spots(ymap, "aliases")
        self.spellings.extend(Spelling(eid, alias, at, True) for alias, at in zip(aliases, spots))

    def fact(self, raw: Any, spot: Spot, index: int) -> None:
        """One fact: fields, value-or-date, validity window, duplicate id; then its record."""
        if not isinstance(raw, YMap):
            self.problem(spot, "FL303", f"fact #{index + 1} must be a mapping with id, claim, value or date, source")
            return
        fid = self.field(raw, "id", fields.text, f"fact #{index + 1}")
        where = f"fact {fid}" if fid else f"fact #{index + 1}"
        self.check_keys(raw, schema.FACT, where, "fact")
        record = self.fact_record(raw, fid, where)
        self.check_value_or_date(raw, where)
        self.check_window(raw, record, where)
        if fid is None:
            return
        if fid in self.fact_ids:
            self.problem(raw.value_spots["id"], "FL305",
                         f"duplicate fact id '{fid}' (first at line {self.fact_ids[fid][0]})")
            return
        self.fact_ids[fid] = raw.value_spots["id"]
        self.facts.append(record)
        self.remember(raw, record)
        self.check_keywords(raw, record)

    def fact_record(self, raw: YMap, fid: str | None, where: str) -> Fact | None:
        """The Fact record, with whatever fields parsed (problems are already recorded)."""
        strings = lambda key: tuple(_intern(s) for s in self.field(raw, key, fields.strings, where) or ())  # noqa: E731
        at = raw.value_spots.get("id", raw.spot)
        unit = self.field(raw, "unit", fields.text, where)
        return Fact(
            id=_intern(fid or ""), claim=self.field(raw, "claim", fields.text, where) or "",
            sources=strings("source"), about=strings("about"), keywords=strings("keywords"),
            value=self.field(raw, "value", fields.number, where), unit=_intern(unit) if unit else None,
            tolerance=self.field(raw, "tolerance", fields.tolerance, where),
            date=self.field(raw, "date", fields.partial_date, where),
            quote=self.field(raw, "quote", fields.text, where),
            valid_from=self.field(raw, "valid_from", fields.first_day, where),
            valid_until=self.field(raw, "valid_until", fields.first_day, where),
            path=self.path, line=at[0], column=at[1])

    def check_keywords(self, raw: YMap, fact: Fact) -> None:
        """A keyword of function words alone ("since", "for") signals nothing, and matching ignores it."""
        for keyword, at in zip(fact.keywords, _item_spots(raw, "keywords")):
            if signals_nothing(keyword):
                self.problem(at, "FL314", f"keyword '{keyword}' of fact {fact.id} signals nothing: it is function "
                                          "words alone, which almost every sentence has, so matching ignores it; "
                                          "give a word of what the fact is about")

    def check_value_or_date(self, raw: YMap, where: str) -> None:
        """Exactly one of value/date; unit and tolerance belong to a value."""
        if "value" in raw and "date" in raw:
            self.problem(raw.key_spots["date"], "FL304",
                         f"{where} has both 'value' and 'date'; a fact is a number or a date, not both")
        elif "value" not in raw and "date" not in raw:
            self.problem(raw.spot, "FL304", f"{where} has neither 'value' nor 'date'; give exactly one")
        elif "date" in raw:
            for key in ("unit", "tolerance"):
                if key in raw:
                    self.problem(raw.key_spots[key], "FL304", f"{where}: '{key}' applies only to a fact with a 'value'")

    def check_window(self, raw: YMap, fact: Fact, where: str) -> None:
        """valid_from must come before valid_until (the window is half-open)."""
        if fact.valid_from and fact.valid_until and fact.valid_from >= fact.valid_until:
            self.problem(raw.value_spots["valid_until"], "FL309",
                         f"{where}: valid_from {fact.valid_from} is not before valid_until {fact.valid_until}, "
                         "so the fact is never valid")

    def remember(self, raw: YMap, fact: Fact) -> None:
        """Where the fact's references and value were written, for cross-file checks."""
        for kind, key, targets in (("source", "source", fact.sources), ("entity", "about", fact.about)):
            self.refs.extend(Ref(kind, target, fact.id, at) for target, at in zip(targets, _item_spots(raw, key)))
        if fact.claim and (fact.value is not None or fact.date is not None):
            at = raw.value_spots["date" if fact.date else "value"]
            self.subjects.append(Subject(len(self.facts) - 1, subject_keys(fact), at))

    def result(self) -> tuple[FileRecords, FileChecks]:
        """The file's records and checks."""
        records = FileRecords(self.path, self.sources, self.entities, tuple(self.facts), tuple(self.problems))
        return records, FileChecks(tuple(self.refs), tuple(self.spellings), tuple(self.subjects))


def parse_file(path: str, data: bytes) -> tuple[FileRecords, FileChecks]:
    """Decode, read and check one ledger file's bytes."""
    text, problems = decode(data, path)
    root = None
    if text is not None:
        root, more = read_yaml_text(text, path)
        problems.extend(more)
    builder = _Builder(path, problems)
    if not problems or root is not None:
        builder.ledger(root)
    return builder.result()
