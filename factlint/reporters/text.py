"""Plain text: one line per finding, then a summary line; optionally with ANSI colour."""

from __future__ import annotations

from factlint.findings import Finding, Report

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
# Severity colours as in most linters: red errors, yellow warnings, cyan notes.
_SEVERITY_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}


def _paint(text: str, style: str, color: bool) -> str:
    """Wrap text in an ANSI style when colour is on."""
    return f"{style}{text}{_RESET}" if color and style else text


def format_finding(f: Finding, color: bool = False) -> str:
    """``path:line:col: CODE rule message``; in colour the path is bold and the code shows the severity."""
    where = _paint(f.path, _BOLD, color)
    code = _paint(f.code, _SEVERITY_COLOURS.get(f.severity, ""), color)
    return f"{where}:{f.line}:{f.column}: {code} {f.rule} {f.message}"


def summary_line(report: Report) -> str:
    """E.g. ``Found 3 findings (2 errors, 1 warning) in 2 files.``"""
    n, files = len(report.findings), report.files
    plural = lambda k, word: f"{k} {word}{'' if k == 1 else 's'}"  # noqa: E731
    if not n:
        return f"No findings in {plural(files, 'file')}."
    parts = [plural(report.count(s), s) for s in ("error", "warning", "info") if report.count(s)]
    return f"Found {plural(n, 'finding')} ({', '.join(parts)}) in {plural(files, 'file')}."


def render(report: Report, color: bool = False) -> str:
    """Every finding on its own line, then the summary (never coloured, so --quiet can drop it)."""
    lines = [format_finding(f, color) for f in report.findings]
    lines.append(summary_line(report))
    if report.coverage is not None:
        lines.append(report.coverage.line())
    return "\n".join(lines) + "\n"
