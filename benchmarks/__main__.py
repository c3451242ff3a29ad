"""python -m benchmarks {generate,run,report,all}: see benchmarks/__init__.py."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.generate import FULL, TINY, generate
from benchmarks.report import write
from benchmarks.runner import ROOT, Runner

OUT = ROOT / "benchmarks" / "out"
DOC = ROOT / "docs" / "performance.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("generate", "write the seeded workloads"), ("run", "time the workloads, write results.json"),
                       ("report", "write docs/performance.md from results.json"),
                       ("all", "generate, run and report")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--out", type=Path, default=OUT, help="workload and results folder (default benchmarks/out)")
        if name in ("generate", "all"):
            p.add_argument("--seed", type=int, default=6)
            p.add_argument("--tiny", action="store_true", help="tiny workloads (for tests and smoke runs)")
        if name in ("run", "all"):
            p.add_argument("--budget", type=float, default=540.0, help="seconds for all measurements (default 540)")
        if name in ("report", "all"):
            p.add_argument("--doc", type=Path, default=DOC, help="where to write the report")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    command = "make bench"
    if args.command in ("generate", "all"):
        manifest = generate(out, args.seed, TINY if args.tiny else FULL)
        print(f"generated workloads in {out}", file=sys.stderr)
    if args.command in ("run", "all"):
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        results = Runner(out, budget=args.budget).run_all(manifest)
        (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.command in ("report", "all"):
        results = json.loads((out / "results.json").read_text(encoding="utf-8"))
        write(results, args.doc, command)
        print(f"wrote {args.doc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
