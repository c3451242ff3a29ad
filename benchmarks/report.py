"""Write docs/performance.md from a results.json produced by the runner."""

from __future__ import annotations

from pathlib import Path

REQUIRED_CODES = ("FL101", "FL102", "FL103", "FL104")
STAGE_NAMES = {"load": "ledger + index load (cached, as the CLI)", "parse": "document parse", "extract": "extraction",
               "bind": "matching (bind)", "rules": "rules", "output": "output"}


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _case_time(case: dict | None) -> str:
    if not case:
        return "not run"
    if case.get("median") is not None:
        return _s(case["median"])
    if case.get("status") == "timeout":
        return f"> {_s(case.get('warmup'))}" if case.get("warmup") else "timeout"
    return case.get("status", "not run")


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else "**met**" if ok else "**not met**"


def targets(results: dict) -> list[tuple[str, str, str, str]]:
    """(target, limit, measured, verdict) rows for the issue's targets."""
    cases = results.get("cases", {})
    stages = results.get("stages", {})
    prose = results.get("proselint", {})

    def median(key: str) -> float | None:
        return cases.get(key, {}).get("median")

    def lower_bound(key: str) -> float | None:
        """A timed-out case is at least its timeout."""
        c = cases.get(key, {})
        return c.get("median") or (c.get("warmup") if c.get("status") == "timeout" else None)

    rows = []
    start = median("startup")
    rows.append(("Start-up: 5 KB draft, cached 10k-fact ledger", "≤ 150 ms", _case_time(cases.get("startup")),
                 _verdict(None if start is None else start <= 0.150)))
    one = median("1mb-big")
    one_lb = lower_bound("1mb-big")
    rows.append(("1 MB draft × 100k facts (cached)", "≤ 1 s", _case_time(cases.get("1mb-big")),
                 _verdict(None if one_lb is None else (one is not None and one <= 1.0))))
    p = prose.get("median")
    paired = _paired(results, "1mb-vs-proselint")
    if one is not None and paired is not None:
        rows.append(("… relative to proselint on the same draft", "≤ 0.35×",
                     f"{paired['median']:.2f}× ({_pairs_text(paired)}; medians {_s(one)} / {_s(p)})",
                     _verdict(paired["median"] <= 0.35)))
    elif one_lb is not None and p:
        ratio = one_lb / p
        rows.append(("… relative to proselint on the same draft", "≤ 0.35×",
                     f"{'≥ ' if one is None else ''}{ratio:.2f}× ({_s(one_lb)} / {_s(p)})",
                     _verdict(one is not None and ratio <= 0.35)))
    else:
        rows.append(("… relative to proselint on the same draft", "≤ 0.35×", "—",
                     "not measured" + (f" ({prose.get('note')})" if prose.get("note") else "")))
    rss = cases.get("1mb-big", {}).get("rss_mb")
    rows.append(("… peak RSS", "< 400 MB", f"{rss:.0f} MB" if rss else "—", _verdict(None if rss is None else rss < 400)))
    ten, ten_lb = median("10mb-big"), lower_bound("10mb-big")
    if one and (ten_lb is not None):
        rows.append(("10 MB draft vs 1 MB draft (× 100k facts)", "≤ 11×",
                     f"{'≥ ' if ten is None else ''}{ten_lb / one:.1f}× ({_case_time(cases.get('10mb-big'))})",
                     _verdict(ten is not None and ten / one <= 11)))
    else:
        note = cases.get("10mb-big", {}).get("note", "")
        rows.append(("10 MB draft vs 1 MB draft (× 100k facts)", "≤ 11×", note or "—", "not measured"))
    mid = median("1mb-mid")
    if one_lb is not None and mid:
        rows.append(("100k facts vs 10k facts (1 MB draft, cached)", "≤ 2×",
                     f"{'≥ ' if one is None else ''}{one_lb / mid:.2f}× ({_s(one_lb)} / {_s(mid)})",
                     _verdict(one is not None and one / mid <= 2)))
    else:
        rows.append(("100k facts vs 10k facts (1 MB draft, cached)", "≤ 2×", "—", "not measured"))
    split, split_lb = median("split-big"), lower_bound("split-big")
    paired = _paired(results, "split-vs-1mb")
    if one and split is not None and paired is not None:
        rows.append(("1 MB as 100 files vs one 1 MB file (× 100k facts)", "≤ 1.2×",
                     f"{paired['median']:.2f}× ({_pairs_text(paired)}; medians {_s(split)} / {_s(one)})",
                     _verdict(paired["median"] <= 1.2)))
    elif one and split_lb is not None:
        rows.append(("1 MB as 100 files vs one 1 MB file (× 100k facts)", "≤ 1.2×",
                     f"{'≥ ' if split is None else ''}{split_lb / one:.2f}× ({_case_time(cases.get('split-big'))})",
                     _verdict(split is not None and split / one <= 1.2)))
    else:
        rows.append(("1 MB as 100 files vs one 1 MB file (× 100k facts)", "≤ 1.2×", "—", "not measured"))
    cold = stages.get("load-cold-big", {})
    rows.append(("First load of an uncached 100k-fact ledger (in process)", "report",
                 _s(cold.get("total")) if cold.get("times") else cold.get("status", "not run"), "reported"
                 if cold.get("times") else "not measured"))
    return rows


def _paired(results: dict, key: str) -> dict | None:
    """The back-to-back pairs record for a ratio target, when they ran to the end."""
    record = results.get("pairs", {}).get(key, {})
    return record if record.get("status") == "ok" and record.get("median") else None


def _pairs_text(record: dict) -> str:
    """How a paired ratio was measured."""
    return f"median of {len(record['ratios'])} back-to-back pairs"


def phases_section(results: dict) -> list[str]:
    """Where the 1 MB × 100k run's wall time goes, split across the cores and in one process, and what 1 s needs."""
    from benchmarks.phases import PHASE_NAMES, PHASES

    records = results.get("phases", {})
    split, one = records.get("1mb-big", {}), records.get("1mb-big-j1", {})
    if not split.get("phases"):
        return [f"Phase timings for 1 MB × 100k: {split.get('status', 'not run')} ({split.get('note', '')}).\n"] \
            if split else []
    both = one.get("phases") is not None
    header = ("Phase", f"split across the cores (median of {len(split['runs'])})")
    if both:
        header += (f"`--jobs 1` (median of {len(one['runs'])})",)
    rows = [(PHASE_NAMES[p], _s(split["phases"][p]), *((_s(one["phases"][p]),) if both else ())) for p in PHASES]
    rows.append(("**whole run** (median wall)", _s(split["wall"]), *((_s(one["wall"]),) if both else ())))
    out = ["## Where the 1 MB × 100k run's wall time goes\n",
           "The console command run through `benchmarks/phases.py`, which notes when its seams start and end "
           "(`perf_counter`, one clock for the harness, the command and its forked children); each phase is the "
           "median over the runs, so the phases need not add up to the median wall exactly.\n",
           _table(header, rows) + "\n"]
    spans = split["phases"]["spans"]
    outside = split["wall"] - spans
    lines = [f"- Outside the span phase the run is serial: {_s(outside)} of its {_s(split['wall'])}."]
    if both:
        alone = one["phases"]["spans"]
        lines.append(f"- The spans took {_s(alone)} in one process and {_s(spans)} in {split['processes']:.0f}: "
                     f"a speedup of {alone / spans:.2f}×. The processes were busy {_s(split['busy'])} in all, "
                     f"{split['busy'] / one['busy']:.2f}× the one process's {_s(one['busy'])}"
                     + (": side by side, each ran slower than alone." if split["busy"] > 1.05 * one["busy"] else "."))
        if split.get("cpu") and one.get("cpu"):
            lines.append(f"- CPU time of the whole run (user + system, every process): {split['cpu']:.2f} s split, "
                         f"{one['cpu']:.2f} s in one process ({split['cpu'] / one['cpu']:.2f}×); minor page faults "
                         f"{split['faults']:,.0f} against {one['faults']:,.0f}, so the forked child's copy-on-write "
                         f"pages account for {max(split['faults'] - one['faults'], 0) * split.get('page_bytes', 4096) / 2**20:.0f} "
                         "MB at most.")
        room = 1.0 - outside
        if spans > room:
            need = (1 - room / spans) * 100 if room > 0 else 100.0
            lines.append(f"- For 1 s with this serial part, the span phase must fit in {_s(max(room, 0))}: at "
                         f"this speedup that is {need:.0f}% less work in the spans"
                         + (f" ({max(0.0, 1 - room * split['processes'] / alone) * 100:.0f}% less at a perfect "
                            f"{split['processes']:.0f}× speedup)." if room > 0 else "."))
    out.append("\n".join(lines) + "\n")
    return out


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _findings(counts: dict | None) -> str:
    if not counts:
        return "—"
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def render(results: dict, command: str) -> str:
    meta = results.get("meta", {})
    manifest = results.get("manifest", {})
    cases = results.get("cases", {})
    stages = results.get("stages", {})
    prose = results.get("proselint", {})
    out: list[str] = []
    out.append("# Performance\n")
    out.append("Generated by the benchmark harness in `benchmarks/` (issue 6). Do not edit by hand: "
               "run it again.\n")
    out.append(f"Reproduce with `{command}` from a fresh clone (it creates `.venv` with the `test` and "
               "`bench` extras, generates the seeded workloads under `benchmarks/out/` and rewrites this file). "
               "Single steps: `python -m benchmarks generate|run|report`.\n")
    cache = meta.get("cache_active")
    out.append(f"- Machine: {meta.get('cores')} cores, {meta.get('implementation', 'Python')} {meta.get('python')}, "
               f"{meta.get('platform')} ({meta.get('machine')}); PyYAML C loader: {'yes' if meta.get('libyaml') else 'no'}.")
    out.append(f"- factlint {meta.get('factlint')} at commit `{meta.get('commit')}`, measured {meta.get('date')}; "
               f"harness run took {meta.get('elapsed_s', 0):.0f} s of a {meta.get('budget_s', 0):.0f} s budget.")
    cache_text = ("active (the warm-up run filled it; rows marked cached read it)" if cache else
                  "none written by this build: every run parses the ledger YAML, so rows marked cached are in fact "
                  "uncached")
    out.append(f"- Ledger cache: {cache_text}.")
    out.append(f"- Workloads: seed {manifest.get('seed')}, drafts dated {manifest.get('as_of')}.\n")

    out.append("## Targets\n")
    out.append(_table(("Target", "Limit", "Measured", "Verdict"), targets(results)) + "\n")
    if prose.get("median"):
        one = cases.get("1mb-big", {}).get("median")
        paired = _paired(results, "1mb-vs-proselint")
        ratio = (f"{paired['median']:.2f} ({_pairs_text(paired)})" if paired and one else
                 f"{one / prose['median']:.2f}" if one else "—")
        out.append(f"**factlint / proselint ratio on the 1 MB draft: {ratio}** "
                   f"(factlint {_case_time(cases.get('1mb-big'))} against 100k facts; {prose.get('version')} "
                   f"{_s(prose['median'])}, {prose.get('findings')} findings, cap raised with "
                   "`--config` `{\"max_errors\": 100000000}`).\n")
    elif prose:
        out.append(f"proselint did not run: {prose.get('note', prose.get('status'))}.\n")
    empty, start = results.get("proselint-empty", {}), cases.get("startup", {}).get("median")
    if empty.get("median") and start:
        out.append(f"**Start-up yardstick:** on this machine proselint takes {_s(empty['median'])} on an empty "
                   f"file (the issue quotes ~110 ms for it); factlint's start-up case takes "
                   f"{start / empty['median']:.2f}× that.\n")

    out.extend(phases_section(results))
    out.append("## Whole `factlint check` runs\n")
    out.append("Median wall time of the timed runs after one warm-up run; peak RSS is the largest of any single "
               "process in the run (`ru_maxrss` of a fresh helper's children; with `--jobs` that is the parent or "
               "one worker, not their sum).\n")
    rows = []
    for case in cases.values():
        runs = len(case.get("walls", []))
        rss = case.get("rss_mb")
        rows.append((case.get("label", case["id"]), _case_time(case), runs or "—",
                     f"{rss:.0f} MB" if rss else "—", _findings(case.get("findings")),
                     case.get("note", "") if case.get("status") == "ok" else f"{case.get('status')}: {case.get('note', '')}"))
    for record, what in ((empty, "an empty file"),
                         (prose, manifest.get("drafts", {}).get("1MB", {}).get("file", "1 MB draft"))):
        if record:
            rows.append((f"proselint, {what}", _s(record.get("median")), len(record.get("walls", [])) or "—",
                         f"{record['rss_mb']:.0f} MB" if record.get("rss_mb") else "—",
                         f"{record.get('findings', '—')} findings", record.get("note", "")))
    out.append(_table(("Case", "Median wall", "Runs", "Peak RSS", "Findings", "Note"), rows) + "\n")

    main_stage = stages.get("1mb-big", {})
    if main_stage.get("times"):
        out.append("## Stages, in process (1 MB draft × 100k facts)\n")
        total = main_stage["total"] or 1
        rows = [(STAGE_NAMES[k], _s(v), f"{100 * v / total:.0f}%") for k, v in main_stage["times"].items()]
        rows.append(("**total**", _s(main_stage["total"]), "100%"))
        out.append(_table(("Stage", "Time", "Share"), rows) + "\n")
        c = main_stage.get("counts", {})
        out.append(f"The draft gave {c.get('sentences')} sentences, {c.get('quantities')} numbers, {c.get('dates')} "
                   f"dates, {c.get('names')} name mentions and {c.get('bindings')} bindings; findings: "
                   f"{_findings(main_stage.get('findings'))}.\n")
        outputs = main_stage.get("outputs")
        if outputs:
            out.append("The output stage is the text report; the other formats, on the same findings: "
                       + ", ".join(f"{name} {_s(t)}" for name, t in outputs.items() if name != "text") + ".\n")
        profiles = dict(main_stage.get("profiles", {}))
        for title, stage in (("the slowest stage", main_stage.get("slowest")),
                             ("the slowest per-document stage", main_stage.get("slowest_doc"))):
            if stage in profiles:
                out.append(f"### Profile of {title}: {STAGE_NAMES.get(stage)}\n")
                out.append("cProfile of a second pass over that stage in the same process (memo caches cleared "
                           "first), top 30 by cumulative time:\n")
                out.append("```text\n" + profiles.pop(stage).rstrip() + "\n```\n")
    elif main_stage:
        out.append(f"Stage timings for 1 MB × 100k: {main_stage.get('status')} ({main_stage.get('note', '')}).\n")

    loads = [(k, v) for k, v in stages.items() if k.startswith("load-")]
    if loads:
        out.append("## Ledger load alone (in process, fresh interpreter)\n")
        names = {"load-cold-big": "100k facts, one file, empty cache (first load)",
                 "load-cold-big-dir": "100k facts, directory of 11 files, empty cache (first load)",
                 "load-warm-big": "100k facts, one file, after the cache was filled"}
        out.append(_table(("Ledger", "load_index() (YAML, validation, index, cache)"),
                          [(names.get(k, k), _s(v.get("total")) if v.get("times") else v.get("status")) for k, v in loads])
                   + "\n")

    out.append("## Workloads\n")
    rows = [(f"ledger {k}", v["file"] + f" (and {v['dir']}/)", f"{v['facts']} facts, {v['entities']} entities, "
             f"{v['sources']} sources", f"{v['bytes'] / 1e6:.1f} MB") for k, v in manifest.get("ledgers", {}).items()]
    rows += [(f"draft {k}", v["file"], f"{v['blocks']} blocks", f"{v['bytes'] / 1e6:.2f} MB")
             for k, v in manifest.get("drafts", {}).items()]
    split = manifest.get("split")
    if split:
        rows.append((f"draft {split['of']} split", split["dir"] + "/", f"{split['files']} files",
                     f"{split['bytes'] / 1e6:.2f} MB"))
    out.append(_table(("Workload", "Path under benchmarks/out/", "Contents", "Size"), rows) + "\n")
    sanity = sanity_check(results)
    out.append(f"Sanity check: {sanity}\n")

    out.append("## Method\n")
    out.append("\n".join([
        "- Workloads are generated from the seed alone (`benchmarks/generate.py`): ledgers of persons (some names "
        "with diacritics, some with surname aliases), organisations (half with acronym aliases) and places, with "
        "values in percent, euros, dollars, counts and kilometres, dates, tolerances and validity windows; the "
        "smaller ledgers are prefixes of the larger, so one draft binds the same way against each. Drafts restate "
        "facts from the first 10k facts in several formats (`48.3%`, `€4.2bn`, `nearly 2,000 people`, `6 March "
        "2022`, weekdays), contradict some values and dates, misspell names by one letter, make uncited claims, "
        "and mix in tables, lists, code blocks and links.",
        "- Whole runs: one warm-up (it fills the ledger cache), then up to 9 (start-up), 7 (under 1 s), 5 (under "
        "5 s), 3 (under 20 s) or 1 (slower) timed runs, sized on the first timed run; the median is reported. "
        "The two ratio targets (factlint / proselint on the 1 MB draft, 100 files / one file) are measured again "
        "as 5 pairs of back-to-back runs, the order alternating, and judged on the median of the pairs' ratios: "
        "the machine's speed drifts during a harness run, and a ratio of two medians taken minutes apart carries "
        "that drift. The harness has a time budget (`--budget`, default 540 s) so "
        "that `make bench` stays under 10 minutes on 2 cores; cases run in priority order (targets first), slow "
        "cases get fewer runs, and a case the budget cannot afford is shown as skipped or timed out rather than "
        "estimated. A timed-out case is reported as a lower bound.",
        "- Stages: `benchmarks/stages.py` calls the pipeline functions one by one in a fresh interpreter "
        "(`matching.cached.load_index` as the CLI calls it, `parse_document`, `extraction.pipeline.extract`, "
        "`matching.bind.bind`, the checks with positioned findings as in `engine.check_document`, and the text "
        "reporter), in one process: a whole run of one long draft shares these stages out across the cores "
        "(`--jobs`, default all cores for a draft over 256 KB), which the stage table does not.",
        "- Phases: `benchmarks/phases.py` runs the console command in a fresh interpreter with its seams noted "
        "(imports, the index load, the span phase, suppressions, the report, the exit), 5 runs of the 1 MB × 100k "
        "case as it runs by default and 5 with `--jobs 1`, alternating: it tells the serial part of a run from the "
        "part the cores share.",
        "- proselint runs on the same 1 MB draft with `proselint check --config FILE -o compact`, where FILE "
        "raises `max_errors` (default 1,000) so it is not cut short; and, as a yardstick for the start-up "
        "target, on an empty file (9 runs after a warm-up), which the issue says takes ~110 ms.",
        "- No timing is asserted in the test suite; `tests/test_benchmarks.py` checks only that the generator is "
        "deterministic and valid and that the runner works on a tiny workload.",
    ]) + "\n")
    return "\n".join(out)


def sanity_check(results: dict) -> str:
    """Whether the 1 MB draft produced findings of every FL101-FL104 kind against the big ledger."""
    for key in ("1mb-big", "1mb-mid", "1mb-small"):
        counts = results.get("stages", {}).get(key, {}).get("findings") or results.get("cases", {}).get(key, {}).get("findings")
        if counts:
            missing = [c for c in REQUIRED_CODES if not counts.get(c)]
            status = "every kind present" if not missing else f"MISSING {', '.join(missing)}"
            return f"the 1 MB draft ({key}) gave {_findings(counts)} — {status}."
    return "no 1 MB run finished, so the findings were not checked."


def write(results: dict, path: Path, command: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(results, command), encoding="utf-8")
