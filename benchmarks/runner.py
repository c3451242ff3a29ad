"""Time whole `factlint check` processes, in-process stages and proselint on the generated workloads.

Every process measurement runs in a fresh helper (benchmarks.measure) so peak RSS belongs to that run
alone. Each case gets a warm-up run (it also fills the ledger cache, when factlint has one) and then
several timed runs: more for fast cases, fewer for slow ones, all inside an overall time budget so
``make bench`` stays bounded however slow the code under test is. Cases are run in priority order
(the issue's targets first); a case the budget cannot afford is recorded as skipped, not guessed.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import write_file

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Case:
    """One process-level measurement: a command, and how to judge its output."""

    id: str
    label: str
    command: list[str]
    draft: str | None = None
    ledger: str | None = None
    max_runs: int = 5
    cold: bool = False  # a fresh, empty ledger cache for every run (no warm-up)
    timeout: float | None = None


@dataclass
class Runner:
    out: Path
    budget: float = 540.0
    max_timeout: float = 300.0
    max_runs: int | None = None  # caps every case's timed runs (tests use 1)
    log: object = sys.stderr
    started: float = field(default_factory=time.perf_counter)
    results: dict = field(default_factory=dict)

    # -- plumbing -------------------------------------------------------------------------------
    def remaining(self) -> float:
        return self.budget - (time.perf_counter() - self.started)

    def say(self, text: str) -> None:
        print(f"[bench {time.perf_counter() - self.started:6.1f}s] {text}", file=self.log, flush=True)

    def env(self, cache: Path) -> dict:
        env = dict(os.environ)
        env["FACTLINT_CACHE_DIR"] = str(cache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def factlint(self) -> list[str]:
        script = Path(sys.executable).with_name("factlint")
        return [str(script)] if script.exists() else [sys.executable, "-m", "factlint"]

    def measure(self, command: list[str], cache: Path, timeout: float, stdout: Path | None = None) -> dict:
        """One run of ``command`` in a fresh helper process."""
        helper = [sys.executable, "-m", "benchmarks.measure", "--timeout", f"{timeout:.1f}",
                  "--stdout", str(stdout or os.devnull), "--", *command]
        proc = subprocess.run(helper, capture_output=True, text=True, env=self.env(cache), cwd=self.out)
        if proc.returncode != 0:
            raise RuntimeError(f"measure helper failed: {proc.stderr[-2000:]}")
        return json.loads(proc.stdout)

    def cold_cache(self) -> Path:
        path = self.out / "cache-cold"
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir()
        return path

    # -- process cases ----------------------------------------------------------------------------
    def run_case(self, case: Case, reserve: float = 0.0) -> dict:
        """Warm-up, then up to ``max_runs`` timed runs while the budget (less ``reserve``) allows."""
        record: dict = {"id": case.id, "label": case.label, "draft": case.draft, "ledger": case.ledger,
                        "command": " ".join(case.command), "walls": [], "rss_kb": [], "status": "ok"}
        self.results.setdefault("cases", {})[case.id] = record
        available = self.remaining() - reserve
        timeout = min(case.timeout or self.max_timeout, self.max_timeout, max(available, 0))
        if available < 5:
            record.update(status="skipped", note="time budget used up before this case")
            self.say(f"{case.id}: skipped (budget)")
            return record
        warm_cache = self.out / "cache"
        warm_cache.mkdir(exist_ok=True)
        output = self.out / "results" / f"{case.id}.out"
        output.parent.mkdir(exist_ok=True)
        self.say(f"{case.id}: {record['command']}")
        first = self.measure(case.command, self.cold_cache() if case.cold else warm_cache, timeout, output)
        if first.get("timeout"):
            record.update(status="timeout", note=f"did not finish within {timeout:.0f} s", warmup=first["wall"])
            self.say(f"{case.id}: timeout after {timeout:.0f} s")
            return record
        if first["rc"] not in (0, 1):
            record.update(status="error", note=first["stderr"].strip()[-500:])
            self.say(f"{case.id}: error rc={first['rc']}: {first['stderr'][-300:]}")
            return record
        record["warmup"] = first["wall"]
        record["findings"] = findings_by_code(output)
        if case.cold:  # every run is a first run: the warm-up counts
            record["walls"].append(first["wall"])
            record["rss_kb"].append(first["rss_kb"])
        basis = first["wall"]
        if not case.cold and basis >= 1 and self.remaining() - reserve > basis * 1.2:
            # The warm-up may have filled the ledger cache (a slow first load): size the runs on a timed one.
            r = self.measure(case.command, warm_cache, timeout)
            if not r.get("timeout"):
                record["walls"].append(r["wall"])
                record["rss_kb"].append(r["rss_kb"])
                basis = r["wall"]
        runs = case.max_runs if basis < 1 else min(case.max_runs, 5 if basis < 5 else 3 if basis < 20 else 1)
        runs = min(runs, self.max_runs or runs)
        while len(record["walls"]) < runs:
            available = self.remaining() - reserve
            if available < basis * 1.2 and record["walls"]:
                record["note"] = f"{len(record['walls'])} of {runs} runs (time budget)"
                break
            if available < first["wall"] * 1.2:  # not even one timed run: report the warm-up itself
                record["walls"].append(first["wall"])
                record["rss_kb"].append(first["rss_kb"])
                record["note"] = "warm-up run only (time budget)"
                break
            r = self.measure(case.command, self.cold_cache() if case.cold else warm_cache, timeout)
            if r.get("timeout"):
                record.update(status="timeout", note=f"a timed run did not finish within {timeout:.0f} s")
                break
            record["walls"].append(r["wall"])
            record["rss_kb"].append(r["rss_kb"])
        if record["walls"]:
            record["median"] = statistics.median(record["walls"])
            record["rss_mb"] = max(record["rss_kb"]) / 1024
        self.say(f"{case.id}: median {record.get('median', float('nan')):.3f} s over {len(record['walls'])} runs, "
                 f"peak RSS {record.get('rss_mb', 0):.0f} MB")
        return record

    def run_pairs(self, key: str, first: list[str], second: list[str], estimate: float, runs: int = 5) -> dict:
        """Back-to-back runs of two commands, and the median of each pair's ratio first / second.

        The machine's speed drifts during a harness run (by a fifth, on the 2-core machines here), so a
        ratio of two medians taken minutes apart carries that drift; the two runs of a pair share it. The
        order within a pair alternates, so neither command always runs second. ``estimate``: seconds a pair takes.
        """
        record: dict = {"id": key, "first": " ".join(first), "second": " ".join(second), "ratios": [],
                        "status": "ok"}
        self.results.setdefault("pairs", {})[key] = record
        cache = self.out / "cache"
        for i in range(min(runs, self.max_runs or runs)):
            if self.remaining() < estimate * 1.5:
                record["note"] = f"{i} of {runs} pairs (time budget)"
                break
            walls = [0.0, 0.0]  # first's, second's
            for k in ((0, 1) if i % 2 == 0 else (1, 0)):
                r = self.measure((first, second)[k], cache, self.max_timeout)
                if r.get("timeout") or r["rc"] not in (0, 1):
                    record.update(status="error", note=(r.get("stderr") or "timeout").strip()[-500:])
                    return record
                walls[k] = r["wall"]
            record["ratios"].append(walls[0] / walls[1])
        if record["ratios"]:
            record["median"] = statistics.median(record["ratios"])
            self.say(f"{key}: median ratio {record['median']:.3f} over {len(record['ratios'])} pairs")
        return record

    # -- in-process stages ------------------------------------------------------------------------
    def run_stages(self, key: str, drafts: list[str], ledgers: list[str], *, profile: bool = False,
                   only_load: bool = False, cold: bool = False) -> dict:
        """benchmarks.stages in a fresh interpreter; its JSON result."""
        record: dict = {"id": key, "drafts": drafts, "ledgers": ledgers, "status": "ok"}
        self.results.setdefault("stages", {})[key] = record
        if self.remaining() < 10:
            record.update(status="skipped", note="time budget used up before this case")
            self.say(f"stages {key}: skipped (budget)")
            return record
        command = [sys.executable, "-m", "benchmarks.stages", *drafts]
        for ledger in ledgers:
            command += ["--ledger", ledger]
        if profile:
            command += ["--profile", "slowest,slowest-doc"]
        if only_load:
            command.append("--only-load")
        cache = self.cold_cache() if cold else self.out / "cache"
        self.say(f"stages {key}: {' '.join(command[3:])}")
        try:
            proc = subprocess.run(command, capture_output=True, text=True, cwd=self.out, env=self.env(cache),
                                  timeout=min(self.max_timeout * 2, max(self.remaining(), 10)))
        except subprocess.TimeoutExpired:
            record.update(status="timeout", note="stage run did not finish within the time budget")
            return record
        if proc.returncode != 0:
            record.update(status="error", note=proc.stderr[-1000:])
            self.say(f"stages {key}: error {proc.stderr[-500:]}")
            return record
        record.update(json.loads(proc.stdout))
        self.say(f"stages {key}: " + ", ".join(f"{k} {v:.3f}" for k, v in record["times"].items()))
        return record

    # -- where a whole run's time goes ----------------------------------------------------------------
    def run_phases(self, configs: dict[str, list[str]], runs: int = 5, min_split: int | None = None) -> dict:
        """benchmarks.phases: whole runs of the console command timed at their seams, median per phase.

        ``configs``: {key: the command's arguments}. Their runs alternate, so a drift of the machine's
        speed during the measurement falls on each alike.
        """
        from benchmarks.phases import PHASES

        records = self.results.setdefault("phases", {})
        for key, args in configs.items():
            records[key] = {"id": key, "command": " ".join(["factlint", *args]), "runs": [], "status": "ok"}
        for i in range(min(runs, self.max_runs or runs)):
            for key, args in configs.items():
                record = records[key]
                if record["status"] != "ok":
                    continue
                if self.remaining() < 30:
                    record["note"] = f"{i} of {runs} runs (time budget)"
                    continue
                self._phase_run(record, args, min_split)
        for key in configs:
            record = records[key]
            if record["runs"]:
                record["wall"] = statistics.median(r["wall"] for r in record["runs"])
                record["phases"] = {p: statistics.median(r["phases"][p] for r in record["runs"]) for p in PHASES}
                record["busy"] = statistics.median(sum(p["busy"] for p in r["processes"]) for r in record["runs"])
                record["processes"] = statistics.median(len(r["processes"]) for r in record["runs"])
                record["cpu"] = statistics.median(r["cpu"] for r in record["runs"])
                record["faults"] = statistics.median(r["faults"] for r in record["runs"])
                record["page_bytes"] = os.sysconf("SC_PAGE_SIZE")
                self.say(f"phases {key}: " + ", ".join(f"{p} {v * 1000:.0f}" for p, v in record["phases"].items()))
        return records

    def _phase_run(self, record: dict, args: list[str], min_split: int | None) -> None:
        """One run through benchmarks.phases, added to ``record["runs"]`` (or the record marked failed)."""
        from benchmarks.phases import phase_times

        marks = self.out / "results" / f"phases-{record['id']}.jsonl"
        marks.parent.mkdir(exist_ok=True)
        marks.unlink(missing_ok=True)
        command = [sys.executable, "-m", "benchmarks.phases", "--marks", str(marks)]
        if min_split is not None:
            command += ["--min-split", str(min_split)]
        before = _children_usage()
        launch = time.perf_counter()
        try:
            proc = subprocess.run([*command, "--", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True, cwd=self.out, env=self.env(self.out / "cache"),
                                  timeout=min(self.max_timeout, max(self.remaining(), 10)))
        except subprocess.TimeoutExpired:
            record.update(status="timeout", note="a run did not finish within the time budget")
            return
        done = time.perf_counter()
        # The run's processes, its forked children included (each waited for by its parent).
        used = [after - b for after, b in zip(_children_usage(), before)]
        if proc.returncode not in (0, 1) or not marks.exists():
            record.update(status="error", note=proc.stderr[-1000:])
            self.say(f"phases {record['id']}: error {proc.stderr[-500:]}")
            return
        lines = [json.loads(line) for line in marks.read_text(encoding="utf-8").splitlines()]
        record["runs"].append({**phase_times(lines, launch, done), "cpu": used[0] + used[1], "faults": used[2]})

    # -- proselint ----------------------------------------------------------------------------------
    def run_proselint(self, draft: str, key: str = "proselint", runs: int | None = None) -> dict:
        """proselint on a draft, with its 1,000-finding cap raised through --config; kept as results[key]."""
        record: dict = {"id": key, "draft": draft, "status": "ok", "walls": [], "rss_kb": []}
        self.results[key] = record
        exe = shutil.which("proselint", path=str(Path(sys.executable).parent)) or shutil.which("proselint")
        if exe is None:
            record.update(status="missing", note="proselint is not installed (pip install '.[bench]')")
            return record
        version = subprocess.run([exe, "version"], capture_output=True, text=True).stdout.strip()
        record["version"] = version
        config = self.out / "proselint.json"
        config.write_text(json.dumps({"max_errors": 100_000_000}) + "\n")
        command = [exe, "check", "--config", str(config), "-o", "compact", draft]
        record["command"] = " ".join(["proselint", *command[1:]])
        record["argv"] = command
        output = self.out / "results" / f"{key}.out"
        output.parent.mkdir(exist_ok=True)
        self.say(f"proselint: {record['command']}")
        first = self.measure(command, self.out / "cache", min(self.max_timeout, self.remaining()), output)
        if first.get("timeout") or first["rc"] not in (0, 1):
            record.update(status="error", note=(first.get("stderr") or "timeout").strip()[-500:])
            return record
        record["findings"] = sum(1 for line in output.read_text(encoding="utf-8", errors="replace").splitlines()
                                 if line.strip())
        runs = runs or (5 if first["wall"] < 2 else 3)
        for _ in range(min(runs, self.max_runs or runs)):
            if self.remaining() < first["wall"] * 1.5:
                break
            r = self.measure(command, self.out / "cache", self.max_timeout)
            record["walls"].append(r["wall"])
            record["rss_kb"].append(r["rss_kb"])
        if not record["walls"]:
            record["walls"], record["rss_kb"] = [first["wall"]], [first["rss_kb"]]
        record["median"] = statistics.median(record["walls"])
        record["rss_mb"] = max(record["rss_kb"]) / 1024
        self.say(f"{key}: median {record['median']:.3f} s, {record['findings']} findings")
        return record

    # -- the plan ---------------------------------------------------------------------------------
    def run_all(self, manifest: dict) -> dict:
        # Workloads just written are still being flushed to disk; let that finish before the first timing.
        if hasattr(os, "sync"):
            os.sync()
        self.results["meta"] = machine()
        self.results["meta"]["budget_s"] = self.budget
        self.results["manifest"] = manifest
        L, D = manifest["ledgers"], manifest["drafts"]
        big, mid, small = _labels(L)
        one_mb, ten_mb, start, ten_kb = _draft_labels(D)
        split = manifest["split"]
        fl = self.factlint()

        def check(case_id, label, draft_path, ledger_label, extra=(), ledger_key="file", **kw):
            ledger = L[ledger_label][ledger_key]
            return Case(case_id, label, [*fl, "check", draft_path, "--ledger", ledger, *extra],
                        draft=draft_path, ledger=ledger, **kw)

        # 1. start-up on a small draft with a cached mid-size ledger
        self.run_case(check("startup", f"start-up: {start} draft × {mid} facts (cached)", D[start]["file"], mid,
                            max_runs=9))
        # ... and its yardstick on this machine: the "proselint takes ~110 ms on an empty file"
        write_file(self.out / "empty.md", "")
        self.run_proselint("empty.md", key="proselint-empty", runs=9)
        # 2. the reference: proselint on the 1 MB draft
        self.run_proselint(D[one_mb]["file"])
        # 3. the headline case
        headline_case = check("1mb-big", f"{one_mb} draft × {big} facts (cached)", D[one_mb]["file"], big)
        headline = self.run_case(headline_case)
        # 4. where its time goes: stage timings and the profile of the slowest stage
        self.run_stages("1mb-big", [D[one_mb]["file"]], [L[big]["file"]], profile=True)
        # 4b. where a whole run's wall time goes, with the draft split across the cores and in one process
        args = headline_case.command[len(fl):]
        self.run_phases({"1mb-big": args, "1mb-big-j1": [*args, "--jobs", "1"]})
        # 5. ledger-size scaling
        self.run_case(check("1mb-mid", f"{one_mb} draft × {mid} facts (cached)", D[one_mb]["file"], mid))
        # 6. the split draft: many files, default --jobs, and serially
        single = headline.get("median")
        split_timeout = max(30.0, 2 * single) if single else None
        split_case = check("split-big", f"{one_mb} draft as {split['files']} files × {big} facts (default --jobs)",
                           split["dir"], big, timeout=split_timeout)
        split_result = self.run_case(split_case)
        # 6b. the two ratio targets again, from back-to-back pairs of runs
        prose = self.results.get("proselint", {})
        if single and prose.get("median"):
            self.run_pairs("1mb-vs-proselint", headline_case.command, prose["argv"], single + prose["median"])
        if single and split_result.get("median"):
            self.run_pairs("split-vs-1mb", split_case.command, headline_case.command, single + split_result["median"])
        # 7. first (uncached) load of the big ledger, in process and as a whole run
        self.run_stages("load-cold-big", [], [L[big]["file"]], only_load=True, cold=True)
        self.run_stages("load-cold-big-dir", [], [L[big]["dir"]], only_load=True, cold=True)
        self.run_stages("load-warm-big", [], [L[big]["file"]], only_load=True)
        # 8. draft-size scaling: skipped when the 1 MB time says it cannot finish in the budget
        if single and 11 * single > self.remaining():
            self.results["cases"]["10mb-big"] = {
                "id": "10mb-big", "label": f"{ten_mb} draft × {big} facts (cached)", "status": "skipped",
                "note": f"projected ≥ {11 * single:.0f} s (11 × the 1 MB run) exceeds the remaining time budget"}
            self.say("10mb-big: skipped (projected over budget)")
        else:
            self.run_case(check("10mb-big", f"{ten_mb} draft × {big} facts (cached)", D[ten_mb]["file"], big,
                                max_runs=3, timeout=(12 * single + 30) if single else None))
        # 9. the rest, as the budget allows
        self.run_case(check("10kb-mid", f"{ten_kb} draft × {mid} facts (cached)", D[ten_kb]["file"], mid, max_runs=7))
        self.run_case(check("1mb-small", f"{one_mb} draft × {small} facts (cached)", D[one_mb]["file"], small))
        self.run_case(check("1mb-big-dir", f"{one_mb} draft × {big} facts as a directory of files (cached)",
                            D[one_mb]["file"], big, ledger_key="dir", max_runs=3))
        self.run_case(check("split-big-j1", f"{one_mb} draft as {split['files']} files × {big} facts (--jobs 1)",
                            split["dir"], big, extra=("--jobs", "1"), timeout=split_timeout, max_runs=3))
        self.run_case(check("startup-cold", f"start-up: {start} draft × {mid} facts (uncached)", D[start]["file"], mid,
                            cold=True, max_runs=3))
        self.results["meta"]["elapsed_s"] = time.perf_counter() - self.started
        self.results["meta"]["cache_active"] = cache_active(self.out / "cache")
        return self.results


def _children_usage() -> tuple[float, float, int]:
    """User and system CPU seconds, and minor page faults, of this process's waited-for descendants."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime, usage.ru_stime, usage.ru_minflt


def _labels(ledgers: dict) -> tuple[str, str, str]:
    """Largest, middle and smallest ledger labels by fact count."""
    order = sorted(ledgers, key=lambda k: ledgers[k]["facts"])
    return order[-1], order[len(order) // 2] if len(order) > 2 else order[0], order[0]


def _draft_labels(drafts: dict) -> tuple[str, str, str, str]:
    """The 1 MB-class, 10 MB-class, start-up and 10 KB-class drafts, by size."""
    order = sorted(drafts, key=lambda k: drafts[k]["bytes"])
    big = order[-1]
    one = order[-2] if len(order) > 1 else big
    start = order[0]
    ten_kb = order[1] if len(order) > 3 else start
    return one, big, start, ten_kb


def findings_by_code(path: Path) -> dict[str, int]:
    """Counts of rule codes in a text report (``path:line:col: CODE ...`` lines)."""
    counts: dict[str, int] = {}
    if not path.exists():
        return counts
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split(": ", 1)
        if len(parts) == 2 and parts[1][:2] == "FL":
            code = parts[1].split(" ", 1)[0]
            counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items()))


def cache_active(cache: Path) -> bool:
    """Whether factlint wrote anything into the ledger cache directory."""
    return cache.exists() and any(p.is_file() for p in cache.rglob("*"))


def machine() -> dict:
    """Core count, Python, platform, factlint version and commit."""
    import factlint

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip()
    except OSError:
        commit = ""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    try:
        import yaml

        libyaml = bool(getattr(yaml, "__with_libyaml__", False))
    except ImportError:
        libyaml = False
    return {"cores": cores, "python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(terse=True), "machine": platform.machine(),
            "factlint": factlint.__version__, "commit": commit, "libyaml": libyaml,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
