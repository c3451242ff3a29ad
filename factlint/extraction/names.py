"""Find capitalised name spans and resolve them against ledger names and aliases."""

from __future__ import annotations

from itertools import islice
from typing import Iterator

from factlint.extraction.model import NameMention
from factlint.extraction.numwords import NUMBER_WORDS
from factlint.fold import fold
from factlint.startup import regex
from factlint.units import is_unit

# A word starting with a letter; apostrophes and hyphens may join parts ("O'Neil", "Silva-Costa", "Müller's").
_WORD = regex(r"[^\W\d_](?:[\w’'.-]*[^\W_])?")
# What may separate the words of one name: a space, or an ampersand ("Marlow & Finch", "P&G"), which
# folding drops, so the draft's words fold to the ledger's spelling.
_JOINS = (" ", "\u00a0", " & ", "&")
PARTICLES = frozenset("da de do dos das del della di du van von der den la le bin al el y ter ten zu".split())
# Capitalised words that start sentences or precede names but are not themselves names.
LEADING_WORDS = frozenset(
    "the a an in on at for by with after before when while but and or if as this that these those it its his her "
    "their our we they he she i according last next mr mrs ms dr prof president mayor minister senator ceo chief "
    "director sir dame lord lady madam general judge governor councillor councilor candidate rep sen gov "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december from to of since until during yet so then there here what who how why "
    "where all some many most both each every no not only also however meanwhile still just another nearly "
    "almost about around over under roughly yesterday today tonight tomorrow earlier later overnight".split()
)


Word = tuple[int, int, str]  # start, end, the word as written


_PARTICLE_MAX = max(map(len, PARTICLES))  # str.lower() never shortens a word: longer ones are no particle
# What may open a capitalised word: A-Z, or any character past ASCII. Those that are no letter ("€", "’")
# or no capital ("é") are passed over after: this class is a range test per character, where the exact
# one ([^\W\d_a-z]) looks each character up in the Unicode tables (over the 1 MB draft, 8.5 against 18 ms).
_CAPITAL = regex(r"[A-Z\u0080-\U0010ffff]")
_LETTER = regex(r"[^\W\d_]")  # what opens a _WORD
_CHAIN = regex(r"[\w’'.-]*")  # what a _WORD runs on over: it ends at the last letter or digit of this
# What a lower-case particle may follow a name's word with ("da Silva", "Costa & van", a wrapped line):
# the first letters of PARTICLES, or the space or "&" of a longer gap.
_PARTICLE_OPENERS = frozenset({p[0] for p in PARTICLES} | {" ", "&"})


def name_spans(text: str, start: int, end: int, source: str | None = None) -> Iterator[list[Word]]:
    """Runs of capitalised words (with name particles) separated by single spaces (or _JOINS).

    The words are _WORD's in text[start:end], split left to right. ``source`` is the text ``text``
    masks, where given: a gap of spaces that is a line break there joins too (wrapped_gap).
    """
    # Only the capitalised words are visited, found by their first letter, and the particles right after
    # a run's word: most words of prose are neither. A word between two capitalised ones leaves a gap
    # that is no join, so it ends the run without being read. Over the 1 MB draft's sentences: 70 ms,
    # against 94 for splitting every sentence into its words (tests compare them).
    run: list[Word] = []
    last = -1  # where the run's last word ends
    pos = start
    search, word_at = _CAPITAL.search, _WORD.match
    while (m := search(text, pos, end)) is not None:
        at = m.start()
        if (c := text[at]) > "\x7f" and (c.isdecimal() or not c.isalnum()):  # no letter ([^\W\d_]) opens no word
            pos = at + 1
            continue
        if at > start and text[at - 1] != " " and not _opens_word(text, start, at):
            pos = _CHAIN.match(text, at, end).end()  # inside a word ("iPhone"): on past it
            continue
        pos = word_at(text, at, end).end()
        word = text[at:pos]
        if not word[0].isupper():
            continue
        if run and not _joined(text, last, at, source):
            yield _trim(run)
            run = []
        run.append((at, pos, word))
        if pos + 1 < end and text[pos] in " \u00a0&" and text[pos + 1] in _PARTICLE_OPENERS:
            pos = _particles(text, pos, end, source, run)
        last = pos
    if run:
        yield _trim(run)


def _opens_word(text: str, start: int, at: int) -> bool:
    """Whether a _WORD of text[start:] opens at the letter at ``at``: no letter before it in the stretch of
    word characters, apostrophes, dots and hyphens it ends (a word opening there would run on over it)."""
    i = at - 1
    while i >= start:
        c = text[i]
        if c.isalnum():
            if not c.isdecimal():  # a letter ([^\W\d_]): a digit opens no word
                return False
        elif c not in "_’'.-":
            return True
        i -= 1
    return True


def _joined(text: str, a: int, b: int, source: str | None) -> bool:
    """Whether the gap text[a:b] between two words joins them into one name."""
    gap = text[a:b]
    # A wrap leaves two spaces or more (a break and an indent or mark): most gaps (", ") are tested no further.
    return gap in _JOINS or (gap[:2] == "  " and wrapped_gap(source, a, gap))


def _particles(text: str, pos: int, end: int, source: str | None, run: list[Word]) -> int:
    """Add to ``run`` the lower-case particles joined after its last word, which ends at ``pos``; where the last ends."""
    while pos + 1 < end and text[pos] in " \u00a0&" and text[pos + 1] in _PARTICLE_OPENERS:
        m = _LETTER.search(text, pos, end)  # the next word: after a word's end, the next letter opens one
        if m is None or not _joined(text, pos, m.start(), source):
            break
        at = m.start()
        stop = _WORD.match(text, at, end).end()
        word = text[at:stop]
        if word[0].isupper() or len(word) > _PARTICLE_MAX or word.lower() not in PARTICLES:
            break  # a capitalised word goes on the run in name_spans
        run.append((at, stop, word))
        pos = stop
    return pos


def wrapped_gap(source: str | None, at: int, gap: str) -> bool:
    """Whether ``gap`` (masked text at ``at``) is a wrapped line: one line break in ``source`` and blanks.

    A list item's or a block quote's continuation line is indented or marked ("Vacask\\n  Dairy",
    "Vacask\\n> Dairy"): masking reads the break and the marks as spaces, several of them, which a
    blanked code span or tag also leaves; the source tells a wrap from those.
    """
    return source is not None and not gap.strip(" ") and source.count("\n", at, at + len(gap)) == 1


def _name_words(spelling: str) -> list[str]:
    """A ledger spelling's words as a draft shows them: a leading article left out ("the Board")."""
    words = spelling.split()
    return words[1:] if len(words) > 1 and words[0].lower() in ("the", "a", "an") else words


def _breaks_runs(word: str) -> bool:
    """A word after a name's first that a capitalised run stops at: a number, or lower case and no particle."""
    return word.isdigit() or (not word[0].isupper() and word.lower() not in PARTICLES and word != "&")


def stops_runs(spelling: str) -> bool:
    """Whether capitalised runs stop short of this spelling ("Line 4", "Bank of England", "Corvane plc"),
    so drafts are also searched for it from its first word (spanning_names)."""
    words = _name_words(spelling)
    return len(words) > 1 and words[0][0].isupper() and any(map(_breaks_runs, words[1:]))


def unfindable_word(spelling: str) -> str | None:
    """The word that keeps a draft from ever showing this spelling (ledger check FL313), else None.

    A capitalised first word opens a run, or the search of spanning_names; a particle opens one after a
    title ("Dr van der Berg") and runs on through capitalised words and particles only.
    """
    words = _name_words(spelling)
    if not words or words[0][0].isupper():
        return None
    if words[0].lower() not in PARTICLES:
        return words[0]
    return next(filter(_breaks_runs, words[1:]), None)


def _trim(run: list[Word]) -> list[Word]:
    """Drop leading function words and titles, and trailing particles."""
    while run and run[0][2].lower().rstrip(".") in LEADING_WORDS:
        run = run[1:]
    while run and run[-1][2].lower() in PARTICLES:
        run = run[:-1]
    return run


def _strip_possessive(text: str, start: int, end: int) -> int:
    """End offset without a trailing possessive ('s, ’s, or a bare apostrophe)."""
    if end - start >= 2 and text[end - 1] == "s" and text[end - 2] in "'’":
        return end - 2
    if end > start and text[end - 1] in "'’":
        return end - 1
    return end


def resolve(text: str, run: list[Word], index) -> Iterator[NameMention]:
    """Longest exact ledger matches within a run; the words between them as unresolved mentions."""
    i = 0
    leftover: list[Word] = []
    longest = getattr(index, "max_name_tokens", 1)
    names = index.names if index is not None else {}
    while i < len(run):
        for size in range(min(len(run) - i, longest), 0, -1):
            a = run[i][0]
            b = _strip_possessive(text, a, run[i + size - 1][1])
            key = fold(text[a:b])
            if key in names:
                yield from _unresolved(text, leftover)
                leftover = []
                yield NameMention(a, b, text[a:b], key, tuple(sorted(names[key])))
                i += size
                break
        else:
            leftover.append(run[i])
            i += 1
    yield from _unresolved(text, leftover)


def _unresolved(text: str, words: list[Word]) -> Iterator[NameMention]:
    """Leftover words, consecutive in their run, as one mention with no entity (a near-miss candidate).

    Not a number word or a unit alone: "Fourteen people were killed" opens with a count, and "38.2 GW"
    or "221 TWh" ends with a unit, not with someone.
    """
    if words and not (len(words) == 1 and (words[0][2].lower() in NUMBER_WORDS or is_unit(words[0][2]))):
        yield _mention(text, words)


def _mention(text: str, group: list[Word]) -> NameMention:
    """A NameMention for a run of words."""
    a = group[0][0]
    b = _strip_possessive(text, a, group[-1][1])
    return NameMention(a, b, text[a:b], fold(text[a:b]))


Plan = tuple[tuple[int, int, str, tuple[str, ...]], ...]  # each mention: start, end (from the run's start), folded, ids


def _resolved(text: str, run: list[Word], index, plans: dict[str, Plan]) -> list[NameMention]:
    """resolve(), once per distinct run text (names recur through a draft); the mentions at this run's offsets."""
    base = run[0][0]
    # The mentions depend on the run's text alone: its words and the single spaces between them.
    key = text[base : run[-1][1]]
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = tuple((m.start - base, m.end - base, m.folded, m.entities)
                                  for m in resolve(text, run, index))
    return [NameMention(base + a, base + b, text[base + a : base + b], folded, ids) for a, b, folded, ids in plan]


def find_names(text: str, start: int, end: int, index, plans: dict[str, Plan] | None = None,
               source: str | None = None) -> list[NameMention]:
    """Name mentions in text[start:end], exact ledger matches resolved.

    ``plans`` keeps each distinct run's resolution for the next sentences read against the same index;
    ``source``, the text ``text`` masks, tells wrapped lines (name_spans).
    """
    plans = {} if plans is None else plans
    out: list[NameMention] = []
    runs = [run for run in name_spans(text, start, end, source) if run]
    for run in runs:
        out.extend(_resolved(text, run, index, plans))
    heads = getattr(index, "spanning_heads", None)
    if heads:
        opens = [w[0] for run in runs for w in run if w[2][0].isupper() and fold(w[2]) in heads]
        if opens:
            return _with_spanning(out, spanning_names(text, opens, end, index, source))
    return out


# A number that can be a word of a name ("Line 4", "Terminal 2", "Apollo 11"): whole, not a decimal or
# a thousands group, not glued to letters ("4th", "3M").
_NAME_NUMBER = regex(r"(?<![\w.,])\d+(?![\w]|[.,]\d)")
# The words and numbers a name that runs cannot read whole is made of, in a draft's order.
_NAME_TOKEN = regex(f"{_WORD.pattern}|{_NAME_NUMBER.pattern}")


def spanning_names(text: str, opens: list[int], end: int, index, source: str | None = None) -> list[NameMention]:
    """Ledger names that capitalised runs stop short of, found from the run words that open one.

    A run stops at a number ("Line 4") and at a lower-case word ("Bank of England", "Corvane plc"), so
    these names are looked up apart: from each offset in ``opens`` (a capitalised word that is the
    first word of such a name: LedgerIndex.spanning_heads), every window of words and numbers joined
    by single spaces, longest first.
    """
    found: list[NameMention] = []
    for at in opens:
        if found and at < found[-1].end:
            continue
        tokens = [(m.start(), m.end()) for m in islice(_NAME_TOKEN.finditer(text, at, end), index.max_name_tokens)]
        mention = _spanning_at(text, tokens, index, source)
        if mention is not None:
            found.append(mention)
    return found


def _spanning_at(text: str, tokens: list[tuple[int, int]], index, source: str | None) -> NameMention | None:
    """The longest ledger name of two words or more that these tokens open, if any."""
    size = 1
    while size < len(tokens) and ((gap := text[tokens[size - 1][1] : tokens[size][0]]) in _JOINS
                                  or wrapped_gap(source, tokens[size - 1][1], gap)):
        size += 1
    for n in range(size, 1, -1):
        a = tokens[0][0]
        b = _strip_possessive(text, a, tokens[n - 1][1])
        key = fold(text[a:b])
        if key in index.names:
            return NameMention(a, b, text[a:b], key, tuple(sorted(index.names[key])))
    return None


def _with_spanning(mentions: list[NameMention], spanning: list[NameMention]) -> list[NameMention]:
    """The run mentions, with those a name found across them overlaps replaced by it."""
    if not spanning:
        return mentions
    kept = [m for m in mentions if not any(n.start < m.end and m.start < n.end for n in spanning)]
    return sorted(kept + spanning, key=lambda m: m.start)
