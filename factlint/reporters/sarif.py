"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

from factlint import __version__
from factlint.catalogue import Rule, load_catalogue
from factlint.findings import Finding, Report
from factlint.fingerprint import occurrence_fingerprints, posix_path
from factlint.rule_docs import rule_doc
from factlint.sources.options import PROJECT_URL

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "factlint/v1"


@lru_cache(maxsize=1024)  # one call per finding, but few distinct paths: PurePosixPath and quote cost ~27 µs each
def artifact_uri(path: str) -> str:
    """A relative URI reference with forward slashes (GitHub resolves it against the repository root)."""
    posix = posix_path(path)
    if PurePosixPath(posix).is_absolute() or re.match(r"^[A-Za-z]:/", posix):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix)
    return quote(posix)


def _markdown_description(description: str) -> str:
    """The catalogue's 'Heading / indented paragraph' layout as Markdown."""
    out: list[str] = []
    for line in description.rstrip().splitlines():
        if not line.strip():
            out.append("")
        elif line[0].isspace():
            out.append(line.strip())
        else:
            out += ["", f"**{line.strip()}**", ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def help_markdown(rule: Rule) -> str:
    """A rule's documentation with its flagged and clean examples, for a viewer's help pane."""
    parts = [f"**{rule.id} {rule.name}** ({rule.severity})", rule.summary, _markdown_description(rule.description)]
    for label, key in (("Flagged", "fail"), ("Not flagged", "pass")):
        for example in rule.examples.get(key, []):
            draft = str(example.get("draft", "")).rstrip()
            # A fence longer than any backtick run in the draft, so the draft cannot close it.
            fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", draft)), default=0))
            parts.append(f"{label}:\n\n{fence}text\n{draft}\n{fence}")
    return "\n\n".join(parts) + "\n"


def rule_descriptor(rule: Rule) -> dict:
    """A reportingDescriptor built from the catalogue entry."""
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description.strip()},
        "help": {"text": rule_doc(rule), "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
    }


def result(f: Finding, rule_index: int | None, fingerprint: str) -> dict:
    """One result with its physical location; columns are exclusive at the end, as SARIF defines."""
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    if f.found:
        region["snippet"] = {"text": f.found}
    out = {
        "ruleId": f.code,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    extra = {k: v for k, v in (("fact", f.fact), ("source", f.source), ("expected", f.expected)) if v is not None}
    if extra:
        out["properties"] = extra
    return out


def to_dict(report: Report, catalogue: dict[str, Rule] | None = None) -> dict:
    """The SARIF log as Python data; every catalogued rule is listed so viewers can show its help."""
    rules = list((catalogue if catalogue is not None else load_catalogue()).values())
    index = {rule.id: i for i, rule in enumerate(rules)}
    fingerprints = occurrence_fingerprints(report.findings)
    driver = {"name": "factlint", "version": __version__, "semanticVersion": __version__,
              "informationUri": PROJECT_URL, "rules": [rule_descriptor(r) for r in rules]}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            # factlint counts columns in Unicode characters, not SARIF's default UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": [result(f, index.get(f.code), fp) for f, fp in zip(report.findings, fingerprints)],
        }],
    }


def render(report: Report, catalogue: dict[str, Rule] | None = None) -> str:
    """Pretty-printed SARIF with a trailing newline (``catalogue`` defaults to the shipped one)."""
    return json.dumps(to_dict(report, catalogue), indent=2, ensure_ascii=False) + "\n"
