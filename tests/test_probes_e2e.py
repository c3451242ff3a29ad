"""End to end on the probe fixtures: drafts in the styles that drew false alarms or misses, kept as
regressions (fixtures/probes, described in fixtures/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

PROBES = FIXTURES / "probes"
EXPECTED = json.loads((PROBES / "expected.json").read_text(encoding="utf-8"))
TOPIC_LEDGERS = [FIXTURES / t / "facts.yaml" for t in ("elections", "science", "product-docs", "public-health", "finance")]


def _drafts(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.md"), *folder.glob("*.txt")])


def _contradictions(drafts: list[Path], ledgers: list[Path]) -> dict[str, set[tuple]]:
    """The FL1xx findings (contradictions, misspelt names, wrong weekdays) of each draft, by probe path."""
    args = [str(d.relative_to(ROOT)) for d in drafts]
    for ledger in ledgers:
        args += ["--ledger", str(ledger.relative_to(ROOT))]
    proc = subprocess.run([sys.executable, "-m", "factlint", "check", *args, "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    found: dict[str, set[tuple]] = {str(d.relative_to(PROBES)): set() for d in drafts}
    for f in json.loads(proc.stdout)["findings"]:
        if f["code"].startswith("FL1"):
            found[str((ROOT / f["path"]).relative_to(PROBES))].add((f["code"], f["line"], f["column"], f["found"]))
    return found


@pytest.mark.parametrize("probe", sorted(p.name for p in PROBES.iterdir() if p.is_dir()))
def test_each_probe_against_its_own_ledger(probe: str) -> None:
    """Right drafts: no contradiction at all. Wrong ones: every planted error, and nothing else."""
    folder = PROBES / probe
    for path, got in _contradictions(_drafts(folder), [folder / "facts.yaml"]).items():
        expected = {tuple(x) for x in EXPECTED.get(path, [])}
        assert "wrong" in path or not expected, path  # only the wrong drafts plant errors
        assert sorted(got - expected) == [], f"false alarms in {path}"
        assert sorted(expected - got) == [], f"missed in {path}"


def test_right_drafts_against_one_ledger_of_every_topic() -> None:
    """A newsroom keeps one ledger: the right probe drafts stay silent against all fixture and probe ledgers."""
    right = [d for folder in sorted(PROBES.iterdir()) if folder.is_dir() for d in _drafts(folder) if "wrong" not in d.name]
    ledgers = TOPIC_LEDGERS + sorted(PROBES.glob("*/facts.yaml"))
    assert {path: got for path, got in _contradictions(right, ledgers).items() if got} == {}
