"""URL normalisation, so a draft's link and a ledger's source URL compare equal."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "ref_src", "cmpid")


def normalise_url(url: str) -> str:
    """Scheme, 'www.', trailing slash, fragment and tracking parameters ignored; host lower-cased."""
    raw = url.strip().strip("<>")
    if "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip().lower()
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith(_TRACKING))
    path = parts.path.rstrip("/")
    return host + path + (f"?{urlencode(query)}" if query else "")


def host_of(url: str) -> str:
    """The normalised host of a URL."""
    return normalise_url(url).split("/", 1)[0].split("?", 1)[0]
