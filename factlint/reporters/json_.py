"""JSON output, version 1 (a public contract, see docs/output.md)."""

from __future__ import annotations

import json

from factlint.findings import Report

FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
          "message", "fact", "source", "found", "expected")


def to_dict(report: Report) -> dict:
    """The JSON document as Python data."""
    data = {
        "version": 1,
        "findings": [{k: getattr(f, k) for k in FIELDS} for f in report.findings],
        "summary": {
            "files": report.files,
            "findings": len(report.findings),
            "errors": report.count("error"),
            "warnings": report.count("warning"),
        },
    }
    if report.coverage is not None:
        data["coverage"] = report.coverage.as_dict()
    return data


def render(report: Report) -> str:
    """Pretty-printed JSON with a trailing newline."""
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
