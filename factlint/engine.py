"""Run the pipeline: document -> extraction -> matching -> checks -> findings."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field

from factlint.catalogue import Rule, load_catalogue
from factlint.checks import NEEDS, REGISTRY
from factlint.checks.context import Context, Hit
from factlint.coverage import Coverage
from factlint.document.model import Document
from factlint.findings import Finding
from factlint.gcpause import paused_gc
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

    def needs(self, stats: bool = False) -> frozenset[str]:
        """The matching stages the active checks read; citation coverage (``stats``) counts claims."""
        stages = {stage for rule, _ in self.active.values() for stage in NEEDS.get(rule.check, ())}
        if stats:
            stages.add("claims")
        return frozenset(stages)


def build_context(doc: Document, ledger_index, as_of: dt.date, span: tuple[int, int] | None = None,
                  needs: frozenset[str] | None = None) -> Context:
    """Run extraction and matching once for a document (or the part of it in ``span``).

    ``needs`` names the matching stages to run (factlint.matching.bind.STAGES); None runs them all.
    """
    from factlint.extraction.pipeline import extract
    from factlint.matching.bind import STAGES, bind

    ctx = extract(doc, ledger_index, as_of, span)
    return bind(ctx, frozenset(STAGES) if needs is None else needs) if ledger_index is not None else ctx


def document_spans(doc: Document, parts: int) -> list[tuple[int, int]]:
    """Up to ``parts`` spans of about equal length covering the document, each cut just before a heading.

    Binding carries context from one sentence to the next only within a block, and from a heading to
    its section: cut before headings, the parts are checked independently with the findings of the whole.
    """
    heads = [b.start for b in doc.blocks if b.kind == "heading" and b.start > 0]
    cuts: list[int] = []
    for j in range(1, parts):
        target = len(doc.text) * j // parts
        k = bisect_left(heads, target)
        near = min(heads[max(k - 1, 0) : k + 1], key=lambda h: abs(h - target), default=None)
        if near is not None and near > (cuts[-1] if cuts else 0):
            cuts.append(near)
    bounds = [0, *cuts, len(doc.text) + 1]
    return list(zip(bounds, bounds[1:]))


def _finding(doc: Document, code: str, rule: Rule, severity: str, hit: Hit) -> Finding:
    """Turn a Hit into a positioned Finding with its rendered message."""
    line, col = doc.position(hit.start)
    end_line, end_col = doc.position(hit.end)
    found = doc.text[hit.start : hit.end]
    # The message stays one line when what was found wraps across lines ("€1.32\nbillion").
    shown = " ".join(found.split()) if "\n" in found else found
    values = {"found": shown, "fact": hit.fact, "source": hit.source, "expected": hit.expected, **hit.values}
    return Finding(doc.path, line, col, end_line, end_col, code, rule.name, severity,
                   rule.render(**values), hit.fact, hit.source, found, hit.expected)


def check_document(doc: Document, ledger_index, as_of: dt.date, rules: RuleSet,
                   stats: list[Coverage] | None = None) -> list[Finding]:
    """All findings for one document, in report order; appends its citation coverage to ``stats``."""
    return finish_document(doc, check_span(doc, ledger_index, as_of, rules, stats), rules)


def check_span(doc: Document, ledger_index, as_of: dt.date, rules: RuleSet, stats: list[Coverage] | None = None,
               span: tuple[int, int] | None = None) -> list[Finding]:
    """The findings of a document's part in ``span`` (all of it when None), before suppressions."""
    # The pipeline makes no reference cycles, only many small records: full collections over them
    # (and over the index) found nothing and cost 10-20% of a long draft's time.
    with paused_gc():
        ctx = build_context(doc, ledger_index, as_of, span, rules.needs(stats is not None))
        if stats is not None:
            stats.append(Coverage.of(ctx.claims))
        return run_checks(ctx, rules)


def finish_document(doc: Document, findings: list[Finding], rules: RuleSet) -> list[Finding]:
    """Suppressions (and FL901 for unused ones) over a whole document's findings, in report order."""
    return sorted(apply_suppressions(doc, findings, rules), key=Finding.sort_key)


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
