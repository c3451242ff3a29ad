"""The CLI starts, lists rules and reports usage errors with exit code 2."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from factlint import __version__
from factlint.cli import main


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_rules_lists_catalogue() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    for code in ("FL101", "FL102", "FL103", "FL104"):
        assert code in result.output


def test_rules_shows_one_rule() -> None:
    result = CliRunner().invoke(main, ["rules", "fl101"])
    assert result.exit_code == 0
    assert "number-contradiction" in result.output and "Flagged:" in result.output


def test_unknown_rule_is_usage_error() -> None:
    result = CliRunner().invoke(main, ["rules", "FL999"])
    assert result.exit_code == 2
    assert "unknown rule" in result.output


def test_python_dash_m() -> None:
    proc = subprocess.run([sys.executable, "-m", "factlint", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_missing_draft_is_exit_2(tmp_path) -> None:
    ledger = tmp_path / "facts.yaml"
    ledger.write_text("version: 1\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.md"), "--ledger", str(ledger)])
    assert result.exit_code == 2
    assert "nope.md: no such file or directory" in result.output


def test_rules_shows_examples_of_every_rule() -> None:
    from factlint.catalogue import load_catalogue

    for code in load_catalogue():
        result = CliRunner().invoke(main, ["rules", code])
        assert result.exit_code == 0
        examples = result.output.split("Flagged:", 1)[1]
        assert any(line.strip() for line in examples.splitlines()[1:3]), f"{code} shows an empty example"
