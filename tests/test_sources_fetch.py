"""The bounded HTTP client against a real server on 127.0.0.1."""

from __future__ import annotations

import threading
import time

import pytest
from werkzeug import Request, Response

from factlint import __version__
from factlint.sources.fetch import Fetcher, FetchFailure, FetchPolicy, Validators
from factlint.sources.retry import retry_after_seconds, wait_before_retry
from tests.sources_support import Stalled, isolated, local_server, server  # noqa: F401  (fixtures; isolated is autouse)

UA = f"factlint/{__version__} (+https://github.com/factlint/factlint)"


def fetcher(sleeps: list[float] | None = None, **limits) -> Fetcher:
    """A Fetcher with tiny limits; sleeps are recorded instead of slept."""
    policy = FetchPolicy(UA, **{"connect_timeout": 1.0, "read_timeout": 1.0, "backoff": 0.01, **limits})
    return Fetcher(policy, sleep=(sleeps.append if sleeps is not None else lambda s: None))


def test_200_sends_user_agent(server) -> None:
    server.expect_request("/page", headers={"User-Agent": UA}).respond_with_data("<p>hi</p>", content_type="text/html")
    resp = fetcher().fetch(server.url_for("/page"))
    assert (resp.status, resp.body, resp.hops, resp.truncated) == (200, b"<p>hi</p>", (), False)


def test_redirect_chain_301_then_302(server) -> None:
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": server.url_for("/c")})
    server.expect_request("/c").respond_with_data("end")
    resp = fetcher().fetch(server.url_for("/a"))
    assert resp.status == 200 and resp.final_url == server.url_for("/c")
    assert [h.status for h in resp.hops] == [301, 302]
    assert resp.permanent_target() == server.url_for("/b")  # only the permanent part of the chain counts


def test_302_then_301_is_not_a_permanent_move(server) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=308, headers={"Location": "/c"})
    server.expect_request("/c").respond_with_data("end")
    assert fetcher().fetch(server.url_for("/a")).permanent_target() is None


def test_redirect_loop_is_a_failure(server) -> None:
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchFailure, match="more than 3 redirects"):
        fetcher(max_redirects=3).fetch(server.url_for("/loop"))


def test_404_is_returned_not_retried(server) -> None:
    server.expect_request("/gone").respond_with_data("nope", status=404)
    resp = fetcher().fetch(server.url_for("/gone"))
    assert (resp.status, resp.attempts, len(server.log)) == (404, 1, 1)


def test_429_honours_retry_after(server) -> None:
    server.expect_ordered_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    server.expect_ordered_request("/busy").respond_with_data("ok")
    sleeps: list[float] = []
    resp = fetcher(sleeps).fetch(server.url_for("/busy"))
    assert (resp.status, resp.body, resp.attempts, sleeps) == (200, b"ok", 2, [7.0])


def test_retry_after_is_capped(server) -> None:
    server.expect_request("/busy").respond_with_data("", status=503, headers={"Retry-After": "3600"})
    sleeps: list[float] = []
    resp = fetcher(sleeps, retries=2, max_retry_wait=5.0).fetch(server.url_for("/busy"))
    assert (resp.status, resp.attempts, sleeps) == (503, 3, [5.0, 5.0])


def test_500_then_200_with_backoff(server) -> None:
    server.expect_ordered_request("/flaky").respond_with_data("oops", status=500)
    server.expect_ordered_request("/flaky").respond_with_data("fine")
    sleeps: list[float] = []
    resp = fetcher(sleeps, backoff=0.25).fetch(server.url_for("/flaky"))
    assert (resp.status, resp.body, sleeps) == (200, b"fine", [0.25])


def test_retry_delays() -> None:
    assert wait_before_retry(0, None, 1.0, 30) == 1.0 and wait_before_retry(3, None, 1.0, 30) == 8.0
    assert wait_before_retry(0, "Wed, 21 Oct 2015 07:28:00 GMT", 1.0, 30) == 0.0  # a date in the past
    assert retry_after_seconds("soon") is None and retry_after_seconds("120") == 120.0


def test_slow_server_trips_the_read_timeout(server) -> None:
    with Stalled(server) as slow:
        server.expect_request("/slow").respond_with_handler(slow)
        started = time.monotonic()
        with pytest.raises(FetchFailure, match="no response within 0.2s"):
            fetcher(read_timeout=0.2).fetch(server.url_for("/slow"))
        assert time.monotonic() - started < 0.55


def test_endless_body_is_cut_at_the_byte_cap(server) -> None:
    def endless(_request: Request) -> Response:
        def chunks():
            while True:
                yield b"<p>" + b"x" * 8192 + b"</p>"
        return Response(chunks(), mimetype="text/html")

    server.expect_request("/endless").respond_with_handler(endless)
    resp = fetcher(max_bytes=100_000).fetch(server.url_for("/endless"))
    assert resp.truncated and len(resp.body) == 100_000


def test_refused_connection_is_a_failure() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on: bind, then close without listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchFailure, match="connection refused"):
        fetcher().fetch(f"http://127.0.0.1:{port}/")


def test_conditional_headers_only_for_the_cached_url(server) -> None:
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    resp = fetcher().fetch(server.url_for("/a"), Validators(server.url_for("/b"), etag='"v1"'))
    assert resp.status == 304
    first = server.log[0][0]
    assert "If-None-Match" not in first.headers


def test_per_host_limit(server) -> None:
    active, peak, lock = [0], [0], threading.Lock()

    def counted(_request: Request) -> Response:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.08)
        with lock:
            active[0] -= 1
        return Response("ok")

    server.expect_request("/p").respond_with_handler(counted)
    shared = fetcher(per_host=2)
    threads = [threading.Thread(target=shared.fetch, args=(server.url_for("/p"),)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2


def test_trickling_body_trips_the_total_timeout(server) -> None:
    def trickle(_request: Request) -> Response:
        def chunks():
            for _ in range(100):
                time.sleep(0.05)  # always within the read timeout, never finished
                yield b"<p>still going</p>"
        return Response(chunks(), mimetype="text/html")

    server.expect_request("/trickle").respond_with_handler(trickle)
    started = time.monotonic()
    with pytest.raises(FetchFailure, match="not downloaded within 0.3s"):
        fetcher(read_timeout=0.5, total_timeout=0.3).fetch(server.url_for("/trickle"))
    assert time.monotonic() - started < 1.0
