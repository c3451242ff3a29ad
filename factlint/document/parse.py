"""Turn raw draft text into a Document: normalise, read front matter, mask what is never checked."""

from __future__ import annotations

import datetime as dt
import re

from factlint.document.model import Block, Document
from factlint.startup import regex

# Several patterns open each alternative with a literal and put their lookbehind after it ("h(?<!\wh)"
# for "\bh"): the same matches, but the regex engine then skips to candidate characters instead of
# trying every position of a long draft (3-15x faster on 1 MB; tests compare them with the plain forms).
_BARE_URL = regex(r"(?:h(?<!\wh)ttps?://|w(?<!\ww)ww\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_FRONT_MATTER = regex(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# A top-level "date: 2022-03-08" line, quoted or not, with an optional comment: read without YAML.
_FRONT_MATTER_DATE = regex(r"""^date[ \t]*:[ \t]*(?P<q>['"]?)(\d{4}-\d{2}-\d{2})(?P=q)[ \t]*(?:#.*)?$""", re.M)
# Inline spans that are never prose. Each pattern is linear: no nested quantifiers.
_INLINE_MASKS = (
    regex(r"<!--.*?(?:-->|\Z)", re.S),  # HTML comments (may run across lines)
    regex(r"`(`*)(?:(?!`\1).)+?`\1", re.S),  # inline code spans (opening with a literal: ~4x faster)
    regex(r"<(?:https?|mailto|ftp):[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>"),  # autolinks
    regex(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),  # HTML tags
    regex(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"),  # link targets: ](url "title")
    regex(r"\]\[[^\[\]\n]*\]"),  # reference link labels: ][ref]
    _BARE_URL,
    regex(r"!\["),  # image openers (alt text stays)
    regex(r"\[\^[^\]\s]+\]"),  # footnote references [^1]
    regex(r"\[[^\[\]\n]*\]"),  # bracketed citations [see @key, p. 4]: filtered in _mask
    regex(r"-(?<![\w@.]-)@[A-Za-z0-9_][\w:.#$%&+?<>~/-]*[\w]"  # citation keys @survey-2019
          r"|@(?<![\w@.]@)[A-Za-z0-9_][\w:.#$%&+?<>~/-]*[\w]"),
)
_CITATION_GROUP, _CITATION_KEY = _INLINE_MASKS[-2:]
# Masks that match within one line and only where it holds one of these: a URL has "://" or "www."
# (which "://" may have blanked), a citation key an "@" (1 MB: 1.3 against 8 ms).
_LINE_BOUND = {_BARE_URL: ("://", "www."), _CITATION_KEY: ("@",)}
_KEY = regex(r"(?<![\w@.])@[A-Za-z0-9_]")
_REFERENCE_DEF = regex(r"^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*\n?[ \t]*<?(?P<url>[^\s>]+)>?", re.M)
_FOOTNOTE_DEF = regex(r"^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?:[ \t]{2,}|\t)\S.*)*)", re.M)
# Every part is optional: the lookahead only skips the lines that open with none of them (most lines),
# where the pattern would match nothing and _mask's replacement would be called to put nothing back.
_LINE_MARKER = r"(?=[ \t>*+\[-]|\d)[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|(?P<num>\d{1,9})[.)][ \t]+)?(?:\[[ xX]\][ \t]+)?"
_FIRST_LINE_MARKER = regex(_LINE_MARKER)
# After a line break: opening with the literal lets the engine skip from one line break to the next,
# where "^" under re.M is tried at every position (1 MB: 3.9 against 7.7 ms).
_NEXT_LINE_MARKERS = regex("\n" + _LINE_MARKER)
# Runs are matched only from their first character, so no pattern rescans a long run: linear time.
_EMPHASIS = regex(r"\*(?<!\*\*)\**|_(?<![_A-Za-z0-9]_)_*|_(?<!__)_*(?![_A-Za-z0-9])|~~|\\(?=[^\w\s])")
_HEADING_MARK = regex(r"^[ \t]*#{1,6}[ \t]*|(?<![ \t#])[ \t]+#+[ \t]*$", re.M)
_DELIMITER_ROW = regex(r"^[ \t|:-]+$", re.M)
_TABLE_DELIM = regex(r"^[ \t|:\-]+$")


def normalise(raw: str) -> str:
    """Drop a BOM and turn CRLF / CR line ends into LF, so columns are counted in characters."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets at which each line begins."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return tuple(starts)


def _front_matter(text: str) -> tuple[dt.date | None, int]:
    """The draft's date from leading front matter ``date:``, and the length of the block.

    A plain ``date: YYYY-MM-DD`` line is read directly; YAML (a 20 ms import) is parsed only when the
    block mentions ``date`` in some other form (quoted key, datetime, flow mapping).
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, 0
    block = m.group(1) or ""
    if "date" not in block:
        return None, m.end()
    line = _FRONT_MATTER_DATE.search(block)
    if line and block.count("date") == 1:
        return _iso_date(line.group(2)), m.end()
    return _yaml_date(block), m.end()


def _iso_date(text: str) -> dt.date | None:
    """A date from ISO text, None when it is not a real date (2022-13-45)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _yaml_date(block: str) -> dt.date | None:
    """``date`` of a front matter block parsed as YAML; None when it is not a mapping or not valid."""
    import yaml

    try:
        data = yaml.safe_load(block)
    except (yaml.YAMLError, ValueError):  # ValueError: a timestamp that is no date (date: 2022-13-45)
        return None
    value = data.get("date") if isinstance(data, dict) else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return _iso_date(value.strip()[:10]) if isinstance(value, str) else None


def _footnotes(text: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Cut footnote definitions out of the text markdown-it sees; return their spans by id."""
    spans: dict[str, tuple[int, int]] = {}
    if "[^" not in text:  # most drafts have no footnotes: no pass of the pattern over every line
        return text, spans
    for m in _FOOTNOTE_DEF.finditer(text):
        spans.setdefault(m.group(1), (m.start(2), m.end(2)))
    blanked = _FOOTNOTE_DEF.sub(_blank_match, text)
    return blanked, spans


def normalise_label(label: str) -> str:
    """Reference labels as markdown-it keys them (its own function only for labels with unusual whitespace)."""
    from factlint.document.blocks import plain_label

    plain = plain_label(label)
    if plain is not None:
        return plain
    from markdown_it.common.utils import normalizeReference

    return normalizeReference(label)


def _markdown_it_blocks(text: str, starts: tuple[int, ...]) -> tuple[list[Block], dict[str, str]]:
    """Checkable blocks from markdown-it's block tokens and line maps, plus its reference definitions' URLs."""
    from markdown_it import MarkdownIt

    env: dict = {}
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(text, env)
    known = {label: ref.get("href", "") for label, ref in env.get("references", {}).items()}
    nlines = len(starts)

    def span(line_map: list[int]) -> tuple[int, int]:
        a, b = line_map
        end = starts[b] - 1 if b < nlines else len(text)
        return starts[a], max(starts[a], end)

    blocks: list[Block] = []
    header: tuple[int, int] | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "thead_open" and tok.map:
            header = span(tok.map)
        if tok.map is None:
            continue
        if tok.type in ("paragraph_open", "heading_open"):
            kind = "heading" if tok.type == "heading_open" else "paragraph"
            if tok.type == "paragraph_open" and i and tokens[i - 1].type == "list_item_open":
                kind = "list_item"
            blocks.append(Block(*span(tok.map), kind))
        elif tok.type == "tr_open":
            blocks.append(Block(*span(tok.map), "table_row", None if tokens[i - 1].type == "thead_open" else header))
    return blocks, known


def _markdown_blocks(text: str, starts: tuple[int, ...]) -> tuple[list[Block], dict[str, tuple[str, int, int]]]:
    """Checkable blocks and link reference definitions: the fast scanner's, or markdown-it's when it declines."""
    from factlint.document.blocks import scan

    found = scan(text, starts)
    blocks, known = found if found is not None else _markdown_it_blocks(text, starts)
    references = {}
    for m in _REFERENCE_DEF.finditer(text) if "]:" in text else ():
        label = normalise_label(m.group("label"))
        if label in known and label not in references:
            references[label] = (known[label], m.start("url"), m.end("url"))
    return blocks, references


def _text_blocks(text: str) -> list[Block]:
    """Plain text: paragraphs are runs of non-blank lines."""
    return [Block(m.start(), m.end(), "paragraph") for m in re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text)]


def _blanked(text: str) -> str:
    """The text with every character but its line breaks made a space: same length, same lines.

    Text of one line is spaces; the gaps between blocks are mostly line breaks alone, kept as they are.
    """
    if "\n" not in text:
        return " " * len(text)
    if not text.strip("\n"):
        return text
    return "\n".join(map(" ".__mul__, map(len, text.split("\n"))))


def _blank_match(m: re.Match) -> str:
    """Spaces for a match, newlines kept."""
    return _blanked(m.group())


def _blank_citation_group(m: re.Match) -> str:
    """Blank a bracketed group only when it holds a citation key."""
    return _blank_match(m) if _KEY.search(m.group()) else m.group()


def _linkable(text: str, blocks: list[Block], markdown: bool) -> str:
    """Blocks only, with code spans and HTML comments blanked: where links and citations may stand."""
    parts, done = [], 0
    for b in sorted(blocks, key=lambda b: b.start):  # the union of the blocks' spans keeps its text
        start = max(b.start, done)
        if b.end > start:
            parts += (_blanked(text[done:start]), text[start : b.end])
            done = b.end
    parts.append(_blanked(text[done:]))
    linkable = "".join(parts)
    if markdown:
        for pattern in _INLINE_MASKS[:2]:
            linkable = pattern.sub(_blank_match, linkable)
    return linkable


def _sub_lines_with(needles: str | tuple[str, ...], pattern: re.Pattern, text: str) -> str:
    """Blank ``pattern``'s matches, looking only at lines that contain a needle (a string, or any of several).

    For line-bound patterns that need a needle to match: the same result as on the whole text. Each
    needle's next place is found with str.find, which skips text far faster than the regex engine tries
    the pattern (or tests each character against its first ones) at every position.
    """
    nxt = {needle: text.find(needle) for needle in ((needles,) if isinstance(needles, str) else needles)}
    out, done = [], 0
    while live := [i for i in nxt.values() if i >= 0]:
        i = min(live)
        start = max(text.rfind("\n", done, i) + 1, done)  # the line's start (never before what is done)
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        out.append(text[done:start])
        out.append(pattern.sub(_blank_match, text[start:end]))
        done = end
        for needle, at in nxt.items():
            if 0 <= at < done:
                nxt[needle] = text.find(needle, done)
    out.append(text[done:])
    return "".join(out)


def _blank_line_markers(text: str, opens: frozenset[int] | None = None) -> str:
    """Blank the quote, list and task markers that open lines.

    A number opens a list only on a line where a block starts (``opens``, for Markdown), and in plain
    text only a number of up to three digits: in a wrapped paragraph, "by\n2030. The vote" goes on a
    sentence, and blanking its year would also join two sentences.
    """
    def blank(m: re.Match, line: int) -> str:
        num = m.start("num")
        if num >= 0 and (line not in opens if opens is not None else m.end("num") - num > 3):
            return " " * (num - m.start()) + m.group()[num - m.start() :]  # the quote marks before it only
        return " " * (m.end() - m.start())

    first = _FIRST_LINE_MARKER.match(text)
    if first and first.end():
        text = blank(first, 0) + text[first.end() :]
    return _NEXT_LINE_MARKERS.sub(lambda m: "\n" + blank(m, m.start() + 1)[1:], text)


def _mask(linkable: str, markdown: bool, opens: frozenset[int] | None = None) -> str:
    """Blank the inline spans that are never prose: links' targets, URLs, tags, citation keys.

    ``opens``: where the Markdown blocks start, the only lines a list number can open.
    """
    masked = linkable
    patterns = _INLINE_MASKS[2:] if markdown else (_BARE_URL,)
    for pattern in patterns:
        needs = _LINE_BOUND.get(pattern)
        if needs:  # looked for only on the lines that hold one of what it needs
            masked = _sub_lines_with(needs, pattern, masked)
            continue
        masked = pattern.sub(_blank_match if pattern is not _CITATION_GROUP else _blank_citation_group, masked)
    masked = _blank_line_markers(masked, opens)  # list numbering, also in plain text
    if markdown:
        masked = _sub_lines_with("#", _HEADING_MARK, masked)
        masked = _sub_lines_with(tuple("*_~\\"), _EMPHASIS, masked)  # its matches stay within a line
        masked = _sub_lines_with("---", _DELIMITER_ROW, masked)  # a table's delimiter row: |---|:--:|
    return masked


def parse_document(raw: str, path: str = "-", markdown: bool = True) -> Document:
    """Build a Document from raw text; ``markdown`` False treats it as plain text."""
    text = normalise(raw)
    date, fm_end = _front_matter(text) if markdown else (None, 0)
    starts = _line_starts(text)
    # Blank the front matter in place: same length, same lines, so offsets into body are offsets into text.
    body = _blanked(text[:fm_end]) + text[fm_end:]
    references: dict[str, tuple[str, int, int]] = {}
    footnotes: dict[str, tuple[int, int]] = {}
    if markdown:
        body, footnotes = _footnotes(body)
        blocks, references = _markdown_blocks(body, starts)
    else:
        blocks = _text_blocks(text)
    linkable = _linkable(text, blocks, markdown)
    opens = frozenset(b.start for b in blocks) if markdown else None
    masked = _join_wrapped_lines(_mask(linkable, markdown, opens), sorted(blocks, key=lambda b: b.start))
    return Document(path, text, masked, starts, tuple(blocks), date, markdown, references, footnotes, linkable)


_WRAPPED = frozenset({"paragraph", "list_item"})  # blocks whose line breaks are soft: wrapped prose


def _join_wrapped_lines(masked: str, blocks: list[Block]) -> str:
    """The masked text with the line breaks inside paragraphs and list items read as spaces.

    A writer or an editor wraps prose anywhere, also inside "€1.32 billion" or "6 March": the
    extractors, which read a number's scale word, unit, noun and hedge, and a date's or a name's
    words, across spaces and tabs, read them across a wrap too. Same length: offsets do not move.
    """
    parts, done = [], 0
    for b in blocks:  # in text order (parse_document sorts them)
        start = max(b.start, done)
        if b.kind in _WRAPPED and masked.find("\n", start, b.end) >= 0:
            parts += (masked[done:start], masked[start : b.end].replace("\n", " "))
            done = b.end
    if not parts:
        return masked
    parts.append(masked[done:])
    return "".join(parts)


def is_markdown_path(path: str) -> bool:
    """Markdown unless the file ends in .txt (stdin counts as Markdown)."""
    return not path.lower().endswith(".txt")
