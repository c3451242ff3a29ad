"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding."""

from __future__ import annotations

from factlint.findings import Finding, Report
from factlint.fingerprint import posix_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ':' and ',' which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=CODE::message``."""
    # Finding.end_column is one past the last character; GitHub's endColumn is the last character itself.
    end_column = max(f.end_column - 1, 1 if f.end_line != f.line else f.column)
    props = {"file": posix_path(f.path), "line": f.line, "endLine": f.end_line, "col": f.column,
             "endColumn": end_column, "title": f.code}
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{COMMANDS.get(f.severity, 'warning')} {joined}::{escape_data(f.message)}"


def render(report: Report) -> str:
    """One annotation line per finding (nothing at all for a clean run)."""
    return "".join(annotation(f) + "\n" for f in report.findings)
