"""Every FL401-FL404 catalogue example, run through `factlint sources check` against 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from factlint.catalogue import load_catalogue
from factlint.sources.progress import Progress
from tests.sources_support import isolated, ledger_for, local_server, server, sources_cli  # noqa: F401

RULES = Path(__file__).resolve().parent.parent / "rules"


def examples(code: str, kind: str) -> list[dict]:
    """A rule's examples of one kind."""
    return yaml.safe_load((RULES / f"{code}.yaml").read_text(encoding="utf-8"))["examples"][kind]


def run(ledger: Path) -> list[dict]:
    """Check the ledger (no cache reuse), return the findings."""
    result = sources_cli("check", "--ledger", str(ledger), "--format", "json", "--max-age", "0", "--timeout", "0.5")
    return json.loads(result.output)["findings"]


def test_catalogue_entries_are_complete() -> None:
    catalogue = load_catalogue()
    for code in ("FL401", "FL402", "FL403", "FL404"):
        rule = catalogue[code]
        assert rule.check == "sources" and "{source}" in rule.message and "{url}" in rule.message
        assert examples(code, "pass") and examples(code, "fail")
    assert catalogue["FL404"].severity == "info" and catalogue["FL401"].severity == "error"


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_fl401_examples(server, tmp_path: Path, kind: str) -> None:
    for n, example in enumerate(examples("FL401", kind)):
        server.expect_request(f"/{n}").respond_with_data(example["page"], status=example["status"],
                                                         content_type="text/html")
        found = [f for f in run(ledger_for(tmp_path / "l.yaml", server.url_for(f"/{n}"))) if f["code"] == "FL401"]
        assert bool(found) is (kind == "fail"), example
        if found:
            assert example["reason"] in found[0]["message"]


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_fl402_examples(server, tmp_path: Path, kind: str) -> None:
    for n, example in enumerate(examples("FL402", kind)):
        hops = example["redirects"]
        for i, status in enumerate(hops):
            server.expect_request(f"/{n}/{i}").respond_with_data("", status=status, headers={"Location": f"/{n}/{i + 1}"})
        server.expect_request(f"/{n}/{len(hops)}").respond_with_data(example["page"], content_type="text/html")
        found = [f for f in run(ledger_for(tmp_path / "l.yaml", server.url_for(f"/{n}/0"))) if f["code"] == "FL402"]
        assert bool(found) is (kind == "fail"), example


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_fl404_examples(server, tmp_path: Path, kind: str) -> None:
    for n, example in enumerate(examples("FL404", kind)):
        server.expect_ordered_request(f"/{n}").respond_with_data(example["before"], content_type="text/html")
        server.expect_ordered_request(f"/{n}").respond_with_data(example["page"], content_type="text/html")
        ledger = ledger_for(tmp_path / "l.yaml", server.url_for(f"/{n}"))
        assert run(ledger) == []
        found = [f for f in run(ledger) if f["code"] == "FL404"]
        assert bool(found) is (kind == "fail"), example
        assert all(f["severity"] == "info" for f in found)


def test_config_severity_override(server, tmp_path: Path) -> None:
    (tmp_path / ".factlint.yaml").write_text("severity: {FL401: warning, FL403: 'off'}\n")
    server.expect_request("/gone").respond_with_data("", status=410)
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/gone"), "id: f, claim: c, value: 1")
    result = sources_cli("check", "--ledger", str(ledger))
    assert result.exit_code == 0 and "facts.yaml:4:1: FL401 source-unreachable" in result.output
    assert "Found 1 finding (1 warning)" in result.output


class _Terminal:
    """A stream that says it is a terminal and keeps what is written."""

    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_bar_only_on_a_terminal() -> None:
    tty, pipe = _Terminal(True), _Terminal(False)
    for stream in (tty, pipe):
        bar = Progress(2, "sources", stream)
        bar.advance("a.example")
        bar.advance("b.example")
        bar.close()
    assert "[############............] 1/2 a.example" in tty.text and "2/2" in tty.text
    assert tty.text.endswith("\r\x1b[K") and pipe.text == ""
