"""Throughput: whowhom against the bare spaCy pipeline it builds on.

Both code the same documents with the same model and the same number of processes in
one run; the figure that matters is the ratio (target: whowhom >= 0.8 x bare spaCy).

    python bench/throughput.py [--docs 400] [--workers 1] [--store]

The corpus is our own examples plus the development articles under ../shared (read at
run time), repeated until it holds ``--docs`` documents.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from whowhom.coder import default_coder
from whowhom.nlp import load_nlp
from whowhom.runner import RunOptions, run

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus(n_docs: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    for gold in (SHARED / "eval" / "realnews_dev.jsonl", SHARED / "data/seeds/seeds.gold.jsonl"):
        if gold.exists():
            texts += [json.loads(line)["text"] for line in gold.open(encoding="utf-8")]
    if not texts:
        raise SystemExit("no documents found: examples/ and ../shared are both missing")
    return [texts[i % len(texts)] for i in range(n_docs)]


def bare_spacy(texts: list[str], workers: int, batch_size: int) -> float:
    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        pass
    return time.perf_counter() - start


def whowhom_run(texts: list[str], workers: int, batch_size: int, store: bool) -> float:
    """The full whowhom path: read from files, clean, parse, code (and store)."""
    from whowhom.store.db import EventStore

    coder = default_coder()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        db = EventStore(Path(tmp) / "bench.duckdb") if store else None
        options = RunOptions(workers=workers, batch_size=batch_size)
        start = time.perf_counter()
        stats = run([str(folder)], coder, db, options)
        elapsed = time.perf_counter() - start
        if db is not None:
            db.close()
    if stats.coded != len(texts):
        raise SystemExit(f"whowhom coded {stats.coded} of {len(texts)} documents")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--store", action="store_true", help="also write to a DuckDB store")
    args = parser.parse_args()

    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    load_nlp()
    default_coder()
    # warm up both paths once so neither pays for loading
    bare_spacy(texts[:20], 1, args.batch_size)
    spacy_s = bare_spacy(texts, args.workers, args.batch_size)
    whowhom_s = whowhom_run(texts, args.workers, args.batch_size, args.store)

    print(f"documents: {len(texts)}, words: {words}, workers: {args.workers}")
    print(f"{'pipeline':<12} {'seconds':>8} {'docs/s':>9} {'words/s':>10}")
    for name, s in (("bare spaCy", spacy_s), ("whowhom", whowhom_s)):
        print(f"{name:<12} {s:>8.2f} {len(texts) / s:>9.1f} {words / s:>10.0f}")
    print(f"ratio whowhom / bare spaCy (docs/s): {spacy_s / whowhom_s:.2f}")


if __name__ == "__main__":
    main()
