"""Shared pieces for the `factlint sources` tests: a local HTTP server, ledgers, and a CLI runner.

Every request goes to 127.0.0.1; nothing here reaches any other address.
"""

from __future__ import annotations

import textwrap
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factlint.cli import main


def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """requests honours *_PROXY variables; test traffic must go straight to 127.0.0.1, never via a proxy."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="module")
def local_server():
    """A threaded server on 127.0.0.1 (threaded so a slow or endless handler cannot block the next test)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def server(local_server: HTTPServer, monkeypatch: pytest.MonkeyPatch):
    """The module's server, with no handlers and an empty log for each test."""
    no_proxies(monkeypatch)
    local_server.clear()
    yield local_server
    local_server.clear()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a temp dir with a temp cache, so no test reads config or cache from the machine."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    # Port 9 on 127.0.0.1 refuses: a test that forgets the fake Wayback API fails instead of going online.
    monkeypatch.setenv("FACTLINT_WAYBACK_API", "http://127.0.0.1:9/wayback/available")
    no_proxies(monkeypatch)
    return tmp_path


class Stalled:
    """A handler that answers only after its test is done with it (``with Stalled(server) as handler``).

    The client gives up first. A handler that merely slept longer would answer after its test had
    ended, and pytest-httpserver would log that late request in whichever test of the module runs next.
    """

    def __init__(self, server: HTTPServer, body: str = "late") -> None:
        self.server, self.body = server, body
        self.release, self.requests = threading.Event(), []  # list.append is atomic: no lock needed

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        self.release.wait(10)
        return Response(self.body)

    def __enter__(self) -> "Stalled":
        return self

    def __exit__(self, *_exc) -> None:
        """Let every stalled request answer, and wait until the server has logged each of them."""
        self.release.set()
        deadline = time.monotonic() + 10
        while not self._all_logged() and time.monotonic() < deadline:
            time.sleep(0.01)

    def _all_logged(self) -> bool:
        logged = {id(request) for request, _ in self.server.log}
        return all(id(request) in logged for request in self.requests)


def write_ledger(path: Path, text: str) -> Path:
    """Write a dedented ledger and return its path."""
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def ledger_for(path: Path, url: str, *facts: str, sid: str = "count") -> Path:
    """A one-source ledger citing ``url``; each fact is a YAML flow mapping without 'source'."""
    lines = ["# The city count.", "version: 1", "sources:", f"  {sid}:", "    title: Official count",
             f"    url: {url}", "facts:"]
    lines += [f"  - {{{fact}, source: {sid}}}" for fact in facts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sources_cli(*args: str, env: dict[str, str] | None = None):
    """Invoke `factlint sources ...` in-process."""
    return CliRunner().invoke(main, ["sources", *args], env=env)


def html(body: str, charset: str = "utf-8") -> str:
    """A small HTML page."""
    return f"<!doctype html><html><head><meta charset='{charset}'><title>Count</title></head><body>{body}</body></html>"
