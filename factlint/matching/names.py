"""Near-miss detection of names against the ledger (FL103), via the deletion index."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Container

from factlint.extraction.model import NameMention, Sentence
from factlint.extraction.names import PARTICLES
from factlint.extraction.sentences import by_sentence
from factlint.fold import fold
from factlint.startup import regex


def _token_close(written: str, ledger: str) -> bool:
    """One or two edits apart (two only for long tokens), never identical, never tiny."""
    if min(len(written), len(ledger)) < 3:
        return False
    limit = 1 if len(ledger) <= 5 else 2
    return abs(len(written) - len(ledger)) <= limit and 0 < osa_distance(written, ledger) <= limit


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: edits and adjacent transpositions, each substring edited once.

    Hand-written, not rapidfuzz's OSA: it compares two words a few hundred times in a 1 MB draft, over
    the few characters between their common prefix and suffix, while importing rapidfuzz's metrics
    cost 13 ms of every run that met one misspelled name. A test compares the two.
    """
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[-1 - s] == b[-1 - s]:
        s += 1
    a, b = a[p : len(a) - s], b[p : len(b) - s]
    if not a or not b:
        return len(a) + len(b)
    before, prev = [0] * (len(b) + 1), list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            best = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            row[j] = best
        before, prev = prev, row
    return prev[-1]


def _matches(window: list[str], name: str, index) -> bool:
    """Whether a window of folded tokens is a near miss of one ledger name."""
    target = name.split()
    if len(target) != len(window):
        return False
    diffs = [(w, t) for w, t in zip(window, target) if w != t]
    if len(diffs) != 1:
        return False
    written, ledger = diffs[0]
    if written in PARTICLES and ledger in PARTICLES:
        # "Jan van de Berg" for "Jan van der Berg", "von Beethoven" for "van Beethoven": a particle, too short
        # for _token_close, one edit off in a name whose other words are all the ledger's.
        return osa_distance(written, ledger) == 1
    # A token that another ledger name uses is a real name ("Maria" beside "Maria Costa"), not a typo;
    # a family's plural ("the Brandts", "both Van der Bergs") is the name itself.
    if written in index.tokens or written in (ledger + "s", ledger + "es"):
        return False
    if len(window) == 1 and (len(ledger) < 5 or written[0] != ledger[0]):
        return False
    return _token_close(written, ledger)


# A word only a name looks like ("O'Brian", "McAlister", "DiMaggio"): a near miss even opening a sentence,
# where a capitalised common word is none.
_NAME_SHAPED = regex(r"[A-Z]['’][A-Z]|(?:Mc|Mac|Di|De|Van|Le|La|O)[A-Z][a-z]")


def near_miss(mention: NameMention, index, common_words: Container[str], sentence_start: bool) -> NameMention | None:
    """The mention annotated with the ledger spelling it nearly matches, or None."""
    tokens = mention.folded.split()
    if not tokens or len(tokens) > index.max_name_tokens + 2:
        return None
    # Windows end where the mention ends: titles may precede a name ("Mayor Marta Sliva"), nothing follows it.
    sizes = range(min(len(tokens), index.max_name_tokens), 1, -1) if len(tokens) > 1 else (1,)
    for size in sizes:
        window = tokens[-size:]
        if size == 1 and ((sentence_start and not _NAME_SHAPED.match(mention.text)) or window[0] in common_words):
            return None
        for name in sorted(_candidates(window, index)):
            if _matches(window, name, index):
                offset = _window_offset(mention, size)
                return replace(mention, start=mention.start + offset, text=mention.text[offset:],
                               folded=" ".join(window), suggestion=index.spellings[name],
                               suggested=tuple(sorted(index.names[name])))
    return None


def _candidates(window: list[str], index) -> set[str]:
    """Names with every token of the window but one exactly, and that one within an edit.

    Intersecting the exact tokens' name sets first keeps this cheap for common first names.
    """
    found: set[str] = set()
    for i, token in enumerate(window):
        others = [index.token_names(t) for j, t in enumerate(window) if j != i]
        if any(not o for o in others):
            continue
        exact = frozenset.intersection(*sorted(others, key=len)) if others else None
        for near in index.near_tokens(token):
            names = index.tokens.get(near, ())
            found |= exact.intersection(names) if exact is not None else {n for n in names if " " not in n}
    return found


def _window_offset(mention: NameMention, size: int) -> int:
    """Character offset inside the mention where its last ``size`` folded words begin.

    Counted in folded words, as the window is: "&" folds to none ("Marlow & Fench"), "AT&T" to two.
    """
    words = mention.text.split(" ")
    offset = len(mention.text) + 1
    for word in reversed(words):
        offset -= len(word) + 1
        size -= len(fold(word).split())
        if size <= 0:
            break
    return max(offset, 0)


_LOWER_WORD = regex(r"(?<![\w’'])[a-z]+(?![\w’'])")
# How much text LowerCaseWords may search, in lengths of the text, before it reads every word of it. A
# search for a word the draft does not write goes through all of it: ~0.65 ms per MB, against ~36 ms
# per MB to read every word. The 1 MB benchmark draft asks about 19 distinct words, 12 of them absent.
_SEARCH_BUDGET = 16


class LowerCaseWords:
    """Whether a text writes a word in lower case (a word of lower_case_words), each word looked up once.

    Near misses ask this of a few distinct words, so each is searched for in the text, until the
    searches have read _SEARCH_BUDGET times the text; then lower_case_words reads every word once.
    A draft checked in spans asks in each process, and most of its spans ask nothing new.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}
        self.budget = _SEARCH_BUDGET * len(text)
        self.words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.words is not None:
            return word in self.words
        if not (isinstance(word, str) and word.isascii() and word.isalpha() and word.islower()):
            return False  # not [a-z]+: no word _LOWER_WORD finds
        found = self.known.get(word)
        if found is None:
            if self.budget <= 0:
                self.words = lower_case_words(self.text)
                return word in self.words
            found = self.known[word] = self._search(word)
        return found

    def _search(self, word: str) -> bool:
        """Whether the text writes ``word`` where _LOWER_WORD would find it, the text read charged to the budget."""
        text, at = self.text, 0
        while (at := text.find(word, at)) >= 0:
            m = _LOWER_WORD.match(text, at)  # the lookbehind sees the character before ``at``
            if m is not None and m.end() == at + len(word):
                self.budget -= m.end()
                return True
            at += 1
        self.budget -= len(text)
        return False


# One text at a time: a draft checked in spans (parallel._check_spans) asks in each process, across its spans.
@lru_cache(maxsize=1)
def lower_case_lookup(text: str) -> LowerCaseWords:
    """The words a draft also writes in lower case, looked up as needed (LowerCaseWords)."""
    return LowerCaseWords(text)


# One text at a time: a draft checked in spans scans its whole text once per process, not once per span.
# The key is the text itself, which caches its hash.
@lru_cache(maxsize=1)
def lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case: _LOWER_WORD's matches, found in each distinct chunk between spaces.

    Whitespace is neither a word character nor an apostrophe, so the pattern matches the same words
    in a chunk alone as in the whole text. A draft repeats most of its chunks, and splitting is
    cheaper than trying the pattern at every position: 43 against 68 ms for 1 MB.
    """
    find = _LOWER_WORD.findall
    words: set[str] = set()
    for chunk in _chunks(text):
        words.update(find(chunk))
    return frozenset(words)


@lru_cache(maxsize=1)
def _chunks(text: str) -> frozenset[str]:
    """The distinct chunks between spaces of ``text``: split once (~30 ms for 1 MB) for lower_case_words
    and capitalised_words."""
    return frozenset(text.split())


_CAPITALISED = regex(r"[^\W\d_a-z][\w’'.&-]*")


@lru_cache(maxsize=1)
def capitalised_words(text: str) -> frozenset[str]:
    """The folded words ``text`` writes with a capital (names), found in each distinct chunk between spaces.

    Whole text, as lower_case_words: a draft checked in spans sees the same set in every process.
    """
    find = _CAPITALISED.findall
    words: set[str] = set()
    for chunk in _chunks(text):
        if not chunk.islower():
            words.update(fold(w) for w in find(chunk) if w[0].isupper())
    return frozenset(w for w in words if w)


def named_in_draft(index, text: str, entity_id: str) -> bool:
    """Whether the draft writes the entity's name or one of its aliases: every capitalised word of it."""
    entity = index.entity(entity_id)
    if entity is None:
        return False
    words = capitalised_words(text)
    for spelling in (entity.name, *entity.aliases):
        needed = [fold(w) for w in spelling.split() if w[:1].isupper()]
        if not needed:  # no capital ("the council", "iPhone"): written as it is, in any case
            if _writes(text, spelling):
                return True
        elif all(w in words for w in needed):
            # A name with a number ("Line 4") is written whole: "Fenmoor Line" names no Line 4.
            if not any(ch.isdigit() for ch in spelling) or _writes(text, spelling):
                return True
    return False


@lru_cache(maxsize=1024)
def _writes(text: str, spelling: str) -> bool:
    """Whether the text writes a spelling, its words apart by any blanks ("Line\n4" too)."""
    words = spelling.split()
    return re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", text, re.IGNORECASE) is not None


def annotate(text: str, sentences: tuple[Sentence, ...], names: tuple[NameMention, ...], index) -> tuple[NameMention, ...]:
    """Every name mention, with unresolved ones marked as near misses of a ledger spelling where they are."""
    common = lower_case_lookup(text)  # words the draft also writes in lower case are words, not names
    out: list[NameMention] = []
    for s, group in zip(sentences, by_sentence(list(names), sentences)):
        out.extend(_sentence_names(text, s.start, group, index, common))
    return tuple(out)


def _sentence_names(text: str, start: int, mentions: list[NameMention], index,
                    common: Container[str]) -> list[NameMention]:
    """One sentence's names, near misses annotated."""
    out: list[NameMention] = []
    for mention in mentions:
        if out and _adjacent(text, out[-1], mention):
            # "Christoper Anand": an alias ("Anand") may hide a misspelt full name around it.
            merged = _merged(text, out[-1], mention, index, common, out[-1].start == start)
            if merged is not None:
                out[-1] = merged
                continue
        if not mention.entities:
            mention = near_miss(mention, index, common, mention.start == start) or mention
        out.append(mention)
    return out


def _adjacent(text: str, a: NameMention, b: NameMention) -> bool:
    """Two mentions separated by one space, at least one of them not a ledger name."""
    return text[a.end : b.start] == " " and not (a.entities and b.entities) and not a.suggestion


def _merged(text: str, a: NameMention, b: NameMention, index, common: Container[str],
            first: bool) -> NameMention | None:
    """The two mentions as one near miss of a ledger name, if they are one."""
    span = text[a.start : b.end]
    found = near_miss(NameMention(a.start, b.end, span, fold(span)), index, common, first)
    return found if found is not None and found.start == a.start else None
