"""Inline suppressions (markdownlint style) and FL901 for those that silence nothing.

Markdown: ``<!-- factlint-disable-next-line FL201 -->``, ``<!-- factlint-disable-line -->``,
``<!-- factlint-disable FL101 -->`` ... ``<!-- factlint-enable FL101 -->``, ``<!-- factlint-disable-file -->``.
Plain text: the same words on a line of their own. Codes (or rule names) are separated by spaces or
commas, none means every rule, and a reason may follow ``--``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from factlint.catalogue import Rule, load_catalogue
from factlint.document.model import Document
from factlint.findings import Finding
from factlint.startup import regex

if TYPE_CHECKING:  # engine imports this module, so only for type checkers
    from factlint.engine import RuleSet

UNUSED = "FL901"
_DIRECTIVE = regex(r"factlint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])(.*)\Z", re.S)
_OPENER = regex(r"<!--|`+")
_BLANK_LINE = regex(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Directive:
    """One suppression comment: what it silences and where it is."""

    kind: str
    codes: frozenset[str] | None  # None: every rule
    unknown: tuple[str, ...]  # words that name no rule
    label: str  # the directive as written, without comment markers or reason
    start: int  # offsets of the whole comment in Document.text
    end: int
    first_line: int
    last_line: int
    end_pos: tuple[int, int]  # (line, column) just after the comment

    def names(self, code: str) -> bool:
        """Whether this directive concerns rule ``code``."""
        return self.codes is None or code in self.codes


def _resolve(words: list[str]) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """Rule codes (or names) to codes; words that name no rule are kept apart."""
    if not words:
        return None, ()
    catalogue = load_catalogue()
    by_name = {rule.name: code for code, rule in catalogue.items()}
    codes = {w.upper() if w.upper() in catalogue else by_name.get(w.lower(), "") for w in words}
    unknown = tuple(w for w in words if w.upper() not in catalogue and w.lower() not in by_name)
    return frozenset(codes - {""}), unknown


def parse_directive(body: str, doc: Document, start: int, end: int) -> Directive | None:
    """A Directive from a comment's inner text, or None when it is not one."""
    m = _DIRECTIVE.match(body.strip())
    if not m:
        return None
    kind, rest = m.groups()
    if rest and not rest[0].isspace():
        return None
    words_part = rest.split("--", 1)[0]
    words = [w for w in re.split(r"[\s,]+", words_part) if w]
    codes, unknown = _resolve(words)
    label = " ".join([f"factlint-{kind}", *words])
    first_line, _ = doc.position(start)
    last_line, _ = doc.position(max(start, end - 1))
    return Directive(kind, codes, unknown, label, start, end, first_line, last_line, doc.position(end))


def _code_lines(text: str) -> set[int]:
    """1-based lines inside fenced or indented code blocks, where a comment is only an example."""
    from factlint.document.blocks import code_lines

    found = code_lines(text)
    return found if found is not None else _markdown_it_code_lines(text)


def _markdown_it_code_lines(text: str) -> set[int]:
    """What _code_lines gives, from markdown-it (for the drafts the block scanner declines)."""
    from markdown_it import MarkdownIt

    lines: set[int] = set()
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return lines


def _tick_runs(text: str, code: set[int], doc: Document) -> dict[int, list[int]]:
    """Start offsets of the backtick runs outside code blocks, by run length."""
    runs: dict[int, list[int]] = defaultdict(list)
    for m in re.finditer("`+", text):
        if doc.position(m.start())[0] not in code:
            runs[len(m.group())].append(m.start())
    return runs


def _markdown_comments(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, inner text) of each HTML comment outside code blocks and code spans.

    One left-to-right pass, as CommonMark decides between a comment and a code span: whichever
    opens first wins. Lookups are by bisection, so no input makes this quadratic.
    """
    text, code = doc.text, _code_lines(doc.text)
    ticks = _tick_runs(text, code, doc)
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    pos = 0
    while m := _OPENER.search(text, pos):
        pos = m.end()
        if doc.position(m.start())[0] in code:
            continue
        if m.group() != "<!--":
            # A code span closes with the next run of the same length before the paragraph ends.
            starts = ticks[len(m.group())]
            after = bisect_right(starts, m.start())
            blank = bisect_right(blanks, m.start())
            para_end = blanks[blank] if blank < len(blanks) else len(text)
            if after < len(starts) and starts[after] < para_end:
                pos = starts[after] + len(m.group())
            continue
        close = text.find("-->", m.end())
        if close < 0:
            return
        pos = close + 3
        yield m.start(), pos, text[m.end() : close]


def _plain_lines(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each line that holds only a directive (comment markers allowed)."""
    offset = 0
    for line in doc.text.split("\n"):
        body = line.strip()
        if body.startswith("<!--") and body.endswith("-->"):
            body = body[4:-3].strip()
        if body.startswith("factlint-"):
            start = offset + len(line) - len(line.lstrip())
            yield start, offset + len(line.rstrip()), body
        offset += len(line) + 1


def find_directives(doc: Document) -> list[Directive]:
    """Every suppression directive of a document, in document order."""
    if "factlint-" not in doc.text:
        return []
    spans = _markdown_comments(doc) if doc.markdown else _plain_lines(doc)
    return [d for start, end, body in spans if (d := parse_directive(body, doc, start, end))]


def silencers(directives: list[Directive], f: Finding) -> list[int]:
    """Indexes of the directives that silence a finding (a later enable/disable overrides an earlier one)."""
    out: list[int] = []
    region: int | None = None
    for i, d in enumerate(directives):
        if not d.names(f.code):
            continue
        if d.kind == "disable-file":
            out.append(i)
        elif d.kind == "disable-line" and d.first_line <= f.line <= d.last_line:
            out.append(i)
        elif d.kind == "disable-next-line" and f.line == d.last_line + 1:
            out.append(i)
        elif d.kind in ("disable", "enable") and d.end_pos <= (f.line, f.column):
            region = i
    if region is not None and directives[region].kind == "disable":
        out.append(region)
    return out


def unused_detail(d: Directive, used: set[str], active: set[str]) -> str | None:
    """Why a directive is unused, or None when it silenced what it names (or names no active rule)."""
    if d.kind == "enable":
        return None
    if d.codes is None:
        return None if used else "no finding to silence"
    idle = sorted(c for c in d.codes if c in active and c not in used)
    parts = [f"no {' or '.join(idle)} finding to silence"] if idle else []
    parts += [f"{w} is not a rule" for w in d.unknown]
    return "; ".join(parts) or None


def _unused_finding(doc: Document, d: Directive, detail: str, rule: Rule, severity: str) -> Finding:
    """An FL901 finding spanning the directive's comment."""
    line, col = doc.position(d.start)
    end_line, end_col = d.end_pos
    found = doc.text[d.start : d.end]
    return Finding(doc.path, line, col, end_line, end_col, UNUSED, rule.name, severity,
                   rule.render(found=found, directive=d.label, detail=detail), found=found)


def apply_suppressions(doc: Document, findings: list[Finding], rules: RuleSet) -> list[Finding]:
    """Drop silenced findings; add FL901 for directives that silenced nothing (when FL901 is active)."""
    directives = find_directives(doc)
    if not directives:
        return findings
    used: dict[int, set[str]] = defaultdict(set)
    kept = []
    for f in findings:
        hits = silencers(directives, f)
        for i in hits:
            used[i].add(f.code)
        if not hits:
            kept.append(f)
    if UNUSED not in rules.active:
        return kept
    return kept + _report_unused(doc, directives, used, rules)


def _report_unused(doc: Document, directives: list[Directive], used: dict[int, set[str]],
                   rules: RuleSet) -> list[Finding]:
    """FL901 findings; only a directive naming FL901 itself silences one, and never its own."""
    rule, severity = rules.active[UNUSED]
    others = set(rules.active) - {UNUSED}
    silenced: set[int] = set()
    # First pass: which reports would exist, and which directives naming FL901 silence them.
    for i, d in enumerate(directives):
        detail = unused_detail(d, used[i], others)
        if detail is None:
            continue
        f = _unused_finding(doc, d, detail, rule, severity)
        hits = [j for j in silencers(directives, f) if j != i and UNUSED in (directives[j].codes or ())]
        for j in hits:
            used[j].add(UNUSED)
        if hits:
            silenced.add(i)
    # Second pass: now that FL901's own use is known, a directive naming it unused is reported too.
    out = []
    for i, d in enumerate(directives):
        detail = None if i in silenced else unused_detail(d, used[i], set(rules.active))
        if detail is not None:
            out.append(_unused_finding(doc, d, detail, rule, severity))
    return out
