"""`factlint check --jobs N`: parallel output is byte-for-byte the serial output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import TINY, generate
from factlint.parallel import check_files, cpu_count, default_jobs
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def workload(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("work")
    generate(out, seed=3, scale=TINY)
    return out


def factlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_2_output_equals_jobs_1(workload: Path, fmt: str) -> None:
    args = ("check", "draft-8KB-split", "draft-2KB.md", "draft-4KB.md", "--ledger", "facts-200.yaml",
            "--format", fmt, "--stats")
    serial = factlint(*args, "--jobs", "1", cwd=workload)
    parallel = factlint(*args, "--jobs", "2", cwd=workload)
    default = factlint(*args, cwd=workload)
    assert serial.returncode == 1, serial.stderr
    assert "FL101" in serial.stdout and "part-003.md" in serial.stdout
    assert parallel.stdout == serial.stdout and parallel.returncode == serial.returncode
    assert default.stdout == serial.stdout and parallel.stderr == serial.stderr == ""


def test_errors_and_skips_from_workers_match_a_serial_run(workload: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("a.md", "c.md", "d.md"):
        (folder / name).write_text((workload / "draft-2KB.md").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.md").write_bytes(b"binary\x00data")
    ledger = str(workload / "facts-50.yaml")
    serial = factlint("check", str(folder), "--ledger", ledger, "--jobs", "1", cwd=tmp_path)
    parallel = factlint("check", str(folder), "--ledger", ledger, "--jobs", "2", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stderr == serial.stderr and "skipping" in serial.stderr and "b.md" in serial.stderr
    assert parallel.stdout == serial.stdout and "in 3 files" in serial.stdout
    (folder / "c.md").write_bytes("caf\xe9".encode("latin-1"))  # not UTF-8: an error wherever it is read
    serial = factlint("check", str(folder), "--ledger", ledger, "--jobs", "1", cwd=tmp_path)
    parallel = factlint("check", str(folder), "--ledger", ledger, "--jobs", "2", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 2
    assert parallel.stderr == serial.stderr and "c.md: not valid utf-8" in serial.stderr
    assert parallel.stdout == serial.stdout == ""


def test_jobs_in_process_keeps_file_order(workload: Path) -> None:
    from factlint.engine import RuleSet
    from factlint.run import load_index

    files = sorted(str(p) for p in (workload / "draft-8KB-split").iterdir())
    index = load_index((workload / "facts-200.yaml",))
    serial, cov1, n1 = check_files(files, index, None, RuleSet.build(), stats=True, jobs=1)
    parallel, cov2, n2 = check_files(files, index, None, RuleSet.build(), stats=True, jobs=2)
    assert serial == parallel and cov1 == cov2 and len(cov1) == len(files) == n1 == n2
    assert [f.path for f in serial] == sorted((f.path for f in serial), key=files.index)


def test_default_jobs(tmp_path: Path) -> None:
    one = tmp_path / "one.md"
    one.write_text("x" * 10)
    assert default_jobs([str(one)]) == 1
    assert default_jobs(["-", str(one)]) == 1
    small = [str(one), str(one)]
    assert default_jobs(small) == 1  # too little text to be worth a pool
    big = tmp_path / "big.md"
    big.write_text("word " * 60_000)
    assert default_jobs([str(big), str(one)]) == min(2, cpu_count())


def _drafts(workload: Path) -> list[Path]:
    """Generated drafts and the fixture drafts: headings, tables, lists, citations, footnotes, suppressions."""
    return [workload / "draft-16KB.md", workload / "draft-8KB.md", *sorted(ROOT.glob("fixtures/*/*.md"))]


@pytest.mark.parametrize("parts", [2, 3, 7])
def test_a_draft_checked_in_parts_has_the_findings_of_one_piece(workload: Path, monkeypatch, parts: int) -> None:
    from factlint import parallel
    from factlint.engine import RuleSet
    from factlint.run import load_index

    monkeypatch.setattr(parallel, "MIN_SPLIT_CHARS", 0)
    monkeypatch.setattr(parallel, "MIN_PART_CHARS", 1)
    rules = RuleSet.build(select=("FL",))  # every rule, FL204 and FL901 too
    checked = 0
    for draft in _drafts(workload):
        ledger = workload / "facts-200.yaml" if draft.parent == workload else draft.parent / "facts.yaml"
        if not ledger.exists():
            continue
        index = load_index((ledger,))
        whole = parallel.check_file(str(draft), index, None, rules, True)
        split = parallel.check_file(str(draft), index, None, rules, True, parts=parts)
        assert split == whole, draft
        checked += bool(whole[0])
    assert checked >= 5


def test_document_spans_cut_before_headings_and_cover_the_text(workload: Path) -> None:
    from factlint.document.parse import parse_document
    from factlint.engine import document_spans

    doc = parse_document((workload / "draft-16KB.md").read_text(encoding="utf-8"), "d.md")
    heads = {b.start for b in doc.blocks if b.kind == "heading"}
    spans = document_spans(doc, 4)
    assert len(spans) > 1 and spans[0][0] == 0 and spans[-1][1] == len(doc.text) + 1
    assert all(a[1] == b[0] and b[0] in heads for a, b in zip(spans, spans[1:]))
    assert document_spans(parse_document("No heading here. 48%.\n", "d.md"), 4) == [(0, 23)]


def test_one_long_file_is_shared_out_with_the_serial_output(workload: Path, monkeypatch) -> None:
    from factlint import parallel
    from factlint.engine import RuleSet
    from factlint.run import load_index

    monkeypatch.setattr(parallel, "MIN_SPLIT_CHARS", 0)
    monkeypatch.setattr(parallel, "MIN_PART_CHARS", 1)
    index = load_index((workload / "facts-200.yaml",))
    files = [str(workload / "draft-16KB.md")]
    serial = check_files(files, index, None, RuleSet.build(), stats=True, jobs=1)
    shared = check_files(files, index, None, RuleSet.build(), stats=True, jobs=2)
    assert serial == shared and serial[0] and len(serial[1]) == 1


def _split_setup(workload: Path, monkeypatch):
    """A draft cut into 3 spans, its index and rules, and its serial findings."""
    from factlint import parallel
    from factlint.engine import RuleSet
    from factlint.run import load_index

    monkeypatch.setattr(parallel, "MIN_SPLIT_CHARS", 0)
    monkeypatch.setattr(parallel, "MIN_PART_CHARS", 1)
    index = load_index((workload / "facts-200.yaml",))
    args = (str(workload / "draft-16KB.md"), index, None, RuleSet.build(), True)
    return parallel, args, parallel.check_file(*args)


def _span_log(parallel, monkeypatch, tmp_path: Path, delay_in_parent: float = 0.0) -> Path:
    """Log each span check's process and span to a file; the parent optionally slowed down."""
    import time

    real, log, parent = parallel._span_work, tmp_path / "spans", os.getpid()

    def logged(*a):
        if os.getpid() == parent:
            time.sleep(delay_in_parent)
        with log.open("a") as out:
            out.write(f"{os.getpid()} {a[-1][0]}\n")
        return real(*a)

    monkeypatch.setattr(parallel, "_span_work", logged)
    return log


def _spans_of(workload: Path, parts: int) -> list[tuple[int, int]]:
    from factlint import parallel
    from factlint.document.parse import parse_document
    from factlint.engine import document_spans

    doc = parse_document((workload / "draft-16KB.md").read_text(encoding="utf-8"), "d.md")
    return document_spans(doc, parts * parallel.SPANS_PER_PART)


def test_spans_are_checked_in_forked_children(workload: Path, monkeypatch, tmp_path: Path) -> None:
    parallel, args, serial = _split_setup(workload, monkeypatch)
    log = _span_log(parallel, monkeypatch, tmp_path)
    assert parallel.check_file(*args, parts=3) == serial
    checks = [line.split() for line in log.read_text().splitlines()]
    spans = _spans_of(workload, 3)
    assert len(spans) > 3 and sorted(int(a) for _, a in checks) == sorted(a for a, _ in spans)  # each once
    pids = {pid for pid, _ in checks}
    assert len(pids) == 3 and str(os.getpid()) in pids  # each child checked its first span at least


def test_a_slow_process_leaves_the_queued_spans_to_the_others(workload: Path, monkeypatch, tmp_path: Path) -> None:
    parallel, args, serial = _split_setup(workload, monkeypatch)
    log = _span_log(parallel, monkeypatch, tmp_path, delay_in_parent=1.0)
    assert parallel.check_file(*args, parts=3) == serial
    checks = [line.split() for line in log.read_text().splitlines()]
    assert len(checks) == len(_spans_of(workload, 3))
    assert [a for pid, a in checks if pid == str(os.getpid())] == ["0"]  # its first span, and no more


def test_without_a_queue_the_parent_checks_what_the_children_did_not(workload: Path, monkeypatch,
                                                                     tmp_path: Path) -> None:
    parallel, args, serial = _split_setup(workload, monkeypatch)
    log = _span_log(parallel, monkeypatch, tmp_path)
    monkeypatch.setattr(parallel, "_queue", lambda numbers: None)  # os.pipe failed, say
    assert parallel.check_file(*args, parts=3) == serial
    checks = [line.split() for line in log.read_text().splitlines()]
    assert len(checks) == len(_spans_of(workload, 3))
    assert sum(pid != str(os.getpid()) for pid, _ in checks) == 2  # each child its first span only


def test_the_queue_hands_out_each_span_number_once_then_ends() -> None:
    from factlint import parallel

    queue = parallel._queue(range(3, 300))
    try:
        got = []
        while len(token := os.read(queue, parallel._TOKEN)) == parallel._TOKEN:
            got.append(int.from_bytes(token, "little"))
        assert got == list(range(3, 300)) and token == b""
    finally:
        os.close(queue)
    # More numbers than a pipe holds: no queue, rather than a write that waits for ever. A pipe holds
    # 64 KiB on x86-64 Linux, but 16 pages, so 1 MiB where pages are 64 KiB: ask this one.
    import fcntl

    read, write = os.pipe()
    try:
        capacity = fcntl.fcntl(write, fcntl.F_GETPIPE_SZ) if hasattr(fcntl, "F_GETPIPE_SZ") else 1 << 20
    finally:
        os.close(read)
        os.close(write)
    assert parallel._queue(range(capacity // parallel._TOKEN + 1)) is None
    full = parallel._queue(range(capacity // parallel._TOKEN))  # exactly full still fits
    assert full is not None
    os.close(full)


def test_a_failing_child_leaves_its_span_to_the_parent(workload: Path, monkeypatch) -> None:
    parallel, args, serial = _split_setup(workload, monkeypatch)
    real, parent = parallel._span_work, os.getpid()

    def fails_in_children(*a):
        if os.getpid() != parent:
            raise MemoryError("a child that cannot finish")
        return real(*a)

    monkeypatch.setattr(parallel, "_span_work", fails_in_children)
    assert parallel.check_file(*args, parts=3) == serial


def test_a_child_whose_output_is_cut_short_leaves_its_span_to_the_parent(workload: Path, monkeypatch) -> None:
    import pickle

    parallel, args, serial = _split_setup(workload, monkeypatch)
    real, parent = pickle.dumps, os.getpid()

    def cut_short(*a, **k):  # the child still exits 0: only the output tells
        data = real(*a, **k)
        return data[: len(data) // 2] if os.getpid() != parent else data

    monkeypatch.setattr(pickle, "dumps", cut_short)
    assert parallel.check_file(*args, parts=3) == serial
    with pytest.raises(ChildProcessError):  # both children reaped
        os.waitpid(-1, os.WNOHANG)


def test_an_error_in_the_parent_ends_and_reaps_the_children(workload: Path, monkeypatch) -> None:
    parallel, args, _ = _split_setup(workload, monkeypatch)
    real, parent = parallel._span_work, os.getpid()

    def fails_in_parent(*a):
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return real(*a)

    monkeypatch.setattr(parallel, "_span_work", fails_in_parent)
    with pytest.raises(KeyboardInterrupt):
        parallel.check_file(*args, parts=3)
    with pytest.raises(ChildProcessError):  # no child left running, or unreaped
        os.waitpid(-1, os.WNOHANG)


def test_an_interrupt_while_waiting_for_a_child_ends_and_reaps_it(workload: Path, monkeypatch) -> None:
    import signal
    import time

    parallel, args, _ = _split_setup(workload, monkeypatch)
    real, parent = parallel._span_work, os.getpid()

    def slow_in_children(*a):
        if os.getpid() != parent:
            time.sleep(60)
        return real(*a)

    def interrupt(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(parallel, "_span_work", slow_in_children)
    previous = signal.signal(signal.SIGALRM, interrupt)
    started = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, 1.0)  # the parent is then reading a child's pipe
        with pytest.raises(KeyboardInterrupt):
            parallel.check_file(*args, parts=3)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 30  # the children were not waited for
    with pytest.raises(ChildProcessError):  # no child left running, or unreaped
        os.waitpid(-1, os.WNOHANG)


def test_a_split_leaves_objects_frozen_before_it_frozen(workload: Path, monkeypatch) -> None:
    import gc

    parallel, args, serial = _split_setup(workload, monkeypatch)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert parallel.check_file(*args, parts=3) == serial
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
    assert parallel.check_file(*args, parts=3) == serial and gc.get_freeze_count() == 0


def test_a_pool_of_files_leaves_objects_frozen_before_it_frozen(workload: Path) -> None:
    import gc

    from factlint.engine import RuleSet
    from factlint.run import load_index

    index = load_index((workload / "facts-200.yaml",))
    files = [str(p) for p in sorted(workload.glob("draft-*.md"))]
    serial = check_files(files, index, None, RuleSet.build(), jobs=1)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert check_files(files, index, None, RuleSet.build(), jobs=2) == serial
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
    assert check_files(files, index, None, RuleSet.build(), jobs=2) == serial and gc.get_freeze_count() == 0


def test_a_long_draft_is_split_without_a_process_pool(workload: Path, tmp_path: Path) -> None:
    """Forking per span, not multiprocessing: its import and pool cost ~50 ms of a 1 MB run."""
    long = tmp_path / "long.md"
    long.write_text((workload / "draft-16KB.md").read_text(encoding="utf-8") * 20, encoding="utf-8")
    code = ("import sys\n"
            "from factlint.cli import main\n"
            "try:\n    main.main(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print('multiprocessing' in sys.modules, file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FACTLINT_CACHE_DIR": str(tmp_path / "cache")}
    args = ["check", str(long), "--ledger", str(workload / "facts-200.yaml")]
    split = subprocess.run([sys.executable, "-c", code, *args, "--jobs", "2"], capture_output=True, text=True,
                           env=env, timeout=120)
    serial = subprocess.run([sys.executable, "-c", code, *args, "--jobs", "1"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert split.stdout == serial.stdout and "FL" in split.stdout
    assert split.stderr.split()[-1] == "False", split.stderr


def _random_spans(text: str, rng, n: int) -> list[tuple[int, int]]:
    """Spans with random ends, block starts or not, some reaching past the text like document_spans' last."""
    out = []
    for _ in range(n):
        a, b = sorted(rng.randrange(len(text) + 2) for _ in range(2))
        out.append((a, b))
    return [*out, (0, len(text) + 1)]


def test_citations_of_a_span_are_the_whole_drafts_that_start_in_it(workload: Path) -> None:
    """find_citations(doc, span) scans only the span's lines: the same citations, not a scan per part."""
    import random

    from factlint.document.parse import parse_document
    from factlint.extraction.citations import find_citations

    rng = random.Random(11)
    checked = 0
    for draft in _drafts(workload):
        doc = parse_document(draft.read_text(encoding="utf-8"), str(draft))
        whole = find_citations(doc)
        for a, b in _random_spans(doc.text, rng, 40):
            assert find_citations(doc, (a, b)) == [c for c in whole if a <= c.start < b], (draft, a, b)
        checked += len(whole)
    assert checked > 50


def test_year_hints_of_a_span_are_the_whole_drafts(workload: Path) -> None:
    """A span reads only the last explicit year before it and those in it: the hints stay those of the whole."""
    import random

    from factlint.document.parse import parse_document
    from factlint.extraction.pipeline import _year_hint, _years, _years_inside

    rng = random.Random(12)
    for draft in _drafts(workload):
        text = parse_document(draft.read_text(encoding="utf-8"), str(draft)).masked
        whole = _years(text, None)
        assert whole
        for a, b in _random_spans(text, rng, 40):
            part = _years(text, (a, b))
            for start in sorted({a, b, *(rng.randrange(a, b + 1) for _ in range(5))}):
                for end in (start, min(b, start + 40), b):
                    assert (_year_hint(part, [o for o, _ in part], start)
                            == _year_hint(whole, [o for o, _ in whole], start)), (draft, a, b, start, end)
                    assert (_years_inside(part, [o for o, _ in part], start, end)
                            == _years_inside(whole, [o for o, _ in whole], start, end)), (draft, a, b, start, end)
    # The last year before a span may lie far back: the search reaches further until it finds one.
    text = "Founded in 1987. " + "No year here. " * 30_000 + "Sales rose. In 2019, 40% more."
    cut = text.index("Sales")
    assert _years(text, (cut, len(text))) == [(11, 1987), (text.index("2019"), 2019)]
    assert _years(text, (0, 20)) == [(11, 1987)] and _years("no years", (2, 5)) == []


def test_checking_a_draft_leaves_no_reference_cycles(workload: Path) -> None:
    """The collector is paused while a draft is checked; that is only sound if checking makes no cycles."""
    import datetime as dt
    import gc

    from factlint.document.parse import parse_document
    from factlint.engine import RuleSet, check_document
    from factlint.run import load_index

    index = load_index((workload / "facts-200.yaml",))
    doc = parse_document((workload / "draft-16KB.md").read_text(encoding="utf-8"), "d.md")
    rules = RuleSet.build(select=("FL",))
    check_document(doc, index, dt.date(2023, 6, 15), rules)  # first run: memo caches fill
    gc.collect()
    gc.disable()
    try:
        assert check_document(doc, index, dt.date(2023, 6, 15), rules)
        assert gc.collect() == 0
    finally:
        gc.enable()


def _cyclic_garbage(argv: list[str]) -> int:
    """Objects left in reference cycles by one `factlint check` run (imports and caches filled first)."""
    import gc

    from factlint.cli import main

    def run() -> None:
        try:
            main.main(argv, standalone_mode=False)
        except SystemExit:
            pass

    run()
    gc.collect()
    gc.disable()
    try:
        run()
        return gc.collect()
    finally:
        gc.enable()


def test_a_whole_check_run_leaves_no_cycles_that_grow_with_the_draft(workload: Path, tmp_path: Path,
                                                                   monkeypatch, capsys) -> None:
    """`factlint check` runs with the collector paused (cli.py); sound only if the cycles it leaves stay few.

    The text report makes none; json.dumps with indent leaves one fixed set of closures per dump.
    """
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    text = (workload / "draft-16KB.md").read_text(encoding="utf-8")
    (tmp_path / "long.md").write_text(text * 4, encoding="utf-8")
    ledger = ["--ledger", str(workload / "facts-200.yaml"), "--stats"]
    baseline = str(tmp_path / "baseline.json")
    for extra in (["--format", "text"], ["--format", "json"], ["--format", "sarif"], ["--format", "github"],
                  ["--write-baseline", baseline], ["--baseline", baseline]):
        short = _cyclic_garbage(["check", str(workload / "draft-16KB.md"), *ledger, *extra])
        long = _cyclic_garbage(["check", str(tmp_path / "long.md"), *ledger, *extra])
        assert short == long <= 40, extra
        if extra[-1] == "text":
            assert short == 0
    capsys.readouterr()


def test_parts_are_never_smaller_than_min_part_chars(workload: Path, monkeypatch) -> None:
    from factlint import engine, parallel
    from factlint.engine import RuleSet
    from factlint.run import load_index

    asked: list[int] = []
    monkeypatch.setattr(engine, "document_spans", lambda doc, parts: asked.append(parts) or [(0, len(doc.text) + 1)])
    monkeypatch.setattr(parallel, "MIN_SPLIT_CHARS", 0)
    monkeypatch.setattr(parallel, "MIN_PART_CHARS", 5000)
    draft = workload / "draft-16KB.md"
    index = load_index((workload / "facts-200.yaml",))
    parallel.check_file(str(draft), index, None, RuleSet.build(), False, parts=64)
    # 3 processes (a share of at least 5000 characters each), each share cut for the queue
    assert asked == [len(draft.read_text(encoding="utf-8")) // 5000 * parallel.SPANS_PER_PART]


def test_findings_travel_from_children_as_constructor_calls() -> None:
    """A child's findings pickle as Finding(*fields): every field comes back, in its place."""
    import dataclasses
    import pickle

    from factlint.findings import Finding

    names = [f.name for f in dataclasses.fields(Finding)]
    values = {name: (f"{name}-value" if f.type == "str" or "str" in str(f.type) else 7)
              for name, f in zip(names, dataclasses.fields(Finding))}
    values.update(line=3, column=4, end_line=5, end_column=6)
    finding = Finding(**values)
    assert finding.__reduce__() == (Finding, tuple(values[n] for n in names))
    assert pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL)) == finding
