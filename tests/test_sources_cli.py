"""`factlint sources check` end to end against a server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from werkzeug import Request, Response

from factlint.sources.run import CheckOptions, run_check
from tests.sources_support import Stalled, html, isolated, ledger_for, local_server, server, sources_cli, write_ledger  # noqa: F401

SHARE = 'id: silva-share, claim: "Silva won 48.27%.", value: 48.27, unit: percent'
TURNOUT = 'id: turnout, claim: "1,204,311 voted.", value: 1204311, unit: people'
DAY = 'id: election-day, claim: "Held on 6 March 2022.", date: 2022-03-06'
QUOTE = 'id: silva-quote, claim: "Silva won.", value: 48.27, quote: "Marta Silva won 48.27% of the valid votes"'


def check(ledger: Path, *args: str):
    """Run the command quickly: tiny timeout, JSON output parsed."""
    result = sources_cli("check", "--ledger", str(ledger), "--timeout", "0.5", "--format", "json", *args)
    data = json.loads(result.output) if result.output.startswith("{") else None
    return result, data


def codes(data: dict) -> list[str]:
    return [f["code"] for f in data["findings"]]


def test_page_with_quote_and_values_passes(server, tmp_path: Path) -> None:
    server.expect_request("/count").respond_with_data(
        html("<p>Marta Silva won 48.27% of the valid votes.</p><p>Turnout: 1,204,311.</p>"
             "<p>Sunday 6 March 2022</p>"), content_type="text/html")
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/count"), SHARE, TURNOUT, DAY, QUOTE)
    result, data = check(ledger)
    assert result.exit_code == 0, result.output
    assert data["findings"] == [] and data["summary"]["files"] == 1


def test_page_without_quote_reports_fl403_with_closest_passage(server, tmp_path: Path) -> None:
    server.expect_request("/count").respond_with_data(
        html("<p>Marta Silva won 48.72% of the valid votes.</p>"), content_type="text/html")
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/count"), QUOTE)
    result = sources_cli("check", "--ledger", str(ledger))
    assert result.exit_code == 0  # FL403 is a warning; the run fails on errors by default
    line = result.output.splitlines()[0]
    assert line.startswith(f"{ledger}:8:1: FL403 quote-not-found fact silva-quote: quote ")
    assert f"not found on source count ({server.url_for('/count')})" in line
    assert 'closest passage: "Marta Silva won 48.72% of the valid votes." (score' in line
    assert sources_cli("check", "--ledger", str(ledger), "--fail-on", "warning").exit_code == 1


def test_values_in_other_formats_are_found(server, tmp_path: Path) -> None:
    server.expect_request("/pt").respond_with_data(
        html("<td>48,27&nbsp;%</td><td>1.204.311</td><td>06/03/2022</td>"), content_type="text/html")
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/pt"), SHARE, TURNOUT, DAY)
    result, data = check(ledger)
    assert data["findings"] == [], result.output


def test_301_chain_reports_new_url_and_302_does_not(server, tmp_path: Path) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/older"})
    server.expect_request("/older").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/temp").respond_with_data("", status=302, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data(html("<p>48.27%</p>"), content_type="text/html")
    ledger = write_ledger(tmp_path / "facts.yaml", f"""
        version: 1
        sources:
          moved: {{title: Moved, url: "{server.url_for('/old')}"}}
          temporary: {{title: Temporary, url: "{server.url_for('/temp')}"}}
        facts:
          - {{{SHARE}, source: [moved, temporary]}}
        """)
    result, data = check(ledger)
    assert codes(data) == ["FL402"] and result.exit_code == 0
    finding = data["findings"][0]
    assert (finding["source"], finding["line"], finding["expected"]) == ("moved", 3, server.url_for("/new"))
    assert f"has moved permanently to {server.url_for('/new')}" in finding["message"]


def test_404_is_fl401_and_fails_the_run(server, tmp_path: Path) -> None:
    server.expect_request("/gone").respond_with_data("missing", status=404)
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/gone"), SHARE)
    result, data = check(ledger)
    assert result.exit_code == 1 and codes(data) == ["FL401"]  # no FL403 for a page we never got
    assert data["findings"][0]["line"] == 4 and "unreachable: HTTP 404 NOT FOUND" in data["findings"][0]["message"]


def test_429_then_500_then_200_recovers(server, tmp_path: Path) -> None:
    server.expect_ordered_request("/busy").respond_with_data("", status=429, headers={"Retry-After": "0"})
    server.expect_ordered_request("/busy").respond_with_data("", status=500, headers={"Retry-After": "0"})
    server.expect_ordered_request("/busy").respond_with_data(html("<p>48.27%</p>"), content_type="text/html")
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/busy"), SHARE)
    result, data = check(ledger)
    assert data["findings"] == [] and len(server.log) == 3, result.output


def test_persistent_503_after_retries(server, tmp_path: Path) -> None:
    server.expect_request("/down").respond_with_data("", status=503, headers={"Retry-After": "2"})
    sleeps: list[float] = []
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/down"), SHARE)
    code = run_check(CheckOptions(ledgers=(ledger,), timeout=0.5, retries=1), sleep=sleeps.append)
    assert code == 1 and sleeps == [2.0] and len(server.log) == 2


def test_slow_server_times_out(server, tmp_path: Path) -> None:
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/slow"), SHARE)
    with Stalled(server) as slow:
        server.expect_request("/slow").respond_with_handler(slow)
        result = sources_cli("check", "--ledger", str(ledger), "--timeout", "0.2")
    assert result.exit_code == 1 and "is unreachable: no response within 0.2s" in result.output


def test_endless_body_is_cut_off_and_reported(server, tmp_path: Path) -> None:
    def endless(_request: Request) -> Response:
        def chunks():
            yield b"<p>Marta Silva won 48.27%.</p>"
            while True:
                yield b"<p>" + b"filler " * 2000 + b"</p>"
        return Response(chunks(), mimetype="text/html")

    server.expect_request("/endless").respond_with_handler(endless)
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/endless"), SHARE, TURNOUT)
    result, data = check(ledger, "--max-bytes", "200k")
    assert codes(data) == ["FL401", "FL403"], result.output
    assert "larger than 204,800 bytes and was cut off" in data["findings"][0]["message"]
    assert data["findings"][1]["fact"] == "turnout" and "only its first part was searched" in data["findings"][1]["message"]


def test_pdf_is_unsupported_not_a_crash(server, tmp_path: Path) -> None:
    server.expect_request("/report.pdf").respond_with_data(b"%PDF-1.7\n\x00\x01binary", content_type="application/pdf")
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/report.pdf"), SHARE, TURNOUT)
    result, data = check(ledger)
    assert result.exit_code == 0 and codes(data) == ["FL403"]
    assert data["findings"][0]["message"].startswith("2 facts (silva-share, turnout) could not be checked on source count")
    assert "application/pdf is not supported" in data["findings"][0]["message"]


def test_iso_8859_1_page_with_accents(server, tmp_path: Path) -> None:
    page = "<html><body><p>José Müller won 48.27% in São Brás.</p></body></html>".encode("iso-8859-1")
    server.expect_request("/latin").respond_with_data(page, content_type="text/html; charset=ISO-8859-1")
    server.expect_request("/meta").respond_with_data(
        b"<meta charset='iso-8859-1'>" + page, content_type="text/html")
    quote = 'id: q, claim: "Müller won.", value: 48.27, quote: "José Müller won 48.27% in São Brás"'
    for path in ("/latin", "/meta"):
        ledger = ledger_for(tmp_path / "facts.yaml", server.url_for(path), quote)
        result, data = check(ledger)
        assert data["findings"] == [], result.output


def test_plain_text_page(server, tmp_path: Path) -> None:
    server.expect_request("/txt").respond_with_data("Turnout\t1 204 311\n", content_type="text/plain")
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/txt"), TURNOUT)
    assert check(ledger)[1]["findings"] == []


def _revalidating(server, validator: str, bodies: list[str], seen: list[dict]) -> None:
    """A handler that answers 304 when the client presents the current validator."""
    def handle(request: Request) -> Response:
        seen.append(dict(request.headers))
        body = bodies[-1]
        tag = f'"v{len(bodies)}"'
        stamp = "Sun, 06 Mar 2022 20:00:00 GMT" if len(bodies) == 1 else "Mon, 07 Mar 2022 09:00:00 GMT"
        presented = request.headers.get("If-None-Match") if validator == "etag" else request.headers.get("If-Modified-Since")
        if presented in (tag, stamp):
            return Response(status=304)
        headers = {"ETag": tag} if validator == "etag" else {"Last-Modified": stamp}
        return Response(body, headers=headers, mimetype="text/html")

    server.expect_request("/page").respond_with_handler(handle)


def test_cache_revalidates_with_etag_and_max_age(server, tmp_path: Path) -> None:
    bodies, seen = [html("<p>48.27%</p>")], []
    _revalidating(server, "etag", bodies, seen)
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/page"), SHARE)
    assert check(ledger)[1]["findings"] == [] and len(seen) == 1
    assert check(ledger, "--max-age", "1h")[1]["findings"] == [] and len(seen) == 1  # fresh: no request
    assert check(ledger, "--max-age", "0")[1]["findings"] == []
    assert len(seen) == 2 and seen[1]["If-None-Match"] == '"v1"'  # revalidated, answered 304
    bodies.append(html("<p>Revised: 48.29%</p>"))
    result, data = check(ledger, "--max-age", "0")
    assert codes(data) == ["FL404", "FL403"] and result.exit_code == 0  # info and warning do not fail the run
    assert "changed since the last fetch" in data["findings"][0]["message"]
    assert codes(check(ledger, "--max-age", "0")[1]) == ["FL403"]  # the new copy is now the recorded one


def test_cache_revalidates_with_last_modified(server, tmp_path: Path) -> None:
    bodies, seen = [html("<p>48.27%</p>")], []
    _revalidating(server, "last-modified", bodies, seen)
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/page"), SHARE)
    check(ledger)
    assert check(ledger, "--max-age", "0s")[1]["findings"] == []
    assert seen[1]["If-Modified-Since"] == "Sun, 06 Mar 2022 20:00:00 GMT" and len(seen) == 2
    assert list((tmp_path / "cache").glob("*.json"))  # FACTLINT_CACHE_DIR was honoured


def test_cache_dir_option_and_no_cache(server, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(html("<p>48.27%</p>"), content_type="text/html")
    ledger = ledger_for(tmp_path / "facts.yaml", server.url_for("/p"), SHARE)
    check(ledger, "--cache-dir", str(tmp_path / "elsewhere"))
    assert list((tmp_path / "elsewhere").glob("*.body"))
    check(ledger, "--no-cache")
    check(ledger, "--no-cache")
    assert len(server.log) == 3


def test_text_output_only_and_sorted_across_jobs(server, tmp_path: Path) -> None:
    for n in range(5):
        server.expect_request(f"/p{n}").respond_with_data("gone", status=404 if n % 2 else 200, content_type="text/html")
    sources = "\n".join(f"  s{n}:\n    title: S{n}\n    url: {server.url_for(f'/p{n}')}" for n in range(5))
    ledger = write_ledger(tmp_path / "facts.yaml", "version: 1\nsources:\n" + sources + "\n")
    result = sources_cli("check", "--ledger", str(ledger), "--jobs", "4")
    lines = result.output.splitlines()
    assert [ln.split(":")[1] for ln in lines[:-1]] == ["6", "12"]  # s1 and s3, in ledger order
    assert lines[-1] == "Found 2 findings (2 errors) in 1 file." and result.exit_code == 1
    assert "\r" not in result.output  # no progress bar when stderr is not a terminal


def test_only_selects_sources(server, tmp_path: Path) -> None:
    server.expect_request("/ok").respond_with_data(html("<p>48.27%</p>"), content_type="text/html")
    ledger = write_ledger(tmp_path / "facts.yaml", f"""
        version: 1
        sources:
          good: {{title: G, url: "{server.url_for('/ok')}"}}
          bad: {{title: B, url: "{server.url_for('/missing')}"}}
          offline: {{title: Print edition}}
        """)
    assert check(ledger, "--only", "good")[0].exit_code == 0 and len(server.log) == 1
    for only, message in (("nope", "unknown source 'nope'"), ("offline", "source 'offline' has no url")):
        result = sources_cli("check", "--ledger", str(ledger), "--only", only)
        assert result.exit_code == 2 and result.output == f"factlint: {message} to check (--only)\n" \
            if only == "offline" else message in result.output


def test_bad_url_and_missing_ledger_are_exit_2(tmp_path: Path) -> None:
    ledger = write_ledger(tmp_path / "facts.yaml", """
        version: 1
        sources:
          a: {title: A, url: "not a url"}
        """)
    result = sources_cli("check", "--ledger", str(ledger))
    assert result.exit_code == 2
    # The ledger's own validation (FL303) now catches the URL before the sources check runs.
    assert result.output == (f"factlint: {ledger}:3:22: FL303 wrong-type source a: 'url' must be an http:// "
                             "or https:// address, not 'not a url'\n")
    result = sources_cli("check", "--ledger", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and result.output == f"factlint: {tmp_path / 'nope.yaml'}: ledger file not found\n"
    assert "Traceback" not in result.output
    result = sources_cli("check", "--ledger", str(ledger), "--max-age", "soon")
    assert result.exit_code == 2 and "is not a duration" in result.output


def test_no_ledger_found_is_exit_2(tmp_path: Path) -> None:
    result = sources_cli("check")
    assert result.exit_code == 2 and result.output.startswith("factlint: no ledger found")


def test_default_ledger_and_dns_failure(tmp_path: Path, monkeypatch) -> None:
    import socket

    def no_such_host(*_args, **_kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # the resolver is never asked: no DNS traffic
    write_ledger(tmp_path / "facts.yaml", "version: 1\nsources:\n  x: {title: X, url: 'http://factlint.invalid/'}\n")
    result = sources_cli("check", "--timeout", "0.5", "--retries", "0")
    assert result.exit_code == 1 and "DNS lookup failed for factlint.invalid" in result.output


def test_check_startup_does_not_import_requests() -> None:
    code = "import sys, factlint.cli; bad = [m for m in ('requests', 'urllib3', 'rapidfuzz') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    assert out.stdout.strip() == "[]"


def test_unusable_cache_dir_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    ledger = write_ledger(tmp_path / "facts.yaml", "version: 1\nsources:\n  a: {title: A, url: 'http://127.0.0.1:9/'}\n")
    result = sources_cli("check", "--ledger", str(ledger), "--cache-dir", str(tmp_path / "file" / "cache"))
    assert result.exit_code == 2 and result.output.startswith(f"factlint: {tmp_path / 'file' / 'cache'}: cannot use")
