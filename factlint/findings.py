"""The Finding record that rules produce and reporters render."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factlint.coverage import Coverage

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: str
    message: str
    fact: str | None = None
    source: str | None = None
    found: str = ""
    expected: str | None = None

    def __reduce__(self) -> tuple:
        """Pickle as a constructor call: a long draft's parts send their findings to the parent
        (factlint.parallel); slots' default state is a Python setattr loop per finding, ~3x slower."""
        return (Finding, _field_values(self))

    def sort_key(self) -> tuple:
        """Stable report order: by file, then position, then code."""
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column, self.message)


_field_values = attrgetter(*Finding.__match_args__)  # every field, in order: the constructor's arguments


def severity_rank(severity: str) -> int:
    """info < warning < error; unknown severities rank lowest."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else -1


@dataclass(frozen=True)
class Report:
    """All findings of one run, in report order, and how many files were checked."""

    findings: tuple[Finding, ...]
    files: int
    coverage: "Coverage | None" = None  # with --stats

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)
