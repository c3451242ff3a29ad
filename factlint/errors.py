"""Errors that end a run with exit code 2 and one clear line."""

from __future__ import annotations


class FactlintError(Exception):
    """A user-facing problem: bad input, config or ledger. Printed as one line, exit 2."""

    def __init__(self, path: str | None, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        super().__init__(self.format())

    def format(self) -> str:
        """Render as ``path:line:col: message`` with whatever parts are known."""
        where = [str(p) for p in (self.path, self.line, self.column) if p is not None]
        return ": ".join([":".join(where), self.message]) if where else self.message


class ConfigError(FactlintError):
    """A problem in .factlint.yaml or [tool.factlint]."""


class LedgerError(FactlintError):
    """A problem in a ledger file."""


class InputError(FactlintError):
    """A problem reading a draft."""


class OutputError(FactlintError):
    """The report could not be written: a full disk, a vanished terminal."""


class LedgerProblems(LedgerError):
    """Every problem found in a ledger at once: format() gives one line per problem."""

    def __init__(self, lines: list[str] | tuple[str, ...]):
        self.lines = tuple(lines) or ("invalid ledger",)
        super().__init__(None, self.lines[0])

    def format(self) -> str:
        """One problem: its line. Several: a count, then each on its own line."""
        if len(self.lines) == 1:
            return self.lines[0]
        return f"the ledger has {len(self.lines)} problems:\n" + "\n".join(self.lines)
