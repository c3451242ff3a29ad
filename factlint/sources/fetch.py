"""Bounded HTTP GETs: timeouts, a byte cap, retries honouring Retry-After, a per-host limit, redirects by hand."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit

import requests

from factlint.sources.neterrors import describe
from factlint.sources.retry import should_retry, wait_before_retry

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
CHUNK = 16 * 1024  # small enough that the deadline is checked often on a trickling connection


@dataclass(frozen=True)
class FetchPolicy:
    """Every limit a fetch obeys."""

    user_agent: str
    connect_timeout: float = 10.0
    read_timeout: float = 10.0
    total_timeout: float = 60.0  # per request, body included: stops a server trickling bytes forever
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 2
    backoff: float = 1.0
    max_retry_wait: float = 30.0
    max_redirects: int = 10
    per_host: int = 2


@dataclass(frozen=True)
class Hop:
    """One redirect: ``url`` answered ``status`` pointing at ``location`` (absolute)."""

    status: int
    url: str
    location: str


@dataclass(frozen=True)
class Validators:
    """A cached copy's ETag / Last-Modified, sent as conditional headers when we reach ``url`` again."""

    url: str
    etag: str | None = None
    last_modified: str | None = None

    def headers_for(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for the cached URL, nothing for any other."""
        if url != self.url:
            return {}
        headers = {"If-None-Match": self.etag} if self.etag else {}
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class Response:
    """The end of a redirect chain: status, headers (lower-case names) and a body of at most max_bytes."""

    url: str
    final_url: str
    status: int
    reason: str
    hops: tuple[Hop, ...] = ()
    headers: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    body: bytes = b""
    truncated: bool = False
    attempts: int = 1

    def permanent_target(self) -> str | None:
        """Where the ledger's URL moved for good: the end of the chain's leading run of 301/308 hops."""
        target = None
        for hop in self.hops:
            if hop.status not in PERMANENT:
                break
            target = hop.location
        return target


class FetchFailure(Exception):
    """No HTTP answer at all: DNS, refused, timeout, TLS, a broken redirect. ``reason`` is one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Fetcher:
    """Thread-safe GETs under a FetchPolicy; one requests.Session per thread."""

    def __init__(self, policy: FetchPolicy, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy
        self.sleep = sleep
        self._local = threading.local()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def _session(self) -> requests.Session:
        """This thread's session (requests does not promise a Session is safe to share)."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = self.policy.user_agent
            self._local.session = session
        return session

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        """The semaphore that caps parallel requests to this URL's host."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            return self._slots.setdefault(host, threading.BoundedSemaphore(self.policy.per_host))

    def fetch(self, url: str, validators: Validators | None = None) -> Response:
        """GET ``url``, following redirects; raises FetchFailure when no HTTP answer comes."""
        hops: list[Hop] = []
        current = url
        while True:
            headers = validators.headers_for(current) if validators else {}
            status, reason, got, body, truncated, attempts = self._with_retries(current, headers)
            location = got.get("location")
            if status not in REDIRECTS or not location:
                return Response(url, current, status, reason, tuple(hops), got, body, truncated, attempts)
            target = urljoin(current, location.strip())
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchFailure(f"redirect to a non-HTTP address: {target}")
            hops.append(Hop(status, current, target))
            if len(hops) > self.policy.max_redirects:
                raise FetchFailure(f"more than {self.policy.max_redirects} redirects")
            current = target

    def _with_retries(self, url: str, headers: dict[str, str]) -> tuple:
        """One request, repeated after a (capped) wait while the server answers 429 or 5xx."""
        attempt = 0
        while True:
            status, reason, got, body, truncated = self._exchange(url, headers)
            if not should_retry(status) or attempt >= self.policy.retries:
                return status, reason, got, body, truncated, attempt + 1
            wait = wait_before_retry(attempt, got.get("retry-after"), self.policy.backoff, self.policy.max_retry_wait)
            self.sleep(wait)  # outside the host slot, so other pages of the host can go meanwhile
            attempt += 1

    def _exchange(self, url: str, headers: dict[str, str]) -> tuple:
        """A single GET holding the host's slot; the body is read only for 2xx answers."""
        p = self.policy
        deadline = time.monotonic() + p.total_timeout
        host = urlsplit(url).hostname or url
        with self._slot(url):
            try:
                resp = self._session().get(url, headers=headers, stream=True, allow_redirects=False,
                                           timeout=(p.connect_timeout, p.read_timeout))
                try:
                    body, truncated = self._read(resp, deadline) if 200 <= resp.status_code < 300 else (b"", False)
                finally:
                    resp.close()
            except requests.RequestException as exc:
                raise FetchFailure(describe(exc, host, p.read_timeout)) from None
        got = {k.lower(): v for k, v in resp.headers.items()}
        return resp.status_code, resp.reason or "", got, body, truncated

    def _read(self, resp: requests.Response, deadline: float) -> tuple[bytes, bool]:
        """At most max_bytes of the (decompressed) body, within the page's deadline."""
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_content(CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if size > self.policy.max_bytes:
                return b"".join(chunks)[: self.policy.max_bytes], True
            if time.monotonic() > deadline:
                raise FetchFailure(f"page not downloaded within {self.policy.total_timeout:g}s")
        return b"".join(chunks), False
