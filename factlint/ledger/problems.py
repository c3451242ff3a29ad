"""Ledger problems (FL3xx): what is wrong, where, and how it is printed."""

from __future__ import annotations

from dataclasses import dataclass

# code -> (rule name, default severity); tests keep this in step with rules/FL3*.yaml,
# so loading a ledger never has to read the rule catalogue.
CODES: dict[str, tuple[str, str]] = {
    "FL301": ("yaml-syntax", "error"),
    "FL302": ("unknown-key", "error"),
    "FL303": ("wrong-type", "error"),
    "FL304": ("value-or-date", "error"),
    "FL305": ("duplicate-id", "error"),
    "FL306": ("duplicate-key", "error"),
    "FL307": ("unknown-reference", "error"),
    "FL308": ("shared-alias", "warning"),
    "FL309": ("validity-window", "error"),
    "FL310": ("ledger-contradiction", "warning"),
    "FL311": ("hostile-yaml", "error"),
    "FL312": ("missing-key", "error"),
    "FL313": ("unfindable-name", "warning"),
    "FL314": ("empty-keyword", "warning"),
}

# (line, column, end_line, end_column), 1-based, end exclusive; (0, 0, 0, 0) when unknown.
Spot = tuple[int, int, int, int]
NOWHERE: Spot = (0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Problem:
    """One FL3xx problem at one place in one ledger file."""

    def __reduce__(self) -> tuple:
        """Pickle as a constructor call (faster to load than a frozen slotted dataclass's state)."""
        return (Problem, (self.path, self.spot, self.code, self.message))

    path: str
    spot: Spot
    code: str
    message: str

    @property
    def rule(self) -> str:
        """The rule's name, e.g. 'unknown-key'."""
        return CODES[self.code][0]

    @property
    def severity(self) -> str:
        """The rule's default severity."""
        return CODES[self.code][1]

    @property
    def line(self) -> int:
        """1-based line (at least 1, so the text form always has one)."""
        return max(self.spot[0], 1)

    @property
    def column(self) -> int:
        """1-based column."""
        return max(self.spot[1], 1)

    def sort_key(self) -> tuple:
        """Report order: file, position, code, message."""
        return (self.path, self.line, self.column, self.code, self.message)

    def format(self) -> str:
        """``ledger.yaml:LINE:COL: FL3xx rule-name message``, like a draft finding in text output."""
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.rule} {self.message}"


def sort_problems(problems: list[Problem] | tuple[Problem, ...]) -> tuple[Problem, ...]:
    """De-duplicated (an aliased node can report twice) and in report order."""
    return tuple(sorted(set(problems), key=Problem.sort_key))
