"""Fold text for comparison: case, diacritics, punctuation, possessives."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?<=\w)['’]s?\b|(?<=s)['’](?=\s|$)")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """'José Müller's' -> 'jose muller'; 'UNÁM' -> 'unam'; non-Latin scripts are transliterated."""
    text = _POSSESSIVE.sub("", text)
    # anyascii, not NFKD: NFKD drops letters such as 'Ł' or 'ø' instead of folding them.
    if text.isascii():
        ascii_text = text
    else:
        from anyascii import anyascii  # costs ~20 ms to import; ASCII text never needs it

        ascii_text = anyascii(unicodedata.normalize("NFC", text))
    return _NON_WORD.sub(" ", ascii_text.lower()).strip()


def stem(word: str) -> str:
    """A crude singular for unit nouns and keywords: 'votes' -> 'vote', 'cities' -> 'city'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
