"""A fast, line-based scanner for the Markdown block structure factlint keeps.

``scan(text, starts)`` gives what parse.py would take from markdown-it-py (commonmark preset, HTML on,
GFM tables): the spans of paragraphs, headings, one-paragraph list items and table rows (body rows with
their header row's span), and the link reference definitions as ``{normalised label: href}``.

It follows markdown-it's block rules line by line for the common shapes of a draft: blank lines,
paragraphs with their continuation rules, ATX and setext headings, fenced and indented code, HTML blocks,
thematic breaks, GFM tables, flat lists whose items hold one paragraph, and single-line reference
definitions. On anything else, or anything it is not sure about, it returns None and the caller asks
markdown-it: block quotes, nested or multi-paragraph list items, lazy continuation lines in lists, tabs
where they would shift a list item's column, multi-line or unusual reference definitions, whitespace that
markdown-it trims differently from spaces and tabs. tests/test_blocks_scanner.py holds it to markdown-it's
result on every draft it accepts.

Every check looks at a line and at most its successor, so the scan is linear in the text.
"""

from __future__ import annotations

import functools
import re

from factlint.document.model import Block
from factlint.startup import regex

# Whitespace besides space, tab and newline (all str.isspace() finds), and the control and invisible characters
# some markdown-it-py version trims or folds in labels and table cells: there the scanner bails out rather than
# guess. The non-ASCII class is compiled on first use.
_ODD_ASCII = regex(r"[\x00-\x08\x0b-\x1f\x7f]")
_ODD_SPACE = "[\x00-\x08\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]"
_SPACE = " \t"
_MAY_START = frozenset("`~>*-_+=#<[0123456789 \t")  # first characters of lines that may be more than prose
_HR = regex(r"([*_-])(?:[ \t]*\1){2,}[ \t]*")  # fullmatch on a line's content
_UNDERLINE = regex(r"(?:-+|=+)[ \t]*")  # setext underline; fullmatch
_ATX = regex(r"#{1,6}(?:[ \t]|$)")
_ORDERED = regex(r"([0-9]{1,9})([.)])(?:[ \t]|$)")
_DELIMITER_CHARS = regex(r"[|:\- \t]*")
_ALIGN = regex(r":?-+:?")
_UNESCAPED_PIPE = regex(r"(?<!\\)\|")
_MAX_AUTOCOMPLETED_CELLS = 0x10000
# Destinations that markdown-it's normalizeLink returns unchanged (tests fuzz this): http(s)/ftp URLs with a
# plain host name, mailto: addresses, and relative references; only characters it never percent-encodes.
_URL_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})"
_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
_SAFE_URL = (  # compiled (and cached by re) on the first reference definition
    rf"(?i:https?|ftp)://{_HOST}(?::[0-9]{{1,5}})?(?:[/?#]{_URL_CHAR}*)?"
    rf"|(?i:mailto):[A-Za-z0-9._+-]+@{_HOST}"
    rf"|(?:/(?!/)|[?#]|[A-Za-z0-9\-._~]+(?=[/?#]|$)){_URL_CHAR}*"
)
_ENTITY = regex(r"&#?[A-Za-z0-9]+;")
_BAD_PROTOCOL = regex(r"(?:vbscript|javascript|file|data):", re.I)
_TITLE = regex(r"\"[^\"\\]*\"|'[^'\\]*'")

# markdown-it's HTML block openers (CommonMark kinds 1 to 7) and closers; only kinds 1-6 interrupt a paragraph.
_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|"
    "dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|"
    "legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|"
    "tbody|td|tfoot|th|thead|title|tr|track|ul"
)


@functools.cache
def _html_blocks() -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """(opener, closer) per kind; compiled on first use, as few drafts start a line with '<'."""
    attribute = r"(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
    return (
        (regex(r"^<(?a:(script|pre|style|textarea))(?=(\s|>|$))", re.I),
         regex(r"<\/(?a:(script|pre|style|textarea))>", re.I)),
        (regex(r"^<!--"), regex(r"-->")),
        (regex(r"^<\?"), regex(r"\?>")),
        (regex(r"^<![A-Za-z]"), regex(r">")),
        (regex(r"^<!\[CDATA\["), regex(r"\]\]>")),
        (regex(r"^</?(?a:(" + _BLOCK_NAMES + r"))(?=(\s|/?>|$))", re.I), None),
        (regex(r"^(?:<[A-Za-z][A-Za-z0-9\-]*" + attribute + r"*\s*\/?>|<\/[A-Za-z][A-Za-z0-9\-]*\s*>)\s*$"), None),
    )


class _Bail(Exception):
    """The input holds something the scanner does not follow: markdown-it decides."""


class _LabelGoesOn(_Bail):
    """A line opens a reference-like label that does not close on it."""


def odd_space(text: str) -> bool:
    """Whether the text holds whitespace other than spaces, tabs and newlines, or control characters."""
    if text.isascii():
        return _ODD_ASCII.search(text) is not None
    return re.search(_ODD_SPACE, text) is not None


def plain_label(label: str) -> str | None:
    """A reference label as markdown-it keys it, or None when the label holds unusual whitespace."""
    if odd_space(label):
        return None
    return " ".join(label.split()).lower().upper()


def _indent(line: str, content: str) -> int:
    """Columns of leading whitespace, tabs to the next multiple of four (markdown-it's sCount)."""
    lead = len(line) - len(content)
    if not lead or "\t" not in line[:lead]:
        return lead
    col = 0
    for ch in line[:lead]:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


def _fence(content: str) -> tuple[str, int] | None:
    """(marker, length) when the content opens a fenced code block."""
    ch = content[0]
    if ch != "`" and ch != "~":
        return None
    run = len(content) - len(content.lstrip(ch))
    if run < 3 or (ch == "`" and "`" in content[run:]):
        return None
    return ch, run


def _bullet(content: str) -> bool:
    """Whether the content starts with a bullet list marker."""
    return content[0] in "*-+" and (len(content) == 1 or content[1] in _SPACE)


def _marker(content: str) -> bool:
    """Whether the content starts with any list marker (bullet or ordered)."""
    return _bullet(content) or (content[0] in "0123456789" and _ORDERED.match(content) is not None)


def _html_kind(content: str) -> int:
    """1-7 for the kind of HTML block the content opens, 0 for none."""
    for kind, (opener, _) in enumerate(_html_blocks(), 1):
        if opener.search(content):
            return kind
    return 0


def _cells(row: str) -> int:
    """Cells in a trimmed table row, as markdown-it's escapedSplit counts them."""
    pipes = [m.start() for m in _UNESCAPED_PIPE.finditer(row)]
    count = len(pipes) + 1
    if pipes:
        count -= (pipes[0] == 0) + (pipes[-1] == len(row) - 1)
    return count


def _trimmed(content: str) -> str:
    """The content without trailing spaces and tabs; bails when markdown-it might trim more."""
    row = content.rstrip(_SPACE)
    if row and (odd_space(row[0]) or odd_space(row[-1])):
        raise _Bail
    return row


class _Scanner:
    """One pass over a text's lines; the rule methods return the line after the block they read."""

    def __init__(self, text: str, starts: tuple[int, ...] | None, tables: bool = True) -> None:
        self.text = text
        self.starts = starts  # None: only code blocks are wanted
        self.tables = tables
        self.lines = text.split("\n")
        self.n = len(self.lines)
        # markdown-it's line count: a last line of only spaces and tabs (or the empty rest after a final newline) is none
        self.line_max = self.n - 1 if not self.lines[-1].strip(_SPACE) else self.n
        self.blocks: list[Block] = []
        self.references: dict[str, str] = {}
        self.code_maps: list[tuple[int, int]] = []  # line maps of fenced and indented code blocks

    # -- helpers -------------------------------------------------------------------------------
    def span(self, a: int, b: int) -> tuple[int, int]:
        """Character span of lines a to b (exclusive), as parse.py maps markdown-it's line maps."""
        starts = self.starts
        if starts is None:
            return a, b
        end = starts[b] - 1 if b < len(starts) else len(self.text)
        return starts[a], max(starts[a], end)

    def content(self, j: int) -> tuple[str, int]:
        """Line j without its leading spaces and tabs, and its indent in columns."""
        line = self.lines[j]
        content = line.lstrip(_SPACE)
        return content, _indent(line, content)

    def table_columns(self, j: int) -> int:
        """Columns of the table whose header is line j (delimiter row j + 1), or 0 when none starts there."""
        if j + 1 >= self.n or not self.tables:
            return 0
        delim, indent = self.content(j + 1)
        if len(delim) < 2 or indent >= 4:
            return 0
        first, second = delim[0], delim[1]
        if first not in "|-:" or second not in "|-: \t" or (first == "-" and second in _SPACE):
            return 0
        if not _DELIMITER_CHARS.fullmatch(delim):
            return 0
        cols = delim.split("|")
        last = len(cols) - 1
        aligns = 0
        for k, col in enumerate(cols):
            cell = col.strip(_SPACE)
            if not cell:
                if k == 0 or k == last:
                    continue
                return 0
            if not _ALIGN.fullmatch(cell):
                return 0
            aligns += 1
        header, indent = self.content(j)
        row = _trimmed(header)
        if "|" not in row or indent >= 4:
            return 0
        count = _cells(row)
        return count if count and count == aligns else 0

    def interrupts(self, j: int, content: str) -> bool:
        """Whether line j (indent under 4) ends a paragraph: markdown-it's paragraph terminators."""
        ch = content[0]
        if "|" in content and self.table_columns(j):
            return True
        if ch == ">":
            raise _Bail  # a block quote
        if ch in "`~":
            return _fence(content) is not None
        if ch in "*-_+":
            if ch != "+" and _HR.fullmatch(content):
                return True
            return ch != "_" and _bullet(content) and content[1:].strip(_SPACE) != ""
        if ch in "0123456789":
            m = _ORDERED.match(content)
            return m is not None and int(m.group(1)) == 1 and content[m.end(2):].strip(_SPACE) != ""
        if ch == "<":
            return 0 < _html_kind(content) < 7
        if ch == "#":
            return _ATX.match(content) is not None
        return False

    def ends_block(self, content: str) -> bool:
        """Whether a line (indent under 4) ends a table body or a list: fence, quote, break, heading, HTML."""
        ch = content[0]
        if ch == ">":
            raise _Bail
        return ((ch in "`~" and _fence(content) is not None) or (ch in "*-_" and _HR.fullmatch(content) is not None)
                or (ch == "#" and _ATX.match(content) is not None) or (ch == "<" and 0 < _html_kind(content) < 7))

    # -- block rules ---------------------------------------------------------------------------
    def scan(self) -> None:
        """Walk the top-level blocks, trying markdown-it's rules in its order."""
        i, n, lines = 0, self.n, self.lines
        while i < n:
            line = lines[i]
            if not line:
                i += 1
                continue
            if line[0] not in _MAY_START and "|" not in line:  # plain prose: a paragraph starts here
                i = self.paragraph(i)
                continue
            content, indent = self.content(i)
            if not content:
                i += 1
                continue
            if "|" in content and (cols := self.table_columns(i)):
                i = self.table(i, cols)
                continue
            if indent >= 4:
                i = self.code(i)
                continue
            ch = content[0]
            if ch in "`~" and (fence := _fence(content)):
                i = self.fenced(i, *fence)
                continue
            if ch == ">":
                raise _Bail  # a block quote
            if ch in "*-_" and _HR.fullmatch(content):
                i += 1
                continue
            if (ch in "*-+" and _bullet(content)) or (ch in "0123456789" and _ORDERED.match(content)):
                i = self.listing(i)
                continue
            if ch == "[" and self.reference(i, content):
                i += 1
                continue
            if ch == "<" and (kind := _html_kind(content)):
                i = self.html(i, content, kind)
                continue
            if ch == "#" and _ATX.match(content):
                self.blocks.append(Block(*self.span(i, i + 1), "heading"))
                i += 1
                continue
            i = self.paragraph(i)

    def paragraph(self, i: int) -> int:
        """The paragraph, or setext heading, starting at line i."""
        lines, n = self.lines, self.n
        j = i + 1
        while j < n:
            line = lines[j]
            if not line:
                break
            ch = line[0]
            if ch not in _MAY_START and "|" not in line:
                j += 1  # plain prose: nothing it could start
                continue
            content, indent = self.content(j)
            if not content:
                break
            if indent >= 4:
                j += 1  # lazy continuation, never code after a paragraph
                continue
            if content[0] in "-=" and _UNDERLINE.fullmatch(content):
                self.blocks.append(Block(*self.span(i, j + 1), "heading"))  # setext: the underline is part of it
                return j + 1
            if self.interrupts(j, content):
                break
            j += 1
        self.blocks.append(Block(*self.span(i, j), "paragraph"))
        return j

    def code(self, i: int) -> int:
        """End of an indented code block starting at line i."""
        last = j = i + 1
        while j < self.n:
            content, indent = self.content(j)
            if not content:
                j += 1
            elif indent >= 4:
                j += 1
                last = j
            else:
                break
        self.code_maps.append((i, last))
        return last

    def fenced(self, i: int, marker: str, length: int) -> int:
        """Line after the fenced code block opening at line i (closing fence included)."""
        for j in range(i + 1, self.n):
            content, indent = self.content(j)
            if not content or content[0] != marker or indent >= 4:
                continue
            run = len(content) - len(content.lstrip(marker))
            if run >= length and not content[run:].strip(_SPACE):
                self.code_maps.append((i, j + 1))
                return j + 1
        self.code_maps.append((i, self.line_max))  # unclosed: runs to the end
        return self.line_max

    def html(self, i: int, content: str, kind: int) -> int:
        """Line after the HTML block of the given kind opening at line i."""
        closer = _html_blocks()[kind - 1][1]
        if closer is None:  # kinds 6 and 7 end before a blank line
            j = i + 1
            while j < self.n and self.lines[j].strip(_SPACE):
                j += 1
            return j
        if closer.search(content):
            return i + 1
        for j in range(i + 1, self.n):
            if closer.search(self.lines[j].lstrip(_SPACE)):
                return j + 1
        return self.n

    def table(self, i: int, cols: int) -> int:
        """Rows of the table with its header at line i; returns the line after it."""
        header = self.span(i, i + 1)
        self.blocks.append(Block(*header, "table_row"))
        autocompleted = 0
        j = i + 2
        while j < self.n:
            content, indent = self.content(j)
            if content and indent < 4 and (self.ends_block(content) or _marker(content)):
                break
            row = _trimmed(content)
            if not row or indent >= 4:
                break
            autocompleted += cols - _cells(row)
            if autocompleted > _MAX_AUTOCOMPLETED_CELLS:
                break
            self.blocks.append(Block(*self.span(j, j + 1), "table_row", header))
            j += 1
        return j

    def reference(self, i: int, content: str) -> bool:
        """Record a single-line link reference definition at line i; False when the line is not one."""
        try:
            found = _reference(content, self.lines[i + 1] if i + 1 < self.n else "")
        except _LabelGoesOn:
            if self.label_closes_later(i):
                raise _Bail from None  # a definition whose label runs over lines
            return False
        if found is None:
            return False
        label, href = found
        self.references.setdefault(label, href)
        return True

    def label_closes_later(self, i: int) -> bool:
        """Whether the label opened on line i closes as ``]:`` on the lines markdown-it's reference rule adds.

        Like that rule, a label takes the next line unless it is blank or opens a block that may end a
        reference (indented code-like lines are taken), and a ``[`` inside it means no definition.
        """
        j = i + 1
        while j < self.line_max:
            content, indent = self.content(j)
            if not content or (indent < 4 and (self.ends_block(content) or _marker(content)
                                               or ("|" in content and self.table_columns(j)))):
                return False
            pos, size = 0, len(content)
            while pos < size:
                ch = content[pos]
                if ch == "[":
                    return False
                if ch == "]":
                    return content[pos + 1 : pos + 2] == ":"
                pos += 2 if ch == "\\" else 1
            j += 1
        return False

    def listing(self, i: int) -> int:
        """A flat list whose items are one paragraph each; returns the line after it."""
        lines, n = self.lines, self.n
        s = i
        content, indent = self.content(s)
        m = _ORDERED.match(content)
        ordered = m is not None
        mark = m.group(2) if m else content[0]
        while True:
            line = lines[s]
            if "\t" in line[: len(line) - len(content)]:
                raise _Bail
            width = m.end(2) if m else 1
            after = content[width:]
            rest = after.lstrip(" ")
            if not rest or rest[0] == "\t" or not rest.strip(_SPACE):
                raise _Bail  # empty item, or a tab shifting the content
            spaces = len(after) - len(rest)
            if spaces > 4:
                raise _Bail  # the item starts with indented code
            inner = indent + width + spaces
            if self.special(rest, s, inner, first=True) or (rest[0] == "[" and _reference(rest, "") is not None):
                raise _Bail
            j = s + 1
            while j < n:
                line = lines[j]
                body = line.lstrip(_SPACE)
                if not body:
                    break
                lead = len(line) - len(body)
                if "\t" in line[:lead]:
                    raise _Bail
                if lead >= inner:
                    if lead - inner <= 3 and self.special(body, j, inner):
                        raise _Bail  # nested block, or a line that ends the paragraph inside the item
                    j += 1
                    continue
                if lead >= 4:
                    raise _Bail
                if _marker(body) or self.ends_block(body):
                    break
                raise _Bail  # a lazy continuation line
            self.blocks.append(Block(*self.span(s, j), "list_item"))
            if j >= n:
                return j
            if not lines[j].strip(_SPACE):
                while j < n and not lines[j].strip(_SPACE):
                    j += 1
                if j >= n:
                    return j
                body, lead = self.content(j)
                if lead >= inner:
                    raise _Bail  # more blocks in the item
            content, indent = self.content(j)
            if indent >= 4 or self.ends_block(content):
                return j
            if ordered:
                m = _ORDERED.match(content)
                if m is None or m.group(2) != mark:
                    return j
            elif not _bullet(content) or content[0] != mark:
                return j
            s = j

    def special(self, content: str, j: int, inner: int, first: bool = False) -> bool:
        """Whether a line of a list item's paragraph might be more than paragraph text (conservative).

        ``first``: the item's first line, where any block may start; later lines only interrupt.
        """
        ch = content[0]
        if ch == ">":
            return True
        if ch in "`~" and _fence(content) is not None:
            return True
        if ch == "#" and _ATX.match(content):
            return True
        if ch == "<":
            kind = _html_kind(content)
            if kind > 0 if first else 0 < kind < 7:
                return True
        if ch in "*-_+=" and (_bullet(content) or _HR.fullmatch(content) or _UNDERLINE.fullmatch(content)):
            return True
        if ch in "0123456789" and _ORDERED.match(content):
            return True
        if j + 1 < self.n:  # a delimiter row next, indented into the item: the line may head a table
            nxt, indent = self.content(j + 1)
            if nxt and nxt[0] in "|-:" and indent >= inner and _DELIMITER_CHARS.fullmatch(nxt):
                return True
        return False


def _reference(content: str, next_line: str) -> tuple[str, str] | None:
    """(label, href) for a single-line reference definition, None when the line is surely not one."""
    size = len(content)
    pos = 1
    label_end = -1
    while pos < size:
        ch = content[pos]
        if ch == "[":
            return None
        if ch == "]":
            label_end = pos
            break
        if ch == "\\":
            pos += 1
        pos += 1
    if label_end < 0:
        raise _LabelGoesOn
    if content[label_end + 1 : label_end + 2] != ":":
        return None
    pos = label_end + 2
    while pos < size and content[pos] in _SPACE:
        pos += 1
    if pos >= size or content[pos] == "<":
        raise _Bail  # destination on the next line, or in angle brackets
    start = pos
    level = 0
    while pos < size:
        ch = content[pos]
        if ch == " " or ch < " " or ch == "\x7f":
            break
        if ch == "\\":
            raise _Bail
        if ch == "(":
            level += 1
        elif ch == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    url = content[start:pos]
    if pos == start or level or not re.fullmatch(_SAFE_URL, url) or _ENTITY.search(url) or _BAD_PROTOCOL.match(url):
        raise _Bail
    tail = content[pos:].strip(_SPACE)
    if tail:
        if pos < size and content[pos] not in _SPACE:
            raise _Bail  # a control character or a ')' right after the destination
        if tail[0] in "\"'(":
            m = _TITLE.match(tail)
            if not m or tail[m.end():].strip(_SPACE):
                raise _Bail
        else:
            return None  # text after the destination: not a definition
    else:
        following = next_line.lstrip(_SPACE)
        if following and following[0] in "\"'(":
            raise _Bail  # a title may follow on the next line
    label = plain_label(content[1:label_end])
    if label is None:
        raise _Bail
    if not label:
        return None
    return label, url


def scan(text: str, starts: tuple[int, ...]) -> tuple[list[Block], dict[str, str]] | None:
    """Blocks and reference definitions ({label: href}) as markdown-it gives them, or None to ask markdown-it."""
    if "\r" in text or "\0" in text:
        return None
    scanner = _Scanner(text, starts)
    try:
        scanner.scan()
    except _Bail:
        return None
    return scanner.blocks, scanner.references


def code_lines(text: str) -> set[int] | None:
    """1-based lines in fenced or indented code blocks as markdown-it's commonmark preset (no tables) maps them,
    or None to ask markdown-it."""
    if "\r" in text or "\0" in text:
        return None
    scanner = _Scanner(text, None, tables=False)
    try:
        scanner.scan()
    except _Bail:
        return None
    return {line for a, b in scanner.code_maps for line in range(a + 1, b + 1)}
