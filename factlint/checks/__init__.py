"""Stage 4: rule checks. One explicit registry maps each catalogue ``check`` name to its function."""

from __future__ import annotations

from typing import Callable, Iterable

from factlint.checks import citations, contradictions, names, weekday
from factlint.checks.context import Context, Hit

CheckFn = Callable[[Context], Iterable[Hit]]

# Every check is listed here and nowhere else: no import-time registration.
REGISTRY: dict[str, CheckFn] = {
    "number_contradiction": contradictions.number_contradiction,
    "date_contradiction": contradictions.date_contradiction,
    "name_misspelling": names.name_misspelling,
    "weekday_mismatch": weekday.weekday_mismatch,
    "uncited_claim": citations.uncited_claim,
    "unknown_citation": citations.unknown_citation,
    "citation_mismatch": citations.citation_mismatch,
    "missing_citation": citations.missing_citation,
}

# The matching stages (factlint.matching.bind.STAGES) each check reads, so that a run with only some
# rules active binds no further than they need: weekdays need extraction alone.
NEEDS: dict[str, frozenset[str]] = {
    "number_contradiction": frozenset({"bindings"}),
    "date_contradiction": frozenset({"bindings"}),
    "name_misspelling": frozenset({"names"}),
    "weekday_mismatch": frozenset(),
    "uncited_claim": frozenset({"claims"}),
    "unknown_citation": frozenset({"claims"}),  # a link is a citation when it cites a claim
    "citation_mismatch": frozenset({"claims"}),
    "missing_citation": frozenset({"claims"}),
}
