"""Run one command in a fresh helper process and report its wall time and peak RSS as JSON.

A helper per measurement matters: ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the maximum over every
child a process has ever waited for, so reading it in the long-lived runner would report the largest
run so far, not this one. Wall time is taken with perf_counter around ``subprocess.run`` inside the
helper, so the helper's own start-up is not counted.

    python -m benchmarks.measure --stdout FILE --timeout SECONDS -- COMMAND...
"""

from __future__ import annotations

import json
import subprocess
import sys
import time


def main(argv: list[str]) -> None:
    import argparse
    import resource

    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    parser.add_argument("--stdout", default="/dev/null")
    parser.add_argument("--timeout", type=float, default=None)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    result: dict = {"command": command}
    with open(args.stdout, "wb") as out:
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, timeout=args.timeout)
            result.update(wall=time.perf_counter() - t0, rc=proc.returncode,
                          stderr=proc.stderr.decode("utf-8", "replace")[-2000:])
        except subprocess.TimeoutExpired:
            result.update(wall=time.perf_counter() - t0, rc=None, timeout=True, stderr="")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    scale = 1 if sys.platform.startswith("linux") else 1 / 1024  # macOS reports bytes
    result["rss_kb"] = int(usage.ru_maxrss * scale)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
