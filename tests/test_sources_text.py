"""Reading pages without the network: charsets, visible text, value spellings and quote matching."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factlint.ledger.load import load_ledgers
from factlint.ledger.model import PartialDate
from factlint.sources.decode import decode, header_charset, media_type, meta_charset
from factlint.sources.forms import date_forms, number_forms, value_forms
from factlint.sources.options import default_cache_dir, parse_duration, parse_size
from factlint.sources.quotes import check_fact
from factlint.sources.visible import normalise, visible_text

RULES = Path(__file__).resolve().parent.parent / "rules"


def make_fact(tmp_path: Path, raw: dict):
    """A Fact through the public loader, so tests follow the ledger format."""
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "sources": {"s": {"title": "S"}}, "facts": [{**raw, "source": "s"}]}))
    return load_ledgers((path,)).facts[0]


def test_visible_text_drops_scripts_styles_and_markup() -> None:
    page = ("<html><head><style>p{color:red}</style><script>var x = '48.27%';</script></head>"
            "<body><p>Silva&nbsp;won</p><table><tr><td>48</td><td>27</td></tr></table>"
            "<template>hidden</template><svg><text>icon</text></svg></body></html>")
    assert visible_text(page, html=True) == "Silva won 48 27"


def test_normalise_quotes_dashes_spaces() -> None:
    assert normalise("\u201cWe\u00a0won,\u201d  she said \u2014 it\u2019s 1\u202f204\u00ad311\n") == \
        "\"We won,\" she said - it's 1 204311"


def test_charset_header_then_meta_then_utf8() -> None:
    latin = "José Müller".encode("iso-8859-1")
    assert decode(latin, "text/html; charset=ISO-8859-1", html=True) == "José Müller"
    assert decode(b"<meta charset='iso-8859-1'>" + latin, "text/html", html=True).endswith("José Müller")
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    assert meta_charset(meta) == "windows-1252"
    assert decode("José".encode(), "text/plain", html=False) == "José"
    assert decode(latin, None, html=False) == "José Müller"  # not UTF-8: windows-1252 fallback
    assert decode(b"x", "text/html; charset=no-such-charset", html=True) == "x"
    assert header_charset('text/html; charset="UTF-8"') == "UTF-8"


def test_media_type_sniffs_when_header_missing() -> None:
    assert media_type("Application/PDF; x=1", b"") == "application/pdf"
    assert media_type(None, b"%PDF-1.7 ...") == "application/pdf"
    assert media_type(None, b"  <!DOCTYPE html><html>") == "text/html"


def test_number_and_percent_forms() -> None:
    assert number_forms(1204311)[:5] == ["1,204,311", "1204311", "1.204.311", "1 204 311", "1'204'311"]
    forms = value_forms(48.27, "percent")
    assert {"48.27%", "48,27 %", "48.27 per cent"} <= set(forms)
    assert "12.0%" in value_forms(12.0, "percent") and "-3,5" in number_forms(-3.5)


def test_date_forms() -> None:
    forms = date_forms(PartialDate(2022, 3, 6))
    assert {"6 March 2022", "March 6, 2022", "2022-03-06", "06/03/2022", "03/06/2022", "6th March 2022"} <= set(forms)
    assert "March 2022" in date_forms(PartialDate(2022, 3)) and date_forms(PartialDate(2022)) == ["2022"]


@pytest.mark.parametrize("page, found", [
    ("Marta Silva won 48,27 % of the votes.", True),
    ("Marta Silva won 48.27 percent.", True),
    ("Marta Silva won 148.27% (sic).", False),
    ("Marta Silva won 48.271% of the votes.", False),
    ("Marta Silva won 48.72% of the votes.", False),
])
def test_value_found_in_other_spellings_but_not_inside_longer_numbers(tmp_path: Path, page: str, found: bool) -> None:
    fact = make_fact(tmp_path, {"id": "f", "claim": "c", "value": 48.27, "unit": "percent"})
    assert check_fact(fact, normalise(page)).found is found


def test_date_found_day_first(tmp_path: Path) -> None:
    fact = make_fact(tmp_path, {"id": "f", "claim": "c", "date": "2022-03-06"})
    assert check_fact(fact, "Polls closed on 06/03/2022 at 8pm.").found
    assert not check_fact(fact, "Polls closed on 16/03/2022 at 8pm.").found


def test_quote_not_found_reports_closest_passage(tmp_path: Path) -> None:
    fact = make_fact(tmp_path, {"id": "f", "claim": "c", "value": 1, "quote": "Marta Silva won 48.27% of the votes"})
    match = check_fact(fact, normalise("Results. Marta Silva won 48.72% of the votes, a record."))
    assert not match.found and 80 < match.score < 100
    assert match.closest.startswith("Marta Silva won 48.72%")


def test_quote_case_and_typography_insensitive(tmp_path: Path) -> None:
    fact = make_fact(tmp_path, {"id": "f", "claim": "c", "value": 1, "quote": "\u201cwe WON\u201d, said Silva"})
    assert check_fact(fact, visible_text('<p>"We won",   said <i>Silva</i></p>', html=True)).found


def _examples(code: str, kind: str) -> list[dict]:
    """A rule's examples of one kind, from its catalogue file."""
    data = yaml.safe_load((RULES / f"{code}.yaml").read_text(encoding="utf-8"))
    return data["examples"][kind]


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_fl403_catalogue_examples(tmp_path: Path, kind: str) -> None:
    examples = _examples("FL403", kind)
    assert examples
    for example in examples:
        fact = make_fact(tmp_path, example["fact"])
        assert check_fact(fact, visible_text(example["page"], html=True)).found is (kind == "pass"), example


def test_options_parsing(tmp_path: Path) -> None:
    assert parse_duration("0") == 0 and parse_duration("90") == 90 and parse_duration("12h") == 43200
    assert parse_duration("7d") == 7 * 86400 and parse_size("800k") == 819200 and parse_size("5MiB") == 5 << 20
    for bad in ("soon", "-1h", "30\u017f"):  # a long s is no "s": ValueError, not KeyError
        with pytest.raises(ValueError):
            parse_duration(bad)
    for bad in ("0", "800\u212a", "5M\u0131B"):  # Kelvin sign, dotless i
        with pytest.raises(ValueError):
            parse_size(bad)
    assert parse_duration("15M") == 900 and parse_size("2mb") == 2_000_000  # ASCII case still folds
    assert default_cache_dir({"FACTLINT_CACHE_DIR": "/x"}) == Path("/x")
    assert default_cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/factlint/sources")
    assert default_cache_dir({}).parts[-3:] == (".cache", "factlint", "sources")


def test_value_not_found_shows_the_nearest_number_in_its_sentence(tmp_path: Path) -> None:
    fact = make_fact(tmp_path, {"id": "f", "claim": "c", "value": 12.04, "unit": "percent"})
    match = check_fact(fact, normalise("Silva 48,27 %; Helena Brandt 12,40 %. Turnout: 1.204.311."))
    assert not match.found and match.closest == "Helena Brandt 12,40 %" and match.score > 80
