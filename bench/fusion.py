"""Benchmark of cross-document fusion on generated events.

For each size (50k, 100k, 200k events) a fresh in-memory store is filled with generated
documents (four events each, published over a year, 20 countries, 16 event types, day,
publication, month and undated dates, short texts for the near-duplicate index), then:

- full: ``fuse_all`` over every document;
- incremental: the first 90% of documents fused with ``fuse_all``, the last 10% added and
  fused with one ``Fuser.fuse_new`` call, as one ``whowhom code`` run does.

Each size and phase runs in its own process, so the peak resident memory printed
(getrusage; it includes generating the store) is its own. The incremental time covers
the last 10% only. Run: ``python bench/fusion.py [SIZES...]``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from whowhom.fuse.fusion import Fuser
from whowhom.store.db import EventStore

EVENTS_PER_DOC = 4
TYPES = (
    "ACCUSE", "CONSULT", "REQUEST", "REJECT", "SANCTION", "THREATEN", "PROTEST", "ASSAULT",
    "SUPPORT", "AGREE", "AID", "COOPERATE", "CONCEDE", "RETREAT", "MOBILIZE", "COERCE",
)
COUNTRIES = (
    "USA", "RUS", "CHN", "UKR", "BLR", "KAZ", "ARM", "AZE", "IRN", "ISR", "TUR", "GBR", "FRA",
    "DEU", "IND", "PAK", "JPN", "KOR", "SAU", "EGY",
)
WORDS = (
    "minister", "envoy", "border", "talks", "summit", "treaty", "protest", "troops", "rally",
    "grain", "gas", "pipeline", "vote", "court", "press", "port", "bank", "visa", "trade",
    "drone", "shelling", "ceasefire", "embassy", "statement", "sanction", "loan", "deal",
    "region", "capital", "leader",
)


def _fill(store: EventStore, first_doc: int, last_doc: int) -> list[str]:
    """Generate documents [first_doc, last_doc) and their events; returns the doc ids."""
    con = store.connection
    params = {"a": first_doc, "b": last_doc, "types": TYPES, "countries": COUNTRIES,
              "words": WORDS, "k": EVENTS_PER_DOC}
    con.execute("""
        INSERT INTO documents (doc_id, path, title, published, url, outlet, text,
                               content_hash, coder_version, coded_at, n_events)
        SELECT 'd' || i, '', 'doc ' || i,
               strftime(DATE '2024-01-01' + (i * 365 // 50000)::INTEGER, '%Y-%m-%d'),
               'https://outlet' || (i % 300) || '.example/' || i, 'outlet' || (i % 300),
               array_to_string(list_transform(range(60),
                   lambda x: ($words::VARCHAR[])[(1 + hash(i * 1000 + x) % 30)::BIGINT]), ' '),
               md5('d' || i), 'bench', now()::TIMESTAMP, $k
        FROM range($a, $b) t(i)
    """, {key: params[key] for key in ("a", "b", "words", "k")})
    con.execute("""
        INSERT INTO events (event_id, doc_id, event, mode, cameo, goldstein, quad_class,
            source_text, source_name, source_country, source_sector, source_code, source_kb_id,
            source_igo, source_start, source_end, target_text, target_name, target_country,
            target_sector, target_code, target_kb_id, target_igo, target_start, target_end,
            date, date_precision, event_date, trigger_text, trigger_start, trigger_end,
            sentence, sentence_index, negated, hypothetical, reported_by, confidence, flags)
        WITH g AS (
            SELECT d, j, d * $k + j AS n,
                   DATE '2024-01-01' + (d * 365 // 50000)::INTEGER AS published,
                   (hash(d * 7 + j * 13) % 1000000000000)::BIGINT AS h
            FROM range($a, $b) t(d), range($k) s(j)
        ), c AS (
            SELECT *, ($countries::VARCHAR[])[1 + h % 20] AS src,
                   ($countries::VARCHAR[])[1 + (h // 20) % 20] AS tgt,
                   ($types::VARCHAR[])[1 + (h // 400) % 16] AS ev, (h // 6400) % 100 AS p,
                   ((h // 640000) % 3)::INTEGER AS back
            FROM g
        )
        SELECT substr(md5('e' || n), 1, 16), 'd' || d, ev, '', '', 0.0, 1,
               src, src, src, 'GOV', src || 'GOV', src, '', 0, 3,
               tgt, tgt, tgt, 'GOV', tgt || 'GOV', tgt, '', 10, 13,
               CASE WHEN p < 60 THEN strftime(published - back, '%Y-%m-%d')
                    WHEN p < 90 THEN strftime(published, '%Y-%m-%d')
                    WHEN p < 98 THEN strftime(published, '%Y-%m') ELSE '' END,
               CASE WHEN p < 60 THEN 'day' WHEN p < 90 THEN 'publication'
                    WHEN p < 98 THEN 'month' ELSE 'none' END,
               published, 'did', 5, 8, 'Generated.', j, false, false, NULL,
               0.5 + (h % 40) / 100, []::VARCHAR[]
        FROM c
    """, {key: params[key] for key in ("a", "b", "types", "countries", "k")})
    return [f"d{i}" for i in range(first_doc, last_doc)]


def one_run(n_events: int, phase: str) -> dict[str, float]:
    """Fill a store with ``n_events`` and time one phase: ``full`` or ``incremental``."""
    n_docs = n_events // EVENTS_PER_DOC
    with EventStore(":memory:") as store:
        if phase == "full":
            _fill(store, 0, n_docs)
            start = time.perf_counter()
            Fuser(store).fuse_all()
        else:
            cut = n_docs * 9 // 10
            _fill(store, 0, cut)
            fuser = Fuser(store)
            fuser.fuse_all()
            new = _fill(store, cut, n_docs)
            start = time.perf_counter()
            fuser.fuse_new(new)  # one pass per run, as ``whowhom code`` does
        seconds = time.perf_counter() - start
        row = store.connection.execute("SELECT count(*) FROM fused_events").fetchone()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "fused": row[0] if row else 0, "peak_rss_mb": rss}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(one_run(int(argv[1]), argv[2])))
        return
    sizes = [int(a) for a in argv] or [50_000, 100_000, 200_000]
    results = []
    print(f"{'events':>8} {'fused':>8} {'full s':>8} {'peak MB':>8} {'incr s':>8} {'peak MB':>8}")
    for n in sizes:
        r = {phase: json.loads(subprocess.run(
                [sys.executable, __file__, "--one", str(n), phase],
                check=True, capture_output=True, text=True).stdout)
             for phase in ("full", "incremental")}
        results.append((n, r))
        full, inc = r["full"], r["incremental"]
        print(f"{n:>8} {full['fused']:>8} {full['seconds']:>8.1f} {full['peak_rss_mb']:>8.0f}"
              f" {inc['seconds']:>8.1f} {inc['peak_rss_mb']:>8.0f}")
    if len(results) >= 2:
        (n0, first), (n1, last) = results[0], results[-1]
        print(f"growth {n0} -> {n1} events (x{n1 / n0:.0f}): full time"
              f" x{last['full']['seconds'] / first['full']['seconds']:.2f}, incremental time"
              f" x{last['incremental']['seconds'] / first['incremental']['seconds']:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
