"""End-to-end tests of `factlint check` on the demo fixture: text, JSON, exit codes, config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

DEMO = FIXTURES / "demo"
EXPECTED_TEXT = """\
fixtures/demo/draft.md:7:33: FL104 weekday-mismatch "Monday, 6 March 2022": 2022-03-06 is a Sunday, not a Monday
fixtures/demo/draft.md:8:37: FL101 number-contradiction "41.5 percent" contradicts silva-share-2022: 48.27 percent [city-count-2022]
fixtures/demo/draft.md:12:54: FL102 date-contradiction "7 March" contradicts election-day-2022: 2022-03-06 [city-count-2022]
fixtures/demo/draft.md:14:1: FL103 name-misspelling "Marta Sliva" looks like a misspelling of Marta Silva (marta-silva)
Found 4 findings (4 errors) in 1 file.
"""


def factlint(*args: str, cwd: Path = ROOT, stdin: str | None = None, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=60)


def test_demo_text_output() -> None:
    proc = factlint("check", "fixtures/demo/draft.md", "--ledger", "fixtures/demo/facts.yaml")
    assert proc.returncode == 1
    assert proc.stdout == EXPECTED_TEXT
    assert proc.stderr == ""


def test_demo_json_output_is_the_contract() -> None:
    proc = factlint("check", "fixtures/demo/draft.md", "--ledger", "fixtures/demo/facts.yaml", "--format", "json")
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "findings": 4, "errors": 4, "warnings": 0}
    first = data["findings"][1]
    assert first == {
        "path": "fixtures/demo/draft.md", "line": 8, "column": 37, "end_line": 8, "end_column": 49,
        "code": "FL101", "rule": "number-contradiction", "severity": "error",
        "message": '"41.5 percent" contradicts silva-share-2022: 48.27 percent [city-count-2022]',
        "fact": "silva-share-2022", "source": "city-count-2022", "found": "41.5 percent", "expected": "48.27 percent",
    }
    lines = (DEMO / "draft.md").read_text(encoding="utf-8").splitlines()
    for f in data["findings"]:
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["found"]
    assert data["findings"][3]["fact"] is None and data["findings"][3]["source"] is None


def test_stdin_and_select_ignore_and_fail_on() -> None:
    draft = (DEMO / "draft.md").read_text(encoding="utf-8")
    proc = factlint("check", "-", "--ledger", "fixtures/demo/facts.yaml", "--select", "FL103", stdin=draft)
    assert proc.returncode == 1 and proc.stdout.startswith("-:14:1: FL103")
    proc = factlint("check", "-", "--ledger", "fixtures/demo/facts.yaml", "--ignore", "FL1", stdin=draft)
    assert proc.returncode == 0 and proc.stdout == "No findings in 1 file.\n"
    proc = factlint("check", "-", "--ledger", "fixtures/demo/facts.yaml", "--quiet", "--select", "FL104", stdin=draft)
    assert proc.stdout.count("\n") == 1 and "Found" not in proc.stdout


def test_number_words_spelt_with_case_twins_are_read_not_a_traceback() -> None:
    """"ſix hundred" (long s) matched the number-word pattern and then raised KeyError in reading it."""
    draft = "Turnout in Porto Alto: ſix hundred voters came.\n"
    proc = factlint("check", "-", "--ledger", "fixtures/demo/facts.yaml", "--format", "json", stdin=draft)
    assert proc.stderr == "" and proc.returncode == 1
    found = [(f["code"], f["found"], f["expected"]) for f in json.loads(proc.stdout)["findings"]]
    assert found == [("FL101", "ſix hundred", "1,204,311 people")]  # read as 600, against the turnout fact


def test_as_of_overrides_front_matter(tmp_path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("The council met on Tuesday 8 March.\n")
    (tmp_path / "facts.yaml").write_text("version: 1\n")
    proc = factlint("check", "d.md", "--as-of", "2022-03-10", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    proc = factlint("check", "d.md", "--as-of", "2023-03-10", cwd=tmp_path)
    assert proc.returncode == 1 and "FL104" in proc.stdout


def test_config_file_is_found_walking_up(tmp_path) -> None:
    (tmp_path / ".factlint.yaml").write_text(f"ledger: {DEMO / 'facts.yaml'}\nignore: [FL104]\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "draft.md").write_text((DEMO / "draft.md").read_text(encoding="utf-8"), encoding="utf-8")
    proc = factlint("check", "draft.md", cwd=sub)
    assert proc.returncode == 1
    assert "FL101" in proc.stdout and "FL104" not in proc.stdout


def test_pyproject_config_and_relative_ledger(tmp_path) -> None:
    (tmp_path / "facts.yml").write_text((DEMO / "facts.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\nledger = "facts.yml"\nselect = ["FL101"]\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "d.md").write_text("Marta Silva won 41.5 percent of the valid votes.\n")
    proc = factlint("check", "d.md", cwd=tmp_path / "docs")
    assert proc.returncode == 1 and proc.stdout.startswith("d.md:1:17: FL101")


@pytest.mark.parametrize(("config", "message"), [
    ("ledger: facts.yaml\nseverty: {FL101: warning}\n", "unknown key 'severty' (did you mean 'severity'?)"),
    ("ledger: [1, 2]\n", "'ledger' must be a path or a list of paths"),
    ("ledger: facts.yaml\nfail-on: sometimes\n", "'fail-on' must be"),
    ("ledger: [unclosed\n", "invalid YAML"),
])
def test_config_errors_are_one_line_exit_2(tmp_path, config, message) -> None:
    (tmp_path / ".factlint.yaml").write_text(config)
    (tmp_path / "d.md").write_text("Text.\n")
    proc = factlint("check", "d.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and ".factlint.yaml" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_no_ledger_found_says_how_to_point_at_one(tmp_path) -> None:
    (tmp_path / "d.md").write_text("Text.\n")
    proc = factlint("check", "d.md", cwd=tmp_path)
    assert proc.returncode == 2 and "--ledger" in proc.stderr and "Traceback" not in proc.stderr


def test_severity_and_fail_on_from_config(tmp_path) -> None:
    (tmp_path / ".factlint.yaml").write_text(
        f"ledger: {DEMO / 'facts.yaml'}\nseverity: {{FL101: warning}}\nselect: [FL101]\n")
    (tmp_path / "d.md").write_text("Marta Silva won 41.5 percent of the valid votes.\n")
    proc = factlint("check", "d.md", cwd=tmp_path)
    assert proc.returncode == 0 and "1 warning" in proc.stdout
    proc = factlint("check", "d.md", "--fail-on", "warning", cwd=tmp_path)
    assert proc.returncode == 1


def test_directory_walk_and_exclude(tmp_path) -> None:
    (tmp_path / ".factlint.yaml").write_text(f"ledger: {DEMO / 'facts.yaml'}\nexclude: ['drafts/old/*']\n")
    for rel in ("drafts/a.md", "drafts/b.txt", "drafts/old/c.md", "drafts/notes.rst"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Marta Silva won 41.5 percent of the valid votes.\n")
    proc = factlint("check", "drafts", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert sorted({f["path"] for f in data["findings"]}) == ["drafts/a.md", "drafts/b.txt"]
    assert data["summary"]["files"] == 2


def test_severity_off_unquoted_in_yaml(tmp_path) -> None:
    (tmp_path / ".factlint.yaml").write_text(f"ledger: {DEMO / 'facts.yaml'}\nseverity: {{FL101: off}}\n")
    (tmp_path / "d.md").write_text("Marta Silva won 41.5 percent of the valid votes.\n")
    proc = factlint("check", "d.md", cwd=tmp_path)
    assert proc.returncode == 0 and "FL101" not in proc.stdout


def test_pyproject_of_another_tool_is_skipped_and_a_broken_one_for_factlint_is_an_error(tmp_path) -> None:
    from factlint.config import load_config
    from factlint.errors import ConfigError

    (tmp_path / "pyproject.toml").write_text("[tool.black\nline-length = 100\n")  # broken, and not ours
    assert load_config(tmp_path).ledger == ()
    (tmp_path / "pyproject.toml").write_text("[tool.factlint\nledger = 'facts.yaml'\n")
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(tmp_path)


CONFIGURES = [
    '[tool.factlint]\nledger = "facts.yaml"\n',
    '[ tool . "factlint" ]\nledger = "facts.yaml"\n',
    "[tool.'factlint']\nselect = ['FL101']\n",
    '[project]\nname = "x"\n\n[tool]\nfactlint = { ledger = "facts.yaml" }\n',
    '[tool]\nfactlint.ledger = "facts.yaml"\n',
    'tool.factlint.ledger = "facts.yaml"\n[project]\nname = "factlint-user"\n',
    '"tool" . factlint = { select = ["FL1"] }\n',
    'tool = { factlint = { ledger = "facts.yaml" } }\n',
    '[tool.factlint.severity]\nFL101 = "warning"\n',
    '[tool."fact\\u006cint"]\nledger = "facts.yaml"\n',  # an escaped key: no "factlint" in the text
]
NAMES_FACTLINT_ONLY = [
    '[project]\nname = "factlint"\n[project.scripts]\nfactlint = "factlint.entry:main"\n',
    '[project.optional-dependencies]\ndev = ["factlint>=0.1", "pytest"]\n[tool.black]\nline-length = 100\n',
    '[tool.ruff]\nextend-exclude = ["factlint"]\n# [tool.factlint] lives in .factlint.yaml\n',
    '[tool.pytest.ini_options]\naddopts = "-p factlint"\n',
]


@pytest.mark.parametrize("text", CONFIGURES + NAMES_FACTLINT_ONLY)
def test_pyproject_prefilter_agrees_with_parsing(tmp_path, text) -> None:
    """Skipping a pyproject unparsed never loses a [tool.factlint] table that tomllib would find."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    from factlint.config import _read_pyproject

    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    expected = tomllib.loads(text).get("tool", {}).get("factlint")
    assert (expected is not None) == (text in CONFIGURES)
    assert _read_pyproject(path) == expected


@pytest.mark.parametrize("text", NAMES_FACTLINT_ONLY)
def test_pyproject_naming_factlint_elsewhere_is_not_parsed(tmp_path, monkeypatch, text) -> None:
    """A project that only depends on factlint (or is factlint) pays no TOML parsing per run."""
    from factlint import config

    def refuse(_text: str) -> dict:
        raise AssertionError("parsed")

    monkeypatch.setitem(sys.modules, "tomllib", type(sys)("tomllib"))
    sys.modules["tomllib"].loads = refuse
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert config.load_config(tmp_path).path is None


TRANSIT_LEDGER = """\
version: 1
sources:
  opening:
    title: Line 4 extension opens
    url: https://transit.example.org/line-4
  audit:
    title: Audit of the Line 4 extension
entities:
  line4:
    name: Line 4
    kind: other
  marta-silva:
    name: Marta Silva
    aliases: [Silva]
    kind: person
facts:
  - id: new-stations
    claim: The Line 4 extension adds seven stations.
    about: line4
    keywords: [stations]
    value: 7
    unit: stations
    source: opening
  - id: final-cost
    claim: The extension cost EUR 1.32 billion.
    about: line4
    keywords: [cost]
    value: 1320000000
    unit: EUR
    source: audit
  - id: opening-date
    claim: Line 4's extension opened on 1 June 2025.
    about: line4
    keywords: [opened]
    date: 2025-06-01
    source: opening
"""


def _transit(tmp_path: Path, draft: str, *args: str):
    (tmp_path / "facts.yaml").write_text(TRANSIT_LEDGER, encoding="utf-8")
    (tmp_path / "d.md").write_text("---\ndate: 2025-06-10\n---\n" + draft, encoding="utf-8")
    return factlint("check", "d.md", "--ledger", "facts.yaml", *args, cwd=tmp_path)


def test_a_ledger_name_with_a_number_is_found_and_binds(tmp_path: Path) -> None:
    """'Line 4': capitalised runs stop at the number, so the name is looked up apart. Before, 'Line' read as
    an unknown name stood for someone else, and the figure bound to nothing: the wrong one went unflagged."""
    right = "The Line 4 extension adds 7 stations, the operator said.\n"  # no citation: the name alone binds
    proc = _transit(tmp_path, right)
    assert (proc.returncode, proc.stdout) == (0, "No findings in 1 file.\n")
    proc = _transit(tmp_path, right.replace("7 stations", "8 stations"))
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == ('d.md:4:27: FL101 number-contradiction "8" contradicts new-stations: '
                                           '7 stations [opening]')
    proc = _transit(tmp_path, right.replace("7 stations", "8 stations").replace("Line 4", "Line 5"))
    assert (proc.returncode, proc.stdout) == (0, "No findings in 1 file.\n")  # another line: not this fact's


def test_wrapped_lines_are_read_as_one_line(tmp_path: Path) -> None:
    """A figure, a date or a name wrapped across lines reads as on one line: no false alarm for
    '€1.32' alone, a hedge or a year on the next line, or half a name; the finding's message stays one line."""
    right = ("Line 4 opened on 1\nJune 2025 ([note](https://transit.example.org/line-4)). The audit put the cost\n"
             "of Line 4 at €1.32\nbillion, Marta\nSilva said.\n\n"
             "- The audit put the cost of Line 4 at €1.32\n  billion, Marta Silva said.\n")
    proc = _transit(tmp_path, right)
    assert (proc.returncode, proc.stdout) == (0, "No findings in 1 file.\n")
    proc = _transit(tmp_path, right.replace("€1.32\nbillion", "€1.23\nbillion"), "--format", "json")
    (finding,) = json.loads(proc.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (6, 14, 7, 8)
    assert finding["found"] == "€1.23\nbillion"  # the text at that position, as written
    assert finding["message"] == '"€1.23 billion" contradicts final-cost: 1,320,000,000 EUR [audit]'
    proc = _transit(tmp_path, right.replace("Marta\nSilva", "Marta\nSliva"))
    assert proc.stdout.splitlines()[0] == ('d.md:7:10: FL103 name-misspelling "Marta Sliva" looks like a misspelling '
                                           'of Marta Silva (marta-silva)')


HEALTH_LEDGER = """\
version: 1
sources:
  bulletin:
    title: Weekly bulletin, week 12
    url: https://health.example.org/w12
entities:
  eastvale:
    name: Eastvale
    kind: place
facts:
  - id: flu-rate
    claim: Influenza admissions in Eastvale were 12.4 per 100,000 people in week 12.
    about: eastvale
    keywords: [admissions, influenza]
    value: 12.4
    unit: per 100,000
    source: bulletin
"""


def test_a_rate_is_one_figure_compared_in_any_denominator(tmp_path: Path) -> None:
    """'12.4 per 100,000 people': the rate is the claim, its denominator no figure of its own (no FL201 for
    '100,000 people'), and a rate per 10,000 compares with the ledger's per 100,000."""
    (tmp_path / "facts.yaml").write_text(HEALTH_LEDGER, encoding="utf-8")

    def check(sentence: str):
        (tmp_path / "d.md").write_text(f"---\ndate: 2025-03-28\n---\n{sentence}\n", encoding="utf-8")
        return factlint("check", "d.md", "--ledger", "facts.yaml", cwd=tmp_path).stdout.splitlines()

    assert check("Influenza admissions in Eastvale reached 1.24 per 10,000 people.") == ["No findings in 1 file."]
    assert check("Influenza admissions in Eastvale reached 14.2 per 100,000 people.")[0] == (
        'd.md:4:42: FL101 number-contradiction "14.2 per 100,000 people" contradicts flu-rate: 12.4 per 100,000 '
        '[bulletin]')
    assert check("Measles admissions in Westby reached 3.1 per 100,000 people.")[0] == (
        'd.md:4:38: FL201 uncited-claim "3.1 per 100,000 people" is a figure with no citation and no ledger fact '
        'behind it')
