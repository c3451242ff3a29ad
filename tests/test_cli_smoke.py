"""The CLI starts, lists rules and reports usage errors with exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from factlint import __version__
from factlint.cli import main
from tests.conftest import ROOT


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


def _console(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m factlint`, which runs factlint.entry like the installed console script."""
    return subprocess.run([sys.executable, "-m", "factlint", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_console_command_gives_the_clis_output_and_exit_codes(tmp_path: Path) -> None:
    """factlint.entry leaves with os._exit: every byte must still arrive (here well past a pipe's 64 KB)."""
    draft = tmp_path / "long.md"
    draft.write_text((ROOT / "fixtures/elections/wrong.md").read_text(encoding="utf-8") * 40, encoding="utf-8")
    args = ["check", str(draft), "--ledger", str(ROOT / "fixtures/elections/facts.yaml"), "--format", "json"]
    proc = _console(*args)
    expected = CliRunner().invoke(main, args)
    assert len(proc.stdout) > 65536
    assert (proc.returncode, proc.stdout) == (expected.exit_code, expected.stdout) == (1, expected.stdout)
    assert _console("check", str(draft), "--ledger", str(ROOT / "fixtures/elections/facts.yaml"),
                    "--select", "FL9").returncode == 0
    bad = _console("check", str(tmp_path / "nope.md"), "--ledger", str(ROOT / "fixtures/elections/facts.yaml"))
    assert bad.returncode == 2 and "nope.md: no such file or directory" in bad.stderr and not bad.stdout


def test_console_command_imports_with_the_collector_paused_then_turns_it_back_on() -> None:
    code = ("import gc, sys\n"
            "from factlint import entry\n"
            "seen = []\n"
            "class Spy:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'factlint.cli':\n"
            "            seen.append(gc.isenabled())\n"
            "sys.meta_path.insert(0, Spy())\n"
            "entry._exit = lambda code: print(code, seen, gc.isenabled())\n"
            "sys.argv = ['factlint', '--version']\n"
            "entry.main()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.splitlines()[-1] == "0 [False] True", proc.stdout + proc.stderr


def test_a_cached_check_imports_only_what_checking_needs(tmp_path: Path) -> None:
    """Start-up budget: YAML, HTTP, markdown-it, anyascii, hashlib, pickle.py and error-path helpers stay out."""
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    args = [str(ROOT / "fixtures/elections/wrong.md"), "--ledger", str(ROOT / "fixtures/elections/facts.yaml")]
    subprocess.run([sys.executable, "-m", "factlint", "check", *args], cwd=tmp_path, env=env, capture_output=True)
    code = ("import sys\n"
            "from factlint.cli import main\n"
            "try:\n    main.main(['check', *sys.argv[1:]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "heavy = ('yaml', 'requests', 'urllib3', 'markdown_it', 'anyascii', 'jsonschema', 'difflib',\n"
            "         'calendar', 'tempfile', 'tomllib', 'selectolax', 'hashlib', 'pickle')\n"
            "print('imported:', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert "FL101" in proc.stdout and proc.stderr.strip() == "imported: []", proc.stderr


def test_the_last_index_outlives_the_run_and_only_the_last(tmp_path: Path, monkeypatch) -> None:
    """The console command exits without freeing the index; a process checking many ledgers keeps one."""
    from factlint import run
    from factlint.matching.index import LedgerIndex

    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    for topic in ("elections", "finance"):
        CliRunner().invoke(main, ["check", str(ROOT / f"fixtures/{topic}/wrong.md"),
                                  "--ledger", str(ROOT / f"fixtures/{topic}/facts.yaml")])
        assert len(run._LAST_INDEX) == 1 and isinstance(run._LAST_INDEX[0], LedgerIndex)
        assert run._LAST_INDEX[0].facts[0].path.endswith(f"{topic}/facts.yaml")


def test_a_misspelled_name_is_found_without_importing_rapidfuzz(tmp_path: Path) -> None:
    """FL103 compares words with a hand-written OSA; rapidfuzz is left to the commands that score text."""
    draft = tmp_path / "d.md"
    draft.write_text("Christoper Anand spoke after the count.\n", encoding="utf-8")
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    code = ("import sys\n"
            "from factlint.cli import main\n"
            "try:\n    main.main(['check', *sys.argv[1:]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print('rapidfuzz' in sys.modules, file=sys.stderr)\n")
    args = [str(draft), "--ledger", str(ROOT / "fixtures/elections/facts.yaml")]
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert "FL103" in proc.stdout and "Christopher Anand" in proc.stdout, proc.stdout + proc.stderr
    assert proc.stderr.strip() == "False", proc.stderr
