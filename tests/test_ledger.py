"""Ledger validation: every FL3xx case, reported all at once with line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factlint.catalogue import load_catalogue
from factlint.errors import LedgerError, LedgerProblems
from factlint.ledger.load import load_ledgers, validate_ledgers
from factlint.ledger.problems import CODES, Problem

LEDGER_RULES = [rule for rule in load_catalogue().values() if rule.check == "ledger"]

HEAD = """\
version: 1
sources:
  count: {title: Official count}
  poll: {title: Final poll}
entities:
  marta-silva: {name: Marta Silva, aliases: [Silva]}
  rui-ortiz: {name: Rui Ortiz, aliases: [Ortiz]}
facts:
"""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch) -> None:
    """Never touch the user's cache directory."""
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("ledger-cache")))


def problems_of(text: str, tmp_path: Path, name: str = "ledger.yaml") -> list[Problem]:
    """Validate ledger text written to a file."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return list(validate_ledgers((path,)).problems)


def codes(problems: list[Problem]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each problem."""
    return [(p.code, p.line, p.column) for p in problems]


def facts(body: str) -> str:
    """A ledger with the standard head and these facts."""
    return HEAD + textwrap.dedent(body)


# --- the catalogue ------------------------------------------------------------------------------

def test_codes_match_catalogue() -> None:
    assert {r.id: (r.name, r.severity) for r in LEDGER_RULES} == CODES


def _examples(kind: str) -> list:
    return [pytest.param(rule, example, id=f"{rule.id}-{kind}-{i}")
            for rule in LEDGER_RULES for i, example in enumerate(rule.examples[kind])]


@pytest.mark.parametrize(("rule", "example"), _examples("fail"))
def test_fail_examples_report_their_code(rule, example, tmp_path) -> None:
    found = problems_of(example["ledger"], tmp_path)
    hits = [p for p in found if p.code == example.get("code", rule.id)]
    assert hits, f"{rule.id} missed; got {[p.format() for p in found]}"
    if "line" in example:
        assert example["line"] in [p.line for p in hits]


@pytest.mark.parametrize(("rule", "example"), _examples("pass"))
def test_pass_examples_are_clean(rule, example, tmp_path) -> None:
    found = problems_of(example["ledger"], tmp_path)
    assert not found, [p.format() for p in found]


# --- a clean ledger -----------------------------------------------------------------------------

def test_demo_ledger_is_clean(tmp_path) -> None:
    root = Path(__file__).resolve().parent.parent
    validation = validate_ledgers((root / "fixtures" / "demo" / "facts.yaml",))
    assert validation.problems == ()
    assert len(validation.ledger.facts) >= 5


def test_records_keep_positions_and_types(tmp_path) -> None:
    text = facts("""\
      - id: silva-share
        claim: Marta Silva won 48.27% of the valid votes.
        about: marta-silva
        value: 48.27
        unit: percent
        tolerance: "5%"
        source: [count, poll]
        valid_from: 2022-03
      - {id: day, claim: The vote was held on 6 March 2022., date: 2022-03-06, source: count}
    """)
    path = tmp_path / "l.yaml"
    path.write_text(text)
    ledger = load_ledgers((path,))
    share, day = ledger.facts
    assert (share.line, share.column) == (9, 7)
    assert share.sources == ("count", "poll") and share.about == ("marta-silva",)
    assert share.tolerance.relative and share.tolerance.amount == pytest.approx(0.05)
    assert share.valid_from.isoformat() == "2022-03-01"
    assert day.date.iso() == "2022-03-06"
    assert ledger.entities["marta-silva"].line == 6


# --- one file, every kind of problem ------------------------------------------------------------

def test_syntax_error_has_position(tmp_path) -> None:
    found = problems_of("version: 1\nfacts:\n  - id: x\n    claim: [unclosed\n", tmp_path)
    assert [p.code for p in found] == ["FL301"] and found[0].line >= 4


def test_invalid_utf8_names_byte_offset(tmp_path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"version: 1\nsources:\n  s: {title: caf\xe9}\n")
    (problem,) = validate_ledgers((path,)).problems
    assert (problem.code, problem.line, problem.column) == ("FL301", 3, 17)
    assert "byte offset 36" in problem.message


def test_bom_and_crlf_do_not_shift_positions(tmp_path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffversion: 1\r\nsources:\r\n  s: {titel: x}\r\n".encode())
    assert ("FL302", 3, 7) in codes(validate_ledgers((path,)).problems)


def test_unknown_keys_suggest(tmp_path) -> None:
    found = problems_of(facts("""\
      - id: a
        claim: Silva won 48.27%.
        value: 48.27
        unit: percent
        tolerence: 0.1
        sources: count
        valid_to: 2023-01-01
    """), tmp_path)
    messages = [p.message for p in found if p.code == "FL302"]
    assert any("'tolerence'" in m and "did you mean 'tolerance'" in m for m in messages)
    assert any("'sources'" in m and "did you mean 'source'" in m for m in messages)
    assert any("'valid_to'" in m and "did you mean 'valid_until'" in m for m in messages)
    assert ("FL312", 9, 3) in codes(found)  # and 'source' is then missing


@pytest.mark.parametrize(("field", "raw", "words"), [
    ("value", '"48,27"', "must be a number"),
    ("value", "true", "must be a number"),
    ("value", ".nan", "finite"),
    ("tolerance", "-0.5", "non-negative"),
    ("tolerance", '"abc%"', "non-negative"),
    ("tolerance", '"-5%"', "non-negative"),
    ("valid_from", "2020-02-30", "not a real date"),
    ("valid_from", "2021-13", "not a real date"),
    ("valid_from", "March 2021", "must be a date"),
    ("claim", "1984", "put it in quotes"),
    ("keywords", "[votes, 3]", "list of text"),
    ("quote", "{a: 1}", "must be text"),
])
def test_wrong_types(field, raw, words, tmp_path) -> None:
    lines = {"claim": "Silva won 48.27%.", "value": "48.27", "unit": "percent", "source": "count", field: raw}
    body = "  - id: a\n" + "".join(f"    {k}: {v}\n" for k, v in lines.items())
    found = [p for p in problems_of(HEAD + body, tmp_path) if p.code == "FL303"]
    assert len(found) == 1 and words in found[0].message, [p.format() for p in found]
    row = 10 + list(lines).index(field)
    assert (found[0].line, found[0].column) == (row, 7 + len(field))


def test_source_and_entity_fields(tmp_path) -> None:
    found = problems_of("""\
        version: 2
        sources:
          a: {title: A, url: "javascript:alert(1)", published: 2022-02-29}
          b: {title: 1984, archive_url: "https://archive.example/b"}
          7: {title: Seven}
        entities:
          e: {name: E, kind: human, aliases: Ee}
          f: {aliases: [F]}
    """, tmp_path)
    assert codes(found) == [("FL303", 1, 10), ("FL303", 3, 22), ("FL303", 3, 56), ("FL303", 4, 14),
                            ("FL303", 5, 3), ("FL303", 7, 22), ("FL312", 8, 6)]


def test_value_or_date(tmp_path) -> None:
    found = problems_of(facts("""\
      - {id: both, claim: x, value: 1, unit: people, date: 2022, source: count}
      - {id: neither, claim: x, source: count}
      - {id: dated, claim: x, date: 2022-03, unit: days, tolerance: 1, source: count}
    """), tmp_path)
    assert codes(found) == [("FL304", 9, 48), ("FL304", 10, 3), ("FL304", 11, 40), ("FL304", 11, 52)]


def test_duplicate_ids_and_keys(tmp_path) -> None:
    found = problems_of(facts("""\
      - {id: a, claim: x, value: 1, unit: people, source: count}
      - {id: a, claim: y, value: 2, unit: tonnes, source: count}
      - id: b
        claim: z
        value: 3
        value: 4
        source: count
    """), tmp_path)
    assert codes(found) == [("FL305", 10, 8), ("FL306", 14, 3)]
    assert "first at line 9" in next(p.message for p in found if p.code == "FL305")
    assert "first at line 13" in next(p.message for p in found if p.code == "FL306")


def test_unknown_references(tmp_path) -> None:
    found = problems_of(facts("""\
      - {id: a, claim: x, about: [marta-silva, marta-silvia], value: 1, unit: people, source: [count, pol]}
    """), tmp_path)
    assert codes(found) == [("FL307", 9, 42), ("FL307", 9, 97)]
    assert "did you mean 'marta-silva'" in found[0].message and "did you mean 'poll'" in found[1].message


def test_shared_alias_is_folded(tmp_path) -> None:
    found = problems_of("""\
        version: 1
        entities:
          a: {name: José Müller}
          b: {name: Ana Müller, aliases: [JOSE MULLER, Ana]}
          c: {name: Ana Costa, aliases: [Ana]}
          d: {name: D, aliases: [D, d]}
    """, tmp_path)
    # 'd' also can never be found in a draft (FL313): a lower-case spelling is no capitalised name.
    assert codes(found) == [("FL308", 4, 35), ("FL308", 5, 34), ("FL313", 6, 29)]
    assert "entity a (line 3)" in found[0].message


def test_validity_window(tmp_path) -> None:
    found = problems_of(facts("""\
      - {id: a, claim: x, value: 1, unit: people, source: count, valid_from: 2022, valid_until: 2022}
      - {id: b, claim: x, value: 1, unit: people, source: count, valid_from: 2021, valid_until: 2022}
    """), tmp_path)
    assert codes(found) == [("FL309", 9, 91)]


def test_all_problems_at_once(tmp_path) -> None:
    found = problems_of(facts("""\
      - {id: a, claim: x, value: "1", unit: people, source: nowhere, extra: 1}
      - {id: a, claim: x, source: count}
    """), tmp_path)
    assert sorted({p.code for p in found}) == ["FL302", "FL303", "FL304", "FL305", "FL307"]


def test_load_ledgers_raises_every_error_line(tmp_path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(facts("""\
      - {id: a, claim: x, value: "1", unit: people, source: nowhere}
    """))
    with pytest.raises(LedgerProblems) as info:
        load_ledgers((path,))
    text = info.value.format()
    assert text.startswith("the ledger has 2 problems:\n")
    assert f"{path}:9:28: FL303 wrong-type" in text and f"{path}:9:55: FL307 unknown-reference" in text


def test_warnings_do_not_stop_loading(tmp_path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("version: 1\nentities:\n  a: {name: A, aliases: [X]}\n  b: {name: B, aliases: [X]}\n")
    assert set(load_ledgers((path,)).entities) == {"a", "b"}


def test_missing_file_and_empty_directory(tmp_path) -> None:
    with pytest.raises(LedgerError, match="ledger file not found"):
        load_ledgers((tmp_path / "nope.yaml",))
    with pytest.raises(LedgerError, match="no ledger files"):
        load_ledgers((tmp_path,))


def test_empty_and_non_mapping_files(tmp_path) -> None:
    assert codes(problems_of("", tmp_path)) == [("FL312", 1, 1)]
    assert codes(problems_of("- 1\n- 2\n", tmp_path)) == [("FL303", 1, 1)]
    assert codes(problems_of("version: 1\nfacts: {a: 1}\n", tmp_path)) == [("FL303", 2, 8)]


def test_unsupported_tag_is_refused(tmp_path) -> None:
    found = problems_of("version: 1\nsources:\n  a: {title: !!python/object/apply:os.system [ls]}\n", tmp_path)
    assert [p.code for p in found] == ["FL303", "FL303"]
    assert any("unsupported YAML tag !!python/object/apply:os.system" in p.message for p in found)


def test_merge_keys_and_aliases_are_allowed(tmp_path) -> None:
    found = problems_of(facts("""\
      - &base {id: a, claim: Silva won 48.27%., about: marta-silva, value: 48.27, unit: percent, source: count}
      - <<: *base
        id: b
        claim: Ortiz won 31.9%.
        about: rui-ortiz
        value: 31.9
    """), tmp_path)
    assert found == []


# --- self-contradictions (FL310): real ones found, look-alikes left alone ----------------------------

def _fl310(tmp_path: Path, body: str) -> list[tuple[str, int, int]]:
    return [c for c in codes(problems_of(facts(body), tmp_path)) if c[0] == "FL310"]


def test_contradiction_by_claim_and_by_keywords(tmp_path) -> None:
    assert _fl310(tmp_path, """\
      - {id: a, claim: Marta Silva won 48.27% of the valid votes., about: marta-silva, value: 48.27, unit: percent,
         source: count}
      - {id: b, claim: Marta Silva won 47.1% of the valid votes., about: marta-silva, value: 47.1, unit: percent,
         source: count}
      - {id: c, claim: Silva took 45 percent., about: marta-silva, keywords: [won, share], value: 45, unit: percent,
         source: count}
      - {id: d, claim: Silva's share was 44%., about: marta-silva, keywords: [share, won], value: 44, unit: percent,
         source: count}
    """) == [("FL310", 11, 88), ("FL310", 15, 93)]


def test_a_scale_word_spelt_with_a_case_twin_is_read_as_a_scale(tmp_path) -> None:
    """_NUMBER matches "mıllion" (dotless i) case-insensitively: it scales the value as "million" does."""
    assert _fl310(tmp_path, """\
      - {id: a, claim: Turnout was 1.2 million voters., about: marta-silva, value: 1200000, source: count}
      - {id: b, claim: Turnout was 1.3 m\u0131llion voters., about: marta-silva, value: 1300000, source: count}
    """) == [("FL310", 10, 78)]


def test_contradiction_message_names_both_facts(tmp_path) -> None:
    (problem,) = [p for p in problems_of(facts("""\
      - {id: a, claim: The vote was held on 6 March 2022., about: marta-silva, date: 2022-03-06, source: count}
      - {id: b, claim: The vote was held on 13 March 2022., about: marta-silva, date: 2022-03-13, source: count}
    """), tmp_path) if p.code == "FL310"]
    assert problem.message.startswith("fact b says 2022-03-13 but fact a (line 9) says 2022-03-06")


@pytest.mark.parametrize("second", [
    # rounded copies and tolerances agree
    "{id: b, claim: Marta Silva won 48.3% of the valid votes., about: marta-silva, value: 48.3, unit: percent, source: count}",
    "{id: b, claim: Marta Silva won 48% of the valid votes., about: marta-silva, value: 48, unit: percent, source: count}",
    "{id: b, claim: Marta Silva won 48.9% of the valid votes., about: marta-silva, value: 48.9, unit: percent, "
    "tolerance: 1, source: count}",
    # another subject, unit, year, district or validity window
    "{id: b, claim: Marta Silva won 31.9% of the valid votes., about: rui-ortiz, value: 31.9, unit: percent, source: count}",
    "{id: b, claim: Marta Silva won 31.9% of the valid votes., about: marta-silva, value: 31.9, unit: points, source: count}",
    "{id: b, claim: Marta Silva won 39.1% of the valid votes in 2018., about: marta-silva, value: 39.1, unit: percent, "
    "source: count}",
    "{id: b, claim: Marta Silva won 52.3% of the valid votes in district 5., about: marta-silva, value: 52.3, "
    "unit: percent, source: count}",
    "{id: b, claim: Marta Silva won 39.1% of the valid votes., about: marta-silva, value: 39.1, unit: percent, "
    "source: count, valid_until: 2020-01-01}",
    # another claim and other keywords: the final poll is not the count
    "{id: b, claim: The final poll gave Marta Silva 45.2%., about: marta-silva, keywords: [poll], value: 45.2, "
    "unit: percent, source: poll}",
])
def test_no_contradiction_for_look_alikes(second, tmp_path) -> None:
    first = ("{id: a, claim: Marta Silva won 48.27% of the valid votes., about: marta-silva, keywords: [won, votes], "
             "value: 48.27, unit: percent, source: count, valid_from: 2022-03-06}")
    assert _fl310(tmp_path, f"- {first}\n- {second}\n") == []


@pytest.mark.parametrize(("a", "b"), [("in Q2 2025", "in Q3 2025"), ("in district 5", "in district 6"),
                                       ("in FY2024", "in FY2025"), ("in the 2nd quarter", "in the 3rd quarter")])
def test_facts_sharing_keywords_differ_by_their_other_numbers_and_words_with_digits(a, b, tmp_path) -> None:
    """Shared keywords and subject are one thing only where the claims' other marks agree too."""
    body = f"""\
      - {{id: a, claim: Silva's revenue {a} was 2.1 million., about: marta-silva, keywords: [revenue], value: 2100000,
         source: count}}
      - {{id: b, claim: Silva's revenue {b} came to 2.4 million., about: marta-silva, keywords: [revenue], value: 2400000,
         source: count}}
      - {{id: c, claim: Revenue for Silva {b} reached 2.6 million., about: marta-silva, keywords: [revenue], value: 2600000,
         source: count}}
    """
    assert [line for _, line, _ in _fl310(tmp_path, body)] == [13]  # c contradicts b, not a


def test_shared_keywords_without_subject_are_not_a_contradiction(tmp_path) -> None:
    assert _fl310(tmp_path, """\
      - {id: a, claim: Porto Alto has 212000 residents., keywords: [population], value: 212000, unit: people, source: count}
      - {id: b, claim: Vila Nova has 48000 residents., keywords: [population], value: 48000, unit: people, source: count}
    """) == []


def test_dates_agree_at_shared_precision(tmp_path) -> None:
    assert _fl310(tmp_path, """\
      - {id: a, claim: The vote was held in March 2022., about: marta-silva, date: 2022-03, source: count}
      - {id: b, claim: The vote was held on 6 March 2022., about: marta-silva, date: 2022-03-06, source: count}
    """) == []


def test_contradictions_across_files(tmp_path) -> None:
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "a.yaml").write_text(facts(
        "- {id: a, claim: Marta Silva won 48.27%., about: marta-silva, value: 48.27, unit: percent, source: count}\n"))
    (folder / "b.yaml").write_text("version: 1\nfacts:\n"
        "- {id: b, claim: Marta Silva won 41%., about: marta-silva, value: 41, unit: percent, source: count}\n")
    (problem,) = validate_ledgers((folder,)).problems
    assert problem.code == "FL310" and problem.path.endswith("b.yaml") and f"{folder / 'a.yaml'}:9" in problem.message


def test_large_group_stays_fast(tmp_path) -> None:
    body = "".join(f"- {{id: f{i}, claim: Silva won {i}.5% of the valid votes., about: marta-silva, value: {i}.5, "
                   f"unit: percent, source: count}}\n" for i in range(3000))
    found = _fl310(tmp_path, body)
    assert len(found) == 2999  # every later fact once, compared with a bounded number of earlier ones


@pytest.mark.parametrize(("spelling", "word"), [
    ("the transit authority", "transit"), ("van der Berg", None), ("Corvane plc", None),
    ("Bank of Varenna", None), ("iPhone", "iPhone"), ("3M", "3M"), ("the ministry of health", "ministry"),
    ("the Transit Authority", None), ("Marta da Silva", None), ("Line 4 extension", None), ("O'Neil", None),
    ("UNÁM", None), ("Van der Berg", None),
])
def test_a_spelling_no_draft_can_show(spelling: str, word: str | None) -> None:
    """FL313 reads a spelling as extraction.names reads drafts: runs of capitalised words (particles inside),
    after a leading article; a name opening with a capital and running on past a number or a lower-case
    word is looked up as written."""
    from factlint.ledger.crossfile import unfindable_word

    assert unfindable_word(spelling) == word


@pytest.mark.parametrize("spelling", ["the transit authority", "van der Berg", "Corvane plc", "Bank of Varenna",
                                      "iPhone", "3M", "the Transit Authority", "Marta da Silva", "Line 4 extension",
                                      "O'Neil", "UNÁM", "Van der Berg"])
def test_fl313_agrees_with_how_drafts_are_read(spelling: str) -> None:
    """What FL313 calls unfindable is what extraction never resolves, and the other way round."""
    from factlint.extraction.names import find_names
    from factlint.ledger.crossfile import unfindable_word
    from factlint.ledger.model import Entity, Ledger
    from factlint.matching.index import LedgerIndex

    index = LedgerIndex.build(Ledger(("x",), entities={"e": Entity("e", spelling)}))
    text = f"On Monday {spelling} said so."
    found = any(m.entities == ("e",) for m in find_names(text, 0, len(text), index))
    assert found == (unfindable_word(spelling) is None)
