"""The CLI's --format choices, --format auto inside GitHub Actions, and when the text report is coloured."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from factlint.output import resolve_formats, use_color
from factlint.errors import InputError
from tests.conftest import ROOT

SCHEMA = json.loads((Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DEMO = ("check", "fixtures/demo/draft.md", "--ledger", "fixtures/demo/facts.yaml")


def factlint(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**clean, **env})


def test_sarif_of_the_demo_validates_and_points_at_the_draft() -> None:
    proc = factlint(*DEMO, "--format", "sarif")
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert results and {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "fixtures/demo/draft.md"}
    lines = (ROOT / "fixtures/demo/draft.md").read_text(encoding="utf-8").splitlines()
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert lines[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]


@pytest.mark.parametrize("fmt", ["github", "gitlab", "json", "text"])
def test_every_format_runs_on_the_demo(fmt: str) -> None:
    proc = factlint(*DEMO, "--format", fmt)
    assert proc.returncode == 1 and proc.stderr == "" and "FL101" in proc.stdout


def test_auto_inside_github_actions_annotates_and_prints_text() -> None:
    proc = factlint(*DEMO, "--format", "auto", GITHUB_ACTIONS="true")
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("::error file=fixtures/demo/draft.md,line=")
    assert lines[-1].startswith("Found ") and any(line.startswith("fixtures/demo/draft.md:") for line in lines)
    quiet = factlint(*DEMO, "--format", "auto", "--quiet", GITHUB_ACTIONS="true")
    assert not quiet.stdout.splitlines()[-1].startswith("Found ")


def test_auto_elsewhere_is_text() -> None:
    assert factlint(*DEMO, "--format", "auto").stdout == factlint(*DEMO).stdout


def test_colour_follows_flags_and_environment() -> None:
    assert "\x1b[" not in factlint(*DEMO).stdout  # piped
    assert "\x1b[1;31mFL101\x1b[0m" in factlint(*DEMO, FORCE_COLOR="1").stdout
    assert "\x1b[" not in factlint(*DEMO, FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" in factlint(*DEMO, "--color", NO_COLOR="1").stdout
    assert "\x1b[" not in factlint(*DEMO, "--no-color", FORCE_COLOR="1").stdout
    assert "\x1b[" not in factlint(*DEMO, "--format", "json", FORCE_COLOR="1").stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("flag", "tty", "env", "expected"), [
    (None, True, {}, True), (None, False, {}, False), (None, True, {"NO_COLOR": "1"}, False),
    (None, True, {"NO_COLOR": ""}, True), (None, False, {"FORCE_COLOR": "1"}, True),
    (None, False, {"FORCE_COLOR": ""}, False), (True, False, {"NO_COLOR": "x"}, True), (False, True, {}, False),
])
def test_use_color(flag, tty: bool, env: dict, expected: bool) -> None:
    assert use_color(flag, _Terminal() if tty else io.StringIO(), env) is expected


def test_resolve_formats() -> None:
    assert resolve_formats("auto", {"GITHUB_ACTIONS": "true"}) == ("github", "text")
    assert resolve_formats("auto", {"GITHUB_ACTIONS": "false"}) == ("text",)
    assert resolve_formats("sarif", {}) == ("sarif",)
    with pytest.raises(InputError, match="unknown format 'xml'"):
        resolve_formats("xml", {})
