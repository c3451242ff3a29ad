"""The rule catalogue: one YAML file per rule, shipped inside the package."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

REQUIRED = ("id", "name", "check", "severity", "message", "summary", "description", "examples")


@dataclass(frozen=True)
class Rule:
    """A rule's metadata, documentation and examples."""

    id: str
    name: str
    check: str
    severity: str
    message: str
    summary: str
    description: str
    examples: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    enabled: bool = True

    def render(self, **values: Any) -> str:
        """Fill the message template; missing values render as '?'."""
        return self.message.format_map(_Defaulting(values))


class _Defaulting(dict):
    """A format mapping that renders unknown placeholders as '?'."""

    def __missing__(self, key: str) -> str:
        return "?"


def rules_dir() -> Path:
    """The catalogue folder: inside the installed wheel, else the source checkout's rules/."""
    # A plain path, not importlib.resources: the wheel installs unzipped, and importing
    # importlib.resources costs ~15 ms of start-up on every run.
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, Rule]:
    """Every rules/*.yaml as Rule records, keyed by id, in id order (cached: YAML costs ~25 ms a run)."""
    from factlint import __version__
    from factlint.ledger import cache

    paths = sorted(rules_dir().glob("*.yaml"))
    stamp = [f"{p.name}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in paths]
    key = cache.combined_key([__version__, *stamp])
    name = cache.entry_name("catalogue", str(rules_dir()), key)
    rules = cache.read(name, key)
    if not isinstance(rules, dict):
        rules = _parse(paths)
        cache.write(name, key, rules)
    return rules


def _parse(paths: list[Path]) -> dict[str, Rule]:
    """Read the rule files."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rules: dict[str, Rule] = {}
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        missing = [k for k in REQUIRED if k not in data]
        if missing:
            raise ValueError(f"{path}: rule is missing {', '.join(missing)}")
        rules[data["id"]] = Rule(**{k: data[k] for k in REQUIRED}, enabled=data.get("enabled", True))
    return dict(sorted(rules.items()))
