"""Typed records for a parsed draft."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Block:
    """A run of checkable prose: a paragraph, heading, list item or table row."""

    start: int
    end: int
    kind: str
    # For a table row: the header row's span, whose words give the row's cells their meaning.
    context: tuple[int, int] | None = None


@dataclass(frozen=True)
class Document:
    """A draft: its normalised text, a same-length masked copy, blocks and metadata."""

    path: str
    text: str
    masked: str
    line_starts: tuple[int, ...]
    blocks: tuple[Block, ...]
    date: dt.date | None = None
    markdown: bool = True
    references: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # label -> (URL, start, end)
    footnotes: dict[str, tuple[int, int]] = field(default_factory=dict)  # footnote id -> span of its text
    linkable: str = ""  # like text, with all but prose blocks, code spans and comments blanked

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, in Unicode characters."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1
