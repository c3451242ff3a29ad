"""When to retry a request and how long to wait first."""

from __future__ import annotations

import email.utils
import time

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def should_retry(status: int) -> bool:
    """Too Many Requests and transient server errors are worth another try; other codes are final."""
    return status in RETRY_STATUSES


def retry_after_seconds(header: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date; None when absent or unreadable."""
    if not header:
        return None
    header = header.strip()
    if header.isdigit():
        return float(header)
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def wait_before_retry(attempt: int, retry_after: str | None, backoff: float, cap: float) -> float:
    """Seconds to sleep before retry number ``attempt`` (0-based): the server's wish, else exponential backoff.

    Capped so a server asking for an hour cannot stall the run; the retry then simply comes sooner.
    """
    asked = retry_after_seconds(retry_after)
    wait = asked if asked is not None else backoff * (2**attempt)
    return min(max(wait, 0.0), cap)
