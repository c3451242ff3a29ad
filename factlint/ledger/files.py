"""Which files a ledger path names: a file, or every *.yaml / *.yml below a directory."""

from __future__ import annotations

import os
from pathlib import Path

from factlint.errors import LedgerError
SUFFIXES = (".yaml", ".yml")
# A 100k-fact ledger is ~25 MB; split bigger ones into a directory. Here, not in yamlread, so that
# finding and hashing ledger files (the cached path) does not import YAML.
MAX_FILE_BYTES = 50 * 1024 * 1024


def ledger_files(paths: tuple[Path, ...]) -> list[Path]:
    """Files in order: each path as given; a directory's files sorted by their path below it."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                            and not _hidden(p.relative_to(path))), key=lambda p: p.relative_to(path).parts)
            if not found:
                raise LedgerError(str(path), "no ledger files (*.yaml, *.yml) in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise LedgerError(str(path), "not a ledger file or directory")
        else:
            raise LedgerError(str(path), "ledger file not found")
    return list(dict.fromkeys(files))  # the same file named twice is read once


def _hidden(relative: Path) -> bool:
    """Dot-files and anything in a dot-directory (.git, .github) are not ledger files."""
    return any(part.startswith(".") for part in relative.parts)


def read_bytes(path: Path) -> bytes:
    """The file's bytes (one byte past the size limit at most), or a LedgerError naming the reason."""
    try:
        with open(path, "rb") as stream:
            # read(n) would allocate n bytes up front: only cap files that really are too big.
            too_big = os.fstat(stream.fileno()).st_size > MAX_FILE_BYTES
            return stream.read(MAX_FILE_BYTES + 1) if too_big else stream.read()
    except OSError as exc:
        raise LedgerError(str(path), f"cannot read ledger: {exc.strerror or exc}") from None
