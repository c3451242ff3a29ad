"""The fast block scanner against markdown-it: same blocks and references whenever it answers.

factlint/document/blocks.py replaces markdown-it-py for the block structure of ordinary drafts and declines
(returns None) on anything else. These tests hold it to markdown-it's result on the fixtures, on generated
benchmark drafts, on hand-written snippets for each construct and each way out, and on a few hundred random
documents; and they check that the ordinary cases really take the fast path.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import pytest

from factlint.document import blocks as scanner
from factlint.document import parse
from tests.conftest import FIXTURES, ROOT


def markdown_body(raw: str) -> tuple[str, tuple[int, ...]]:
    """The text _markdown_blocks sees for a draft (front matter and footnote definitions blanked), and line starts."""
    text = parse.normalise(raw)
    _, fm_end = parse._front_matter(text)
    body = re.sub(r"[^\n]", " ", text[:fm_end]) + text[fm_end:]
    body, _ = parse._footnotes(body)
    return body, parse._line_starts(text)


def compare(text: str, starts: tuple[int, ...] | None = None):
    """The scanner's result (None when it declines) after checking it equals markdown-it's."""
    starts = starts if starts is not None else parse._line_starts(text)
    fast = scanner.scan(text, starts)
    if fast is not None:
        slow = parse._markdown_it_blocks(text, starts)
        assert fast[0] == slow[0], f"blocks differ for {text!r}"
        assert fast[1] == slow[1], f"references differ for {text!r}"
    return fast


def compare_code(text: str):
    """The scanner's code lines for suppressions (None when it declines) after checking them against markdown-it's."""
    from factlint.suppress import _markdown_it_code_lines

    fast = scanner.code_lines(text)
    if fast is not None:
        assert fast == _markdown_it_code_lines(text), f"code lines differ for {text!r}"
    return fast


# -- real drafts --------------------------------------------------------------------------------

DRAFTS = sorted(FIXTURES.rglob("*.md"))


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_drafts_take_the_fast_path_with_markdown_its_result(path) -> None:
    raw = path.read_text(encoding="utf-8")
    body, starts = markdown_body(raw)
    assert compare(body, starts) is not None, "the scanner declined an ordinary draft"
    assert compare_code(parse.normalise(raw)) is not None, "the scanner declined to find code lines"


def test_fixture_documents_are_identical_either_way(monkeypatch) -> None:
    """Whole Documents (blocks, references, masks) do not depend on which path parsed them."""
    raws = [p.read_text(encoding="utf-8") for p in DRAFTS]
    fast = [parse.parse_document(raw, "x.md") for raw in raws]
    monkeypatch.setattr(scanner, "scan", lambda text, starts: None)
    assert fast == [parse.parse_document(raw, "x.md") for raw in raws]
    assert any(doc.references for doc in fast) and any(doc.footnotes for doc in fast)


def test_generated_benchmark_drafts() -> None:
    from benchmarks.generate import DraftWriter, Universe, draft_text

    universe = Universe(6)
    universe.grow(300)
    pool, tokens = universe.facts[:300], universe.tokens()
    for label, size in (("2KB", 2_000), ("5KB", 5_000), ("60KB", 60_000)):
        body, starts = markdown_body(draft_text(DraftWriter(6, label, pool, tokens).blocks(size), label))
        found = compare(body, starts)
        assert found is not None
        kinds = {b.kind for b in found[0]}
        assert size < 50_000 or kinds == {"paragraph", "heading", "list_item", "table_row"}


# -- hand-written snippets ------------------------------------------------------------------------

FAST = {
    "empty": "",
    "blank lines": "\n  \n\t\n",
    "one line": "Just a line",
    "paragraphs": "One line\nand its continuation.\n\nA second paragraph.\n",
    "trailing spaces line": "Para\n   ",
    "indented continuation": "Para\n    code-like but lazy\n  two spaces\n",
    "atx headings": "# One\n## Two ##\n###### Six\n#\n####### seven is text\n#hashtag text\n  ### indented\n",
    "heading interrupts": "Para\n# Heading\nPara again",
    "heading with tab": "#\tTabbed heading\ntext",
    "hr": "Para\n\n---\n\n***\n * * *\n___\nAfter",
    "hr interrupts": "Para\n***\nMore",
    "dash text": "Para\n-- not a break\n-x\n",
    "fence": "Text\n```\ncode | x\n---\n```\nAfter\n",
    "fence info": "```python\nprint(1)\n```\n\n~~~ text ``\nbody\n~~~~\nAfter",
    "fence closing rules": "````\n```\n   ````  \n\nafter\n",
    "fence indented close": "```\ncode\n    ```\nstill code\n```\nout",
    "fence unclosed": "```\nnever closed\n\nstill code",
    "fence interrupts": "Para\n```\ncode\n```\n",
    "backticks inline": "``` not a fence ` because\ntext",
    "tilde short": "~~ strike ~~\ntext",
    "indented code": "    code\n\n    more code\ntext\n",
    "indented code tab": "\tcode\nPara",
    "table": "| A | B |\n|---|--:|\n| 1 | 2 |\n| 3 | 4 |\n\nAfter",
    "table no outer pipes": "A | B\n--- | ---\n1 | 2\n",
    "table interrupts paragraph": "Para line\n| A | B |\n| - | - |\n| 1 | 2 |\n",
    "table body takes text": "| A | B |\n|---|---|\n| 1 | 2 |\nplain line\n",
    "table ends at heading": "| A |\n|---|\n| 1 |\n# H\n",
    "table ends at list": "| A |\n|---|\n| 1 |\n- item\n",
    "table ends at fence": "| A |\n|---|\n| 1 |\n```\ncode\n```\n",
    "table ends at html": "| A |\n|---|\n| 1 |\n<div>\n",
    "table ends at hr": "| A |\n|---|\n| 1 |\n***\n",
    "table ends at indented": "| A |\n|---|\n| 1 |\n    code\n",
    "table escaped pipe": "| A \\| B | C |\n|---|---|\n| x |\n",
    "table column mismatch": "| A | B |\n|---|\n| 1 | 2 |\n",
    "table delimiter variants": "|A|\n|:-:|\n\nA|B\n:--|--:\n\nA|B\n-|-\n",
    "table bad delimiter": "| A | B |\n|---||---|\n",
    "table list-like delimiter": "a | b\n- | -\n",
    "two tables": "| A |\n|---|\n| 1 |\n\n| X | Y |\n|---|---|\n| 2 | 3 |\n",
    "table in fence": "```\n| A |\n|---|\n```\n",
    "table from list line": "- a | b\n  --|--\n",
    "table header single pipe": "|\n|-|\n",
    "bullet list": "- one\n- two\n- three\n\nAfter",
    "star and plus lists": "* one\n* two\n\n+ three\n+ four\n",
    "marker change": "- one\n* two\n+ three\n",
    "ordered list": "1. one\n2. two\n10. ten\n\nAfter",
    "ordered paren": "1) one\n2) two\n3. other list\n",
    "list continuation": "- item that goes\n  on to the next line\n- next item\n  continues too\n",
    "list deep continuation": "1. item\n      six spaces of continuation\n2. two",
    "loose list": "- one\n\n- two\n\n\n- three\n",
    "list then paragraph": "- item\n\nParagraph\n",
    "list then heading": "- item\n# Heading\n",
    "list then fence": "- item\n```\ncode\n```\n",
    "list then hr": "- item\n- - -\n",
    "list indented markers": " - one\n - two\n   continued\n",
    "list four spaces after marker": "-    four spaces\n     continued",
    "list task boxes": "- [ ] open\n- [x] done\n",
    "list link first": "- [a link](http://x.org) says\n- [ref] too\n",
    "list emphasis": "- *emphasis* first\n  `code` continues\n- **bold**",
    "numbered text": "2019. A year\n",
    "ordered does not interrupt": "Para\n2. not a list\n",
    "ordered one interrupts": "Para\n1. a list\n",
    "empty bullet does not interrupt": "Para\n*\nmore",
    "bullet interrupts": "Para\n- item",
    "plus not bullet": "+5% growth\n-3 points\n",
    "reference": "[a]: http://example.com\n\nSee [a].",
    "reference title": "[Foo Bar]: https://x.org/p?q=1&r=2#f \"Title\"\n[baz]: /local 'single'\n",
    "reference duplicate": "[a]: http://one\n[A]: http://two\n",
    "reference not interrupting": "Para\n[a]: http://x\n",
    "reference then paragraph": "[a]: http://x\nText right after\n",
    "reference garbage": "[a]: http://x trailing words\n",
    "reference empty label": "[]: http://x\n[ ]: http://y\n",
    "reference parens": "[w]: https://en.wikipedia.org/wiki/Foo_(bar)\n",
    "reference no space": "[a]:http://x\n",
    "reference label spaces": "[  Label   with  spaces ]: http://x\n",
    "reference escaped label": "[a\\]b]: http://x\n",
    "not a reference": "[a] b\n[a][b]: c\n[x [y]: z\n",
    "reference percent": "[a]: http://x/%20y\n",
    "link text wraps": "[A link whose text\nwraps](http://x.org) and more.\n",
    "label wraps then bracket": "[a\nb [c]: d\n",
    "label stops at blank": "[a\n\nb]: http://x\n",
    "label stops at heading": "[a\n# b]: http://x\n",
    "label takes indented line": "[a\n      b] c\n",
    "label escaped newline": "[a\\\nb] c\n",
    "html comment": "<!-- factlint-disable FL101 -->\nText\n",
    "html comment multi": "<!--\ncomment\n\nstill comment\n-->\nText",
    "html comment interrupts": "Para\n<!-- note -->\nMore",
    "html div": "<div>\n*x*\n</div>\n\nText",
    "html div interrupts": "Para\n<div>\ninside\n\nOut",
    "html type 7": "<span class=\"x\">\ntext\n\nPara",
    "html type 7 no interrupt": "Para\n<span>\nstill para",
    "html autolink": "<https://example.com> is a link\n",
    "html script": "<script>\nx = 1\n\ny = 2\n</script>\nAfter",
    "html pre one line": "<pre>x</pre>\nafter",
    "html processing": "<?php\necho 1;\n?>\nText",
    "html declaration": "<!DOCTYPE html>\nText",
    "html cdata": "<![CDATA[\nx\n]]>\nText",
    "html unclosed": "<!-- never closed\n\ntext",
    "html inline start": "<b>bold</b> start of a paragraph\nmore",
    "nbsp": "Text\u00a0with nbsp\n\u00a0leading nbsp\n",
    "pipe in prose": "Yes | no\nmaybe | so\n",
    "crlf-free unicode": "Zoë — “quotes” and €4bn\n",
    "setext h1": "Title\n=====\n",
    "setext h2": "Title on\ntwo lines\n---\nText",
    "setext dash": "Title\n-\n",
    "setext after lazy line": "Title\n    lazy\n= \n",
    "setext not after blank": "Para\n\n---\n===\n",
    "setext from table-like": "a | b\n---\n",
    "setext in front matter shape": "---\ntitle: x\ndate: y\n---\nBody\n",
    "heading then table": "## Results\n| A | B |\n|---|---|\n| 1 | 2 |\n",
}

SLOW = {
    "blockquote": "> quoted\n",
    "blockquote interrupts": "Para\n> quote\n",
    "nested list": "- one\n  - two\n",
    "list second paragraph": "- one\n\n  two\n",
    "list lazy line": "- one\nlazy\n",
    "list empty item": "-\n- two\n",
    "list code item": "-      code\n",
    "list with heading": "- # heading\n",
    "list with fence": "- ```\n  code\n  ```\n",
    "list with quote": "- > q\n",
    "list with table": "- x\n  a | b\n  --|--\n",
    "list second block": "- item\n\n    code?\n",
    "list nested by indent": " - one\n   - two\n",
    "list lazy equals": "- item\n===\n",
    "list item table-like": "- a | b\n  --|--|--\n",
    "list with reference": "- [a]: http://x\n",
    "list with html": "- <div>\n",
    "list tab after marker": "-\ttab\n",
    "list tab indent": "- one\n\tcont\n",
    "reference angle": "[a]: <http://x>\n",
    "reference next line": "[a]:\nhttp://x\n",
    "reference title next line": "[a]: http://x\n\"title\"\n",
    "reference label next line": "[a\nb]: http://x\n",
    "reference unicode url": "[a]: http://x/ä\n",
    "reference escape": "[a]: http://x\\y\n",
    "reference entity": "[a]: http://x?a&amp;b\n",
    "reference javascript": "[a]: javascript:alert(1)\n",
    "reference bad title": "[a]: http://x \"t\" junk\n",
    "reference label nbsp": "[a\u00a0b]: http://x\n",
    "table nbsp edge": "| A |\u00a0\n|---|\n",
    "carriage return": "a\rb",
    "nul": "a\0b",
}


@pytest.mark.parametrize("name", FAST)
def test_fast_snippets_match_markdown_it(name) -> None:
    assert compare(FAST[name]) is not None, "the scanner declined"
    compare_code(FAST[name])


@pytest.mark.parametrize("name", SLOW)
def test_unusual_snippets_go_to_markdown_it(name) -> None:
    assert compare(SLOW[name]) is None
    compare_code(SLOW[name])


def test_code_lines_for_suppressions() -> None:
    text = "---\ntitle: x\n---\n\n```\n<!-- example -->\n```\n\n    indented\n\nText | more\n--- | ---\n    lazy\n```\nopen"
    assert compare_code(text) == {5, 6, 7, 9, 14, 15}
    assert compare_code("```\ncode\n") == {1, 2}


def test_kinds_and_contexts() -> None:
    text = "# T\n\nPara\n\n- item\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    blocks, refs = compare(text)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "list_item", "table_row", "table_row"]
    header = blocks[3]
    assert header.context is None and blocks[4].context == (header.start, header.end)
    assert text[header.start : header.end] == "| A | B |" and refs == {}


def test_reference_urls_kept_verbatim_are_what_markdown_it_normalises_to() -> None:
    """The scanner keeps a safe destination as its href: markdown-it's normalizeLink leaves those alone."""
    from markdown_it.common.normalize_url import normalizeLink

    rng = random.Random(5)
    alphabet = "abcXYZ019;/?:@&=+$,-_.!~*'()#%"
    pieces = ["http://", "https://", "HTTP://", "ftp://", "//", "mailto:", "www.", "Example.COM", "%20", "%7e", "a.b",
              "xn--bcher-kva", ".", "-", ":80", ":", "@", "/", "?", "#", "..", "./", "doi:", "a@b.c", "%", "&amp;", "&"]
    tried = 0
    for _ in range(6000):
        url = "".join(rng.choice(pieces) if rng.random() < 0.5 else rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        try:
            found = scanner._reference(f"[x]: {url}", "")
        except scanner._Bail:
            continue
        if found is not None:
            tried += 1
            assert normalizeLink(url) == found[1] == url, url
    assert tried > 500


def test_plain_labels_normalise_as_markdown_it_does() -> None:
    from markdown_it.common.utils import normalizeReference

    rng = random.Random(8)
    alphabet = ["a", "Z", " ", "  ", "\t", "\n", "ß", "ẞ", "İ", "K", "Ω", "ϴ", "é", "\\", "]", "-", "1", "\u00a0", "\u3000",
                "\x0b", "\x1c", "\u200b", "\ufeff", "\x85"]
    plain = 0
    for _ in range(5000):
        label = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert parse.normalise_label(label) == normalizeReference(label), repr(label)
        if scanner.plain_label(label) is not None:
            plain += 1
            assert scanner.plain_label(label) == normalizeReference(label), repr(label)
    assert plain > 1000


# -- random documents -------------------------------------------------------------------------------

WORDS = ["the", "vote", "48.3%", "€4bn", "Zoë", "said", "`code`", "*em*", "_x_", "[link](http://x.org)", "[ref]",
         "a|b", "<span>", "#tag", "\\|", "1.", "-", "2019", "<!--", "-->", "http://x.org/a_(b)", "~~s~~", "[^1]"]
LINES = {
    "text": lambda r: " ".join(r.choice(WORDS) for _ in range(r.randint(1, 8))),
    "heading": lambda r: "#" * r.randint(1, 7) + r.choice([" ", "", "\t", "  "]) + r.choice(["Title", "", "T #", "x ##"]),
    "fence": lambda r: r.choice(["", " ", "   ", "    "]) + r.choice(["```", "~~~", "````", "``", "~~~~"])
    + r.choice(["", "py", " x`", "  "]),
    "table": lambda r: r.choice(["| A | B |", "A | B", "|A|", "| 1 | 2 |", "x | y | z", "|", "| a \\| b |", "a|",
                                 "| :- | -: |", "|---|---|", "--- | ---", ":-:|:-:", "|-", "-|-", "|---|", "| - | - |",
                                 "---|---|---", "  |---|---|", "    |---|"]),
    "list": lambda r: r.choice(["", " ", "  ", "   ", "    "]) + r.choice(["-", "*", "+", "1.", "2.", "1)", "10.", "0."])
    + r.choice([" ", "  ", "     ", "", "\t"]) + r.choice(["item", "", "[ ] task", "*em*", "- x", "# h", "> q"]),
    "continuation": lambda r: " " * r.randint(1, 7) + r.choice(["more text", "- x", "1. y", "---", "```", "<div>",
                                                               "# h", "| a |", "> q", "===", "[a]: /x"]),
    "blank": lambda r: r.choice(["", "", "", " ", "  ", "\t"]),
    "indented": lambda r: r.choice(["    ", "\t", "  \t", "     ", "\t\t"]) + "indented",
    "quote": lambda r: r.choice([">", " > ", ">>"]) + " quoted",
    "html": lambda r: r.choice(["<div>", "</div>", "<!-- c -->", "<!--", "-->", "<span>", "<a href=\"x\">",
                                "<span>x</span> text", "<script>", "</script>", "<?x", "?>", "<!X", "<![CDATA[", "]]>",
                                "<pre>", "<http://x.org>", "<DIV class=a>", "<br/>"]),
    "reference": lambda r: r.choice(["", " ", "   ", "    "]) + "[" + r.choice(["a", "A", "b c", "", "x]", "a\\]"])
    + "]:" + r.choice([" ", "", "  ", "\t"]) + r.choice(["http://x.org", "/p", "<u>", "", "http://a.b/(c)", "j", "u'v"])
    + r.choice(["", "", " \"T\"", " 'T'", " (T)", " junk", "  "]),
    "break": lambda r: r.choice(["---", "***", "___", "===", "- - -", "* * *", "--", "-", "=", "_ _ _", "----  ", "**"]),
    "odd": lambda r: r.choice(["\u00a0x", "x\u00a0", "\u00a0", "\u00a0|", "\fx", "\u3000y", "[a\u00a0b]: /x"]),
}
KINDS = list(LINES)
WEIGHTS = [30, 6, 4, 8, 10, 5, 16, 2, 1, 3, 3, 2, 1]


def random_document(r: random.Random) -> str:
    if r.random() < 0.5:  # line soup
        lines = [LINES[k](r) for k in r.choices(KINDS, WEIGHTS, k=r.randint(1, 14))]
    else:  # blocks separated by blank lines, closer to real drafts
        lines = []
        for _ in range(r.randint(1, 6)):
            kind = r.choices(["text", "heading", "table", "list", "fence", "reference", "html"], [8, 2, 2, 3, 1, 1, 1])[0]
            if kind == "table":
                lines += ["| A | B |", "|---|---|"] + [LINES["table"](r) for _ in range(r.randint(0, 3))]
            elif kind == "fence":
                lines += ["```", LINES["text"](r), r.choice(["```", "````", "~~~", "``` x"])]
            elif kind == "list":
                marker = r.choice(["-", "*", "1."])
                for _ in range(r.randint(1, 4)):
                    lines.append(f"{marker} {LINES['text'](r)}")
                    if r.random() < 0.3:
                        lines.append(" " * len(marker + " ") + LINES["text"](r))
            else:
                lines += [LINES[kind](r) for _ in range(r.randint(1, 3))]
            lines.append("")
    return "\n".join(lines) + r.choice(["", "\n"])


def test_random_documents_match_markdown_it() -> None:
    r = random.Random(20240229)
    answered = 0
    for _ in range(800):
        text = random_document(r)
        if compare(text) is not None:
            answered += 1
        compare_code(text)
    assert answered > 300, f"the scanner answered only {answered} of 800"


# -- start-up ---------------------------------------------------------------------------------------

def test_markdown_it_is_not_imported_when_the_scanner_answers() -> None:
    code = ("import sys, json; from factlint.document.parse import parse_document; "
            "from factlint.extraction.citations import find_citations; "
            "doc = parse_document(open(sys.argv[1], encoding='utf-8').read(), 'x.md'); "
            "links = [c for c in find_citations(doc) if c.kind == 'link']; "
            "print(json.dumps([len(doc.references), len(links), 'markdown_it' in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "noise" / "not-claims.md")],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    refs, links, imported = json.loads(out.stdout)
    assert refs and links and not imported
