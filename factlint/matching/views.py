"""How binding sees each sentence: its words, years, names, context, citations and table cells."""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from factlint.checks.context import Context
from factlint.extraction.model import DateMention, NameMention, Sentence
from factlint.extraction.sentences import by_sentence
from factlint.matching.claims import is_dateline
from factlint.matching.features import words_of
from factlint.startup import regex


class View(NamedTuple):
    """One sentence as binding sees it."""

    # A named tuple, not a frozen dataclass like the pipeline's records (as features.Evidence): a view
    # is built for every sentence with a number or a date (8,267 in the 1 MB draft), and a frozen
    # dataclass's __init__ took 2.3 us a view against 0.4 us.

    sentence: Sentence
    words: frozenset[str]
    years: frozenset[int]
    mentions: tuple[tuple[int, tuple[str, ...]], ...]  # (offset, entity ids) in text order
    carried: tuple[str, ...]  # entities of the previous sentence, for sentences that name none
    context: frozenset[str] = frozenset()  # words of the section heading and the previous sentence
    # Table row: (start, end, column header words, entities the column header names) per cell.
    cells: tuple[tuple[int, int, frozenset[str], tuple[str, ...]], ...] = ()
    dateline: bool = False  # bylines and datelines state nothing to bind
    named: frozenset[str] = frozenset()  # every entity the sentence names
    cited: frozenset[str] = frozenset()  # ledger sources the sentence cites
    elsewhere: bool = False  # a place the ledger does not know says where ("In Chalkbury, 45% ...")
    refers_back: bool = False  # opens with a pronoun for ledger entities it carries ("His first came ...")
    draft: str = ""  # the whole draft's (masked) text, for what the draft names anywhere (names.named_in_draft)

    def words_at(self, offset: int) -> frozenset[str]:
        """The sentence's words; in a table row, with the header of the cell at ``offset``."""
        cell = self._cell(offset)
        return self.words | cell[2] if cell else self.words

    def column_entities(self, offset: int) -> tuple[str, ...]:
        """In a table row, the entities the header of the cell at ``offset`` names ('| Limit | Starter | Pro |')."""
        cell = self._cell(offset)
        return cell[3] if cell else ()

    def _cell(self, offset: int) -> tuple[int, int, frozenset[str], tuple[str, ...]] | None:
        """The table cell at ``offset``, if the sentence is a table row."""
        return next((c for c in self.cells if c[0] <= offset < c[1]), None)



_EMPTY: frozenset = frozenset()  # one shared empty set for the parts most sentences lack


def _mention_ids(n, s: Sentence, text: str) -> tuple[str, ...]:
    """Ledger entities a name denotes; a proper name the ledger does not know stands for someone else
    ('?name'), so that numbers about it are not pinned on ledger entities."""
    if n.entities or n.suggested:
        return n.entities or n.suggested
    # A lone capitalised word opening a sentence or a table cell may be any word; a lone acronym is
    # as often a thing (GPS, LNG) as an organisation.
    opens = not any(ch.isalnum() for ch in text[s.start : n.start])
    lone = " " not in n.folded
    if lone and (opens or n.text.isupper()) or _on_a_route(text, n):
        return ()
    return ("?" + n.folded,)


# The ends of a route: "The journey from Ashworth to Fenmoor will take 41 minutes".
_ROUTE_FROM = regex(r"[ \t]+to[ \t]+[A-Z]")
_ROUTE_TO = regex(r"\bfrom[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*[ \t]+to[ \t]+$")


def _on_a_route(text: str, n) -> bool:
    """Whether the name is an end of a route ('from Ashworth to Fenmoor'): where something goes, not who
    or what a figure is about."""
    if text.startswith("from ", n.start - 5):
        return _ROUTE_FROM.match(text, n.end) is not None
    return text.startswith("to ", n.start - 3) and _ROUTE_TO.search(text, max(0, n.start - 60), n.start) is not None


_PRONOUNS = frozenset("he she it they his her its their him them".split())


def _refers_back(sentence: str, carried: tuple[str, ...]) -> bool:
    """Whether a sentence opens with a pronoun standing for the ledger entities carried into it."""
    return sentence.split(" ", 1)[0].lower() in _PRONOUNS and any(e[0] != "?" for e in carried)


def _after_in(text: str, at: int) -> bool:
    """Whether the name at ``at`` follows 'in' ("In Chalkbury, ...", "adults in Chalkbury")."""
    return text[at - 3 : at] in ("in ", "In ")


Header = tuple[tuple[frozenset[str], tuple[str, ...]], ...]  # per column: header words, entities it names


def _header(doc, context: tuple[int, int], names: tuple[NameMention, ...], starts: list[int]) -> Header:
    """A table's header row, column by column: its words, and the ledger entities it names (an unknown
    name says nothing here). ``names``: the draft's name mentions in text order, ``starts`` their offsets."""
    head_start, head_end = context
    named = [n for n in names[bisect_left(starts, head_start) : bisect_left(starts, head_end)] if n.entities]
    columns, at = [], head_start
    for text in doc.masked[head_start:head_end].split("|"):
        entities = tuple(dict.fromkeys(e for n in named if at <= n.start < at + len(text) for e in n.entities))
        columns.append((words_of(text), entities))
        at += len(text) + 1
    return tuple(columns)


def _header_of(doc, block, names: tuple[NameMention, ...], starts: list[int],
               headers: dict[tuple[int, int], Header]) -> Header:
    """The header of a table row's table (read once, kept in ``headers``); () for any other block."""
    if block.kind != "table_row" or not block.context:
        return ()
    if block.context not in headers:
        headers[block.context] = _header(doc, block.context, names, starts)
    return headers[block.context]


def _table_cells(doc, row_start: int, row_end: int,
                 header: Header) -> tuple[tuple[int, int, frozenset[str], tuple[str, ...]], ...]:
    """Cells of a table row with their column's header words and the entities it names (none without a header)."""
    if not header:
        return ()
    cells, start = [], row_start
    for i, piece in enumerate(doc.masked[row_start:row_end].split("|")):
        words, entities = header[i] if i < len(header) else (_EMPTY, ())
        cells.append((start, start + len(piece), words, entities))
        start += len(piece) + 1
    return tuple(cells)


def _words(doc, s: Sentence, block, mentions: tuple) -> frozenset[str]:
    """A sentence's words; a table row naming no entity also takes its header row's words."""
    words = words_of(doc.masked[s.start : s.end])
    if block.kind == "table_row" and block.context and not mentions:
        words |= words_of(doc.masked[block.context[0] : block.context[1]])
    return words


def sentence_views(ctx: Context, quantities: list[list], dates: list[list]) -> list[View | None]:
    """Sentence views with words, years, entity mentions (carried across a block), context and citations.

    ``quantities`` and ``dates`` are the context's, by sentence (by_sentence). Only a sentence with
    either gets a view, the others None: a view's words are most of its cost, and binding reads them
    only where there is a number or a date, and in the sentence before it (its context).
    """
    doc, views, heading = ctx.doc, [], _EMPTY
    cited = ctx.sentence_citations
    names = by_sentence(list(ctx.names), ctx.sentences)
    # For tables' header rows: the name mentions' offsets, and each header read once for all its rows.
    name_starts = [n.start for n in ctx.names] if any(b.kind == "table_row" for b in doc.blocks) else []
    headers: dict[tuple[int, int], Header] = {}
    # The previous sentence: its block, mentions and carried entities, and its words once computed.
    prev_block, prev_mentions, prev_carried, prev_words, prev_i = -1, (), (), None, -1
    # Empty parts are tested first below: most sentences date nothing and cite nothing, and skipping a
    # generator per empty part makes this loop 5% faster (161 against 169 ms on the 1 MB draft).
    for i, s in enumerate(ctx.sentences):
        block = doc.blocks[s.block]
        found = names[i]
        mentions = tuple((n.start, ids) for n in found if (ids := _mention_ids(n, s, doc.masked))) if found else ()
        same_block = prev_block == s.block
        carried = ()
        if same_block:
            carried = tuple(e for _, ids in prev_mentions for e in ids) if prev_mentions else prev_carried
        words = None
        if block.kind == "heading":
            heading = words = words_of(doc.masked[s.start : s.end])
        if quantities[i] or dates[i]:
            text = doc.masked[s.start : s.end]
            words = words if words is not None else _words(doc, s, block, mentions)
            context = heading
            if same_block:
                if prev_words is None:
                    prev = ctx.sentences[prev_i]
                    prev_words = _words(doc, prev, doc.blocks[prev.block], prev_mentions)
                context = heading | prev_words
            years = frozenset(d.date.year for d in dates[i] if d.explicit_year) if dates[i] else _EMPTY
            cells = _table_cells(doc, s.start, s.end, _header_of(doc, block, ctx.names, name_starts, headers))
            named = frozenset(e for _, ids in mentions for e in ids) if mentions else _EMPTY
            citations = cited.get(i)
            sources = frozenset(src for c in citations for src in c.sources) if citations else _EMPTY
            views.append(View(s, words, years, mentions, carried, context, cells, is_dateline(text), named, sources,
                              any(ids[0][0] == "?" and _after_in(doc.masked, at) for at, ids in mentions),
                              bool(carried) and _refers_back(text, carried), doc.masked))
        else:
            views.append(None)
        prev_block, prev_mentions, prev_carried, prev_words, prev_i = s.block, mentions, carried, words, i
    return views


def date_view(text: str, view: View, dates: list[DateMention], k: int) -> View:
    """For a sentence with several dates, each date sees only the words between its neighbours."""
    if len(dates) < 2:
        return view
    start = dates[k - 1].end if k else view.sentence.start
    end = dates[k + 1].start if k + 1 < len(dates) else view.sentence.end
    return view._replace(words=words_of(text[start:end]))
