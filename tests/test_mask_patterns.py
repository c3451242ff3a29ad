"""The masking patterns written for speed match exactly what their plain forms match."""

from __future__ import annotations

import random
import re

import pytest

from factlint.document import parse
from factlint.extraction import citations, dates, numbers, sentences

# The plain forms, as first written: a lookbehind first, so the engine tries every position.
PLAIN = {
    "emphasis": (parse._EMPHASIS, r"(?<!\*)\*+|(?<![_A-Za-z0-9])_+|(?<!_)_+(?![_A-Za-z0-9])|~~|\\(?=[^\w\s])",
                 "*_~\\ab1 \n#-"),
    "bare-url": (parse._BARE_URL, r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]",
                 ["h", "t", "p", "s", "w", ":", "/", ".", "x", " ", "-", "é", "_", "1", ")", "http://", "www."]),
    "citation-key": (parse._INLINE_MASKS[-1], r"(?<![\w@.])-?@[A-Za-z0-9_][\w:.#$%&+?<>~/-]*[\w]",
                     "-@a_.1 x:\n"),
    "inline-link": (citations._INLINE_LINK,
                    r"(?<!!)\[(?P<label>[^\[\]\n]*)\]\([ \t]*<?(?P<url>[^()\s<>]+)>?(?:[ \t]+\"[^\"\n]*\")?[ \t]*\)",
                    "![]()a <>\" \n"),
    "reference-link": (citations._REF_LINK, r"(?<!!)\[(?P<label>[^\[\]\n]+)\]\[(?P<ref>[^\[\]\n]*)\]", "![]a \n"),
    "shortcut": (citations._SHORTCUT, r"(?<![!\]])\[(?P<label>[^\[\]\n^@][^\[\]\n]*)\](?![\[(:])", "![]a^@(:\n "),
    "url": (citations.URL_RE, r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]",
            ["h", "t", "p", "s", "w", ":", "/", ".", "x", " ", "é", "1", "]", "http://", "www."]),
    "sentence-end": (sentences._END, r"(?<![.!?])[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u00C0-\u024F])",
                     [".", "!", "?", "\"", "'", "”", ")", "]", " ", "\n", "A", "a", "1", "É", "“", "(", "["]),
    "explicit-year": (dates._EXPLICIT_YEAR, r"(?<![\w.,-])(?:1[6-9]\d\d|20\d\d|21\d\d)(?![\w%]|[.,]\d)",
                      ["1", "2", "0", "6", "9", "5", "22", ".", ",", "-", "a", "%", " ", "\n", "_"]),
    "numeral": (numbers.NUMERAL, numbers.NUMERAL.pattern.removeprefix(numbers.NUMERAL_OPENS),
                ["1", "0", "٣", ".", ",", "-", "−", "–", "+", "$", "US$", "R$", "€", "£", "¥", "₹", "USD", "EUR",
                 "x", "A", "a", " ", "\t", "st", "th", ":", "/", "#", "@", "^", "_", "%", "k", "é", "\n"]),
    "date": (dates.DATE_RE, dates.DATE_RE.pattern.removeprefix(dates.DATE_OPENS),
             ["Monday", "Tue", "Thurs", "Sun.", "March", "Sept", "May", "Dec.", "2024", "1999", "2024-03-06", "6",
              "21st", "٣", " ", "\t", ",", "the ", "of ", "On ", "on ", "In ", "in ", "by ", "since ", "until ",
              "from ", "after ", "during ", "before ", "Q3 ", "H1 ", "x", "a", "-", ".", "morning", "\n"]),
    "key": (citations.KEY_RE, r"(?<![\w@.])@(?P<key>[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?)", "-@a_.1 x:\n"),
}


def _mark(m: re.Match) -> str:
    return "<" + m.group() + "|" + "|".join(g or "" for g in m.groups()) + ">"


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_pattern_equals_plain_form(name: str) -> None:
    fast, plain, alphabet = PLAIN[name]
    plain = re.compile(plain)
    rng = random.Random(name)
    for _ in range(30000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert fast.sub(_mark, text) == plain.sub(_mark, text), text


def test_heading_marks_blanked_line_by_line_as_on_the_whole_text() -> None:
    rng = random.Random(7)
    pieces = ["#", "##", " ", "\t", "a", "b", "\n", "# ", " #", "x#y"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        whole = parse._HEADING_MARK.sub(lambda m: " " * len(m.group()), text)
        assert parse._sub_lines_with("#", parse._HEADING_MARK, text) == whole, text


def test_emphasis_blanked_line_by_line_as_on_the_whole_text() -> None:
    """Emphasis marks, escapes and strike-through blanked only on the lines holding one of "*_~\\": as on the whole text."""
    rng = random.Random(8)
    pieces = ["*", "**", "_", "__", "~", "~~", "\\", "\\*", "a", "b1", " ", "\t", "\n", "\n\n", "x_y", "-", "é"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        whole = parse._EMPHASIS.sub(lambda m: " " * len(m.group()), text)
        assert parse._sub_lines_with(tuple("*_~\\"), parse._EMPHASIS, text) == whole, text


def test_code_spans_opening_with_a_literal_equal_the_plain_form() -> None:
    """Same spans as the plain form (its group holds the whole backtick run, this one all but the first)."""
    plain = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
    rng = random.Random(13)
    for _ in range(30000):
        text = "".join(rng.choice(["`", "``", "```", "a", " ", "\n", "b"]) for _ in range(rng.randint(0, 14)))
        spans = [m.span() for m in parse._INLINE_MASKS[1].finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], text


def test_line_markers_blanked_from_line_breaks_as_by_the_plain_form() -> None:
    """The first line, then a pattern led by the line break: the blanking of the plain ^-pattern under re.M.

    A list number is kept where no list can start: in plain text one of four digits or more, in
    Markdown one on a line where no block starts (``opens``); the quote marks before it are blanked.
    """
    plain = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|(\d{1,9})[.)][ \t]+)?(?:\[[ xX]\][ \t]+)?", re.M)

    def blank(m: re.Match, opens) -> str:
        keep = m.group(1) and (m.start() not in opens if opens is not None else len(m.group(1)) > 3)
        cut = m.start(1) - m.start() if keep else len(m.group())
        return " " * cut + m.group()[cut:]

    rng = random.Random(11)
    pieces = ["\n", " ", "\t", ">", "-", "*", "+", "1", "23", "2030", ".", ")", "[", "x", "X", "]", "a", "\u0663",
              "[ ] "]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        lines = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
        opens = frozenset(rng.sample(lines, rng.randint(0, len(lines))))
        for where in (None, opens):
            assert parse._blank_line_markers(text, where) == plain.sub(lambda m: blank(m, where), text), (text, where)


def test_citation_keys_blanked_line_by_line_as_on_the_whole_text() -> None:
    rng = random.Random(17)
    pieces = ["@", "-@", "a", "_", ".", "1", " ", "x:", "\n", "-", "@@", "é"]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        whole = parse._CITATION_KEY.sub(parse._blank_match, text)
        assert parse._sub_lines_with("@", parse._CITATION_KEY, text) == whole, text


def test_urls_and_delimiter_rows_blanked_line_by_line_as_on_the_whole_text() -> None:
    """_mask looks for URLs only on lines with "://" or "www.", and for delimiter rows on lines with "---"."""
    blank = lambda m: " " * len(m.group())  # noqa: E731
    rng = random.Random(5)
    pieces = ["http://", "https://", "www.", "://", "a", "x.", "w", "h", "(", ")", " ", "\n", "-", "_", "é", ".", ",",
              "|", ":", "---", "|---|", " | "]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        whole = parse._BARE_URL.sub(blank, text)
        lines = parse._sub_lines_with("www.", parse._BARE_URL, parse._sub_lines_with("://", parse._BARE_URL, text))
        assert lines == whole, text
        assert parse._sub_lines_with(parse._LINE_BOUND[parse._BARE_URL], parse._BARE_URL, text) == whole, text
        whole = parse._DELIMITER_ROW.sub(lambda m: blank(m) if "---" in m.group() else m.group(), text)
        assert parse._sub_lines_with("---", parse._DELIMITER_ROW, text) == whole, text


def test_linkable_keeps_the_union_of_block_spans() -> None:
    from factlint.document.model import Block

    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice("ab \n") for _ in range(rng.randint(0, 30)))
        blocks = []
        for _ in range(rng.randint(0, 4)):
            a = rng.randint(0, len(text))
            blocks.append(Block(a, rng.randint(a, len(text)), "paragraph"))
        chars = [" " if c != "\n" else c for c in text]  # the plain way: every block's span keeps its text
        for b in blocks:
            chars[b.start : b.end] = text[b.start : b.end]
        assert parse._linkable(text, blocks, markdown=False) == "".join(chars), (text, blocks)


def test_gaps_between_blocks_are_blanked_as_whole_text_blanking_would() -> None:
    """_blanked keeps a gap's line breaks and makes every other character a space (line breaks alone: as is)."""
    rng = random.Random(9)
    pieces = ["\n", "\n\n", " ", "a", "`", "\u2028", "\x85", "\t", "é", "```\ncode\n```"]
    for _ in range(5000):
        gap = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert parse._blanked(gap) == re.sub(r"[^\n]", " ", gap), repr(gap)
