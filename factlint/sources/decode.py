"""Content types and charsets: which pages can be read as text, and how to decode them."""

from __future__ import annotations

import codecs
import re

from factlint.startup import regex

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_META_CHARSET = regex(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096
# WHATWG Encoding: browsers decode these labels as windows-1252, a superset of ISO-8859-1.
_WEB_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                "us-ascii": "cp1252", "ascii": "cp1252"}


def media_type(content_type: str | None, body: bytes) -> str:
    """The lower-case media type from the header; sniffed from the body when the header is missing."""
    if content_type:
        return content_type.split(";", 1)[0].strip().lower()
    head = body[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<p", b"<div")):
        return "text/html"
    return "application/octet-stream"


def is_html(kind: str) -> bool:
    """HTML or XHTML."""
    return kind in HTML_TYPES


def is_supported(kind: str) -> bool:
    """Whether quote checks can read this media type."""
    return kind in HTML_TYPES or kind in TEXT_TYPES


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def meta_charset(body: bytes) -> str | None:
    """<meta charset=...> or <meta http-equiv=Content-Type content="...; charset=..."> near the top."""
    m = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return m.group(1).decode("ascii") if m else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    label = _WEB_ALIASES.get(label.strip().lower(), label.strip())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(body: bytes, content_type: str | None, html: bool) -> str:
    """Bytes -> str: BOM, then the HTTP header's charset, then the meta tag, then UTF-8, then windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    declared = _codec(header_charset(content_type)) or (_codec(meta_charset(body)) if html else None)
    if declared:
        return body.decode(declared, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")
