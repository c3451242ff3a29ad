"""GitLab Code Quality report: a JSON array of Code Climate issues."""

from __future__ import annotations

import json

from factlint.findings import Finding, Report
from factlint.fingerprint import occurrence_fingerprints, posix_path

# GitLab knows info, minor, major, critical and blocker; a factlint error is a wrong fact, not an outage.
SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}


def issue(f: Finding, fingerprint: str) -> dict:
    """One Code Quality issue."""
    return {
        "description": f"{f.code} {f.rule}: {f.message}",
        "check_name": f.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES.get(f.severity, "info"),
        "location": {"path": posix_path(f.path), "lines": {"begin": f.line, "end": f.end_line}},
    }


def render(report: Report) -> str:
    """The Code Quality JSON array, pretty-printed, with a trailing newline."""
    issues = [issue(f, fp) for f, fp in zip(report.findings, occurrence_fingerprints(report.findings))]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
