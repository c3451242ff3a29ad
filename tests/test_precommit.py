"""The pre-commit hook end to end: the real `pre-commit try-repo` with this checkout as the hook repository.

pre-commit builds the hook's environment from a snapshot of this checkout (it may use the package
index for that, nothing else); the project under test is a temporary git repository with a
.factlint.yaml, a clean draft and a wrong one. Also: findings do not depend on how files are split.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WRONG = "# Vote\n\nThe vote was held on Monday, 6 March 2022.\n"  # FL104: 6 March 2022 was a Sunday
CLEAN = "# Vote\n\nThe council will meet again next spring.\n"
TIMEOUT = 600  # building the hook's environment installs factlint and its dependencies


def _git(cwd: Path, *args: str) -> str:
    env = {**_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _env(**extra: str) -> dict[str, str]:
    """The environment without variables a surrounding git hook or CI colour setting would leak in."""
    drop = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "FORCE_COLOR", "PRE_COMMIT_HOME")
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **extra}


def _snapshot(dest: Path) -> Path:
    """This checkout's working tree (tracked and new files, not ignored ones) committed to a fresh repository.

    try-repo would otherwise use HEAD plus tracked changes only, missing files not yet added.
    """
    try:
        listing = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("this checkout is not a git repository")
    for rel in filter(None, listing.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "snapshot")
    return dest


def _project(path: Path) -> Path:
    """A user's repository: config, ledger, a clean and a wrong draft, all staged."""
    path.mkdir()
    (path / ".factlint.yaml").write_text("ledger: facts.yaml\n")
    (path / "facts.yaml").write_text("version: 1\n")
    (path / "clean.md").write_text(CLEAN)
    (path / "wrong.md").write_text(WRONG)
    _git(path, "init", "-q")
    _git(path, "add", "-A")
    return path


def _try_repo(project: Path, hook_repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "factlint", "--verbose", "--files", *files]
    return subprocess.run(cmd, cwd=project, env=_env(PRE_COMMIT_HOME=str(home), NO_COLOR="1"),
                          capture_output=True, text=True, timeout=TIMEOUT)


def test_hook_manifest_matches_the_cli() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "factlint" and hook["entry"] == "factlint check" and hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "plain-text"] and hook["require_serial"] is True
    assert hook["minimum_pre_commit_version"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo_passes_clean_and_fails_wrong() -> None:
    # Not tmp_path: the hook environments are large, and pytest keeps old tmp_path folders around.
    with tempfile.TemporaryDirectory(prefix="factlint-precommit-") as tmp:
        hook_repo = Path(tmp) / "hook"
        hook_repo.mkdir()
        _snapshot(hook_repo)
        project = _project(Path(tmp) / "project")
        home = Path(tmp) / "pre-commit-home"
        clean = _try_repo(project, hook_repo, home, "clean.md")
        assert clean.returncode == 0, clean.stdout + clean.stderr
        assert "Passed" in clean.stdout
        wrong = _try_repo(project, hook_repo, home, "clean.md", "wrong.md")
        assert wrong.returncode == 1, wrong.stdout + wrong.stderr
        assert "Failed" in wrong.stdout and "wrong.md:3:22: FL104 weekday-mismatch" in wrong.stdout
        assert "clean.md:" not in wrong.stdout


def test_findings_do_not_depend_on_how_files_are_split(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text("version: 1\n")
    for name in ("a.md", "b.md", "c.txt"):
        (tmp_path / name).write_text(WRONG)
    run = lambda *files: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "factlint", "check", "--quiet", *files], cwd=tmp_path, env=_env(NO_COLOR="1"),
        capture_output=True, text=True, timeout=60).stdout.splitlines()
    together = run("a.md", "b.md", "c.txt")
    apart = run("a.md") + run("b.md", "c.txt")
    assert together == apart and len(together) >= 3
