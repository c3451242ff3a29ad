"""`factlint ledger check` and the ledger gate in `factlint check`: exit codes and one-line messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factlint.cli import main

CLEAN = """\
version: 1
sources:
  count: {title: Official count}
entities:
  marta-silva: {name: Marta Silva, aliases: [Silva]}
facts:
  - {id: share, claim: Marta Silva won 48.27% of the valid votes., about: marta-silva, keywords: [won, votes],
     value: 48.27, unit: percent, source: count}
"""
BROKEN = CLEAN.replace("source: count}", "source: cuont}").replace("title: Official", "titel: Official")
WARNING_ONLY = CLEAN.replace("entities:\n", "entities:\n  joao-silva: {name: João Silva, aliases: [Silva]}\n")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch) -> None:
    """Never touch the user's cache directory."""
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("ledger-cache")))


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def _ledger(tmp_path: Path, text: str, name: str = "facts.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_ledger_exits_0(tmp_path) -> None:
    result = _invoke("ledger", "check", str(_ledger(tmp_path, CLEAN)))
    assert result.exit_code == 0, result.output
    assert result.output == "No findings in 1 file.\n"


def test_problems_exit_1_one_line_each(tmp_path) -> None:
    path = _ledger(tmp_path, BROKEN)
    result = _invoke("ledger", "check", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:-1] == [
        f"{path}:3:10: FL312 missing-key source count has no 'title' (required)",
        f"{path}:3:11: FL302 unknown-key unknown key 'titel' in source count (did you mean 'title'?)",
        f"{path}:8:43: FL307 unknown-reference fact share cites unknown source 'cuont' (did you mean 'count'?)",
    ]
    assert lines[-1] == "Found 3 findings (3 errors) in 1 file."
    assert "Traceback" not in result.output


def test_json_output(tmp_path) -> None:
    path = _ledger(tmp_path, BROKEN)
    result = _invoke("ledger", "check", "--format", "json", str(path))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"] == {"files": 1, "findings": 3, "errors": 3, "warnings": 0}
    first = data["findings"][0]
    assert (first["code"], first["rule"], first["line"], first["column"]) == ("FL312", "missing-key", 3, 10)
    lines = path.read_text().splitlines()
    for finding in data["findings"]:
        line = lines[finding["line"] - 1]
        assert line[finding["column"] - 1 : finding["end_column"] - 1] == finding["found"]
    assert data["findings"][2]["found"] == "cuont"


def test_warnings_are_reported_and_can_be_switched_off(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _ledger(tmp_path, WARNING_ONLY)
    result = _invoke("ledger", "check")
    assert result.exit_code == 1 and "FL308 shared-alias" in result.output
    (tmp_path / ".factlint.yaml").write_text("ledger: facts.yaml\nseverity: {FL308: \"off\"}\n")
    assert _invoke("ledger", "check").exit_code == 0


def test_default_ledger_from_config(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ledger").mkdir()
    _ledger(tmp_path / "ledger", CLEAN, "one.yaml")
    (tmp_path / ".factlint.yaml").write_text("ledger: ledger\n")
    result = _invoke("ledger", "check")
    assert result.exit_code == 0 and "1 file" in result.output


def test_no_ledger_found_exits_2(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _invoke("ledger", "check")
    assert result.exit_code == 2
    assert result.output.startswith("factlint: no ledger found")


def test_missing_file_and_bad_format_exit_2(tmp_path) -> None:
    result = _invoke("ledger", "check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.output == f"factlint: {tmp_path / 'nope.yaml'}: ledger file not found\n"
    result = _invoke("ledger", "check", "--format", "xml", str(_ledger(tmp_path, CLEAN)))
    assert result.exit_code == 2 and "unknown format 'xml'" in result.output


def test_check_stops_on_ledger_errors_with_every_line(tmp_path) -> None:
    path = _ledger(tmp_path, BROKEN)
    draft = tmp_path / "draft.md"
    draft.write_text("Marta Silva won 48.3% of the valid votes.\n")
    result = _invoke("check", str(draft), "--ledger", str(path))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == "factlint: the ledger has 3 problems:"
    assert lines[1].startswith(f"{path}:3:10: FL312") and lines[3].startswith(f"{path}:8:43: FL307")
    assert len(lines) == 4


def test_check_single_ledger_error_is_one_line(tmp_path) -> None:
    path = _ledger(tmp_path, CLEAN.replace("source: count}", "source: cuont}"))
    draft = tmp_path / "draft.md"
    draft.write_text("Marta Silva won 48.3% of the valid votes.\n")
    result = _invoke("check", str(draft), "--ledger", str(path))
    assert result.exit_code == 2
    assert result.output == (f"factlint: {path}:8:43: FL307 unknown-reference fact share cites unknown source "
                             "'cuont' (did you mean 'count'?)\n")


def test_check_runs_past_warnings(tmp_path) -> None:
    path = _ledger(tmp_path, WARNING_ONLY)
    draft = tmp_path / "draft.md"
    draft.write_text("Marta Silva won 41.5% of the valid votes.\n")
    result = _invoke("check", str(draft), "--ledger", str(path))
    assert result.exit_code == 1 and "FL101" in result.output and "FL308" not in result.output


def test_real_process_no_traceback_and_light_imports(tmp_path) -> None:
    path = _ledger(tmp_path, "version: 1\nfacts: [\n")
    proc = subprocess.run([sys.executable, "-m", "factlint", "ledger", "check", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "FL301 yaml-syntax" in proc.stdout and proc.stderr == ""
    code = ("import sys, factlint.cli, factlint.ledger.load; "
            "print(sorted(m for m in ('requests', 'rapidfuzz', 'markdown_it', 'factlint.matching') "
            "if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
