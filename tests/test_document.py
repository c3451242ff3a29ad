"""Document parsing: what is never checked, and positions that survive CRLF, BOM and Unicode."""

from __future__ import annotations

import pytest

from factlint.document.parse import parse_document
from factlint.extraction.sentences import split_sentences


def masked(text: str, markdown: bool = True) -> str:
    return parse_document(text, "d.md", markdown).masked


def test_code_html_links_and_urls_are_masked() -> None:
    text = ("Silva won 48% (`x = 45%`) <!-- 41% --> <b>12%</b> [the count](https://e.org/a/41) "
            "and https://e.org/99 too.\n\n```\n45% in a fence\n```\n\n    47% indented code\n")
    m = masked(text)
    assert "48%" in m and "12%" in m and "the count" in m
    for gone in ("45%", "41", "<b>", "https", "99", "47%"):
        assert gone not in m
    assert len(m) == len(text)


def test_front_matter_is_read_not_checked() -> None:
    doc = parse_document("---\ntitle: 45% off\ndate: 2022-03-08\n---\nBody 12%.\n", "d.md")
    assert "45%" not in doc.masked and "12%" in doc.masked
    assert doc.date.isoformat() == "2022-03-08"


@pytest.mark.parametrize("front, date", [
    ("date: 2022-03-08\n", "2022-03-08"),
    ("title: x\ndate: '2022-03-08'  # when it ran\n", "2022-03-08"),
    ("date: 2022-03-08T10:30:00\n", "2022-03-08"),  # a datetime: read through YAML
    ('"date": 2022-03-08\n', "2022-03-08"),  # a quoted key: read through YAML
    ("updated: 2022-03-08\n", None),
    ("date: 2022-13-45\n", None),  # no such day: no date, and no crash
    ("date: [2022-13-45]\n", None),
    ("date: 8 March 2022\n", None),
    ("date: {\n", None),  # broken YAML
    ("nested:\n  date: 2022-03-08\n", None),
])
def test_front_matter_date(front: str, date: str | None) -> None:
    doc = parse_document(f"---\n{front}---\nBody 12%.\n", "d.md")
    assert (doc.date.isoformat() if doc.date else None) == date
    assert doc.masked.strip() == "Body 12%."


def test_table_cells_are_checked_with_header_context() -> None:
    doc = parse_document("| Name | Share |\n|---|---|\n| Silva | 48% |\n", "d.md")
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert len(rows) == 2 and rows[1].context == (rows[0].start, rows[0].end)
    assert "48%" in doc.masked


def test_positions_ignore_bom_and_crlf() -> None:
    text = "\ufeffFirst line.\r\nSecond: Silva 48%.\r\n"
    doc = parse_document(text, "d.md")
    offset = doc.text.index("48%")
    assert doc.position(offset) == (2, 15)


def test_columns_count_characters_not_bytes() -> None:
    doc = parse_document("Ça: 🎉 José won 48%.\n", "d.md")
    assert doc.position(doc.text.index("48%")) == (1, 16)


def test_plain_text_keeps_markdown_syntax_as_text() -> None:
    doc = parse_document("Line with `code 45%`.\n\nhttps://e.org/1 then 12%.\n", "d.txt", markdown=False)
    assert "45%" in doc.masked and "12%" in doc.masked and "e.org" not in doc.masked


def test_sentences_respect_abbreviations_and_blocks() -> None:
    doc = parse_document("Dr. Silva won on Mar. 6 in the U.S. vote. Ortiz lost.\n\n# Heading\n", "d.md")
    spans = [doc.text[s.start : s.end] for s in split_sentences(doc)]
    assert spans == ["Dr. Silva won on Mar. 6 in the U.S. vote.", "Ortiz lost.", "Heading"]


def test_line_breaks_inside_prose_are_read_as_spaces() -> None:
    """A wrapped paragraph or list item reads as one line; a heading, a table, code and the lines between
    blocks keep their line breaks. Same length: offsets do not move."""
    text = ("# Cost\nof it\n\nThe cost was €1.32\nbillion, set on 6\nMarch.\n\n"
            "- It cost €1.32\n  billion.\n- Next item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx\ny\n```\n")
    m = masked(text)
    assert len(m) == len(text)
    assert "€1.32 billion, set on 6 March." in m
    assert "€1.32   billion." in m  # the continuation's indent stays as spaces
    assert m.count("\n") == text.count("\n") - 3  # two in the paragraph, one in the first list item
    assert "Cost\nof it" in m and "billion.\n  Next item\n" in m  # a heading and items stay apart
    assert "| a | b |\n" in m and "x\ny" not in m  # the table keeps its lines; code is masked


def test_plain_text_paragraphs_read_wrapped_lines_as_spaces() -> None:
    text = "Revenue rose to €4.2\nbillion.\n\nNext paragraph.\n"
    m = masked(text, markdown=False)
    assert m == "Revenue rose to €4.2 billion.\n\nNext paragraph.\n"


def test_a_wrapped_line_opening_with_a_year_keeps_it() -> None:
    """'founded on 13 August\\n1952. The' goes on a sentence: the year is no list number, so the date
    keeps its year and the sentences stay apart. Real list numbers are still blanked."""
    text = "It was founded on 13 August\n1952. The board met.\n\n1. First item\n2. Second item\n"
    doc = parse_document(text, "d.md")
    assert "13 August 1952. The board met." in doc.masked and "1. First" not in doc.masked
    assert [doc.text[s.start : s.end] for s in split_sentences(doc)][:2] == [
        "It was founded on 13 August\n1952.", "The board met."]
    plain = parse_document(text, "d.txt", markdown=False)
    assert "13 August 1952. The board met." in plain.masked and "2. Second" not in plain.masked


def test_items_are_grouped_by_the_sentence_they_start_in() -> None:
    """by_sentence: each item under the sentence its start lies in, in the items' order; none outside
    every sentence; a sentence with none gets an empty group (the shared empty tuple)."""
    import random
    from dataclasses import dataclass

    from factlint.extraction.model import Sentence
    from factlint.extraction.sentences import by_sentence

    @dataclass(frozen=True)
    class Item:
        start: int

    rng = random.Random(4)
    for _ in range(2000):
        cuts = sorted(rng.sample(range(60), rng.randint(0, 12)))
        sentences = tuple(Sentence(a, b, 0) for a, b in zip(cuts[::2], cuts[1::2]) if a < b)
        items = [Item(rng.randrange(60)) for _ in range(rng.randint(0, 15))]
        groups = by_sentence(items, sentences)
        assert len(groups) == len(sentences)
        for s, group in zip(sentences, groups):
            assert list(group) == [it for it in items if s.start <= it.start < s.end]
            assert group or group == ()
