"""Baselines: record findings, report only new ones; keyed on rule, path and claim, counted, partial-run safe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from factlint.baseline import key, load_baseline, new_findings, BaselineError
from factlint.findings import Finding

WRONG = "The vote was held on Monday, 6 March 2022."  # FL104: 6 March 2022 was a Sunday
OTHER = "The council met on Tuesday, 6 March 2022."


def factlint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factlint", "check", "--select", "FL104", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "facts.yaml").write_text("version: 1\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(f"{WRONG}\n")
    (tmp_path / "docs" / "b.md").write_text(f"Intro.\n\n{WRONG}\n")
    return tmp_path


def test_write_then_read_reports_nothing(project: Path) -> None:
    proc = factlint(project, "docs", "--write-baseline", "base.json")
    assert proc.returncode == 0 and proc.stdout == "No findings in 2 files.\n"
    assert proc.stderr == "factlint: wrote 2 entries (2 findings) to base.json\n"
    data = json.loads((project / "base.json").read_text())
    assert data["version"] == 1
    assert [(e["code"], e["path"], e["count"]) for e in data["entries"]] == [("FL104", "docs/a.md", 1),
                                                                           ("FL104", "docs/b.md", 1)]
    proc = factlint(project, "docs", "--baseline", "base.json")
    assert proc.returncode == 0 and proc.stdout == "No findings in 2 files.\n" and proc.stderr == ""


def test_edits_elsewhere_do_not_resurrect_findings(project: Path) -> None:
    factlint(project, "docs", "--write-baseline", "base.json")
    (project / "docs" / "a.md").write_text(f"# A new heading\n\nA new\nparagraph.\n\n{WRONG}\n")
    proc = factlint(project, "docs", "--baseline", "base.json")
    assert proc.returncode == 0, proc.stdout


def test_new_findings_are_reported(project: Path) -> None:
    factlint(project, "docs", "--write-baseline", "base.json")
    (project / "docs" / "a.md").write_text(f"{WRONG}\n\n{OTHER}\n")
    proc = factlint(project, "docs", "--baseline", "base.json")
    assert proc.returncode == 1
    assert proc.stdout.startswith("docs/a.md:3:") and "Found 1 finding" in proc.stdout


def test_a_finding_twice_counts_twice(project: Path) -> None:
    factlint(project, "docs", "--write-baseline", "base.json")
    (project / "docs" / "a.md").write_text(f"{WRONG}\n\n{WRONG}\n")
    proc = factlint(project, "docs", "--baseline", "base.json")
    assert proc.returncode == 1 and proc.stdout.splitlines()[0].startswith("docs/a.md:3:")
    assert "Found 1 finding" in proc.stdout


def test_paths_are_relative_to_the_baseline_file(project: Path) -> None:
    factlint(project, "docs", "--write-baseline", "base.json")
    proc = factlint(project / "docs", "a.md", "b.md", "--baseline", "../base.json", "--ledger", "../facts.yaml")
    assert proc.returncode == 0, proc.stdout


def test_partial_write_keeps_other_files_and_says_so(project: Path) -> None:
    factlint(project, "docs", "--write-baseline", "base.json")
    (project / "docs" / "a.md").write_text(f"{WRONG}\n\n{OTHER}\n")
    proc = factlint(project, "docs/a.md", "--write-baseline", "base.json")
    assert proc.returncode == 0
    assert proc.stderr == ("factlint: wrote 3 entries (2 findings) to base.json; "
                           "kept 1 entry for 1 file not checked in this run\n")
    assert factlint(project, "docs", "--baseline", "base.json").returncode == 0


def test_entries_of_deleted_files_are_dropped(project: Path) -> None:
    factlint(project, "docs", "--write-baseline", "base.json")
    (project / "docs" / "b.md").unlink()
    proc = factlint(project, "docs/a.md", "--write-baseline", "base.json")
    assert "dropped 1 entry for files that no longer exist" in proc.stderr
    assert [e["path"] for e in json.loads((project / "base.json").read_text())["entries"]] == ["docs/a.md"]


def test_fixed_findings_leave_the_baseline_on_rewrite(project: Path) -> None:
    factlint(project, "docs", "--write-baseline", "base.json")
    (project / "docs" / "a.md").write_text("Fixed.\n")
    factlint(project, "docs", "--write-baseline", "base.json")
    assert [e["path"] for e in json.loads((project / "base.json").read_text())["entries"]] == ["docs/b.md"]


@pytest.mark.parametrize(("content", "message"), [
    ("{\"version\": 1, \"entries\": [", "base.json:1:"),
    ("[]", "not a factlint baseline"),
    ('{"version": 2, "entries": []}', "not a factlint baseline"),
    ('{"version": 1, "entries": [{"code": "FL104"}]}', "entry 1 needs 'code', 'path' and 'fingerprint'"),
    ('{"version": 1, "entries": [{"code": "FL104", "path": "a", "fingerprint": "f", "count": 0}]}',
     "entry 1 has a 'count'"),
])
def test_broken_baseline_is_one_line_exit_2(project: Path, content: str, message: str) -> None:
    (project / "base.json").write_text(content)
    for option in ("--baseline", "--write-baseline"):  # never overwrite a file we cannot read
        proc = factlint(project, "docs", option, "base.json")
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.startswith("factlint: base.json") and message in proc.stderr
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert (project / "base.json").read_text() == content


def test_missing_baseline_says_how_to_create_one(project: Path) -> None:
    proc = factlint(project, "docs", "--baseline", "nope.json")
    assert proc.returncode == 2 and "nope.json: no such baseline file (create it with --write-baseline)" in proc.stderr


def _finding(line: int, found: str = "Monday, 6 March 2022", path: str = "a.md") -> Finding:
    return Finding(path, line, 1, line, 21, "FL104", "weekday-mismatch", "error", f"{found!r} is wrong", found=found)


def test_new_findings_consumes_counts_in_report_order(tmp_path: Path) -> None:
    first, second, third = _finding(1), _finding(5), _finding(9, "Tuesday, 6 March 2022")
    baseline = Counter({key(first, tmp_path): 1})
    assert new_findings([first, second, third], baseline, tmp_path) == [second, third]
    assert baseline[key(first, tmp_path)] == 1  # the caller's counts are not consumed
    moved = _finding(40)
    assert new_findings([moved], baseline, tmp_path) == []
    assert new_findings([_finding(1, path="b.md")], baseline, tmp_path) != []


def test_load_baseline_sums_duplicate_entries(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    entry = {"code": "FL104", "path": "a.md", "fingerprint": "f", "count": 2}
    path.write_text(json.dumps({"version": 1, "entries": [entry, entry]}))
    assert load_baseline(path) == Counter({("FL104", "a.md", "f"): 4})
    with pytest.raises(BaselineError):
        load_baseline(tmp_path / "missing.json")
