"""Stage 5: pure renderers from a Report to text. Only the CLI decides exit codes."""

from __future__ import annotations

from typing import Callable

from factlint.findings import Report
from factlint.reporters import github as github_reporter
from factlint.reporters import gitlab as gitlab_reporter
from factlint.reporters import json_ as json_reporter
from factlint.reporters import sarif as sarif_reporter
from factlint.reporters import text as text_reporter

Renderer = Callable[[Report], str]

# Explicit registry: --format name -> render function.
REPORTERS: dict[str, Renderer] = {
    "text": text_reporter.render,
    "json": json_reporter.render,
    "sarif": sarif_reporter.render,
    "github": github_reporter.render,
    "gitlab": gitlab_reporter.render,
}
