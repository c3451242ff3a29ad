"""Stage 4: rule checks. One explicit registry maps each catalogue ``check`` name to its function."""

from __future__ import annotations

from typing import Callable, Iterable

from factlint.checks.context import Context, Hit

CheckFn = Callable[[Context], Iterable[Hit]]

# Filled by name, not by import-time registration: every check is listed here and nowhere else.
REGISTRY: dict[str, CheckFn] = {}
