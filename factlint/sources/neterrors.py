"""One short, readable reason for a failed request (requests nests its causes several levels deep)."""

from __future__ import annotations

import socket

import requests


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and everything it wraps, outermost first."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        todo += [current.__cause__, current.__context__, getattr(current, "reason", None)]
        todo += [a for a in getattr(current, "args", ()) if isinstance(a, BaseException)]
    return seen


def describe(exc: BaseException, host: str, timeout: float) -> str:
    """E.g. 'DNS lookup failed for example.invalid', 'connection refused', 'timed out after 2s'."""
    chain = _chain(exc)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"could not connect within {timeout:g}s"
    if isinstance(exc, requests.exceptions.SSLError):
        return f"TLS error: {_last_words(chain)}"
    if any(isinstance(e, socket.gaierror) for e in chain) or "NameResolution" in repr(chain):
        return f"DNS lookup failed for {host}"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "connection refused"
    if isinstance(exc, requests.exceptions.ReadTimeout) or any(isinstance(e, (socket.timeout, TimeoutError)) for e in chain) \
            or "ReadTimeout" in repr(chain):
        return f"no response within {timeout:g}s"
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema)):
        return f"invalid URL: {_last_words(chain)}"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "connection broken while reading the page"
    return f"connection failed: {_last_words(chain)}"


def _last_words(chain: list[BaseException]) -> str:
    """The innermost message, trimmed: the most specific thing anyone said."""
    for exc in reversed(chain):
        text = str(exc).strip()
        if text:
            return text if len(text) <= 120 else text[:119] + "…"
    return type(chain[0]).__name__
