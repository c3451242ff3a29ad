"""SARIF validates against the official schema; GitHub escaping, GitLab fields, colour and fingerprints."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from factlint.catalogue import load_catalogue
from factlint.findings import Finding, Report
from factlint.fingerprint import occurrence_fingerprints, posix_path
from factlint.reporters import github, gitlab, sarif, text
from tests.test_reporters_golden import FINDINGS, REPORT

SCHEMA = json.loads((Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_validates_against_the_official_schema() -> None:
    _validate(json.loads(sarif.render(REPORT)))
    _validate(json.loads(sarif.render(Report((), 0))))


def test_sarif_lists_every_catalogued_rule_with_help() -> None:
    log = json.loads(sarif.render(REPORT))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(load_catalogue())
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_sarif_results_point_at_their_rule_and_place() -> None:
    log = json.loads(sarif.render(REPORT))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for finding, res in zip(FINDINGS, run["results"]):
        assert res["ruleId"] == finding.code
        if "ruleIndex" in res:
            assert rules[res["ruleIndex"]]["id"] == finding.code
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding.line, finding.column, finding.end_line, finding.end_column)
    assert "ruleIndex" not in run["results"][-1]  # FL999 is not catalogued
    assert run["results"][-2]["level"] == "note"  # info


@pytest.mark.parametrize(("path", "uri"), [
    ("docs/a.md", "docs/a.md"), ("./docs/a.md", "docs/a.md"), ("docs\\sub\\a.md", "docs/sub/a.md"),
    ("my draft #1.md", "my%20draft%20%231.md"), ("/abs/a.md", "file:///abs/a.md"),
])
def test_sarif_uris_are_relative_with_forward_slashes(path: str, uri: str) -> None:
    assert sarif.artifact_uri(path) == uri


def test_fingerprints_ignore_line_numbers_but_separate_repeats() -> None:
    moved = [dataclasses.replace(f, line=f.line + 5, end_line=f.end_line + 5) for f in FINDINGS]
    assert occurrence_fingerprints(moved) == occurrence_fingerprints(FINDINGS)
    prints = occurrence_fingerprints(FINDINGS)
    assert len(set(prints)) == len(prints)  # the two "Marta Sliva" findings differ by occurrence index
    rewrapped = [dataclasses.replace(FINDINGS[1], found="4.2%,  down from\r\n5%")]
    assert occurrence_fingerprints(rewrapped) == [prints[1]]


def test_posix_path() -> None:
    assert posix_path(".\\a\\b.md") == "a/b.md" and posix_path("-") == "-"


def test_github_escaping() -> None:
    assert github.escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github.escape_property("a: b, c%") == "a%3A b%2C c%25"
    f = Finding("a, b:c.md", 2, 3, 2, 9, "FL104", "weekday-mismatch", "error", "50%\nline two")
    assert github.annotation(f) == ("::error file=a%2C b%3Ac.md,line=2,endLine=2,col=3,endColumn=8,"
                                    "title=FL104::50%25%0Aline two")


@pytest.mark.parametrize(("severity", "command"), [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_github_commands_by_severity(severity: str, command: str) -> None:
    f = Finding("a.md", 1, 1, 1, 2, "FL101", "x", severity, "m")
    assert github.annotation(f).startswith(f"::{command} file=a.md,")


def test_github_end_column_never_before_start() -> None:
    f = Finding("a.md", 4, 7, 4, 7, "FL901", "x", "warning", "m")  # an empty span
    assert "col=7,endColumn=7" in github.annotation(f)


def test_gitlab_issue_fields() -> None:
    issues = json.loads(gitlab.render(REPORT))
    assert [i["severity"] for i in issues] == ["major", "minor", "major", "major", "info", "minor"]
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert set(issue["location"]) == {"path", "lines"} and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert gitlab.render(Report((), 1)) == "[]\n"


def test_text_colour_only_when_asked() -> None:
    plain = text.render(REPORT)
    assert "\x1b[" not in plain
    coloured = text.render(REPORT, color=True)
    assert "\x1b[1mdocs/a.md\x1b[0m" in coloured and "\x1b[1;31mFL101\x1b[0m" in coloured
    assert "\x1b[1;33mFL201\x1b[0m" in coloured and "\x1b[1;36mFL901\x1b[0m" in coloured
    assert coloured.splitlines()[-1] == plain.splitlines()[-1]  # the summary stays plain


def test_schema_validation_has_teeth() -> None:
    log = json.loads(sarif.render(REPORT))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate(log)
