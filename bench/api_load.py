"""API load: p50/p95 latency and requests per second of ``whowhom serve`` under load.

Builds a store of generated events (1,000,000 by default, made by DuckDB SQL in a few
seconds), starts ``whowhom serve`` on it in a subprocess on 127.0.0.1, and loads it
from a second process with 20 concurrent clients: ``wrk`` (Debian's package) when it
is installed, else an httpx client. Target: p95 < 100 ms for a filtered page of 100
events.

    python bench/api_load.py [--events 1000000] [--clients 20] [--seconds 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx

from whowhom.store.db import EventStore

STATES = ("KAZ", "BLR", "RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "TUR", "IRN", "SAU",
          "ARM", "AZE", "KGZ", "TJK", "UZB", "JPN", "KOR", "PRK", "IND", "PAK", "ISR", "EGY",
          "NGA", "BRA", "MEX", "ECU", "POL", "GEO")
# (PLOVER type, CAMEO code, Goldstein, QuadClass)
TYPES = (("CONSULT", "040", 1.0, 1), ("AGREE", "030", 4.0, 1), ("SUPPORT", "051", 3.4, 1),
         ("COOPERATE", "060", 6.0, 2), ("AID", "070", 7.0, 2), ("REQUEST", "020", 3.0, 1),
         ("CONCEDE", "080", 5.0, 2), ("RETREAT", "087", 9.0, 2), ("ACCUSE", "111", -2.0, 3),
         ("REJECT", "120", -4.0, 3), ("THREATEN", "130", -4.4, 3), ("PROTEST", "140", -6.5, 4),
         ("SANCTION", "163", -8.0, 4), ("MOBILIZE", "150", -7.2, 4),
         ("COERCE", "170", -7.0, 4), ("ASSAULT", "190", -10.0, 4))
QUERIES = {
    "events: ?country=KAZ&limit=100": "/api/events?country=KAZ&limit=100",
    "dyads: ?a=KAZ&b=BLR&interval=month": "/api/dyads?a=KAZ&b=BLR&interval=month",
}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
               + summary.errors.status + summary.errors.timeout
  io.write(string.format("WHOWHOM %f %f %d %d %d\\n", latency:percentile(50) / 1000,
           latency:percentile(95) / 1000, summary.requests, summary.duration, errors))
end
"""


def build_store(db: Path, n: int) -> None:
    """``n`` events over 1,000 documents, 30 states and 16 types, dated 2020 to 2024."""
    with EventStore(db):  # creates the schema
        pass
    con = duckdb.connect(str(db))
    states = list(STATES)
    types = [list(t) for t in TYPES]
    con.execute("CREATE TEMP TABLE s AS SELECT * FROM (SELECT unnest($s) AS c,"
                " generate_subscripts($s, 1) - 1 AS i)", {"s": states})
    con.execute("CREATE TEMP TABLE t AS SELECT x[1] AS event, x[2] AS cameo,"
                " x[3]::DOUBLE AS goldstein, x[4]::INTEGER AS quad,"
                " row_number() OVER () - 1 AS i FROM (SELECT unnest($t) AS x)",
                {"t": [[str(v) for v in t] for t in types]})
    con.execute(f"""
        INSERT INTO documents (doc_id, path, title, published, url, outlet, text, content_hash,
                               coder_version, coded_at, n_events)
        SELECT 'doc' || i, 'gen/doc' || i || '.txt', 'Generated document ' || i,
               strftime(DATE '2020-01-01' + (i % 1800)::INTEGER, '%Y-%m-%d'), '', 'bench',
               'Generated text of document ' || i || '.', md5(i::VARCHAR), 'bench',
               now()::TIMESTAMP, {n} // 1000
        FROM range(1000) r(i)""")
    con.execute(f"""
        INSERT INTO events (event_id, doc_id, event, mode, cameo, goldstein, quad_class,
            source_text, source_name, source_country, source_sector, source_code,
            source_kb_id, source_igo, source_start, source_end,
            target_text, target_name, target_country, target_sector, target_code,
            target_kb_id, target_igo, target_start, target_end,
            date, date_precision, event_date, trigger_text, trigger_start, trigger_end,
            sentence, sentence_index, negated, hypothetical, reported_by, confidence, flags)
        SELECT printf('e%07d', g.i), 'doc' || (g.i % 1000), t.event, '', t.cameo,
            t.goldstein, t.quad,
            src.c, src.c || ' Government', src.c, 'GOV', src.c || 'GOV', src.c, '', 0, 10,
            tgt.c, tgt.c || ' Government', tgt.c, 'GOV', tgt.c || 'GOV', tgt.c, '', 20, 30,
            strftime(DATE '2020-01-01' + (g.i % 1800)::INTEGER, '%Y-%m-%d'), 'day',
            DATE '2020-01-01' + (g.i % 1800)::INTEGER, 'acted', 11, 16,
            'A generated sentence about two states.', 0, g.i % 50 = 0, false, NULL,
            (g.i % 100) / 100.0, []::VARCHAR[]
        FROM range({n}) g(i)
        JOIN s src ON src.i = g.i % 30
        JOIN s tgt ON tgt.i = (g.i % 30 + 1 + (g.i // 30) % 29) % 30
        JOIN t ON t.i = (g.i // 7) % 16""")
    con.execute("CHECKPOINT")
    con.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from whowhom.cli import main; main()", "serve",
               "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/events?limit=1").status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 60 s")


def with_wrk(url: str, clients: int, seconds: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s",
                              "-s", script.name,
                              url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("WHOWHOM "))
    p50, p95, requests, duration_us, errors = line.split()[1:]
    return {"p50_ms": float(p50), "p95_ms": float(p95),
            "requests_per_s": int(requests) / (int(duration_us) / 1e6), "errors": int(errors)}


def with_httpx(url: str, clients: int, seconds: int) -> dict[str, float]:
    """Runs in a child process, so the load comes from a second process as with wrk."""
    code = f"""
import asyncio, json, time, httpx
async def main():
    latencies, errors = [], 0
    end = time.monotonic() + {seconds}
    async with httpx.AsyncClient(timeout=30) as client:
        async def worker():
            nonlocal errors
            while time.monotonic() < end:
                t = time.perf_counter()
                r = await client.get({url!r})
                latencies.append(time.perf_counter() - t)
                errors += r.status_code != 200
        start = time.monotonic()
        await asyncio.gather(*(worker() for _ in range({clients})))
    print(json.dumps([latencies, errors, time.monotonic() - start]))
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    latencies, errors, elapsed = json.loads(out)
    cuts = statistics.quantiles(latencies, n=100)
    return {"p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000,
            "requests_per_s": len(latencies) / elapsed, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="whowhom-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.duckdb"
    try:
        if not db.exists():
            started = time.perf_counter()
            build_store(db, args.events)
            print(f"built {args.events:,} events in {time.perf_counter() - started:.1f} s "
                  f"({db.stat().st_size / 1e6:.0f} MB)")
        port = free_port()
        server = start_server(db, port)
        tool = "wrk" if shutil.which("wrk") else "httpx"
        load = with_wrk if tool == "wrk" else with_httpx
        print(f"load: {tool}, {args.clients} concurrent clients, {args.seconds} s per query")
        try:
            for name, path in QUERIES.items():
                url = f"http://127.0.0.1:{port}{path}"
                load(url, args.clients, 2)  # warm-up
                r = load(url, args.clients, args.seconds)
                print(f"{name:40s} p50 {r['p50_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms   "
                      f"{r['requests_per_s']:7.1f} req/s   errors {r['errors']}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
