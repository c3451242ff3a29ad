"""Where a whole `factlint check` run's wall time goes: the console command, timed at its seams.

Runs the console entry point (factlint.entry.main, with its cached start-up) in this interpreter,
with a few of its functions wrapped to note when they start and end, and writes those notes as JSON
lines to a file. Each forked child writes its own line before it exits. Every note is a
``time.perf_counter()`` reading: CLOCK_MONOTONIC on Linux, one clock for the harness, this process
and its children, so the harness's readings just before the launch and just after the end go on
the same line (phase_times turns them and the notes into named phases that add up to the wall time).

    python -m benchmarks.phases --marks FILE -- check DRAFT --ledger LEDGER ...

``--min-split CHARS`` lowers the size at which one draft is split across processes (tests use it on
tiny drafts). The phases are those of a run over one draft; a run over several notes only the first's.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

PHASES = ("interpreter", "imports", "setup", "load", "parse", "spans", "join", "report", "exit")
PHASE_NAMES = {
    "interpreter": "interpreter start-up (to the harness script's first line)",
    "imports": "imports (cached start-up)",
    "setup": "config, rules, draft list",
    "load": "ledger index load (cached)",
    "parse": "draft read + parse, spans planned",
    "spans": "checking the draft's spans",
    "join": "results joined, suppressions, sort",
    "report": "report rendered and written",
    "exit": "exit",
}


class Notes:
    """Start and end readings of the wrapped functions, and each check_span call, in this process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pid = os.getpid()
        self.marks: dict[str, float] = {"script": time.perf_counter()}
        self.spans: list[tuple[float, float]] = []

    def wrap(self, module: Any, name: str) -> None:
        """Note when ``module.name`` starts and ends (its first call; every call of check_span, in ``spans``)."""
        inner: Callable = getattr(module, name)

        def noted(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                t1 = time.perf_counter()
                if name == "check_span":
                    self.spans.append((t0, t1))
                elif f"{name}.start" not in self.marks:
                    self.marks[f"{name}.start"], self.marks[f"{name}.end"] = t0, t1

        setattr(module, name, noted)

    def write(self, role: str) -> None:
        """Append this process's notes as one JSON line (one write: parent and children share the file)."""
        line = json.dumps({"role": role, "pid": os.getpid(), "marks": self.marks, "spans": self.spans}) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)


def _instrument(notes: Notes, min_split: int | None) -> None:
    """Wrap the seams of a check run: index load, the span phase, suppressions, the report, exit."""
    import factlint.engine as engine
    import factlint.entry as entry
    import factlint.output as output
    import factlint.parallel as parallel
    import factlint.run as run

    if min_split is not None:
        parallel.MIN_SPLIT_CHARS = parallel.MIN_PARALLEL_BYTES = min_split
        parallel.MIN_PART_CHARS = max(1, min_split // 2)
    notes.wrap(run, "load_index")
    notes.wrap(engine, "check_span")
    notes.wrap(parallel, "_check_spans")
    notes.wrap(engine, "finish_document")
    notes.wrap(output, "emit")
    drain = parallel._drain

    def noted_drain(*args: Any, **kwargs: Any) -> Any:
        result = drain(*args, **kwargs)
        if os.getpid() != notes.pid:  # a forked child: it leaves by os._exit right after this
            notes.write("child")
        return result

    parallel._drain = noted_drain
    leave = entry._exit

    def noted_exit(code: int) -> None:
        notes.write("parent")
        leave(code)

    entry._exit = noted_exit


def main(argv: list[str]) -> None:
    """Run the console command with the seams noted; see the module docstring."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.phases")
    parser.add_argument("--marks", type=Path, required=True)
    parser.add_argument("--min-split", type=int)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args(argv)
    notes = Notes(opts.marks)
    import factlint.startup as startup

    cached = startup.cached_startup

    @contextmanager
    def instrumented():
        """The console command's own start-up cache; the seams are wrapped once the CLI is imported."""
        with cached():
            import factlint.cli  # noqa: F401 - what entry.main imports next, under the same cache

            _instrument(notes, opts.min_split)
            notes.marks["imported"] = time.perf_counter()
            yield

    startup.cached_startup = instrumented
    sys.argv = ["factlint", *(opts.args[1:] if opts.args[:1] == ["--"] else opts.args)]
    from factlint.entry import main as console

    console()


def phase_times(lines: list[dict], launch: float, done: float) -> dict:
    """One run's phases in seconds (they add up to ``done - launch``), and each process's span work.

    ``lines``: the JSON lines a run wrote; ``launch`` and ``done``: perf_counter readings taken by the
    harness just before starting the process and just after it ended.
    """
    parent = next(line for line in lines if line["role"] == "parent")
    m = parent["marks"]
    split = "_check_spans.start" in m
    spans_start = m["_check_spans.start"] if split else parent["spans"][0][0]
    spans_end = m["_check_spans.end"] if split else parent["spans"][-1][1]
    edges = [launch, m["script"], m["imported"], m["load_index.start"], m["load_index.end"], spans_start,
             spans_end, m["finish_document.end"], m["emit.end"], done]
    phases = {name: b - a for name, a, b in zip(PHASES, edges, edges[1:])}
    processes = [{"role": line["role"], "spans": len(line["spans"]),
                  "busy": sum(b - a for a, b in line["spans"])} for line in lines]
    return {"phases": phases, "wall": done - launch, "processes": processes, "split": split}


if __name__ == "__main__":
    main(sys.argv[1:])
