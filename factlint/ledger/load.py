"""Read ledger v1 YAML files into typed records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from factlint.errors import LedgerError
from factlint.ledger.model import Entity, Fact, Ledger, PartialDate, Source, Tolerance

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(raw: Any, path: str, where: str) -> PartialDate:
    """Parse a YAML date, or 'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY' text, into a PartialDate."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return PartialDate(raw.year, raw.month, raw.day)
    m = _DATE_RE.match(str(raw).strip()) if isinstance(raw, (str, int)) else None
    if not m:
        raise LedgerError(path, f"{where}: {raw!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise LedgerError(path, f"{where}: {raw!r} is not a real date") from None
    return PartialDate(year, month, day)


def parse_tolerance(raw: Any, path: str, where: str) -> Tolerance:
    """Parse an absolute (0.05) or relative ('5%') tolerance."""
    if isinstance(raw, str) and raw.strip().endswith("%"):
        try:
            amount = float(raw.strip()[:-1]) / 100
        except ValueError:
            amount = -1.0
        if amount >= 0:
            return Tolerance(amount, relative=True)
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw >= 0:
        return Tolerance(float(raw))
    raise LedgerError(path, f"{where}: tolerance {raw!r} must be a non-negative number or a percentage like '5%'")


def _strings(raw: Any, path: str, where: str) -> tuple[str, ...]:
    """A string or list of strings, as a tuple."""
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise LedgerError(path, f"{where}: expected a string or a list of strings")
    return tuple(items)


def _mapping(raw: Any, path: str, where: str) -> dict:
    """Check that ``raw`` is a mapping (None counts as empty)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LedgerError(path, f"{where}: expected a mapping")
    return raw


def _date_or_none(raw: Any, path: str, where: str) -> dt.date | None:
    """A full date for validity windows."""
    if raw is None:
        return None
    pd = parse_partial_date(raw, path, where)
    return dt.date(pd.year, pd.month or 1, pd.day or 1)


def _source(sid: str, raw: Any, path: str) -> Source:
    """Build a Source record."""
    raw = _mapping(raw, path, f"source {sid}")
    if not isinstance(raw.get("title"), str):
        raise LedgerError(path, f"source {sid}: 'title' is required")
    dates = {k: parse_partial_date(raw[k], path, f"source {sid}: {k}") for k in ("published", "accessed") if raw.get(k)}
    return Source(sid, raw["title"], raw.get("url"), raw.get("publisher"), archive_url=raw.get("archive_url"), **dates)


def _entity(eid: str, raw: Any, path: str) -> Entity:
    """Build an Entity record."""
    raw = _mapping(raw, path, f"entity {eid}")
    if not isinstance(raw.get("name"), str):
        raise LedgerError(path, f"entity {eid}: 'name' is required")
    return Entity(eid, raw["name"], _strings(raw.get("aliases"), path, f"entity {eid}: aliases"), raw.get("kind", "other"))


def _fact(raw: Any, path: str, index: int) -> Fact:
    """Build a Fact record."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise LedgerError(path, f"fact #{index + 1}: expected a mapping with an 'id'")
    fid, where = raw["id"], f"fact {raw['id']}"
    if not isinstance(raw.get("claim"), str):
        raise LedgerError(path, f"{where}: 'claim' is required")
    if ("value" in raw) == ("date" in raw):
        raise LedgerError(path, f"{where}: needs exactly one of 'value' or 'date'")
    value = raw.get("value")
    if "value" in raw and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise LedgerError(path, f"{where}: value {value!r} is not a number")
    sources = _strings(raw.get("source"), path, f"{where}: source")
    if not sources:
        raise LedgerError(path, f"{where}: 'source' is required")
    return Fact(
        id=fid,
        claim=raw["claim"],
        sources=sources,
        about=_strings(raw.get("about"), path, f"{where}: about"),
        keywords=_strings(raw.get("keywords"), path, f"{where}: keywords"),
        value=float(value) if value is not None else None,
        unit=str(raw["unit"]) if raw.get("unit") is not None else None,
        tolerance=parse_tolerance(raw["tolerance"], path, where) if "tolerance" in raw else None,
        date=parse_partial_date(raw["date"], path, f"{where}: date") if "date" in raw else None,
        quote=raw.get("quote"),
        valid_from=_date_or_none(raw.get("valid_from"), path, f"{where}: valid_from"),
        valid_until=_date_or_none(raw.get("valid_until"), path, f"{where}: valid_until"),
        path=path,
    )


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning every failure into a LedgerError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LedgerError(str(path), "ledger file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(str(path), f"cannot read ledger: {exc}") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise LedgerError(str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}", line, col) from None


def load_ledger(path: str | Path) -> Ledger:
    """Load and convert one ledger file."""
    path = Path(path)
    data = read_yaml(path)
    name = str(path)
    if not isinstance(data, dict):
        raise LedgerError(name, "a ledger must be a mapping with 'version: 1'")
    if data.get("version") != 1:
        raise LedgerError(name, f"unsupported ledger version {data.get('version')!r} (expected 1)")
    sources = {sid: _source(sid, raw, name) for sid, raw in _mapping(data.get("sources"), name, "sources").items()}
    entities = {eid: _entity(eid, raw, name) for eid, raw in _mapping(data.get("entities"), name, "entities").items()}
    facts_raw = data.get("facts") or []
    if not isinstance(facts_raw, list):
        raise LedgerError(name, "facts: expected a list")
    facts = tuple(_fact(raw, name, i) for i, raw in enumerate(facts_raw))
    return Ledger((name,), sources, entities, facts)


def merge(ledgers: list[Ledger]) -> Ledger:
    """Combine several ledger files into one."""
    if len(ledgers) == 1:
        return ledgers[0]
    sources: dict[str, Source] = {}
    entities: dict[str, Entity] = {}
    facts: list[Fact] = []
    for ledger in ledgers:
        sources.update(ledger.sources)
        entities.update(ledger.entities)
        facts.extend(ledger.facts)
    return Ledger(tuple(p for ledger in ledgers for p in ledger.paths), sources, entities, tuple(facts))


def load_ledgers(paths: tuple[Path, ...]) -> Ledger:
    """Load every ledger file (a directory means all *.yaml / *.yml in it) and merge them."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise LedgerError(str(path), "no ledger files (*.yaml) in this directory")
            files.extend(found)
        else:
            files.append(path)
    return merge([load_ledger(p) for p in files])
