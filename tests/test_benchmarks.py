"""The benchmark harness: deterministic, valid workloads and a runner that works. No timing assertions."""

from __future__ import annotations

import datetime as dt
import filecmp
import io
import json
import os
from pathlib import Path

import pytest

from benchmarks.generate import TINY, generate, misspell, split_blocks
from benchmarks.report import render, sanity_check
from benchmarks.runner import Runner
from factlint.document.parse import parse_document
from factlint.engine import RuleSet, check_document
from factlint.fold import fold
from factlint.ledger.load import load_ledgers
from factlint.matching.index import LedgerIndex


@pytest.fixture(scope="module")
def workload(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench")
    return out, generate(out, seed=11, scale=TINY)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_same_seed_same_bytes_other_seed_other_bytes(workload, tmp_path) -> None:
    out, manifest = workload
    again = tmp_path / "again"
    assert generate(again, seed=11, scale=TINY) == manifest
    assert _files(again) == _files(out)
    _match, mismatch, errors = filecmp.cmpfiles(out, again, _files(out), shallow=False)
    assert mismatch == [] and errors == []
    other = tmp_path / "other"
    generate(other, seed=12, scale=TINY)
    assert (other / "facts-200.yaml").read_bytes() != (out / "facts-200.yaml").read_bytes()
    assert (other / "draft-8KB.md").read_bytes() != (out / "draft-8KB.md").read_bytes()


def test_a_rerun_rewrites_only_what_changed(tmp_path) -> None:
    """Unchanged workloads keep their files (and their place in the page cache); changed and stale ones do not."""
    out = tmp_path / "w"
    generate(out, seed=11, scale=TINY)
    stale = out / "facts-200.d" / "facts-99.yaml"
    stale.write_text("stale\n")
    (out / "draft-2KB.md").write_text("edited\n")
    files = [p for p in out.rglob("*") if p.is_file()]
    for p in files:
        os.utime(p, ns=(10**18, 10**18))  # a time no write made
    generate(out, seed=11, scale=TINY)
    assert not stale.exists()
    assert [p.name for p in files if p.exists() and p.stat().st_mtime_ns != 10**18] == ["draft-2KB.md"]
    again = tmp_path / "again"
    generate(again, seed=11, scale=TINY)
    _match, mismatch, errors = filecmp.cmpfiles(out, again, _files(out), shallow=False)
    assert _files(again) == _files(out) and mismatch == [] and errors == []


def test_ledgers_are_valid_nested_and_split_the_same(workload) -> None:
    out, manifest = workload
    small = load_ledgers((out / "facts-50.yaml",))
    big = load_ledgers((out / "facts-200.yaml",))
    folder = load_ledgers((out / "facts-200.d",))
    assert len(small.facts) == 50 and len(big.facts) == 200
    assert [f.id for f in big.facts[:50]] == [f.id for f in small.facts]  # a prefix: same draft, bigger ledger
    assert sorted(f.id for f in folder.facts) == sorted(f.id for f in big.facts)
    assert folder.entities.keys() == big.entities.keys() and folder.sources.keys() == big.sources.keys()
    assert len(folder.paths) == 11
    for fact in big.facts:
        assert set(fact.about) <= big.entities.keys() and set(fact.sources) <= big.sources.keys()
        assert (fact.value is None) != (fact.date is None)
    kinds = {e.kind for e in big.entities.values()}
    assert kinds == {"person", "organization", "place"}
    assert any(not e.name.isascii() for e in big.entities.values())
    assert any(e.aliases and e.aliases[0].isupper() for e in big.entities.values())  # acronyms
    assert any(f.valid_until for f in big.facts) and any(f.valid_from for f in big.facts)
    assert manifest["ledgers"]["200"]["facts"] == 200


def test_drafts_parse_and_give_every_finding_kind(workload) -> None:
    out, manifest = workload
    index = LedgerIndex.build(load_ledgers((out / "facts-200.yaml",)))
    for label, info in manifest["drafts"].items():
        text = (out / info["file"]).read_text(encoding="utf-8")
        assert abs(len(text.encode()) - TINY["drafts"][label]) < 2_500
        doc = parse_document(text, info["file"])
        assert doc.date == dt.date(2023, 6, 15)
        codes = {f.code for f in check_document(doc, index, doc.date, RuleSet.build())}
        assert {"FL101", "FL102", "FL103", "FL104"} <= codes, (label, codes)
    text = (out / "draft-16KB.md").read_text(encoding="utf-8")
    assert "```python" in text and "| Candidate |" in text and "](https://" in text


def test_split_cuts_at_block_boundaries(workload) -> None:
    out, manifest = workload
    parts = sorted((out / manifest["split"]["dir"]).iterdir())
    assert len(parts) == manifest["split"]["files"] == 4
    whole = (out / "draft-8KB.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[2].rstrip("\n") for p in parts]
    assert "\n\n".join(bodies) + "\n" == whole
    assert all(b.count("```") % 2 == 0 for b in bodies)
    assert split_blocks(["a" * 10] * 10, 5) == [["a" * 10] * 2] * 5


def test_misspellings_are_one_letter_and_never_a_ledger_token() -> None:
    import random

    tokens = {"marta", "silva", "ortiz"}
    rng = random.Random(1)
    for _ in range(50):
        wrong = misspell(rng, "Marta Silva", tokens)
        assert wrong is not None and wrong != "Marta Silva"
        changed = [w for w, r in zip(fold(wrong).split(), ["marta", "silva"]) if w != r]
        assert len(changed) == 1 and changed[0] not in tokens
        assert sum(a != b for a, b in zip(wrong, "Marta Silva")) == 1


def test_runner_and_report_on_a_tiny_workload(workload) -> None:
    out, manifest = workload
    runner = Runner(out, budget=120, max_runs=1, log=io.StringIO())
    results = runner.run_all(manifest)
    json.dumps(results)  # results.json must be writable
    cases = results["cases"]
    for key in ("startup", "1mb-big", "1mb-mid", "split-big", "10mb-big", "split-big-j1"):
        assert cases[key]["status"] == "ok", cases[key]
        assert cases[key]["median"] > 0 and cases[key]["rss_mb"] > 1
    assert cases["split-big"]["findings"] == cases["split-big-j1"]["findings"]
    stage = results["stages"]["1mb-big"]
    assert set(stage["times"]) == {"load", "parse", "extract", "bind", "rules", "output"}
    assert set(stage["outputs"]) == {"text", "json", "sarif", "github", "gitlab"}
    assert stage["slowest"] in stage["profiles"] and "cumulative" in stage["profiles"][stage["slowest"]]
    assert stage["slowest_doc"] in ("parse", "extract", "bind", "rules") and stage["slowest_doc"] in stage["profiles"]
    assert results["stages"]["load-cold-big"]["facts"] == 200
    assert results["meta"]["cores"] >= 1 and results["meta"]["python"]
    for key in ("proselint", "proselint-empty"):  # "missing" without the bench extra
        assert results[key]["status"] in ("ok", "missing"), results[key]
    pairs = results["pairs"]
    assert pairs["split-vs-1mb"]["status"] == "ok" and len(pairs["split-vs-1mb"]["ratios"]) == 1
    assert pairs["split-vs-1mb"]["median"] > 0 and manifest["split"]["dir"] in pairs["split-vs-1mb"]["first"]
    if results["proselint"]["status"] == "ok":
        assert pairs["1mb-vs-proselint"]["median"] > 0 and "proselint" in pairs["1mb-vs-proselint"]["second"]
    for key in ("1mb-big", "1mb-big-j1"):
        assert results["phases"][key]["status"] == "ok" and len(results["phases"][key]["runs"]) == 1
    assert results["phases"]["1mb-big-j1"]["command"].endswith("--jobs 1")
    doc = render(results, "make bench")
    assert "## Where the 1 MB × 100k run's wall time goes" in doc
    assert "| Start-up" in doc and "## Targets" in doc and "Profile of the slowest stage" in doc
    assert "× (median of 1 back-to-back pairs; medians " in doc
    assert "the other formats, on the same findings: json " in doc
    assert "every kind present" in sanity_check(results)


def test_phases_add_up_and_see_the_draft_split(workload) -> None:
    """benchmarks.phases on a draft split across two processes (the split size lowered for a tiny draft)."""
    from benchmarks.phases import PHASES
    from benchmarks.report import phases_section
    from factlint.parallel import cpu_count

    out, manifest = workload
    runner = Runner(out, budget=120, log=io.StringIO())
    draft = manifest["drafts"]["16KB"]["file"]
    args = ["check", draft, "--ledger", manifest["ledgers"]["200"]["file"]]
    records = runner.run_phases({"1mb-big": args, "1mb-big-j1": [*args, "--jobs", "1"]}, runs=1, min_split=1024)
    for record in records.values():
        assert record["status"] == "ok", record
        (run,) = record["runs"]
        assert set(run["phases"]) == set(PHASES) and all(t >= 0 for t in run["phases"].values())
        assert abs(sum(run["phases"].values()) - run["wall"]) < 1e-6
        assert run["cpu"] > 0 and run["faults"] > 0
    (one,) = records["1mb-big-j1"]["runs"]
    assert not one["split"] and one["processes"] == [{"role": "parent", "spans": 1, "busy": one["processes"][0]["busy"]}]
    (split,) = records["1mb-big"]["runs"]
    if cpu_count() >= 2:
        assert split["split"] and len(split["processes"]) == 2
        assert {p["role"] for p in split["processes"]} == {"parent", "child"}
        assert all(p["spans"] >= 1 for p in split["processes"])
    text = "\n".join(phases_section(runner.results))
    assert "| checking the draft's spans |" in text and "in one process and" in text
    assert "CPU time of the whole run" in text


def test_a_profiled_second_pass_starts_from_an_index_that_looked_nothing_up() -> None:
    """benchmarks.stages clears what a first pass looked up in every packed store, record map and name
    map of the index (and of its support index), so the profile of the second pass does the same work."""
    from benchmarks.stages import _forget_memos
    from factlint.matching.store import Packed, PackedMap, PackedRecords
    from tests.conftest import FIXTURES

    index = LedgerIndex.build(load_ledgers((FIXTURES / "elections" / "facts.yaml",)))
    draft = (FIXTURES / "elections" / "wrong.md").read_text(encoding="utf-8")
    check_document(parse_document(draft, "wrong.md", markdown=True), index, dt.date(2023, 6, 15), RuleSet.build())
    parts = [*vars(index).values(), *vars(index.support()).values()]
    maps = [p for p in parts if isinstance(p, PackedMap)] + [p._blobs for p in parts if isinstance(p, PackedRecords)]
    assert any(m._memo for m in maps) and any(p._built for p in parts if isinstance(p, PackedRecords))
    _forget_memos(index)
    assert len(maps) == 8 and not any(m._memo for m in maps)
    assert not any(p._built for p in parts if isinstance(p, PackedRecords))
    assert all(item is None for p in parts if isinstance(p, Packed) for item in p._items)
