"""Citation extraction, URL normalisation, resolution, claims and coverage."""

from __future__ import annotations

import json

import pytest

from factlint.document.parse import parse_document
from factlint.extraction.citations import find_citations
from factlint.matching.urls import normalise_url
from tests.conftest import index_from_mapping, run_text
from tests.test_cli_check import factlint

LEDGER = {
    "version": 1,
    "sources": {
        "survey-2019": {"title": "Household survey", "url": "https://stats.example.org/survey/2019"},
        "count": {"title": "Count", "url": "https://elections.example.org/count?year=2022"},
    },
    "entities": {"silva": {"name": "Marta Silva", "aliases": ["Silva"]}},
    "facts": [{"id": "share", "claim": "Marta Silva won 48.27% of the valid votes.", "about": "silva",
               "keywords": ["won", "votes"], "value": 48.27, "unit": "percent", "source": "count"}],
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return index_from_mapping(LEDGER, tmp_path_factory.mktemp("ledger"))


def cites(text: str):
    return [(c.kind, c.target, text[c.start : c.end]) for c in find_citations(parse_document(text, "d.md"))]


def test_every_citation_form_is_found_with_positions() -> None:
    text = ("A [link](https://a.example/x \"t\"), a [ref][r], a [r], <https://b.example/y>, "
            "www.c.example/z, a note.[^1] See [see @survey-2019, p. 4] and @count says. `https://code.example`\n\n"
            "[r]: https://d.example/w\n[^1]: Count at https://e.example/v\n")
    assert cites(text) == [
        ("link", "https://a.example/x", '[link](https://a.example/x "t")'),
        ("link", "https://d.example/w", "[ref][r]"),
        ("link", "https://d.example/w", "[r]"),
        ("autolink", "https://b.example/y", "https://b.example/y"),
        ("url", "www.c.example/z", "www.c.example/z"),
        ("footnote", "1", "[^1]"),
        ("key", "survey-2019", "@survey-2019"),
        ("key", "count", "@count"),
        ("footnote-url", "https://e.example/v", "https://e.example/v"),
    ]


def test_emails_and_code_are_not_citations() -> None:
    assert cites("Write to me@example.org or run `curl https://x.example`.\n") == []


@pytest.mark.parametrize("url", [
    "https://www.stats.example.org/survey/2019/", "http://stats.example.org/survey/2019#table-2",
    "stats.example.org/survey/2019?utm_source=news&utm_medium=mail", "HTTPS://STATS.example.org/survey/2019?fbclid=1",
])
def test_url_normalisation(url) -> None:
    assert normalise_url(url) == "stats.example.org/survey/2019"


def _codes(index, text: str, select=("FL2",)):
    return [(f.code, f.found) for f in run_text(text, index, select=select)]


def test_resolution_by_key_url_and_footnote(index) -> None:
    assert _codes(index, "Rents rose 7% [@survey-2019].") == []
    assert _codes(index, "Rents rose 7% ([s](http://stats.example.org/survey/2019/)).") == []
    assert _codes(index, "Rents rose 7%.[^a]\n\n[^a]: See survey-2019.\n") == []
    assert _codes(index, "Rents rose 7% [@survey-2091].") == [("FL202", "@survey-2091")]
    assert _codes(index, "Rents rose 7%.[^a]\n") == [("FL202", "[^a]")]


def test_unknown_link_reported_only_when_it_backs_a_claim(index) -> None:
    assert _codes(index, "Read about [the city](https://wiki.example.net/City).") == []
    # The finding points at the URL itself, the part to fix.
    assert _codes(index, "Rents rose 7% ([blog](https://blog.example.net/rents)).") == [
        ("FL202", "https://blog.example.net/rents")]
    # A link to a ledger source's site that does not match any source is reported, with a suggestion.
    findings = run_text("See [this](https://stats.example.org/survey/2018).", index, select=("FL202",))
    assert [f.expected for f in findings] == ["survey-2019"]


def test_claims_uncited_mismatched_and_missing(index) -> None:
    assert _codes(index, "Rents rose 7% and 12,000 households moved.") == [("FL201", "7%"), ("FL201", "12,000 households")]
    assert _codes(index, "Silva won 48.3% of the valid votes [@survey-2019].") == [("FL203", "48.3%")]
    assert _codes(index, "Silva won 48.3% of the valid votes.", select=("FL204",)) == [("FL204", "48.3%")]
    assert _codes(index, "Silva won 48.3% of the valid votes.") == []  # FL204 is off by default


def test_a_labels_colon_attributes_no_quotation(index) -> None:
    assert _codes(index, 'Correction: "Turnout reached 90,000 people."') == [("FL201", "90,000 people")]


def test_a_date_that_dates_a_bound_figure_is_backed_by_its_fact(tmp_path) -> None:
    ledger = {**LEDGER, "facts": [{"id": "doses", "claim": "1.8 million doses had been given by 9 June 2023.",
                                   "about": "silva", "keywords": ["doses"], "value": 1800000, "unit": "doses",
                                   "source": "count"}]}
    index = index_from_mapping(ledger, tmp_path)
    assert _codes(index, "Silva had given 1.8 million doses by 9 June 2023.") == []
    # A date the bound fact does not state is still an event of its own, and still needs a source.
    assert _codes(index, "Silva had given 1.8 million doses by 2 May 2023.") == [("FL201", "2 May 2023")]
    # Without the figure bound to the fact, nothing backs the date.
    assert _codes(index, "The clinics closed on 9 June 2023.") == [("FL201", "9 June 2023")]


@pytest.mark.parametrize("text", [
    "By Ana Reis · Published 2 May 2023 · 5 min read",
    "12 MIN READ · 4,200 words",
    "“We hired 40 people. Sales grew 12%,” the owner told us.",
    "Install version 3.1 and apply Decree 1204 to the Boeing 737 fleet.",
    "“We hired 40 people and grew 12%,” the owner said.",
    "## 3. Results\n\n1. First step\n2. Second step\n",
    "Call +1 555 0100 or see https://example.net/report-2022-45%.",
    "```\nrevenue = 4.2 million\n```\n",
    "The meeting lasted 90 minutes and three people spoke.",
    'Ruiz: "I will serve all 90,000 people of this town."',  # a live blog's speaker and colon
    "Ana-María Ruiz: “Turnout was 61%.”",
])
def test_non_claims_are_not_flagged(index, text) -> None:
    assert _codes(index, text) == []


def test_stats_in_text_and_json(tmp_path) -> None:
    ledger = tmp_path / "facts.yaml"
    import yaml

    ledger.write_text(yaml.safe_dump(LEDGER))
    draft = tmp_path / "d.md"
    draft.write_text("Silva won 48.3% of the valid votes. Rents rose 7% [@survey-2019]. Prices rose 3%.\n")
    proc = factlint("check", str(draft), "--ledger", str(ledger), "--stats")
    assert proc.stdout.splitlines()[-1] == (
        "Citation coverage: 3 check-worthy claims; 1 supported by the ledger, 1 cited, 1 neither.")
    data = json.loads(factlint("check", str(draft), "--ledger", str(ledger), "--stats", "--format", "json").stdout)
    assert data["coverage"] == {"claims": 3, "supported": 1, "cited": 1, "uncited": 1}
