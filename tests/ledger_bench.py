"""Generate large, valid, deterministic ledgers and time loading them (uncached, then cached).

Run: python tests/ledger_bench.py [FACTS] [--files N]   (default 100000 facts in one file)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

UNITS = ("percent", "people", "votes", "USD", "km", "kg", "segments")
FIRST = ("Marta", "Rui", "Helena", "João", "Ana", "Pedro", "Sofia", "Tomás", "Inês", "Luís")
LAST = ("Silva", "Ortiz", "Brandt", "Costa", "Moreira", "Pereira", "Nunes", "Faria", "Lopes", "Ramos")


def _entities(count: int) -> list[str]:
    """YAML lines for ``count`` entities with distinct names and aliases."""
    lines = ["entities:"]
    for i in range(count):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        lines += [f"  person-{i}:", f"    name: {first} {last} {i}", f"    aliases: [{last} {i}]", "    kind: person"]
    return lines


def _fact(i: int, rng: random.Random, entities: int, sources: int) -> list[str]:
    """YAML lines for fact number ``i``: a value fact, or every seventh one a date fact."""
    lines = [f"  - id: fact-{i}", f"    about: [person-{i % entities}]", f"    keywords: [kw{i}, topic{i % 50}]"]
    if i % 7 == 0:
        day = f"20{10 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines += [f"    claim: Event number {i} happened on {day}.", f"    date: {day}"]
    else:
        value = round(rng.uniform(0, 10_000), 2)
        unit = UNITS[i % len(UNITS)]
        lines += [f"    claim: Measure {i} was {value} {unit}.", f"    value: {value}", f"    unit: {unit}"]
        if i % 5 == 0:
            lines.append('    tolerance: "2%"')
    lines += [f"    source: src-{i % sources}", f'    quote: "{i}"']
    return lines


def generate_ledger(facts: int, seed: int = 7) -> str:
    """A valid ledger v1 text with ``facts`` facts, facts/10 entities and facts/100 sources."""
    rng = random.Random(seed)
    entities, sources = max(1, facts // 10), max(1, facts // 100)
    lines = ["version: 1", "sources:"]
    for i in range(sources):
        lines += [f"  src-{i}:", f"    title: Source {i}", f"    url: https://example.org/{i}",
                  "    published: 2021-06-01"]
    lines += _entities(entities)
    lines.append("facts:")
    for i in range(facts):
        lines += _fact(i, rng, entities, sources)
    return "\n".join(lines) + "\n"


def split_ledger(text: str, files: int, folder: Path) -> None:
    """Write the generated ledger as ``files`` files: sources and entities first, facts split evenly."""
    head, _, facts = text.partition("facts:\n")
    items = facts.split("  - id: ")[1:]
    (folder / "000-head.yaml").write_text(head, encoding="utf-8")
    size = -(-len(items) // files)
    for n in range(files):
        chunk = items[n * size : (n + 1) * size]
        body = "".join("  - id: " + item for item in chunk)
        (folder / f"{n + 1:03d}-facts.yaml").write_text("version: 1\nfacts:\n" + body, encoding="utf-8")


def _time_load(paths: tuple[Path, ...]) -> float:
    """Seconds for one load_ledgers call."""
    from factlint.ledger.load import load_ledgers

    start = time.perf_counter()
    load_ledgers(paths)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    """Generate, then time an uncached and a few cached loads."""
    parser = argparse.ArgumentParser()
    parser.add_argument("facts", type=int, nargs="?", default=100_000)
    parser.add_argument("--files", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["FACTLINT_CACHE_DIR"] = str(root / "cache")
        text = generate_ledger(args.facts)
        if args.files > 1:
            (root / "ledger").mkdir()
            split_ledger(text, args.files, root / "ledger")
            paths = (root / "ledger",)
        else:
            (root / "facts.yaml").write_text(text, encoding="utf-8")
            paths = (root / "facts.yaml",)
        print(f"{args.facts:,} facts, {len(text.encode()) / 1e6:.1f} MB in {args.files} file(s)")
        print(f"uncached: {_time_load(paths):.2f} s")
        cached = sorted(_time_load(paths) for _ in range(5))
        print(f"cached:   {cached[len(cached) // 2]:.3f} s (median of 5)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main(sys.argv[1:])
