"""Every output format renders one shared set of findings exactly as the golden files under tests/golden/.

To update the golden files after an intended change, run:

    FACTLINT_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_reporters_golden.py

then review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factlint import __version__
from factlint.catalogue import Rule
from factlint.findings import Finding, Report
from factlint.reporters import REPORTERS
from factlint.reporters import sarif, text

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = bool(os.environ.get("FACTLINT_REGENERATE_GOLDEN"))


def _rule(code: str, name: str, severity: str, summary: str) -> Rule:
    """A fixed catalogue entry, so catalogue edits do not churn the SARIF golden file."""
    return Rule(code, name, name.replace("-", "_"), severity, "{found}", summary,
                "What it does\n  Checks one thing.\n\nWhy it matters\n  Readers notice.\n",
                {"fail": [{"draft": f"A {name} example."}], "pass": [{"draft": "A clean example."}]})


CATALOGUE = {r.id: r for r in (
    _rule("FL101", "number-contradiction", "error", "A number contradicts the ledger."),
    _rule("FL103", "name-misspelling", "error", "A name is misspelt."),
    _rule("FL201", "uncited-claim", "warning", "A claim has no citation."),
    _rule("FL901", "unused-suppression", "warning", "A suppression silences nothing."),
)}

FINDINGS = (
    Finding("docs/a.md", 8, 37, 8, 49, "FL101", "number-contradiction", "error",
            '"41.5 percent" contradicts silva-share-2022: 48.27 percent [city-count-2022]',
            "silva-share-2022", "city-count-2022", "41.5 percent", "48.27 percent"),
    Finding("docs/a.md", 12, 1, 13, 12, "FL201", "uncited-claim", "warning",
            '"4.2%, down from 5%" is a percentage with no citation and no ledger fact behind it',
            found="4.2%, down\nfrom 5%"),
    Finding("docs/a.md", 14, 1, 14, 12, "FL103", "name-misspelling", "error",
            '"Marta Sliva" looks like a misspelling of Marta Silva (marta-silva)', expected="Marta Silva",
            found="Marta Sliva"),
    Finding("docs/a.md", 20, 5, 20, 16, "FL103", "name-misspelling", "error",
            '"Marta Sliva" looks like a misspelling of Marta Silva (marta-silva)', expected="Marta Silva",
            found="Marta Sliva"),
    Finding("drafts/q1, q2: notes.txt", 3, 1, 3, 40, "FL901", "unused-suppression", "info",
            '"factlint-disable-next-line FL101" suppresses nothing (FL101)',
            found="factlint-disable-next-line FL101"),
    Finding("docs/ünï.md", 1, 1, 1, 5, "FL999", "not-catalogued", "warning", "A rule missing from the catalogue.",
            found="Text"),
)
REPORT = Report(FINDINGS, 3)

CASES = {
    "text.txt": lambda r: text.render(r),
    "text-color.txt": lambda r: text.render(r, color=True),
    "json.json": REPORTERS["json"],
    "sarif.json": lambda r: sarif.render(r, CATALOGUE).replace(f'"{__version__}"', '"VERSION"'),
    "github.txt": REPORTERS["github"],
    "gitlab.json": REPORTERS["gitlab"],
}


def test_every_format_has_a_golden_case() -> None:
    names = {name.split(".")[0].split("-")[0] for name in CASES}
    assert set(REPORTERS) <= names


@pytest.mark.parametrize("name", CASES)
def test_golden_output(name: str) -> None:
    output = CASES[name](REPORT)
    path = GOLDEN / name
    if REGENERATE:
        path.write_bytes(output.encode("utf-8"))
    assert output == path.read_bytes().decode("utf-8"), "regenerate with FACTLINT_REGENERATE_GOLDEN=1"


@pytest.mark.parametrize("name", CASES)
def test_empty_report_renders(name: str) -> None:
    assert CASES[name](Report((), 2)).endswith("\n") or name == "github.txt"
