"""Unit tests for name extraction, folding and near-miss detection."""

from __future__ import annotations

import datetime as dt
import re

from factlint.extraction.names import _WORD, find_names
from factlint.fold import fold
from factlint.ledger.model import Entity, Ledger
from factlint.matching.index import LedgerIndex
from factlint.matching.names import near_miss

INDEX = LedgerIndex.build(Ledger(("x",), entities={
    "marta-silva": Entity("marta-silva", "Marta Silva", ("Silva",)),
    "john-petersen": Entity("john-petersen", "John Petersen"),
    "muller": Entity("muller", "José Müller"),
    "unam": Entity("unam", "Universidad Nacional", ("UNÁM",)),
    "maria-costa": Entity("maria-costa", "Maria Costa"),
}))


def names(text: str):
    return find_names(text, 0, len(text), INDEX)


def test_fold() -> None:
    assert fold("José Müller's") == fold("Jose Muller") == "jose muller"
    assert fold("UNÁM") == fold("UNAM") == "unam"
    assert fold("Łucja") == "lucja"


def test_fold_latin_fast_path_agrees_with_anyascii() -> None:
    from anyascii import anyascii

    from factlint.fold import fold_table

    table = fold_table()
    assert len(table) > 400 and table[ord("é")] == "e" and table[ord("Ș")] == "S"
    for cp, base in table.items():
        assert anyascii(chr(cp)) == base, hex(cp)
    # Decomposed input, mixed scripts and letters NFKD cannot fold all end up as anyascii would fold them.
    for text in ("Jose\u0301 Mu\u0308ller", "Ørsted Œuvre Straße", "Ελληνικά İstanbul", "Zoë ﬁnal ½"):
        assert fold(text) == fold(anyascii(text))


def test_exact_names_and_aliases_resolve() -> None:
    found = names("Yesterday Marta Silva met Jose Muller's team and the UNAM board.")
    resolved = {n.text: n.entities for n in found if n.entities}
    assert resolved == {"Marta Silva": ("marta-silva",), "Jose Muller": ("muller",), "UNAM": ("unam",)}


def test_leading_titles_and_function_words_are_dropped() -> None:
    found = names("The Mayor Marta Silva spoke.")
    assert [n.text for n in found] == ["Marta Silva"]


def _near(text: str, sentence_start: bool = False):
    (mention,) = [n for n in names(text) if not n.entities]
    return near_miss(mention, INDEX, set(), sentence_start)


def test_near_misses() -> None:
    assert _near("then Marta Sliva spoke").suggestion == "Marta Silva"
    assert _near("then Jon Petersen spoke").suggestion == "John Petersen"
    assert _near("then José Müler spoke").suggestion == "José Müller"
    assert _near("then Sliva spoke").suggestion == "Silva"


def test_not_near_misses() -> None:
    assert _near("then Marta Ortiz spoke") is None  # shares a first name only
    assert _near("then Pedro Silva spoke") is None  # shares a last name only
    assert _near("then Maria Silva spoke") is None  # 'Maria' is a name the ledger knows
    assert _near("Sliva spoke", sentence_start=True) is None  # one capitalised word opening a sentence
    assert _near("then the Silvas spoke") is None  # a family's plural is the name itself
    assert _near("then both Marta Silvas spoke") is None


def _reference_name_spans(text: str, start: int, end: int):
    """name_spans as first written, one Match per word: the oracle for the split-based version."""
    from factlint.extraction.names import PARTICLES, _WORD, LEADING_WORDS

    def trim(run):
        while run and run[0].group().lower().rstrip(".") in LEADING_WORDS:
            run = run[1:]
        while run and run[-1].group().lower() in PARTICLES:
            run = run[:-1]
        return [(m.start(), m.end(), m.group()) for m in run]

    run: list = []
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        joined = run and text[run[-1].end() : m.start()] in (" ", "\u00a0", " & ", "&")
        if word[:1].isupper() or (joined and word.lower() in PARTICLES):
            if run and not joined:
                yield trim(run)
                run = []
            run.append(m)
        elif run:
            yield trim(run)
            run = []
    if run:
        yield trim(run)


def test_name_spans_equal_the_one_match_per_word_reference() -> None:
    import random

    from factlint.extraction.names import name_spans

    rng = random.Random(7)
    pieces = ["Marta", "Silva", "da", "van", "der", "The", "In", "Mr", "NASA", "O'Neil", "Silva-Costa", "Müller's",
              "José", "Łukasz", "ǅemal", "votes", "won", "x", "U.S.", "3", "42%", "_a", "A_b", "ab-", "-Cd", "'s",
              "e.g.", "Ça", "über", "Ünal", "2020s", "", "’", ".", ",", "—", "(", ")"]
    seps = [" ", " ", " ", "\u00a0", "  ", ", ", "-", "\n", "\t", "", ". ", "'", "’", " & ", "&", " &"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for a, b in ((0, len(text)), (start, end)):
            assert list(name_spans(text, a, b)) == list(_reference_name_spans(text, a, b)), (text, a, b)


def test_osa_distance_equals_rapidfuzz_osa() -> None:
    """The hand-written OSA (no rapidfuzz import on the check path) against rapidfuzz's."""
    import random

    from rapidfuzz.distance import OSA

    from factlint.matching.names import osa_distance

    rng = random.Random(5)
    for _ in range(20_000):
        a = "".join(rng.choice("abcé") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abcé") for _ in range(rng.randint(0, 9)))
        assert osa_distance(a, b) == OSA.distance(a, b), (a, b)
    for a, b, d in (("lintgren", "lindgren", 1), ("silva", "sliva", 1), ("ca", "abc", 3), ("", "abc", 3),
                    ("fairbanes", "fairbanks", 1), ("abcdef", "badcfe", 3), ("same", "same", 0)):
        assert osa_distance(a, b) == d == OSA.distance(a, b), (a, b)


def test_lower_case_words_equal_one_scan_of_the_whole_text() -> None:
    """Chunk by chunk (between any Unicode whitespace) gives the words one scan of the text gives."""
    import random

    from factlint.matching.names import _LOWER_WORD, lower_case_words

    rng = random.Random(11)
    pieces = ["sliva", "Silva", "a", "votes", "don't", "rock’n’roll", "x_y", "naïve", "café", "b2", "NASA", "e.g.",
              "self-made", "ǆ", "ß", "ﬁx", "µ", "ª", "'", "’", "-", ".", "(", ")", "42", ""]
    seps = [" ", "\u00a0", "\u2009", "\u3000", "\n", "\t", "\r", "\x1c", "\x85", "\u2028", "", "-", "/", "’", "'", "_"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(0, 14)))
        assert lower_case_words(text) == set(_LOWER_WORD.findall(text)), text


def test_lower_case_lookups_answer_as_the_whole_set() -> None:
    """Word by word, by searches, and after the search budget by the whole set: the answers of lower_case_words."""
    import random

    from factlint.matching import names
    from factlint.matching.names import _LOWER_WORD, LowerCaseWords

    rng = random.Random(13)
    pieces = ["sliva", "Silva", "a", "see", "seems", "x_see", "don't", "rock’n’roll", "naïve", "na", "café", "b2",
              "self-made", "ß", "s", "ve", "e.g.", "(see)", "'", "’", "42", ""]
    seps = [" ", "\u00a0", "\n", "", "-", "/", "’", "'", "_", "é"]
    words = ["sliva", "see", "seems", "a", "na", "ve", "s", "cafe", "self", "made", "rock", "don", "t", "e", "g", "b",
             "x", "Silva", "naïve", "", "see ", "absent"]
    for budget in (16, 0, 1):
        names._SEARCH_BUDGET = budget
        try:
            for _ in range(1500):
                text = "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(0, 14)))
                lookup, expected = LowerCaseWords(text), set(_LOWER_WORD.findall(text))
                for word in rng.sample(words, 8) * 2:  # each word twice: the second answer is the remembered one
                    assert (word in lookup) == (word in expected), (text, word, budget)
        finally:
            names._SEARCH_BUDGET = 16


def test_lower_case_lookups_read_every_word_once_the_searches_cost_too_much() -> None:
    """Absent words each read the whole text; past the budget, one read of every word answers the rest."""
    from factlint.matching.names import _SEARCH_BUDGET, LowerCaseWords

    lookup = LowerCaseWords("Marta Sliva said the vote was close. " * 100)
    assert "said" in lookup and "vote" in lookup and lookup.words is None
    for k in range(_SEARCH_BUDGET):
        assert f"sliva{'x' * k}" not in lookup
    assert lookup.words is None and lookup.budget <= 0
    assert "close" in lookup and "marta" not in lookup
    assert lookup.words is not None and "was" in lookup.words


def test_capitalised_words_equal_one_scan_of_the_whole_text() -> None:
    """Chunk by chunk, as lower_case_words: the folded capitalised words one scan of the text gives."""
    import random

    from factlint.matching.names import _CAPITALISED, capitalised_words

    rng = random.Random(12)
    pieces = ["Silva", "silva", "Tomás", "ÉCOLE", "O'Brian", "(Calderbrook", "“Okafor”", "x_Y", "B2", "NASA", "iPhone",
              "Ǆemal", "42", "-", "&", "P&G", ""]
    seps = [" ", "\u00a0", "\n", "\t", "", "-", "/", "’", "_", "."]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(0, 14)))
        expected = {f for w in _CAPITALISED.findall(text) if w[0].isupper() and (f := fold(w))}
        assert capitalised_words(text) == expected, text


def test_runs_resolved_once_per_text_give_the_mentions_of_resolving_each() -> None:
    """find_names with a shared plan memo (as extract passes it) equals resolving every run afresh."""
    from pathlib import Path

    from factlint.extraction.names import name_spans, resolve

    root = Path(__file__).resolve().parent.parent / "fixtures"
    lines = [line for path in sorted(root.rglob("*.md")) for line in path.read_text("utf-8").splitlines()]
    lines += ["José Müller's report and Marta Silva’s", "Marta Silva met John Petersen\u00a0Jr and Silva's aide",
              "Dr Maria Costa da Silva", "UNÁM and Universidad Nacional's staff"] * 3
    text = "\n".join(lines)  # one text, so equal runs recur at other offsets
    plans: dict = {}
    checked = 0
    for line_start in [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        fresh = [m for run in name_spans(text, line_start, line_end) if run for m in resolve(text, run, INDEX)]
        assert find_names(text, line_start, line_end, INDEX, plans) == fresh, text[line_start:line_end]
        checked += len(fresh)
    assert checked > 100 and len(plans) < checked  # runs did recur, and were resolved from their plans


# The words, captured by split: the gaps between them come as strings.
_SPLIT = re.compile(f"({_WORD.pattern})")


def _name_spans_split(text: str, start: int, end: int, source: str | None = None):
    """name_spans as it was before it visited the capitalised words alone: every word split out, the
    capitalised ones and the particles picked. The reference for wrapped lines (``source``)."""
    from itertools import accumulate

    from factlint.extraction.names import _JOINS, _PARTICLE_MAX, PARTICLES, _trim, wrapped_gap

    pieces = _SPLIT.split(text[start:end])
    picked = [k for k in range(1, len(pieces), 2)
              if (w := pieces[k])[0].isupper() or (len(w) <= _PARTICLE_MAX and w.lower() in PARTICLES)]
    ends = list(accumulate(map(len, pieces)))
    run: list = []
    last = -1
    for k in picked:
        word = pieces[k]
        joined = last == k - 2 and (pieces[k - 1] in _JOINS or (
            pieces[k - 1][:2] == "  " and wrapped_gap(source, start + ends[k - 2], pieces[k - 1])))
        if word[0].isupper() or (run and joined and word.lower() in PARTICLES):
            if run and not joined:
                yield _trim(run)
                run = []
            a = start + ends[k - 1]
            run.append((a, a + len(word), word))
        elif run:
            yield _trim(run)
            run = []
        last = k
    if run:
        yield _trim(run)


def test_name_spans_equal_splitting_every_word_on_wrapped_lines() -> None:
    """Visiting capitalised words alone finds the runs splitting every word finds, across wrapped lines too."""
    import random

    from factlint.extraction.names import name_spans

    rng = random.Random(10)
    pieces = ["A", "Z", "a", "z", "É", "é", "ß", "Ł", "½", "²", "3", "'", "’", ".", "-", "_", " ", " ", "\u00a0", ",",
              "da", "van", "de", "Da", "x", "\t", "\n", "İ", "ǅ", "Ⅻ", "Ⓐ", "ª", "dA", "della", "Marta", "Silva",
              "iPhone", "McNeil", "the", "&", " & ", "  ", "   ", "\n  ", "\n> ", "da-", "y", "€", "٣", "—", "K"]
    for _ in range(30000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 24)))
        text = source.replace("\n", " ").replace(">", " ") if rng.random() < 0.7 else source
        start = rng.randint(0, min(3, len(text)))
        end = rng.randint(start, len(text))
        for b in (len(text), end):
            for src in (None, source):
                assert list(name_spans(text, start, b, src)) == list(_name_spans_split(text, start, b, src)), (
                    text, start, b, src)


def _name_spans_word_by_word(text: str, start: int, end: int):
    """name_spans as first written, visiting every word: the reference for the one that skips most of them."""
    from factlint.extraction.names import _JOINS, PARTICLES, _trim

    pieces = _SPLIT.split(text[start:end])
    pos = start + len(pieces[0])
    run: list = []
    for k in range(1, len(pieces), 2):
        word = pieces[k]
        if word[0].isupper() or (run and pieces[k - 1] in _JOINS and word.lower() in PARTICLES):
            if run and pieces[k - 1] not in _JOINS:
                yield _trim(run)
                run = []
            run.append((pos, pos + len(word), word))
        elif run:
            yield _trim(run)
            run = []
        pos += len(word) + len(pieces[k + 1])
    if run:
        yield _trim(run)


def test_name_spans_equal_the_word_by_word_reference() -> None:
    import random

    from factlint.extraction.names import name_spans

    rng = random.Random(9)
    pieces = ["A", "B", "Z", "a", "b", "z", "É", "é", "ß", "ł", "Ł", "½", "²", "3", "0", "'", "’", ".", "-", "_", " ",
              " ", "\u00a0", ",", "da", "van", "de", "von", "Da", " Van ", "x", "Ö", "ö", "\t", "\n", "İ", "ǅ", "Ⅻ",
              "µ", "ª", "DE", "dA", "della", "Della", "Marta", "Silva", "the", "The", "&", " & "]
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 24)))
        start = rng.randint(0, min(2, len(text)))
        expected = list(_name_spans_word_by_word(text, start, len(text)))
        assert list(name_spans(text, start, len(text))) == expected, (text, start)


def test_token_names_are_the_token_postings_as_sets_once() -> None:
    """Near misses intersect the names that use each token: the posting as a set, built once per token."""
    for token, names in INDEX.tokens.items():
        assert INDEX.token_names(token) == frozenset(names) and INDEX.token_names(token) is INDEX.token_names(token)
    assert INDEX.token_names("no-such-token") == frozenset()


def test_an_index_keeps_name_plans_across_drafts_with_the_mentions_of_a_fresh_one() -> None:
    """extract() keeps each run's resolution on the index: a second draft (or span) read against it
    gets the mentions a fresh index gives."""
    import datetime as dt
    from pathlib import Path

    from factlint.document.parse import parse_document
    from factlint.extraction.pipeline import extract
    from factlint.ledger.load import load_ledgers
    from factlint.matching.index import LedgerIndex

    root = Path(__file__).resolve().parent.parent / "fixtures"
    ledger = load_ledgers((root / "elections" / "facts.yaml",))
    shared = LedgerIndex.build(ledger)
    day = dt.date(2022, 3, 10)
    for path in sorted((root / "elections").glob("*.md")):
        doc = parse_document(path.read_text("utf-8"), str(path))
        before = len(shared.name_plans)
        assert extract(doc, shared, day).names == extract(doc, LedgerIndex.build(ledger), day).names, path
        assert len(shared.name_plans) >= before
    assert shared.name_plans and not LedgerIndex.build(ledger).name_plans  # filled by reading, not by build


NUMBERED = LedgerIndex.build(Ledger(("x",), entities={
    "line4": Entity("line4", "Line 4"),
    "line4x": Entity("line4x", "Line 4 Express"),
    "t2": Entity("t2", "Terminal 2", ("T2",)),
    "marta-silva": Entity("marta-silva", "Marta Silva", ("Silva",)),
}))


def test_an_index_knows_whether_a_name_has_a_number_for_a_word() -> None:
    assert NUMBERED.spanning_heads == {"line", "terminal"} and not INDEX.spanning_heads
    covid = LedgerIndex.build(Ledger(("x",), entities={"c": Entity("c", "COVID-19")}))
    assert not covid.spanning_heads  # one word with digits in it: a capitalised run already reads it


def test_ledger_names_with_a_number_resolve() -> None:
    def resolved(text: str):
        return [(n.text, n.entities) for n in find_names(text, 0, len(text), NUMBERED) if n.entities]

    assert resolved("Trains on Line 4 and at Terminal 2's gates.") == [("Line 4", ("line4",)), ("Terminal 2", ("t2",))]
    assert resolved("The Line 4 Express runs hourly.") == [("Line 4 Express", ("line4x",))]  # the longest name
    assert resolved("Line 4 opened; Marta Silva spoke.") == [("Line 4", ("line4",)), ("Marta Silva", ("marta-silva",))]
    for other in ("Line 40 opened.", "Line 4.5 opened.", "Line 4th opened.", "Line 4,000 opened.", "line 4 opened.",
                  "Line\n4 opened.", "Line, 4 opened."):
        assert resolved(other) == [], other
    # The run's own mentions give way to the name they are part of: no 'Line' or 'Express' left over.
    assert [n.text for n in find_names("Take Line 4 Express now.", 0, 24, NUMBERED)] == ["Line 4 Express"]


def test_an_index_with_numbered_names_reads_every_other_name_as_before() -> None:
    """With a ledger name that has a number (spanning_names runs), the fixtures' mentions are unchanged."""
    from pathlib import Path

    from factlint.ledger.load import load_ledgers

    root = Path(__file__).resolve().parent.parent / "fixtures"
    for ledger_path in sorted(root.glob("*/facts.yaml")):
        ledger = load_ledgers((ledger_path,))
        plain = LedgerIndex.build(ledger)
        entities = {**ledger.entities, "pier": Entity("pier", "Pier 39")}
        numbered = LedgerIndex.build(Ledger(ledger.paths, ledger.sources, entities, ledger.facts))
        assert "pier" in numbered.spanning_heads and "pier" not in plain.spanning_heads
        for path in sorted(ledger_path.parent.glob("*.md")):
            text = path.read_text("utf-8")
            for line_start in [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]:
                end = text.find("\n", line_start)
                end = len(text) if end < 0 else end
                assert find_names(text, line_start, end, numbered) == find_names(text, line_start, end, plain), path


def test_a_numbered_name_may_have_lower_case_words() -> None:
    index = LedgerIndex.build(Ledger(("x",), entities={"l4": Entity("l4", "Line 4", ("Line 4 extension",))}))
    found = [(n.text, n.entities) for n in find_names("The Line 4 extension opened.", 0, 28, index)]
    assert found == [("Line 4 extension", ("l4",))]


def test_names_with_connecting_words_resolve() -> None:
    """'Bank of England', 'Corvane plc': runs stop at the lower-case word, so these are looked up from their
    first word; 'Bank' alone, and a name particle after a title, read as before."""
    index = LedgerIndex.build(Ledger(("x",), entities={
        "boe": Entity("boe", "Bank of England"), "corvane": Entity("corvane", "Corvane plc", ("Corvane",)),
        "nipr": Entity("nipr", "Nordvik Institute for Polar Research", ("NIPR",))}))
    assert index.spanning_heads == {"bank", "corvane", "nordvik"}

    def resolved(text: str):
        return [(n.text, n.entities) for n in find_names(text, 0, len(text), index) if n.entities]

    assert resolved("The Bank of England raised rates; Corvane plc and the Nordvik Institute for Polar Research "
                    "did not.") == [("Bank of England", ("boe",)), ("Corvane plc", ("corvane",)),
                                     ("Nordvik Institute for Polar Research", ("nipr",))]
    assert resolved("The Bank of Spain and Corvane said so.") == [("Corvane", ("corvane",))]


def test_names_joined_by_an_ampersand_resolve_and_misspellings_are_near_misses() -> None:
    """'Marlow & Finch', 'P&G': folding drops the ampersand, so the draft's words fold to the ledger spelling."""
    index = LedgerIndex.build(Ledger(("x",), entities={
        "mf": Entity("mf", "Marlow & Finch"), "pg": Entity("pg", "P&G"), "ms": Entity("ms", "Marta Silva")}))
    assert not index.spanning_heads  # runs read these names whole

    def found(text: str):
        return [(n.text, n.entities) for n in find_names(text, 0, len(text), index)]

    assert found("Shares of Marlow & Finch and P&G rose.")[1:] == [("Marlow & Finch", ("mf",)), ("P&G", ("pg",))]
    assert found("Marta Silva & Marlow & Finch agreed.") == [("Marta Silva", ("ms",)), ("Marlow & Finch", ("mf",))]
    assert found("Marlow &Finch rose.") == [("Marlow", ()), ("Finch", ())]  # not one of the joins
    (typo,) = found_mentions = [n for n in find_names("then Marlow & Fench said", 0, 24, index) if not n.entities]
    near = near_miss(typo, index, frozenset(), False)
    assert near is not None and (near.text, near.suggestion) == ("Marlow & Fench", "Marlow & Finch"), found_mentions


def test_a_name_wrapped_onto_an_indented_or_quoted_line_is_one_name() -> None:
    """In a list item or a block quote the continuation line is indented or marked: masking leaves several
    spaces where the break was, and the source text tells them from a blanked code span's."""
    from factlint.document.parse import parse_document
    from factlint.extraction.pipeline import extract

    index = LedgerIndex.build(Ledger(("x",), entities={
        "vd": Entity("vd", "Vacask Dairy Corporation"), "boe": Entity("boe", "Bank of England")}))
    text = ("- The dairy group Vacask\n  Dairy Corporation grew.\n\n> The Bank of\n> England said so.\n\n"
            "Set `Vacask` Dairy Corporation off.\n")
    doc = parse_document(text, "x.md")
    found = [(n.text, n.entities) for n in extract(doc, index, dt.date(2025, 1, 1)).names]
    assert found == [("Vacask   Dairy Corporation", ("vd",)), ("Bank of   England", ("boe",)),
                     ("Set", ()), ("Dairy Corporation", ())]
    # Without the source, the masked gap alone is no join.
    masked = doc.masked
    at = masked.index("Vacask")
    assert [n.text for n in find_names(masked, at, masked.index("grew"), index)] == ["Vacask", "Dairy Corporation"]


def test_a_misspelt_surname_opening_a_sentence_is_a_near_miss_when_only_a_name_looks_like_it() -> None:
    """'O'Brian conceded.', 'McAlister conceded.': a capitalised common word opens sentences, these do not;
    'Yesterday' and 'Later' are no part of a name."""
    from factlint.document.parse import parse_document
    from factlint.extraction.pipeline import extract
    from factlint.matching.names import annotate

    index = LedgerIndex.build(Ledger(("x",), entities={
        "ob": Entity("ob", "Seamus O'Brien", ("O'Brien",)), "mc": Entity("mc", "Fiona McAllister", ("McAllister",)),
        "ms": Entity("ms", "Marta Silva", ("Silva",))}))

    def suggested(text: str):
        ctx = extract(parse_document(text, "x.md"), index, dt.date(2025, 1, 1))
        return [(n.text, n.suggestion) for n in annotate(text, ctx.sentences, ctx.names, index) if n.suggestion]

    assert suggested("O'Brian conceded.") == [("O'Brian", "O'Brien")]
    assert suggested("McAlister conceded.") == [("McAlister", "McAllister")]
    assert suggested("Yesterday O'Brian conceded. Today Sliva spoke.") == [("O'Brian", "O'Brien"), ("Sliva", "Silva")]
    assert suggested("Sliva spoke.") == []  # one capitalised word opening a sentence: no name shape


def test_a_particle_one_edit_off_is_a_near_miss() -> None:
    """'Jan van de Berg' for 'Jan van der Berg' was no FL103: a particle is too short for _token_close."""
    index = LedgerIndex.build(Ledger(("x",), entities={
        "berg": Entity("berg", "Jan van der Berg"), "ludwig": Entity("ludwig", "Ludwig van Beethoven"),
        "souza": Entity("souza", "Ana de Souza")}))

    def near(text: str):
        found = [near_miss(m, index, frozenset(), False) for m in find_names(text, 0, len(text), index)
                 if not m.entities]
        suggested = [f.suggestion for f in found if f is not None]
        return suggested[0] if len(suggested) == 1 else None if not suggested else suggested

    assert near("then Jan van de Berg spoke") == "Jan van der Berg"
    assert near("then Jan van den Berg spoke") == "Jan van der Berg"
    assert near("then Ludwig von Beethoven spoke") == "Ludwig van Beethoven"
    assert near("then Jan van de Bergen spoke") is None  # two words off
    assert near("then Jan van het Berg spoke") is None  # 'het' is no particle and far from 'der'


def test_a_number_word_opening_a_sentence_is_no_name() -> None:
    """'Seventeen people were killed': a capitalised count is no one; a name after it still is."""
    assert names("Seventeen people were killed.") == []
    assert [n.text for n in names("Fourteen Silva supporters were there.")] == ["Silva"]
    assert [n.text for n in names("Seventeen Years Later was filmed.")] == ["Seventeen Years Later"]


def test_a_unit_alone_is_no_name() -> None:
    """'38.2 GW', '221 TWh': a capitalised unit after a number is no one the sentence names."""
    assert [n.text for n in names("It peaked at 38.2 GW on Friday.")] == []
    assert [n.text for n in names("It was 221 TWh, Silva said.")] == ["Silva"]
    assert [n.text for n in names("It was run by GW Pharma.")] == ["GW Pharma"]  # a unit in a longer run stays
