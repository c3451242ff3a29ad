"""In-process stage timings of one `factlint check`, run in a fresh interpreter per case.

The stages mirror factlint.run.run_check and factlint.engine.check_document, called one by one:
ledger and index load (factlint.matching.cached.load_index, as the CLI: one pickle when the cache
holds the ledger's index, else parse, validate, build and store it), document read + parse,
extraction, matching (bind), rules (checks + positioned findings) and output (the text report; each
other format is timed on the same findings, apart). Like the CLI, `main` runs them with the garbage
collector paused.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import io
import json
import pstats
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path

STAGES = ("load", "parse", "extract", "bind", "rules", "output")


class Timer:
    """Accumulates wall time per stage."""

    def __init__(self) -> None:
        self.times = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(self, name: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.times[name] += time.perf_counter() - t0


def _trim_paths(text: str) -> str:
    """Shorten interpreter, site-packages and checkout paths in pstats output."""
    root = str(Path(__file__).resolve().parent.parent) + "/"
    text = re.sub(r"[^\s(]*/site-packages/", "", text)
    text = re.sub(r"[^\s(]*/lib/python3\.\d+/", "", text)
    text = text.replace(root, "")
    return text.strip() + "\n"


def _check(ctx, rules) -> list:
    """The rules stage of engine.check_document, without suppressions."""
    from factlint.engine import run_checks
    from factlint.findings import Finding

    return sorted(run_checks(ctx, rules), key=Finding.sort_key)


def _forget_memos(index) -> None:
    """Clear the memo caches a first pass fills, so a profiled second pass does the same work."""
    from factlint.fold import fold
    from factlint.matching.names import _chunks, capitalised_words, lower_case_lookup, lower_case_words
    from factlint.units import canonical

    fold.cache_clear()
    canonical.cache_clear()
    lower_case_words.cache_clear()
    lower_case_lookup.cache_clear()
    capitalised_words.cache_clear()
    _chunks.cache_clear()
    for memo in ("_features", "_phrases", "_memo", "_entity_numbers", "_token_names", "name_plans"):
        if index is not None and isinstance(getattr(index, memo, None), dict):
            getattr(index, memo).clear()
    # The packed stores, records and maps (store.Packed, PackedRecords, PackedMap) keep what a process
    # looked up: every one the index or its support index holds, so that a new one is not missed.
    for owner in (index, getattr(index, "_support", None)):
        for store in vars(owner).values() if owner is not None else ():
            if hasattr(store, "forget"):
                store.forget()


def run_stages(drafts: list[str], ledgers: list[str], profile: str | None = None, only_load: bool = False) -> dict:
    """Time each stage of checking ``drafts`` against ``ledgers``.

    ``profile``: comma-separated stage names, "slowest" or "slowest-doc" (the slowest per-document
    stage: parse, extract, bind or rules); each is run a second time under cProfile (memo caches
    cleared first) and the top functions by cumulative time are returned as text in "profiles".
    ``only_load``: stop after loading the ledger (for first-load timings).
    """
    from factlint.document.parse import is_markdown_path, parse_document
    from factlint.drafts import collect, read_draft
    from factlint.engine import RuleSet
    from factlint.extraction.pipeline import extract
    from factlint.findings import Report
    from factlint.matching.bind import bind
    from factlint.matching.cached import load_index
    from factlint.reporters import REPORTERS

    timer = Timer()
    paths = tuple(Path(p) for p in ledgers)
    with timer.stage("load"):
        index = load_index(paths)
    result = {"facts": len(index.facts), "entities": len(index.entity_ids)}
    if only_load:
        return {**result, "times": {"load": timer.times["load"]}, "total": timer.times["load"]}
    rules = RuleSet.build()
    files = collect(tuple(drafts))
    findings: list = []
    counts = {"sentences": 0, "quantities": 0, "dates": 0, "names": 0, "bindings": 0}
    docs, extracted, bound = [], [], []
    for path in files:
        with timer.stage("parse"):
            raw = read_draft(path)
            doc = parse_document(raw, path, markdown=is_markdown_path(path))
        day = doc.date or dt.date.today()
        with timer.stage("extract"):
            ctx = extract(doc, index, day)
        extracted.append(ctx)
        with timer.stage("bind"):
            ctx = bind(ctx)
        with timer.stage("rules"):
            findings.extend(_check(ctx, rules))
        if profile:
            docs.append((raw, path, day))
            bound.append(ctx)
        for key in counts:
            counts[key] += len(getattr(ctx, key))
    report = Report(tuple(findings), len(files))
    with timer.stage("output"):
        output = REPORTERS["text"](report)
    outputs = {"text": timer.times["output"]}
    for name, render in REPORTERS.items():  # the CI formats too: their cost grows with the findings, not the draft
        if name not in outputs:
            t0 = time.perf_counter()
            render(report)
            outputs[name] = time.perf_counter() - t0
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    result.update(times=timer.times, total=sum(timer.times.values()), counts=counts, outputs=outputs,
                  findings=dict(sorted(by_code.items())), output_bytes=len(output.encode()))
    if profile:
        slowest = max(timer.times, key=timer.times.get)
        per_doc = max(("parse", "extract", "bind", "rules"), key=timer.times.get)
        wanted = [w.strip() for w in profile.split(",")]
        stages = list(dict.fromkeys({"slowest": slowest, "slowest-doc": per_doc}.get(w, w) for w in wanted))
        work = {
            "load": lambda: load_index(paths),
            "parse": lambda: [parse_document(raw, p, markdown=is_markdown_path(p)) for raw, p, _ in docs],
            "extract": lambda: [extract(c.doc, index, c.as_of) for c in extracted],
            "bind": lambda: [bind(c) for c in extracted],
            "rules": lambda: [_check(c, rules) for c in bound],
            "output": lambda: REPORTERS["text"](report),
        }
        profiles = {}
        for stage in stages:
            _forget_memos(index)
            profiler = cProfile.Profile()
            profiler.runcall(work[stage])
            buf = io.StringIO()
            pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(30)
            profiles[stage] = _trim_paths(buf.getvalue())
        result.update(slowest=slowest, slowest_doc=per_doc, profiles=profiles)
    return result


def main(argv: list[str]) -> None:
    """python -m benchmarks.stages --ledger L [--ledger L2] [--profile STAGE] DRAFT... ; prints JSON."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("drafts", nargs="*")
    parser.add_argument("--ledger", action="append", required=True)
    parser.add_argument("--profile", help="stages to profile: names, 'slowest', 'slowest-doc' (comma-separated)")
    parser.add_argument("--only-load", action="store_true")
    args = parser.parse_args(argv)
    from factlint.gcpause import paused_gc

    # As `factlint check` runs (cli.py): with the collector paused, so that no stage, and no profiled
    # function, is charged for a collection the CLI never makes.
    with paused_gc():
        result = run_stages(args.drafts, args.ledger, args.profile, args.only_load)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
