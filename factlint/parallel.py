"""Check many drafts in worker processes (`factlint check --jobs N`), with output identical to a serial run.

The ledger index is handed to each worker once, through the pool's initializer: on Linux the workers
are forked, so they inherit the parent's index without copying or pickling it; elsewhere it is pickled
once per worker, not once per file. Results come back in file order (``Executor.map``), so the report
is byte-for-byte the one a serial run prints.

A single long draft is split instead: its sections (engine.document_spans) are checked by this
process and forked children that inherit the parsed draft and the index, each taking the next
section as it frees up. Their findings are joined in section order before suppressions and
sorting, so the report is again the serial one.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from factlint.errors import FactlintError

# Below this much text in total, starting worker processes costs more than it saves.
MIN_PARALLEL_BYTES = 256 * 1024
# A single draft this long (in characters) is split across the cores, in parts of at least MIN_PART_CHARS
# (so a many-core machine does not fork dozens of workers for a few hundred kilobytes).
MIN_SPLIT_CHARS = 256 * 1024
MIN_PART_CHARS = 128 * 1024
# Each process's share is cut in this many spans, handed out as processes free up (_check_spans). On
# the 2-vCPU benchmark machine the two fixed halves of the 1 MB draft ended 10-315 ms apart from run to
# run; 16 spans cost 0.9% more instructions (callgrind) and ended within ~45 ms of each other.
SPANS_PER_PART = 8

_STATE: dict[str, Any] = {}


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def default_jobs(files: list[str]) -> int:
    """The core count when there are many files with enough text to share out; else 1."""
    if len(files) < 2 or "-" in files:
        return 1
    size = 0
    for path in files:
        try:
            size += Path(path).stat().st_size
        except OSError:
            pass  # reading it will report the problem
    return min(cpu_count(), len(files)) if size >= MIN_PARALLEL_BYTES else 1


def check_file(path: str, index, as_of: dt.date | None, rules, stats: bool, text: str | None = None,
               encoding: str = "utf-8", parts: int = 1):
    """Findings (and citation coverage, when asked) of one draft; ``text`` stands in for reading ``path``.

    A long draft is checked in up to ``parts`` processes at once, in spans (engine.document_spans), with
    the same findings as in one piece.
    """
    from factlint.coverage import Coverage
    from factlint.document.parse import is_markdown_path, parse_document
    from factlint.drafts import read_draft
    from factlint.engine import check_span, document_spans, finish_document

    doc = parse_document(read_draft(path, encoding) if text is None else text, path, markdown=is_markdown_path(path))
    day = as_of or doc.date or dt.date.today()
    coverage: list | None = [] if stats else None
    parts = min(parts, len(doc.text) // MIN_PART_CHARS) if len(doc.text) >= MIN_SPLIT_CHARS else 1
    spans = document_spans(doc, parts * SPANS_PER_PART) if parts > 1 else []
    if len(spans) > 1:
        found = _check_spans(doc, index, day, rules, coverage, spans, min(parts, len(spans)))
    else:
        found = check_span(doc, index, day, rules, coverage)
    if coverage is not None:
        coverage = [sum(coverage, Coverage())]
    return finish_document(doc, found, rules), coverage


def _check_spans(doc, index, day: dt.date, rules, coverage: list | None, spans: list[tuple[int, int]],
                 workers: int) -> list:
    """Check a document's spans in ``workers`` processes (forked children and this one); findings in span order.

    Each process checks one span of the first ``workers``, then takes the others from a shared queue as
    it frees up, so a process slowed by its neighbours on the machine does less of the work. Plain fork
    and pipes, not a process pool: importing multiprocessing, starting the pool and joining it cost
    ~50 ms of a 1 MB draft's run. A span no process reports back (a child failed) is checked here,
    so the findings are always the serial ones.
    """
    from factlint.gcpause import frozen_for_fork

    stats = coverage is not None
    results: dict[int, tuple[list, list]] = {}
    children: list[tuple[int, int] | None] = []
    queue = _queue(range(workers, len(spans)))
    with frozen_for_fork():
        try:
            can_fork = sys.platform.startswith("linux")  # children must inherit the draft and the index
            children = [_fork(doc, index, day, rules, stats, spans, k, queue) if can_fork else None
                        for k in range(1, workers)]
            results.update(_drain(doc, index, day, rules, stats, spans, 0, queue))
            for k, child in enumerate(children):
                children[k] = None
                got = _collect(child) if child else None
                results.update(got or {})
        finally:
            if queue is not None:
                os.close(queue)
            for child in children:  # only after an error (or ^C) here: end each child, and reap it
                if child:
                    os.close(child[1])
                    _end(child[0])
    for k, span in enumerate(spans):  # spans no process reported: a failed child's, or all queued without a queue
        if k not in results:
            results[k] = _span_work(doc, index, day, rules, stats, span)
    if coverage is not None:
        coverage.extend(c for k in range(len(spans)) for c in results[k][1])
    return [f for k in range(len(spans)) for f in results[k][0]]


# Bytes per span number in the queue. Reads of a pipe are serialised, each taking what is there up to
# the size asked: with every number written before the first read and every read asking this size,
# each read gets one whole number (or nothing, at the end).
_TOKEN = 4


def _queue(numbers: range) -> int | None:
    """A pipe's read end holding these span numbers, its write end closed (so an empty queue reads as EOF)."""
    try:
        read, write = os.pipe()
    except OSError:
        return None  # no queue: each child checks its first span, and this process the rest
    try:
        os.set_blocking(write, False)  # a pipe too small for the numbers fails here instead of hanging
        data = b"".join(k.to_bytes(_TOKEN, "little") for k in numbers)
        if data and os.write(write, data) != len(data):
            raise BlockingIOError
    except OSError:
        os.close(read)
        return None
    finally:
        os.close(write)
    return read


def _drain(doc, index, day: dt.date, rules, stats: bool, spans: list[tuple[int, int]], first: int,
           queue: int | None) -> dict[int, tuple[list, list]]:
    """Check span ``first``, then spans taken from the queue until it is empty: {span number: result}."""
    done = {first: _span_work(doc, index, day, rules, stats, spans[first])}
    while queue is not None and len(token := os.read(queue, _TOKEN)) == _TOKEN:
        k = int.from_bytes(token, "little")
        done[k] = _span_work(doc, index, day, rules, stats, spans[k])
    return done


def _span_work(doc, index, day: dt.date, rules, stats: bool, span: tuple[int, int]) -> tuple[list, list]:
    """Findings of one span of the document, and its citation coverage when ``stats``."""
    from factlint.engine import check_span

    cov: list = []
    return check_span(doc, index, day, rules, cov if stats else None, span), cov


def _fork(doc, index, day: dt.date, rules, stats: bool, spans: list[tuple[int, int]], first: int,
          queue: int | None) -> tuple[int, int] | None:
    """A forked child checking span ``first`` and then queued ones, writing its pickled results to a pipe:
    (pid, read end), or None."""
    import pickle

    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the child: never returns into the caller's code
        os.close(read)
        data = pickle.dumps(_drain(doc, index, day, rules, stats, spans, first, queue),
                            protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)  # no interpreter shutdown: it could flush buffers the parent also holds


def _collect(child: tuple[int, int]) -> dict[int, tuple[list, list]] | None:
    """The result a forked child wrote, or None when it failed; an error or ^C while waiting ends the child."""
    import pickle

    pid, read = child
    try:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
    except BaseException:  # the caller no longer holds this child: end it here, or it runs on unreaped
        _end(pid)
        raise
    # Read back before reaping: the child's exit (unmapping its copy of the index) overlaps unpickling,
    # ~8 ms of a 1 MB draft's critical path. Output cut short fails to unpickle, and counts as a failure.
    try:
        result = pickle.loads(data) if data else None
    except Exception:  # noqa: BLE001 - any broken output: the caller checks the span itself
        result = None
    _, status = os.waitpid(pid, 0)
    return result if os.waitstatus_to_exitcode(status) == 0 else None


def _end(pid: int) -> None:
    """Kill a forked child and reap it."""
    import signal

    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _outcome(path: str, text: str | None, state: dict):
    """("ok", (findings, coverage)), ("skip", message) for a binary draft, or ("error", details)."""
    from factlint.drafts import BinaryDraft

    try:
        return "ok", check_file(path, state["index"], state["as_of"], state["rules"], state["stats"], text,
                                state["encoding"], state.get("parts", 1))
    except BinaryDraft as exc:
        if path in state["explicit"]:  # named on the command line: an error, not a skip
            return "error", (type(exc), exc.path, exc.message, exc.line, exc.column)
        return "skip", f"factlint: skipping {exc.path}: {exc.message}"
    except FactlintError as exc:  # its class does not unpickle from a worker, so it travels as data
        return "error", (type(exc), exc.path, exc.message, exc.line, exc.column)


def _init(state: dict) -> None:
    """Worker initializer: keep the run's shared inputs (the index above all) for every file it checks."""
    _STATE.update(state)


def _work(item: tuple[str, str | None]):
    """Check one file in a worker."""
    return _outcome(item[0], item[1], _STATE)


def _pool(jobs: int, state: dict):
    """A process pool; forked workers on Linux, so they inherit the index instead of unpickling it;
    ``state`` is handed to each worker's initializer (pickled once per worker elsewhere)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init, initargs=(state,))


def _outcomes(files: list[str], state: dict, jobs: int):
    """Outcomes in file order: lazily when serial, from a process pool otherwise."""
    if jobs > 1:
        from factlint.drafts import read_draft
        from factlint.gcpause import frozen_for_fork

        items = [(path, read_draft(path, state["encoding"]) if path == "-" else None) for path in files]
        with frozen_for_fork():
            try:
                pool = _pool(jobs, state)
            except (OSError, NotImplementedError, ImportError):  # no process support here: run serially
                pool = None
            if pool is not None:
                with pool:
                    yield from pool.map(_work, items, chunksize=max(1, len(items) // (jobs * 8)))
                return
        for path, text in items:
            yield _outcome(path, text, state)
        return
    for path in files:
        yield _outcome(path, None, state)


def check_files(files: list[str], index, as_of: dt.date | None, rules, *, stats: bool = False,
                jobs: int | None = None, encoding: str = "utf-8", explicit: tuple[str, ...] = ()):
    """Check every file: (findings in file order, per-file coverage or None, files checked).

    ``jobs`` None picks a default (see default_jobs). A binary draft found inside a directory is
    skipped with a note on stderr; one named in ``explicit`` (the command-line arguments) is an error.
    """
    import click

    # One file: its parts are shared out instead (when it is long enough; see check_file).
    parts = (cpu_count() if jobs is None else max(1, jobs)) if len(files) == 1 else 1
    jobs = default_jobs(files) if jobs is None else max(1, min(jobs, len(files)))
    state = {"index": index, "as_of": as_of, "rules": rules, "stats": stats, "encoding": encoding,
             "explicit": tuple(explicit), "parts": parts}
    findings: list = []
    coverage: list | None = [] if stats else None
    checked = 0
    for status, value in _outcomes(files, state, jobs):
        if status == "error":
            cls, path, message, line, column = value
            raise cls(path, message, line, column)
        if status == "skip":
            click.echo(value, err=True)
            continue
        found, cov = value
        checked += 1
        findings.extend(found)
        if coverage is not None:
            coverage.extend(cov)
    return findings, coverage, checked
