"""Benchmark of the actor knowledge base: load time, memory, size, and lookups per second.

Run: .venv/bin/python bench/kb_lookup.py
"""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc

from whowhom.kb.loader import load_kb
from whowhom.kb.resolver import Resolver

DAY = dt.date(2024, 8, 15)
# first sight: every lookup computed; repeated: the same (name, date) again, answered from
# the resolver's cache as in a news stream, where names recur
# misses that go through fuzzy matching: typos of known names and names absent from the base
FUZZY_MISSES = ["Lukaschenka", "Nurleu", "Zelenskii", "Jeyhun Bairamov", "Tokayyev",
                "Timur Abdrakhimov", "Gohar Melkonyan", "Nino Beridze", "Vitebsk",
                "Sarah Pemberton", "Aibek Tokonbayev", "Kazahkstan"]


def rate(resolver: Resolver, names: list[str], seconds: float = 2.0) -> float:
    """Resolutions per second over ``names``, repeated for about ``seconds``."""
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for name in names:
            resolver.resolve(name, DAY)
        n += len(names)
    return n / (time.perf_counter() - start)


def main() -> None:
    start = time.perf_counter()
    kb = load_kb()
    loaded = time.perf_counter()
    resolver = Resolver(kb)
    built = time.perf_counter()
    tracemalloc.start()  # a second load, traced (tracing slows it several times over)
    traced = Resolver(load_kb())
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced

    offices = {(r.office, r.country, r.org or "") for p in kb.people.values() for r in p.roles}
    print(f"load: {loaded - start:.2f} s YAML + {built - loaded:.2f} s resolver "
          f"(index, surname and fuzzy tables)")
    print(f"memory: {current / 2**20:.1f} MiB held, {peak / 2**20:.1f} MiB peak (tracemalloc)")
    print(f"states {len(kb.countries)}, organisations {len(kb.organisations)}, "
          f"people {len(kb.people)}, roles {sum(len(p.roles) for p in kb.people.values())}, "
          f"offices (distinct office + country) {len(offices)}")

    # every name and alias of the base, each once: the parse cache starts cold
    hits = [a for p in kb.people.values() for a in (p.name, *p.aliases)]
    hits += [a for c in kb.countries.values() for a in (c.name, *c.aliases, *c.capitals)]
    hits += [a for o in kb.organisations.values() for a in (o.name, *o.aliases)]
    t = time.perf_counter()
    for name in hits:
        resolver.resolve(name, DAY)
    cold = len(hits) / (time.perf_counter() - t)
    print(f"exact/alias hits, first sight ({len(hits)} distinct names): {cold:,.0f} lookups/s")
    t, n = time.perf_counter(), 0
    for offset in range(1, 4):  # words already normalised, but a new date each pass
        day = DAY + dt.timedelta(days=offset)
        for name in hits:
            resolver.resolve(name, day)
        n += len(hits)
    print(f"exact/alias hits, seen words on a new date: "
          f"{n / (time.perf_counter() - t):,.0f} lookups/s")
    print(f"exact/alias hits, repeated (cached): {rate(resolver, hits):,.0f} lookups/s")
    composed = ["Kazakh Foreign Ministry", "protesters in Yerevan", "Russian forces",
                "the Belarusian embassy in Yerevan", "Kazakhstan's Ambassador to Belarus"]
    print(f"composed phrases, repeated: {rate(resolver, composed):,.0f} lookups/s")
    resolver = Resolver(kb)  # cold cache again, so every fuzzy miss is computed
    t = time.perf_counter()
    for name in FUZZY_MISSES:
        resolver.resolve(name, DAY)
    print(f"fuzzy misses, first sight: "
          f"{len(FUZZY_MISSES) / (time.perf_counter() - t):,.0f} lookups/s")


if __name__ == "__main__":
    main()
