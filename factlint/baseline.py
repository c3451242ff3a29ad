"""Baselines: record the findings a project accepts today, then report only new ones.

Entries are keyed on rule code, path and a fingerprint of the finding's normalised found text and
message, never on line numbers, and carry a count, so a claim written twice needs two entries.
Paths are relative to the baseline file's directory, so a run from any folder finds them.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from factlint.errors import FactlintError
from factlint.fingerprint import claim_fingerprint, posix_path
from factlint.findings import Finding

VERSION = 1
Key = tuple[str, str, str]  # (code, path relative to the baseline's folder, fingerprint)


class BaselineError(FactlintError):
    """A baseline file that cannot be read or written."""


@dataclass(frozen=True)
class WriteSummary:
    """What --write-baseline did, for one line on stderr."""

    entries: int
    findings: int
    kept_entries: int  # entries of files this run did not check, carried over
    kept_files: int
    dropped_entries: int  # entries of files that no longer exist

    def line(self, path: Path) -> str:
        """E.g. ``wrote 3 entries (4 findings) to b.json; kept 2 entries for 1 file not checked in this run``."""
        text = f"wrote {_count(self.entries, 'entry', 'entries')} ({_count(self.findings, 'finding')}) to {path}"
        if self.kept_entries:
            text += (f"; kept {_count(self.kept_entries, 'entry', 'entries')} for "
                     f"{_count(self.kept_files, 'file')} not checked in this run")
        if self.dropped_entries:
            text += f"; dropped {_count(self.dropped_entries, 'entry', 'entries')} for files that no longer exist"
        return text


def _count(k: int, one: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries``."""
    return f"{k} {one if k == 1 else many or one + 's'}"


def relative_path(path: str, folder: Path) -> str:
    """A draft's path relative to the baseline's folder, with forward slashes ('-' for stdin stays)."""
    if path == "-":
        return path
    return posix_path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder)))


def key(f: Finding, folder: Path) -> Key:
    """The baseline key of a finding."""
    return f.code, relative_path(f.path, folder), claim_fingerprint(f)


def _entry_error(path: Path, index: int, what: str) -> BaselineError:
    return BaselineError(str(path), f"invalid baseline: entry {index + 1} {what}")


def load_baseline(path: Path) -> Counter[Key]:
    """Read a baseline file into counts per key; any problem is one BaselineError naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(str(path), "no such baseline file (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(str(path), f"cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(str(path), f"invalid baseline JSON: {exc.msg}", exc.lineno, exc.colno) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(str(path), f"not a factlint baseline (expected version {VERSION} with a list of entries)")
    counts: Counter[Key] = Counter()
    for i, entry in enumerate(data["entries"]):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("code", "path", "fingerprint")):
            raise _entry_error(path, i, "needs 'code', 'path' and 'fingerprint' strings")
        count = entry.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise _entry_error(path, i, "has a 'count' that is not a positive whole number")
        counts[(entry["code"], entry["path"], entry["fingerprint"])] += count
    return counts


def new_findings(findings: list[Finding], baseline: Counter[Key], folder: Path) -> list[Finding]:
    """Findings beyond what the baseline accounts for; the first occurrences in report order are the old ones."""
    left = Counter(baseline)
    out = []
    for f in findings:
        k = key(f, folder)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(f)
    return out


def _entries(counts: Counter[Key], messages: dict[Key, str]) -> list[dict]:
    """JSON entries in a stable order, so a rewritten baseline diffs cleanly."""
    return [{"code": c, "path": p, "fingerprint": fp, "count": n, "message": messages.get((c, p, fp), "")}
            for (c, p, fp), n in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2]))]


def _old_entries(path: Path) -> tuple[Counter[Key], dict[Key, str]]:
    """The existing baseline's counts and messages (none when the file does not exist yet)."""
    if not path.exists():
        return Counter(), {}
    counts = load_baseline(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    return counts, {(e["code"], e["path"], e["fingerprint"]): e.get("message", "") for e in data["entries"]}


def write_baseline(path: Path, findings: list[Finding], checked: list[str]) -> WriteSummary:
    """Record the findings of the checked files; keep other files' entries so a partial run loses nothing."""
    folder = path.parent
    counts: Counter[Key] = Counter()
    messages: dict[Key, str] = {}
    for f in findings:
        k = key(f, folder)
        counts[k] += 1
        messages[k] = f.message
    old, old_messages = _old_entries(path)
    done = {relative_path(p, folder) for p in checked}
    kept = {k: n for k, n in old.items() if k[1] not in done and (k[1] == "-" or (folder / k[1]).is_file())}
    dropped = sum(1 for k in old if k[1] not in done and k not in kept)
    for k, n in kept.items():
        counts[k] += n
        messages.setdefault(k, old_messages.get(k, ""))
    data = {"version": VERSION, "tool": "factlint", "paths": "relative to this file's folder",
            "entries": _entries(counts, messages)}
    try:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(str(path), f"cannot write baseline: {exc.strerror or exc}") from None
    return WriteSummary(len(counts), len(findings), len(kept), len({k[1] for k in kept}), dropped)


def apply_baseline(findings: list[Finding], checked: list[str], read: Path | None,
                   write: Path | None) -> tuple[list[Finding], str | None]:
    """The --baseline / --write-baseline step of a run: the findings to report and a note for stderr."""
    note = None
    if write is not None:
        note = write_baseline(write, findings, checked).line(write)
        read = write
    if read is not None:
        findings = new_findings(findings, load_baseline(read), read.parent)
    return findings, note
