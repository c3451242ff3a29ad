"""Stage 5: pure renderers from a Report to text. Only the CLI decides exit codes."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Callable

from factlint.findings import Report

Renderer = Callable[[Report], str]

# Explicit registry: --format name -> the module whose render() it runs.
MODULES: dict[str, str] = {
    "text": "factlint.reporters.text",
    "json": "factlint.reporters.json_",
    "sarif": "factlint.reporters.sarif",
    "github": "factlint.reporters.github",
    "gitlab": "factlint.reporters.gitlab",
}


class _Renderers(Mapping[str, Renderer]):
    """MODULES as render functions, each module imported when first asked for (JSON, SARIF and the
    fingerprint hashing of github/gitlab stay off the start-up path of a text run)."""

    def __getitem__(self, name: str) -> Renderer:
        return importlib.import_module(MODULES[name]).render

    def __iter__(self) -> Iterator[str]:
        return iter(MODULES)

    def __len__(self) -> int:
        return len(MODULES)


REPORTERS: Mapping[str, Renderer] = _Renderers()
