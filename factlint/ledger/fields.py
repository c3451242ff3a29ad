"""Parse one ledger field's YAML value into its typed form, or say what is wrong with it."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any
from urllib.parse import urlsplit

from factlint.ledger.model import PartialDate, Tolerance
from factlint.startup import regex

_DATE_RE = regex(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
KINDS = ("person", "organization", "place", "other")


class FieldError(ValueError):
    """A field's value has the wrong type or an impossible value; the message says which."""


def _show(raw: Any) -> str:
    """A short quoted rendering of a YAML value for messages."""
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def text(raw: Any, name: str) -> str:
    """Non-empty text; a bare YAML number or date is refused with a hint to quote it."""
    if isinstance(raw, str):
        if not raw.strip():
            raise FieldError(f"'{name}' is empty")
        return raw
    if raw is not None and not isinstance(raw, (dict, list)):
        raise FieldError(f"'{name}' must be text, but YAML reads {_show(raw)} as a {type(raw).__name__}; "
                         "put it in quotes")
    raise FieldError(f"'{name}' must be text, not {_show(raw) if raw is not None else 'empty'}")


def strings(raw: Any, name: str) -> tuple[str, ...]:
    """A string or a list of strings, as a tuple (None is empty)."""
    if raw is None:
        return ()
    items = [raw] if not isinstance(raw, list) else raw
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise FieldError(f"'{name}' must be text or a list of text; {_show(item)} is not")
    return tuple(items)


def number(raw: Any, name: str) -> float:
    """A finite number (not a boolean, not text)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        hint = "; write a plain number such as 48.27 or 1204311 (no separators, units or quotes)" \
            if isinstance(raw, str) else ""
        raise FieldError(f"'{name}' must be a number, not {_show(raw)}{hint}")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise FieldError(f"'{name}' must be a finite number, not {_show(raw)}")
    try:
        return float(raw)
    except OverflowError:
        raise FieldError(f"'{name}' is too large a number") from None


def partial_date(raw: Any, name: str) -> PartialDate:
    """A YAML date, or 'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY' (also a bare year number)."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return PartialDate(raw.year, raw.month, raw.day)
    match = _DATE_RE.match(str(raw).strip()) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
    if not match:
        raise FieldError(f"'{name}' must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not {_show(raw)}")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise FieldError(f"'{name}' {_show(raw)} is not a real date") from None
    return PartialDate(year, month, day)


def first_day(raw: Any, name: str) -> dt.date:
    """A validity bound: a partial date taken at its first day."""
    pd = partial_date(raw, name)
    return dt.date(pd.year, pd.month or 1, pd.day or 1)


def tolerance(raw: Any, name: str = "tolerance") -> Tolerance:
    """An absolute (0.05) or relative ('5%') tolerance, never negative."""
    if isinstance(raw, str) and raw.strip().endswith("%"):
        try:
            amount = float(raw.strip()[:-1])
        except ValueError:
            amount = math.nan
        if math.isfinite(amount) and amount >= 0:
            return Tolerance(amount / 100, relative=True)
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw) and raw >= 0:
        return Tolerance(float(raw))
    raise FieldError(f"'{name}' must be a non-negative number (0.05) or percentage ('5%'), not {_show(raw)}")


def url(raw: Any, name: str) -> str:
    """An absolute http(s) address."""
    value = text(raw, name)
    try:
        parts = urlsplit(value.strip())
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an invalid IPv6 host
        ok = False
    if not ok:
        raise FieldError(f"'{name}' must be an http:// or https:// address, not {_show(raw)}")
    return value.strip()


def kind(raw: Any, name: str = "kind") -> str:
    """One of the entity kinds."""
    if raw not in KINDS:
        raise FieldError(f"'{name}' must be one of {', '.join(KINDS)}, not {_show(raw)}")
    return raw


def version(raw: Any, name: str = "version") -> int:
    """Only version 1 exists."""
    if raw != 1 or isinstance(raw, bool):
        raise FieldError(f"unsupported ledger version {_show(raw)}; this factlint reads version 1")
    return 1
