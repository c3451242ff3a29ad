"""Cheap tests run before slow searches never rule out a match the search would find; faster forms of
patterns find what the plain forms find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.extraction import numbers
from factlint.fold import ends_with_phrase
from factlint.matching import claims
from tests.conftest import FIXTURES

# Each EndingPattern and the window searched before an offset.
PREFILTERED = {
    "direction": (numbers._DIRECTION, 24), "hedge": (numbers._HEDGE, 24), "stamp": (claims._STAMP, 40),
}
PIECES = ["rose", "ROSE", "Roſe", "fell", "up", "down", "by", "BY", "of", "increase of", "decline of", "cut",
          "nearly", "NEARLY", "almoſt", "at least", "up to", "more than", "~", "some", "Some", "published",
          "UPDATED", "as of", "on", "released", "fıled", "İn", "K", "Kelvin", "the", "word", "cup", "1,204", "increase", "reduction", "rise of", "Cut\tof", "close", "to", "no", "fewer", "than",
          "excess", "in", "Posted \t on", "as", "estimated",
          "48%", " ", "  ", "\t", ":", ".", ",", "(", "-", "\n", "é"]


def _holds(name: str, text: str, at: int) -> None:
    """If the pattern matches the window ending at ``at``, the prefilter lets it through, and the search finds it."""
    ending, reach = PREFILTERED[name]
    low = max(0, at - reach)
    plain = ending.pattern.search(text, low, at)
    if plain:
        assert ends_with_phrase(text, low, at, ending.blanks, ending.phrases), (name, text[low:at])
    assert (plain and plain.span()) == ((found := ending.search(text, low, at)) and found.span())


def _fixture_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.md"))]


@pytest.mark.parametrize("name", sorted(PREFILTERED))
def test_prefilter_passes_every_match_in_the_fixture_drafts(name: str) -> None:
    """Every offset after a blank or a colon in every fixture draft (where these patterns can end)."""
    seen = 0
    for text in _fixture_texts():
        for m in re.finditer(r"[ \t:]", text):
            _holds(name, text, m.end())
            seen += 1
    assert seen > 10_000


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from(sorted(PREFILTERED)))
def test_prefilter_passes_every_match_in_any_text(pieces: list[str], name: str) -> None:
    """Case twins re.IGNORECASE reads as ASCII ("Roſe", "fıled") included."""
    text = "".join(pieces)
    for at in range(len(text) + 1):
        _holds(name, text, at)


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("prices ROSE  ", ("rose",), True), ("prices roſe\t", ("rose",), True), ("Updated:", ("updated",), True),
    ("prices rose by", ("rose",), False), ("nothing here ", ("rose", "fell"), False), ("", ("of",), False),
    ("rose \t by ", ("rose by",), True), ("ROSE\u00a0BY", ("rose by",), True), ("arose by", ("rose by",), True),
])
def test_ends_with_phrase(text: str, words: tuple[str, ...], expected: bool) -> None:
    assert ends_with_phrase(text, 0, len(text), " \t:", words) is expected


# numbers._LEFT_WORD as first written, with a backtracking run of word characters.
PLAIN_LEFT_WORD = re.compile(r"([A-Za-z][\w.&'’-]*)[ \t]?[.#]?[ \t]*$")


def _same_left_word(text: str, low: int, at: int) -> None:
    plain, fast = PLAIN_LEFT_WORD.search(text, low, at), numbers._LEFT_WORD.search(text, low, at)
    assert (plain and (plain.span(), plain.span(1))) == (fast and (fast.span(), fast.span(1))), text[low:at]


def test_left_word_finds_what_its_plain_form_finds_in_the_fixture_drafts() -> None:
    for text in _fixture_texts():
        for m in re.finditer(r"\d", text):
            _same_left_word(text, max(0, m.start() - 40), m.start())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9_.&'’- \t#é,K", max_size=30))
def test_left_word_finds_what_its_plain_form_finds_in_any_window(text: str) -> None:
    for at in range(len(text) + 1):
        for low in range(at + 1):
            _same_left_word(text, low, at)


def test_abbreviation_check_screens_out_only_dots_its_pattern_cannot_end_at() -> None:
    """_is_abbreviation reads the word before a dot only after a letter or a dot: with any other character
    there (a digit, a quote, "K", "é"), _LAST_WORD finds no word ending at the dot either."""
    import random

    from factlint.extraction import sentences

    def by_pattern(text: str, dot: int) -> bool:
        m = sentences._LAST_WORD.search(text, max(0, dot - 12), dot + 1)
        word = m.group(1).rstrip(".").lower() if m else ""
        return bool(m) and (word in sentences._ABBREVIATIONS or (len(word) == 1 and text[m.start(1)].isupper()))

    rng = random.Random(5)
    pieces = ["Dr", "dr", "e.g", "U.S", "approx", "A", "b", "Z", "K", "é", "2024", "4", ")", "”", "'", " ", ".", ".."]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) + "."
        for dot in (i for i, ch in enumerate(text) if ch == "."):
            assert sentences._is_abbreviation(text, dot) == by_pattern(text, dot), (text, dot)


def test_ascii_words_split_from_a_translation_are_the_token_patterns() -> None:
    """stemmed_words reads ASCII text by translating all but a-z and 0-9 to spaces and splitting; other
    text by folding it (fold leaves a-z, 0-9 and spaces): the words a findall of [a-z0-9]+ gives."""
    import random

    from factlint.fold import fold, stem
    from factlint.matching.features import _TOKEN_TABLE, stemmed_words

    token = re.compile(r"[a-z0-9]+")
    rng = random.Random(3)
    alphabet = [chr(c) for c in range(128)] + ["ab", "9", " "] * 8
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert text.encode().translate(_TOKEN_TABLE).decode().split() == token.findall(text), text
        assert stemmed_words(text) == [stem(w) for w in token.findall(text.lower())], text
    for text in ("Müller’s VOTES rose", "São Tomé: 4,5 %", "naïve café_bar", "Łódź—2024"):
        assert fold(text) == " ".join(token.findall(fold(text))), text
        assert stemmed_words(text) == [stem(w) for w in token.findall(fold(text))], text


def test_ascii_runs_split_from_a_translation_are_word_runs() -> None:
    """word_hints reads ASCII text's \\w+ runs by translating other bytes to spaces and splitting: the same runs."""
    import random

    from factlint.extraction.numwords import _RUN, _RUN_TABLE, word_hints

    rng = random.Random(6)
    alphabet = [chr(c) for c in range(128)] + ["one", "two-thirds", "half", " in ", "1", " "] * 6
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        assert text.encode().translate(_RUN_TABLE).decode().split() == _RUN.findall(text), text
    assert word_hints("Some twenty-one voters") == (True, True)
    assert word_hints("Two-thirds of ſix") == (True, True) and word_hints("a half of it") == (False, True)
    assert word_hints("1 in 5 adults") == (False, True) and word_hints("1 in 5 adults", odds=False) == (False, False)
