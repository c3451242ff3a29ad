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


_SECOND_LEVEL = frozenset("co com org net gov edu ac gob nic mil".split())


def site_of(url: str) -> str:
    """The registrable domain, roughly: 'data.city.example' -> 'city.example', 'a.bbc.co.uk' -> 'bbc.co.uk'."""
    labels = host_of(url).split(":")[0].split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])
