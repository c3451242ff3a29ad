"""Fold text for comparison: case, diacritics, punctuation, possessives."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from factlint.startup import regex

_POSSESSIVE = regex(r"(?<=\w)['’]s?\b|(?<=s)['’](?=\s|$)")
_NON_WORD = regex(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """'José Müller's' -> 'jose muller'; 'UNÁM' -> 'unam'; non-Latin scripts are transliterated."""
    text = _POSSESSIVE.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(fold_table())
    if not text.isascii():
        # anyascii, not NFKD: NFKD drops letters such as 'Ł' or 'ø' instead of folding them.
        from anyascii import anyascii  # its import and data files cost ~15 ms; most names never need it

        text = anyascii(text)
    return _NON_WORD.sub(" ", text.lower()).strip()


# Non-ASCII letters that re.IGNORECASE matches to ASCII ones but str.lower() does not turn into them.
_CASE_TWINS = {0x131: "i", 0x17F: "s", 0x212A: "k"}


def ignorecase_lower(text: str) -> str:
    """str.lower(), with each letter re.IGNORECASE takes for an ASCII one made that ASCII letter.

    For looking up what a case-insensitive pattern matched ("ſix", "mıllion" and "MİLLİON" match too).
    "İ" is replaced before lower(): re.IGNORECASE takes its simple lower case "i", where str.lower()
    makes it "i" and a combining dot, two characters.
    """
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    low = text.lower()
    return low.translate(_CASE_TWINS) if not low.isascii() else low


def ends_with_phrase(text: str, start: int, end: int, blanks: str, phrases: tuple[str, ...]) -> bool:
    """Whether text[start:end], without its trailing ``blanks``, ends with one of ``phrases`` (lower case, one
    space between words) as re.IGNORECASE reads letters, whatever blanks part its words.

    A necessary condition of a pattern "(?:phrases)[blanks]*$" searched over that short window, tested
    first: the search tries the pattern at every position of the window (~3 us for 24 characters); this
    costs a fifth of that.
    """
    return " ".join(ignorecase_lower(text[start:end].rstrip(blanks)).split()).endswith(phrases)


class EndingPattern(NamedTuple):
    """A pattern ending "(?:phrases)[blanks]*$" (a hedge, a word of change, a page stamp before a number or
    date), with the phrases its matches end with: searched over a short window only where the window
    ends with one of them (ends_with_phrase)."""

    pattern: re.Pattern
    phrases: tuple[str, ...]
    blanks: str = " \t"

    def search(self, text: str, start: int, end: int) -> re.Match | None:
        """pattern.search(text, start, end), without the search where it cannot match."""
        if not ends_with_phrase(text, start, end, self.blanks, self.phrases):
            return None
        return self.pattern.search(text, start, end)


# Characters of Latin-script prose that NFKD does not fold, as anyascii writes them (a test checks each).
_COMMON = {
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "Ae", "æ": "ae", "Œ": "Oe",
    "œ": "oe", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d", "ı": "i", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t",
    "€": "EUR", "£": "GBP", "¥": "Y", "¢": "c", "₹": "Rs", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-",
    "—": "-", "…": "...", "«": "<<", "»": ">>", "•": "*", "·": "-", "°": "deg", "×": "*", "§": "S", "©": "(C)",
    "®": "(R)", "™": "TM", "½": "1/2", "¼": "1/4", "¾": "3/4", "²": "2", "³": "3", "ª": "a", "º": "o",
    "‰": "%0", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
}


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """ASCII for the common characters above and for Latin letters with diacritics whose NFKD gives
    ASCII letters ('é' -> 'e').

    Exactly what anyascii gives for these (a test checks every one), without loading anyascii.
    """
    table = {ord(c): ascii_text for c, ascii_text in _COMMON.items()}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = "".join(ch for ch in unicodedata.normalize("NFKD", chr(cp)) if not unicodedata.combining(ch))
        if base.isascii() and base.isalpha():
            table.setdefault(cp, base)
    return table


# Irregular verb forms that facts and drafts use for the same event ("drove" / "driven").
_IRREGULAR = {
    "won": "win", "drove": "drive", "driven": "drive", "rose": "rise", "risen": "rise", "fell": "fall",
    "fallen": "fall", "grew": "grow", "grown": "grow", "gave": "give", "given": "give", "took": "take",
    "taken": "take", "spent": "spend", "held": "hold", "met": "meet", "made": "make", "ran": "run", "sold": "sell",
    "bought": "buy", "paid": "pay", "built": "build", "lost": "lose", "began": "begin", "begun": "begin",
    "chose": "choose", "chosen": "choose", "wrote": "write", "written": "write", "came": "come", "went": "go",
    "gone": "go", "saw": "see", "seen": "see", "brought": "bring", "left": "leave", "sent": "send", "kept": "keep",
    "found": "find", "told": "tell", "stood": "stand", "flew": "fly", "flown": "fly", "drew": "draw",
    "drawn": "draw", "threw": "throw", "thrown": "throw", "shown": "show", "knew": "know", "known": "know",
    "spoke": "speak", "spoken": "speak", "broke": "break", "broken": "break", "cut": "cut", "hit": "hit",
    "led": "lead", "fed": "feed", "shot": "shoot", "slid": "slide", "sank": "sink", "sunk": "sink", "swore": "swear",
    "sworn": "swear", "wore": "wear", "worn": "wear", "woke": "wake", "woken": "wake", "froze": "freeze",
    "frozen": "freeze", "people": "person", "men": "man", "women": "woman", "children": "child",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, consistent stem: 'votes', 'voted', 'voting' -> 'vot'; 'cities' -> 'city'; 'drove' -> 'driv'.

    Not a linguist's stem: only the same stem for the forms a fact and a draft use for the same word.
    """
    word = _IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # "travelled" / "travel", "glasses" / "glass"
    return word
