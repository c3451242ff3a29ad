"""Configuration from .factlint.yaml or [tool.factlint] in pyproject.toml, found by walking up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factlint.errors import ConfigError
from factlint.startup import regex

# Where a pyproject.toml can define tool.factlint: a table header [tool.factlint...] or [tool], or a
# key line starting with `tool` (a dotted key or an inline table; at top level, or anywhere: parsing
# more files than needed is only slower). Quotes and spaces may surround the key parts; escapes in
# quoted keys (\u0066actlint) cannot be matched, so a file with any is always parsed.
_MAY_CONFIGURE = regex(
    r"^[ \t]*(?:"
    r"\[\[?[ \t]*(?P<q>[\"']?)tool(?P=q)[ \t]*(?:\]|\.[ \t]*[\"']?factlint\b)"  # [tool], [tool.factlint...]
    r"|(?P<k>[\"']?)tool(?P=k)[ \t]*[.=])",  # tool.factlint... = ..., tool = {...}
    re.M,
)
KEYS = ("ledger", "select", "ignore", "severity", "fail-on", "exclude")
LEVELS = ("info", "warning", "error", "off")


@dataclass(frozen=True)
class Config:
    """Settings for a run; CLI options override these."""

    path: Path | None = None
    ledger: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    exclude: tuple[str, ...] = ()


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """Walk up from ``start``; the first .factlint.yaml, or pyproject.toml with [tool.factlint], wins."""
    for folder in (start, *start.parents):
        candidate = folder / ".factlint.yaml"
        if candidate.is_file():
            return candidate, _read_yaml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_pyproject(pyproject)
            if table is not None:
                return pyproject, table
    return None


def _read_yaml(path: Path) -> dict[str, Any]:
    """Read .factlint.yaml as a mapping."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read config: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}",
                          mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), "config must be a mapping of keys to values")
    return data


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    """The [tool.factlint] table, or None when the file has none (or cannot hold one)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read config: {exc}") from None
    # A pyproject that cannot configure factlint is not even parsed: importing tomllib and parsing
    # cost ~3 ms a run, also where factlint is only named as a dependency.
    escaped = "\\u" in text or "\\U" in text
    if not escaped and ("factlint" not in text or not _MAY_CONFIGURE.search(text)):
        return None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"cannot read config: {exc}") from None
    return data.get("tool", {}).get("factlint")


def _codes(value: Any, path: Path, key: str) -> tuple[str, ...]:
    """A rule code, or a list of them (also accepts a comma-separated string)."""
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(str(path), f"'{key}' must be a list of rule codes")
    return tuple(v.strip().upper() for v in value)


def parse_config(path: Path, data: dict[str, Any]) -> Config:
    """Validate the raw mapping and build a Config; unknown keys are errors."""
    for key in data:
        if key not in KEYS:
            import difflib  # only to suggest a key: not on every run's path

            hint = difflib.get_close_matches(str(key).replace("_", "-"), KEYS, n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(str(path), f"unknown key '{key}'{extra}")
    ledger = data.get("ledger")
    ledgers = [ledger] if isinstance(ledger, str) else ledger or []
    if not isinstance(ledgers, list) or not all(isinstance(x, str) for x in ledgers):
        raise ConfigError(str(path), "'ledger' must be a path or a list of paths")
    severity = data.get("severity") or {}
    if isinstance(severity, dict):  # YAML 1.1 reads a bare `off` as false
        severity = {k: "off" if v is False else v for k, v in severity.items()}
    if not isinstance(severity, dict) or not all(v in LEVELS for v in severity.values()):
        raise ConfigError(str(path), f"'severity' must map rule codes to one of {', '.join(LEVELS)}")
    fail_on = data.get("fail-on", "error")
    if fail_on not in ("error", "warning", "info"):
        raise ConfigError(str(path), "'fail-on' must be 'error', 'warning' or 'info'")
    exclude = data.get("exclude") or []
    if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
        raise ConfigError(str(path), "'exclude' must be a list of glob patterns")
    return Config(
        path=path,
        ledger=tuple(path.parent / x for x in ledgers),
        select=_codes(data.get("select") or [], path, "select"),
        ignore=_codes(data.get("ignore") or [], path, "ignore"),
        severity={str(k).upper(): v for k, v in severity.items()},
        fail_on=fail_on,
        exclude=tuple(exclude),
    )


def load_config(start: Path | None = None) -> Config:
    """Find and parse the nearest config, or return defaults."""
    found = find_config((start or Path.cwd()).resolve())
    return parse_config(*found) if found else Config()
