"""Find sources and facts in a ledger's text: their lines, and where a source's block starts and ends.

The YAML loader drops comments and layout; these scans read the text itself, so reports can point at
lines and `archive --write` can insert a line without re-serialising (and losing) anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factlint.startup import regex

_TOP_KEY = regex(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
_KEY = regex(r"""^(\s*)(?:"([^"]+)"|'([^']+)'|([^\s:#'"][^:#]*?))\s*:(?:\s+(.*))?$""")
_FACT_ID = regex(r"""(?:^\s*-?\s*|[{,]\s*)id\s*:\s*["']?([^\s"',}#]+)""")


@dataclass(frozen=True)
class SourceBlock:
    """A source's place in a ledger file; indexes are 0-based line numbers."""

    id: str
    key_line: int  # the 'source-id:' line
    end: int  # one past the block's last content line
    indent: int  # the key's indentation
    flow: bool  # 'id: {title: ..., url: ...}' on one line

    @property
    def line(self) -> int:
        """1-based line number for reports."""
        return self.key_line + 1


def indent_of(line: str) -> int:
    """Leading spaces."""
    return len(line) - len(line.lstrip(" "))


def is_content(line: str) -> bool:
    """Not blank and not only a comment."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _section(lines: list[str], name: str) -> tuple[int, int] | None:
    """The body (start, end) of a top-level block key such as 'sources:'."""
    for i, line in enumerate(lines):
        m = _TOP_KEY.match(line)
        if m and m.group(1) == name:
            rest = m.group(2).split(" #", 1)[0].strip()
            if rest:  # 'sources: {...}' in flow style has no block body to scan
                return None
            end = next((j for j in range(i + 1, len(lines)) if is_content(lines[j]) and indent_of(lines[j]) == 0),
                       len(lines))
            return i + 1, end
    return None


def _key_name(m: re.Match[str]) -> str:
    """The key of a mapping line, unquoted."""
    return m.group(2) or m.group(3) or m.group(4)


def source_blocks(text: str) -> dict[str, SourceBlock]:
    """Every source under the top-level 'sources:' key, by id."""
    lines = text.splitlines()
    section = _section(lines, "sources")
    if section is None:
        return {}
    start, end = section
    content = [i for i in range(start, end) if is_content(lines[i])]
    if not content:
        return {}
    indent = indent_of(lines[content[0]])
    keys = [i for i in content if indent_of(lines[i]) == indent and _KEY.match(lines[i])]
    blocks = {}
    for n, i in enumerate(keys):
        limit = keys[n + 1] if n + 1 < len(keys) else end
        last = max(j for j in content if i <= j < limit)
        m = _KEY.match(lines[i])
        value = (m.group(5) or "").strip()
        blocks[_key_name(m)] = SourceBlock(_key_name(m), i, last + 1, indent, value.startswith("{"))
    return blocks


def fact_lines(text: str) -> dict[str, int]:
    """1-based line of each fact's 'id:' under the top-level 'facts:' key."""
    lines = text.splitlines()
    section = _section(lines, "facts")
    if section is None:
        return {}
    found: dict[str, int] = {}
    for i in range(*section):
        m = _FACT_ID.search(lines[i].split(" #", 1)[0])
        if m:
            found.setdefault(m.group(1), i + 1)
    return found


@dataclass(frozen=True)
class Places:
    """Where each source and fact is defined: id -> (ledger path, 1-based line)."""

    sources: dict[str, tuple[str, int]]
    facts: dict[str, tuple[str, int]]

    def source(self, sid: str, default_path: str) -> tuple[str, int]:
        """A source's place; line 1 of the first ledger when it cannot be found."""
        return self.sources.get(sid, (default_path, 1))


def find_places(paths: tuple[str, ...]) -> Places:
    """Scan every ledger file; a later file's definition wins, as it does when ledgers are merged."""
    sources: dict[str, tuple[str, int]] = {}
    facts: dict[str, tuple[str, int]] = {}
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue  # the loader already read it; a vanished file only costs us line numbers
        sources.update({sid: (path, block.line) for sid, block in source_blocks(text).items()})
        facts.update({fid: (path, line) for fid, line in fact_lines(text).items()})
    return Places(sources, facts)
