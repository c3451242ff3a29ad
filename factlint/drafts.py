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


MAX_BYTES = 64 * 1024 * 1024  # a draft larger than this is almost certainly not prose


class BinaryDraft(InputError):
    """A file with NUL bytes: skipped with a notice in a directory walk, an error when named."""


def read_draft(path: str, encoding: str = "utf-8") -> str:
    """Read a draft as text (UTF-8 by default, BOM allowed); one clear error for anything else."""
    try:
        if path != "-" and Path(path).stat().st_size > MAX_BYTES:
            raise _too_large(path)
        data = sys.stdin.buffer.read(MAX_BYTES + 1) if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _too_large(path)
    if b"\x00" in data:
        raise BinaryDraft(path, "binary file (contains NUL bytes), not a draft")
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        hint = "; pass --encoding to read another encoding" if codec == "utf-8-sig" else ""
        raise InputError(path, f"not valid {encoding} (byte offset {exc.start}){hint}") from None
    except LookupError:
        raise InputError(None, f"unknown encoding {encoding!r}") from None


def _too_large(path: str) -> InputError:
    """The error for a file over the size limit (checked before reading it into memory)."""
    return InputError(path, f"larger than {MAX_BYTES // (1024 * 1024)} MB; not checked as a draft")
