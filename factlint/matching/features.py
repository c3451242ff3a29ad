"""Word features of sentences and facts, for scoring which fact a sentence talks about."""

from __future__ import annotations

import marshal
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from factlint.fold import fold, stem
from factlint.ledger.model import Fact
from factlint.matching.store import Packed
from factlint.startup import regex
from factlint.words import STOPWORDS, signals_nothing

_YEAR = regex(r"(?<!\d)(1[6-9]\d\d|20\d\d|21\d\d)(?!\d)")


def words_of(text: str) -> frozenset[str]:
    """Stemmed, folded words of a piece of prose."""
    return frozenset(map(stem, _folded_words(text)))  # map: no Python frame per word


def stemmed_words(text: str) -> list[str]:
    """The stemmed, folded words of a piece of prose, in order."""
    return list(map(stem, _folded_words(text)))


# The runs of a-z and 0-9 of lower-cased ASCII text: every other byte made a space, then split.
# bytes.translate is a table lookup per byte in C (str.translate, its per-character mapping, takes twice
# as long): the round trip is a third of a findall's time on a sentence, with the same words.
_TOKEN_TABLE = bytes(b if chr(b).isdigit() or "a" <= chr(b) <= "z" else 32 for b in range(128)) + bytes([32] * 128)


def _folded_words(text: str) -> list[str]:
    """The runs of a-z and 0-9 of the folded text, in order, not yet stemmed."""
    if not text.isascii():
        return fold.__wrapped__(text).split()  # fold leaves only a-z, 0-9 and single spaces
    return text.lower().encode().translate(_TOKEN_TABLE).decode().split()


@dataclass(frozen=True, slots=True)
class FactFeatures:
    """What a sentence must say to be about a fact."""

    keywords: tuple[tuple[str, ...], ...]  # each keyword phrase as stemmed words
    claim: frozenset[str]  # content words of the claim (no stopwords, numbers or subject names)
    years: frozenset[int]  # years the fact is tied to


def keyword_phrases(fact: Fact) -> tuple[tuple[str, ...], ...]:
    """Each of a fact's keywords as a phrase of stemmed, folded words, once, unless it is all function words;
    a phrase that holds another ("operating margin" beside "margin", "drinks" beside "drink") adds no
    evidence of its own, so it goes.
    """
    phrases = list(dict.fromkeys(tuple(map(stem, fold(k).split())) for k in fact.keywords if not signals_nothing(k)))
    if len(phrases) < 2:
        return tuple(phrases)
    return tuple(p for p in phrases if not any(q != p and set(q) <= set(p) for q in phrases))


def any_names_a_keyword(phrase_sets: Iterable[tuple[tuple[str, ...], ...]],
                        word_sets: tuple[frozenset[str], ...]) -> bool:
    """Whether, for some fact and some word set, every word of one of the fact's keyword phrases is in the set.

    One generator over all three, not a call per fact and word set: half the time of FL201's keyword
    test over the 1 MB draft (26 against 54 ms).
    """
    return any(words.issuperset(phrase) for phrases in phrase_sets for phrase in phrases for words in word_sets)


def fact_features(fact: Fact, name_tokens: frozenset[str], title_words: frozenset[str] = frozenset(),
                  keywords: tuple[tuple[str, ...], ...] | None = None) -> FactFeatures:
    """Precompute a fact's keyword phrases, claim words (with its source title's words) and years."""
    keywords = keyword_phrases(fact) if keywords is None else keywords
    claim = frozenset(w for w in (words_of(fact.claim) | title_words) - STOPWORDS - name_tokens
                      if len(w) > 2 and not w.isdigit())
    years = {int(y) for y in _YEAR.findall(fact.claim)}  # not the source title's: that is often a publication year
    if fact.date:
        years.add(fact.date.year)
    if fact.valid_from and fact.valid_until and fact.valid_until.year - fact.valid_from.year <= 10:
        years.update(range(fact.valid_from.year, fact.valid_until.year + 1))
    return FactFeatures(keywords, claim, frozenset(years))


def encode_features(features: FactFeatures) -> bytes:
    """A fact's features as marshal bytes; the sets sorted, so that a ledger's cache is the same every build."""
    return marshal.dumps((features.keywords, tuple(sorted(features.claim)), tuple(sorted(features.years))))


def decode_features(data: bytes | memoryview) -> FactFeatures:
    """The features ``encode_features`` wrote."""
    keywords, claim, years = marshal.loads(data)
    return FactFeatures(keywords, frozenset(claim), frozenset(years))


class FeatureStore(Packed):
    """Every fact's features, computed when the index is built, in fact order; each decoded on first use.

    Computing a fact's features takes ~30 us (13% of each half of a 1 MB draft against 100k facts);
    decoding them ~2 us.
    """

    __slots__ = ()
    decode = staticmethod(decode_features)


class Evidence(NamedTuple):
    """How strongly a sentence points at a fact."""

    # A named tuple, not a frozen dataclass like the pipeline's records: binding scores every
    # candidate fact of every number and date (474k for a 1 MB draft against a 1k-fact ledger),
    # and a frozen dataclass's __init__ (object.__setattr__ per field) was 12% of binding.

    keywords: int
    claim: int
    year: int

    @property
    def score(self) -> int:
        """Keywords count double; a matching year counts most, a conflicting one against."""
        return 2 * self.keywords + self.claim + self.year


def evidence(features: FactFeatures, words: frozenset[str], years: frozenset[int]) -> Evidence:
    """Score one fact against one sentence's words and years."""
    kw = sum(map(words.issuperset, features.keywords))  # map: no generator frame per phrase
    claim = len(features.claim & words)
    year = 0
    if years and features.years:
        year = -3 if years.isdisjoint(features.years) else 3
    return Evidence(kw, claim, year)
