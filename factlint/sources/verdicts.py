"""Turn what was learned about each source into FL401-FL404 findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from factlint.catalogue import Rule
from factlint.findings import Finding
from factlint.ledger.model import Fact, Source
from factlint.sources.locate import Places
from factlint.sources.pages import Outcome
from factlint.sources.quotes import check_fact


@dataclass(frozen=True)
class Emitter:
    """Builds findings from catalogue rules, honouring the config's severity overrides ('off' drops a rule)."""

    catalogue: dict[str, Rule]
    severity: dict[str, str]

    def make(self, code: str, where: tuple[str, int], source: Source, *, fact: str | None = None,
             found: str = "", expected: str | None = None, **values: str) -> list[Finding]:
        """Zero or one finding for rule ``code`` at ``where``."""
        rule = self.catalogue[code]
        level = self.severity.get(code, rule.severity)
        if level == "off" or not rule.enabled and code not in self.severity:
            return []
        message = rule.render(source=source.id, url=source.url, fact=fact, **values)
        path, line = where
        return [Finding(path, line, 1, line, 1, code, rule.name, level, message, fact, source.id, found, expected)]


def source_place(source: Source, places: Places, default_path: str) -> tuple[str, int]:
    """The loader's position when it records one (line > 0), else the one found in the ledger's text."""
    path, line = places.source(source.id, default_path)
    return getattr(source, "path", None) or path, source.line or line


def fact_place(fact: Fact, places: Places, fallback: tuple[str, int]) -> tuple[str, int]:
    """A fact's position: the loader's line, else the text scan's, else its source's."""
    if fact.line:
        return fact.path or fallback[0], fact.line
    return places.facts.get(fact.id, fallback)


def _when(stamp: float) -> str:
    """A fetch time for messages: '2024-05-01 14:03 UTC'."""
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _fact_findings(emit: Emitter, source: Source, outcome: Outcome, facts: list[Fact], places: Places,
                   where: tuple[str, int]) -> list[Finding]:
    """FL403 for each fact whose quote or value the page does not show."""
    if not facts:
        return []
    if outcome.text is None:
        names = ", ".join(f.id for f in facts)
        subject = f"{len(facts)} fact{'s' if len(facts) > 1 else ''} ({names})"
        return emit.make("FL403", where, source, subject=subject, verdict="could not be checked",
                         detail=f": {outcome.media_type} is not supported (HTML and plain text only)")
    cut = " (the page was cut off; only its first part was searched)" if outcome.truncated else ""
    folded = outcome.text.lower()
    findings = []
    for fact in facts:
        match = check_fact(fact, outcome.text, folded)
        if match.found:
            continue
        near = f'; closest passage: "{match.closest}" (score {match.score:g})' if match.closest else ""
        findings += emit.make("FL403", fact_place(fact, places, where), source, fact=fact.id,
                              subject=f"fact {fact.id}: {match.wanted}", verdict="not found",
                              detail=near + cut, found=match.closest, expected=fact.quote or match.wanted)
    return findings


def source_findings(emit: Emitter, source: Source, outcome: Outcome, facts: list[Fact], places: Places,
                    default_path: str, max_bytes: int) -> list[Finding]:
    """All findings for one source."""
    where = source_place(source, places, default_path)
    if outcome.error:
        return emit.make("FL401", where, source, reason=outcome.error)
    findings = []
    if outcome.truncated:
        findings += emit.make("FL401", where, source,
                              reason=f"the page is larger than {max_bytes:,} bytes and was cut off (see --max-bytes)")
    if outcome.moved_to:
        findings += emit.make("FL402", where, source, new_url=outcome.moved_to, found=source.url or "",
                              expected=outcome.moved_to)
    if outcome.changed_since is not None:
        findings += emit.make("FL404", where, source, when=_when(outcome.changed_since))
    return findings + _fact_findings(emit, source, outcome, facts, places, where)
