"""`factlint sources archive` against a fake Wayback availability API on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug import Request, Response

from factlint.sources.archive import DEFAULT_API, api_base, parse_availability
from factlint.sources.edit import EditError, add_archive_urls, yaml_scalar
from tests.sources_support import isolated, local_server, server, sources_cli, write_ledger  # noqa: F401

LEDGER = """\
# Porto Alto, 2022. Keep this comment!
version: 1
sources:
  # The official result.
  city-count-2022:
    title: "Official count, 2022 mayoral election"
    url: https://elections.porto-alto.example/2022/count   # primary
    publisher: Porto Alto Electoral Board
    accessed: 2022-03-09

  poll-2022: {title: Final poll, url: "https://sondar.example/poll"}   # flow style
  print-only:
    title: Print edition
  already:
    title: Archived
    url: https://already.example/
    archive_url: https://web.archive.org/web/2021/https://already.example/
facts:
  - id: f1
    claim: c
    value: 1
    source: city-count-2022
"""


@pytest.fixture
def wayback(server, monkeypatch: pytest.MonkeyPatch):
    """A fake availability API: a snapshot for every URL except those containing 'never'."""
    asked: list[dict] = []

    def handle(request: Request) -> Response:
        asked.append(dict(request.args))
        url = request.args["url"]
        closest = {} if "never" in url else {"closest": {
            "available": True, "status": "200", "timestamp": "20220309120000",
            "url": f"http://web.archive.org/web/20220309120000/{url}"}}
        return Response(json.dumps({"url": url, "archived_snapshots": closest}), mimetype="application/json")

    server.expect_request("/wayback/available").respond_with_handler(handle)
    monkeypatch.setenv("FACTLINT_WAYBACK_API", server.url_for("/wayback/available"))
    return asked


def test_prints_lines_without_writing(wayback, tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path / "facts.yaml", LEDGER)
    result = sources_cli("archive", "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    assert ledger.read_text() == LEDGER  # never writes without --write
    lines = result.output.splitlines()
    assert lines[0] == f"{ledger}:5: source city-count-2022: add:"
    assert lines[1] == "    archive_url: https://web.archive.org/web/20220309120000/https://elections.porto-alto.example/2022/count"
    assert lines[2] == f"{ledger}:11: source poll-2022: change its line to:"
    assert lines[4] == "Run again with --write to add 2 archive_url lines to the ledger."
    asked = {a["url"]: a for a in wayback}
    assert set(asked) == {"https://elections.porto-alto.example/2022/count", "https://sondar.example/poll"}
    assert asked["https://elections.porto-alto.example/2022/count"]["timestamp"] == "20220309"  # accessed date


def test_write_inserts_lines_and_keeps_comments(wayback, tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path / "facts.yaml", LEDGER)
    result = sources_cli("archive", "--ledger", str(ledger), "--write")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"{ledger}:5: added archive_url to source city-count-2022"
    expected = LEDGER.replace(
        "   # primary\n", "   # primary\n"
        "    archive_url: https://web.archive.org/web/20220309120000/https://elections.porto-alto.example/2022/count\n"
    ).replace(
        'url: "https://sondar.example/poll"}',
        'url: "https://sondar.example/poll", archive_url: https://web.archive.org/web/20220309120000/https://sondar.example/poll}')
    assert ledger.read_text() == expected
    again = sources_cli("archive", "--ledger", str(ledger), "--write")  # nothing left to add
    assert again.exit_code == 0 and again.output == "" and ledger.read_text() == expected


def test_no_snapshot_and_crlf_ledger(wayback, tmp_path: Path) -> None:
    text = "version: 1\r\nsources:\r\n  a:\r\n    title: A\r\n    url: https://never.example/a\r\n" \
           "  b:\r\n    title: B\r\n    url: https://b.example/x?q=1&r=2\r\n"
    ledger = tmp_path / "facts.yaml"
    ledger.write_bytes(text.encode())
    result = sources_cli("archive", "--ledger", str(ledger), "--write")
    assert result.exit_code == 0
    assert "source a (https://never.example/a): no snapshot in the Wayback Machine" in result.output
    assert ledger.read_bytes().decode() == text + \
        "    archive_url: https://web.archive.org/web/20220309120000/https://b.example/x?q=1&r=2\r\n"


def test_api_failure_is_exit_1_and_writes_nothing(server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    server.expect_request("/wayback/available").respond_with_data("down", status=404)
    monkeypatch.setenv("FACTLINT_WAYBACK_API", server.url_for("/wayback/available"))
    ledger = write_ledger(tmp_path / "facts.yaml", LEDGER)
    result = sources_cli("archive", "--ledger", str(ledger), "--write")
    assert result.exit_code == 1 and "Wayback API answered HTTP 404" in result.output
    assert ledger.read_text() == LEDGER


def test_missing_ledger_is_exit_2(tmp_path: Path) -> None:
    result = sources_cli("archive", "--ledger", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2 and result.output.endswith("none.yaml: ledger file not found\n")


def test_edit_refuses_what_it_cannot_place() -> None:
    text = "version: 1\nsources:\n  a: {title: A,\n      url: 'https://a.example/'}\n"
    with pytest.raises(EditError, match="spans several lines"):
        add_archive_urls(text, {"a": "https://web.archive.org/web/1/https://a.example/"})
    with pytest.raises(EditError, match="not found"):
        add_archive_urls("version: 1\nsources: {a: {title: A, url: u}}\n", {"a": "x"})


def test_yaml_scalar_quotes_when_needed() -> None:
    assert yaml_scalar("https://web.archive.org/web/2022/https://a.example/p") == \
        "https://web.archive.org/web/2022/https://a.example/p"
    assert yaml_scalar("https://a.example/#frag") == '"https://a.example/#frag"'
    assert yaml_scalar("https://a.example/?a=1,2") == '"https://a.example/?a=1,2"'


def test_availability_parsing_and_api_base() -> None:
    body = b'{"archived_snapshots": {"closest": {"available": true, "url": "http://web.archive.org/web/1/x"}}}'
    assert parse_availability(body) == "https://web.archive.org/web/1/x"
    assert parse_availability(b'{"archived_snapshots": {}}') is None
    with pytest.raises(ValueError):
        parse_availability(b"[]")
    assert api_base({}) == DEFAULT_API == "https://archive.org/wayback/available"
    assert api_base({"FACTLINT_WAYBACK_API": "http://127.0.0.1:1/x"}) == "http://127.0.0.1:1/x"


def test_api_unreachable_is_reported_per_source(tmp_path: Path) -> None:
    # isolated() points FACTLINT_WAYBACK_API at 127.0.0.1:9, where nothing listens.
    ledger = write_ledger(tmp_path / "facts.yaml", LEDGER)
    result = sources_cli("archive", "--ledger", str(ledger), "--timeout", "0.5")
    assert result.exit_code == 1 and result.output.count("Wayback lookup failed: connection refused") == 2
    assert ledger.read_text() == LEDGER
