"""Line-independent fingerprints of findings, shared by SARIF, GitLab and the baseline."""

from __future__ import annotations

import hashlib
import posixpath
import unicodedata
from collections import Counter
from typing import Iterable

from factlint.findings import Finding
from factlint.startup import regex

_SPACE = regex(r"\s+")


def posix_path(path: str) -> str:
    """A report path with forward slashes and no leading './', the form CI services expect."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return posixpath.normpath(path) if path not in ("", "-") else path


def normalise(text: str) -> str:
    """NFKC and collapsed whitespace, so re-wrapping a paragraph does not change a fingerprint."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _digest(*parts: str) -> str:
    """A short hex digest of NUL-joined parts (NUL cannot occur in a draft)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def claim_fingerprint(f: Finding) -> str:
    """The finding's words and message, without rule, path or position: the baseline's key part."""
    return _digest(normalise(f.found or f.message), normalise(f.message))


def occurrence_fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One fingerprint per finding: rule, path, found text and its occurrence index among equal ones.

    Line numbers are left out on purpose, so editing elsewhere in a file keeps fingerprints stable;
    the occurrence index keeps two identical claims in one file apart. Findings must be in report order.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for f in findings:
        key = (f.code, posix_path(f.path), normalise(f.found or f.message))
        out.append(_digest(*key, str(seen[key])))
        seen[key] += 1
    return out
