"""Plain text: one line per finding, then a summary line."""

from __future__ import annotations

from factlint.findings import Finding, Report


def format_finding(f: Finding) -> str:
    """``path:line:col: CODE rule message``."""
    return f"{f.path}:{f.line}:{f.column}: {f.code} {f.rule} {f.message}"


def summary_line(report: Report) -> str:
    """E.g. ``Found 3 findings (2 errors, 1 warning) in 2 files.``"""
    n, files = len(report.findings), report.files
    plural = lambda k, word: f"{k} {word}{'' if k == 1 else 's'}"  # noqa: E731
    if not n:
        return f"No findings in {plural(files, 'file')}."
    parts = [plural(report.count(s), s) for s in ("error", "warning", "info") if report.count(s)]
    return f"Found {plural(n, 'finding')} ({', '.join(parts)}) in {plural(files, 'file')}."


def render(report: Report) -> str:
    """Every finding on its own line, then the summary."""
    lines = [format_finding(f) for f in report.findings]
    lines.append(summary_line(report))
    if report.coverage is not None:
        lines.append(report.coverage.line())
    return "\n".join(lines) + "\n"
