"""Option parsing and defaults for `factlint sources` (stdlib only: imported by the CLI module)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from factlint.startup import regex

# ASCII: case-insensitive Unicode matching would take "ſ" (long s) and "K" (Kelvin) for "s" and "k",
# units the tables below do not hold ("30ſ" was a KeyError, not a bad option).
_DURATION = regex(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE | re.ASCII)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SIZE = regex(r"^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?\s*$", re.IGNORECASE | re.ASCII)
_SIZE_BYTES = {"b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1024**2, "mb": 1000**2, "mib": 1024**2}

DEFAULT_MAX_AGE = "1d"
DEFAULT_MAX_BYTES = "5MiB"
PROJECT_URL = "https://github.com/factlint/factlint"


def parse_duration(text: str) -> float:
    """'90', '30s', '15m', '12h', '7d', '2w' -> seconds; ValueError otherwise."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a duration (e.g. 0, 30s, 15m, 12h, 7d, 2w)")
    return float(m.group(1)) * _UNIT_SECONDS[m.group(2).lower()]


def parse_size(text: str) -> int:
    """'500000', '800k', '5MiB', '2MB' -> bytes; ValueError otherwise."""
    m = _SIZE.match(text)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a positive size (e.g. 800k, 5MiB)")
    return int(float(m.group(1)) * _SIZE_BYTES[(m.group(2) or "b").lower()])


def default_cache_dir(env: dict[str, str] | None = None) -> Path:
    """$FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint/sources, else ~/.cache/factlint/sources."""
    env = os.environ if env is None else env
    if env.get("FACTLINT_CACHE_DIR"):
        return Path(env["FACTLINT_CACHE_DIR"])
    base = Path(env["XDG_CACHE_HOME"]) if env.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "factlint" / "sources"


def user_agent() -> str:
    """The User-Agent every request sends: names factlint, its version and where to learn more."""
    from factlint import __version__

    return f"factlint/{__version__} (+{PROJECT_URL})"
