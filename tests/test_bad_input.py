"""Bad and hostile drafts: one clear line and exit 2, skipped binaries, odd encodings, no writes."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from factlint.cli import main
from factlint.drafts import read_draft
from factlint.errors import InputError
from tests.conftest import FIXTURES
from tests.test_cli_check import factlint

LEDGER = str(FIXTURES / "demo" / "facts.yaml")


def check(*args: str, cwd=None):
    return factlint("check", *args, "--ledger", LEDGER, cwd=cwd or FIXTURES)


def assert_one_line_error(proc, *needles: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in proc.stderr


def test_missing_path(tmp_path) -> None:
    assert_one_line_error(check(str(tmp_path / "gone.md")), "gone.md", "no such file or directory")


def test_directory_without_drafts(tmp_path) -> None:
    (tmp_path / "notes.rst").write_text("x")
    assert_one_line_error(check(str(tmp_path)), str(tmp_path), "no drafts")


def test_unreadable_file(tmp_path, monkeypatch) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("x")
    real = type(draft).read_bytes

    def deny(self):
        if self.name == "d.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(type(draft), "read_bytes", deny)
    with pytest.raises(InputError, match="cannot read: Permission denied"):
        read_draft(str(draft))


def test_binary_named_is_an_error_and_walked_is_skipped(tmp_path) -> None:
    (tmp_path / "image.md").write_bytes(b"\x89PNG\x00\x00data")
    (tmp_path / "ok.md").write_text("Marta Silva won 41.5 percent of the valid votes.\n")
    assert_one_line_error(check(str(tmp_path / "image.md")), "image.md", "binary file")
    proc = check(str(tmp_path))
    assert proc.returncode == 1 and "FL101" in proc.stdout and "in 1 file" in proc.stdout
    assert "skipping" in proc.stderr and "image.md" in proc.stderr


def test_invalid_utf8_names_the_byte_offset(tmp_path) -> None:
    (tmp_path / "latin.md").write_bytes("Marta Silva, São Paulo: 41.5 percent.\n".encode("latin-1"))
    proc = check(str(tmp_path / "latin.md"))
    assert_one_line_error(proc, "latin.md", "not valid utf-8 (byte offset 14)", "--encoding")
    proc = check(str(tmp_path / "latin.md"), "--encoding", "latin-1")
    assert proc.returncode == 0, proc.stderr
    assert_one_line_error(check(str(tmp_path / "latin.md"), "--encoding", "klingon"), "unknown encoding")


def test_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch) -> None:
    from factlint import drafts

    monkeypatch.setattr(drafts, "MAX_BYTES", 1000)
    (tmp_path / "big.md").write_text("word " * 1000)
    with pytest.raises(InputError, match="larger than"):
        read_draft(str(tmp_path / "big.md"))


@pytest.mark.parametrize(("name", "content"), [
    ("empty.md", b""),
    ("bom.md", "\ufeffMarta Silva won 41.5 percent of the valid votes.\n".encode()),
    ("crlf.md", b"Intro.\r\nMarta Silva won 41.5 percent of the valid votes.\r\n"),
    ("mixed.md", b"Intro.\rMore.\nMarta Silva won 41.5 percent of the valid votes.\r\n"),
    ("emoji.md", "🎉🇵🇹 é\u0301 Marta Silva won 41.5 percent of the valid votes.\n".encode()),
    ("rtl.md", "مرحبا שלום Marta Silva won 41.5 percent of the valid votes.\n".encode()),
])
def test_odd_but_valid_text(tmp_path, name, content) -> None:
    (tmp_path / name).write_bytes(content)
    proc = check(name, "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1) and proc.stderr == ""
    import json

    findings = json.loads(proc.stdout)["findings"]
    lines = content.decode("utf-8-sig").splitlines()
    for f in findings:
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["found"]
    if name != "empty.md":
        assert [f["found"] for f in findings] == ["41.5 percent"]


def test_ten_megabyte_single_line_and_many_lines(tmp_path) -> None:
    filler = "the council met again and said that turnout was high while voters waited in line " * 124_000
    claim = "Marta Silva won 41.5 percent of the valid votes."
    (tmp_path / "one-line.md").write_text(filler + claim)  # ~10 MB on one line, the error at its end
    (tmp_path / "many-lines.md").write_text("Ok.\n" * 100_000)
    proc = check("one-line.md", "many-lines.md", "--format", "json", cwd=tmp_path)
    import json

    findings = json.loads(proc.stdout)["findings"]
    assert len(filler) > 10_000_000
    assert [(f["path"], f["line"], f["column"], f["found"]) for f in findings] == [
        ("one-line.md", 1, len(filler) + 17, "41.5 percent")]


def test_check_never_writes_to_user_files(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "d.md"
    draft.write_text("Marta Silva won 41.5 percent of the valid votes.\n")
    (tmp_path / ".factlint.yaml").write_text(f"ledger: {LEDGER}\n")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")}
    result = CliRunner().invoke(main, ["check", str(draft), "--stats"])
    assert result.exit_code == 1
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")}
    assert before == after
    assert os.access(draft, os.R_OK)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["check", str(FIXTURES / "demo" / "draft.md"), "--ledger", LEDGER],
    ["check", str(FIXTURES / "demo" / "draft.md"), "--ledger", LEDGER, "--format", "json"],
    ["ledger", "check", LEDGER],
    ["rules"],
    ["rules", "FL101"],
])
def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(args: list[str], tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT), "FACTLINT_CACHE_DIR": str(tmp_path)}
    with open("/dev/full", "w") as full:  # every write fails with ENOSPC
        proc = subprocess.run([sys.executable, "-m", "factlint", *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == "factlint: cannot write to standard output: No space left on device\n"


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path) -> None:
    """`factlint check ... | head -1`: no traceback, no complaint."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    draft = tmp_path / "long.md"
    draft.write_text((FIXTURES / "demo" / "draft.md").read_text(encoding="utf-8") * 200, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FACTLINT_CACHE_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "factlint", "check", str(draft), "--ledger", LEDGER],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.readline()
    proc.stdout.close()  # the reader goes away with most of the report unread
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1 and stderr == ""
