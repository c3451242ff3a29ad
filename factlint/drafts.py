"""Find and read drafts: files, directories and stdin."""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

from factlint.errors import InputError

DRAFT_SUFFIXES = (".md", ".markdown", ".txt")


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    """Whether a path matches any exclude glob (against the full path or any tail of it)."""
    text = path.as_posix()
    parts = path.parts
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(t, p) for p in patterns for t in [text, *tails])


def collect(paths: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[str]:
    """Expand arguments into draft paths (sorted within directories); '-' stays as stdin."""
    out: list[str] = []
    for arg in paths:
        if arg == "-":
            out.append("-")
            continue
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file()
                           and not _excluded(p, exclude) and not any(part.startswith(".") for part in p.parts[len(path.parts):]))
            if not found:
                raise InputError(arg, "no drafts (*.md, *.markdown, *.txt) in this directory")
            out.extend(str(p) for p in found)
        elif path.is_file():
            if not _excluded(path, exclude):
                out.append(arg)
        elif path.exists():
            raise InputError(arg, "not a regular file")
        else:
            raise InputError(arg, "no such file or directory")
    return list(dict.fromkeys(out))


def read_draft(path: str) -> str:
    """Read a draft as UTF-8 text (BOM allowed)."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not a draft")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte offset {exc.start})") from None
