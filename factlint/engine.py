"""Run the pipeline: document -> extraction -> matching -> checks -> findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from factlint.catalogue import Rule, load_catalogue
from factlint.checks import REGISTRY
from factlint.checks.context import Context, Hit
from factlint.coverage import Coverage
from factlint.document.model import Document
from factlint.findings import Finding
from factlint.suppress import apply_suppressions


@dataclass(frozen=True)
class RuleSet:
    """The rules in force for a run, each with its effective severity."""

    active: dict[str, tuple[Rule, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
              severity: dict[str, str] | None = None) -> "RuleSet":
        """Apply select/ignore (code prefixes, like ruff) and per-rule severity overrides."""
        severity = severity or {}
        active = {}
        for code, rule in load_catalogue().items():
            level = severity.get(code)
            # An off-by-default rule is switched on by selecting its exact code, or by giving it a severity.
            default_on = rule.enabled or level not in (None, "off")
            on = any(code == s or (default_on and code.startswith(s)) for s in select) if select else default_on
            if on and level != "off" and not any(code.startswith(i) for i in ignore):
                active[code] = (rule, level or rule.severity)
        return cls(active)


def build_context(doc: Document, ledger_index, as_of: dt.date) -> Context:
    """Run extraction and matching once for a document."""
    from factlint.extraction.pipeline import extract
    from factlint.matching.bind import bind

    ctx = extract(doc, ledger_index, as_of)
    return bind(ctx) if ledger_index is not None else ctx


def _finding(doc: Document, code: str, rule: Rule, severity: str, hit: Hit) -> Finding:
    """Turn a Hit into a positioned Finding with its rendered message."""
    line, col = doc.position(hit.start)
    end_line, end_col = doc.position(hit.end)
    found = doc.text[hit.start : hit.end]
    values = {"found": found, "fact": hit.fact, "source": hit.source, "expected": hit.expected, **hit.values}
    return Finding(doc.path, line, col, end_line, end_col, code, rule.name, severity,
                   rule.render(**values), hit.fact, hit.source, found, hit.expected)


def check_document(doc: Document, ledger_index, as_of: dt.date, rules: RuleSet,
                   stats: list[Coverage] | None = None) -> list[Finding]:
    """All findings for one document, in report order; appends its citation coverage to ``stats``."""
    ctx = build_context(doc, ledger_index, as_of)
    if stats is not None:
        stats.append(Coverage.of(ctx.claims))
    findings = apply_suppressions(doc, run_checks(ctx, rules), rules)
    return sorted(findings, key=Finding.sort_key)


def run_checks(ctx: Context, rules: RuleSet) -> list[Finding]:
    """The rules stage: every active check over one context, one finding per span per rule."""
    findings: list[Finding] = []
    for code, (rule, severity) in rules.active.items():
        check = REGISTRY.get(rule.check)
        if check is None:
            continue
        seen: set[tuple[int, int]] = set()
        for hit in check(ctx):
            if (hit.start, hit.end) not in seen:
                seen.add((hit.start, hit.end))
                findings.append(_finding(ctx.doc, code, rule, severity, hit))
    return findings
