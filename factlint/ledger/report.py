"""`factlint ledger check`: validate ledgers and report their problems as findings."""

from __future__ import annotations

import os
from pathlib import Path

from factlint.config import load_config
from factlint.findings import Finding, Report
from factlint.ledger.load import validate_ledgers
from factlint.ledger.problems import Problem


class _Lines:
    """Ledger file lines, read only for files that have problems, to fill in `found`."""

    def __init__(self) -> None:
        self.files: dict[str, list[str]] = {}

    def get(self, path: str, line: int) -> str:
        """The text of a 1-based line, or '' when it cannot be read."""
        if path not in self.files:
            try:
                text = Path(path).read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
            except OSError:
                text = ""
            self.files[path] = text.splitlines()
        lines = self.files[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""


def to_finding(problem: Problem, severity: str, lines: _Lines) -> Finding:
    """A Finding whose `found` is the text of the span, cut at the end of its first line."""
    line, column = problem.line, problem.column
    text = lines.get(problem.path, line)
    end_line, end_column = problem.spot[2], problem.spot[3]
    if end_line != line or end_column < column:
        end_line, end_column = line, max(len(text) + 1, column)
    found = text[column - 1 : end_column - 1]
    end_column = column + len(found)
    return Finding(problem.path, line, column, line, end_column, problem.code, problem.rule, severity,
                   problem.message, found=found)


def run_ledger_check(paths: tuple[Path, ...], fmt: str = "text") -> int:
    """Validate, print the report, return 0 (clean) or 1 (problems)."""
    from factlint.output import emit, render_output, resolve_formats
    from factlint.run import resolve_ledgers

    config = load_config()
    formats = resolve_formats(fmt, os.environ)
    validation = validate_ledgers(resolve_ledgers(paths, config.ledger))
    lines = _Lines()
    findings = []
    for problem in validation.problems:
        severity = config.severity.get(problem.code, problem.severity)
        if severity != "off":
            findings.append(to_finding(problem, severity, lines))
    report = Report(tuple(findings), len(validation.ledger.paths))
    emit(render_output(report, formats), nl=False)
    return 1 if findings else 0
