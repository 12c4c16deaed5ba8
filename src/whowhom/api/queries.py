"""Read-side queries of the API and the plots: sorted pages, evidence, dyads, network.

They reuse the store's filter (``EventFilter`` and its WHERE builder) and record
builder, and run on the store's own DuckDB connection; every value enters the SQL as a
parameter, and the few SQL fragments that vary (sort column, direction, period) are
picked from fixed tables here, never taken from the request. Nothing here imports
FastAPI, so ``whowhom plot`` uses the same aggregates as the dashboard.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from whowhom.errors import WhowhomError
from whowhom.kb.model import KnowledgeBase
from whowhom.store.db import (
    EVENT_COLUMNS,
    EventFilter,
    EventStore,
    _event_record,
    _filter_date,
    _where,
)

SORTS = ("date", "confidence", "goldstein")
ORDERS = ("asc", "desc")
INTERVALS = ("week", "month", "year")

# Sort key per (sort, order): NULLs go last both ways, so they are replaced by a value
# beyond every real one in the direction of the sort.
_SORT_SQL = {
    ("date", "asc"): "coalesce(event_date, DATE '9999-12-31')",
    ("date", "desc"): "coalesce(event_date, DATE '0001-01-01')",
    ("confidence", "asc"): "coalesce(confidence, 2.0)",
    ("confidence", "desc"): "coalesce(confidence, -1.0)",
    ("goldstein", "asc"): "coalesce(goldstein, 100.0)",
    ("goldstein", "desc"): "coalesce(goldstein, -100.0)",
}

# A node of the network is a state (its ISO code) or an organisation (its kb id).
_NODE_SQL = {
    side: f"CASE WHEN {side}_country = 'IGO' AND coalesce({side}_igo, '') <> ''"
    f" THEN {side}_igo ELSE {side}_country END"
    for side in ("source", "target")
}
_DEFAULT_ONLY = "NOT negated AND NOT hypothetical"
_MAX_FILLED_PERIODS = 2000


class QueryError(ValueError):
    """A request the store cannot answer as asked (bad cursor, bad date); the API's 400."""


def _con(store: EventStore) -> duckdb.DuckDBPyConnection:
    return store.connection


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    next_cursor: str | None


def _encode_cursor(sort: str, order: str, key: Any, event_id: str) -> str:
    value = key.isoformat() if isinstance(key, dt.date) else key
    raw = json.dumps([sort, order, value, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str, order: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        c_sort, c_order, value, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise QueryError("cursor is not one this API returned; start again without it") from exc
    if (c_sort, c_order) != (sort, order) or not isinstance(event_id, str):
        raise QueryError("cursor belongs to another sort order; start again without it")
    try:
        if sort == "date":
            return dt.date.fromisoformat(value), event_id
        return float(value), event_id
    except (TypeError, ValueError) as exc:
        raise QueryError("cursor is not one this API returned; start again without it") from exc


def where(f: EventFilter) -> tuple[str, dict[str, Any]]:
    """The store's WHERE clause for ``f``; a bad date becomes a ``QueryError``."""
    for value, name, end in ((f.since, "since", False), (f.until, "until", True)):
        if value:
            try:
                _filter_date(value, name, end=end)
            except WhowhomError as exc:
                raise QueryError(f"{name} must be a date like 2024-08-23, got {value!r}") from exc
    return _where(f)


def events_page(store: EventStore, f: EventFilter, *, sort: str = "date", order: str = "desc",
                cursor: str | None = None) -> Page:
    """One page of events in the asked order; ``f.limit`` and ``f.offset`` bound it.

    ``cursor`` continues after the last event of the previous page (keyset paging:
    as fast on page 1,000 as on page 1); ``total`` counts all matching events.
    """
    key_sql = _SORT_SQL[(sort, order)]
    where_sql, params = where(replace(f, limit=None, offset=0))
    total_row = _con(store).execute(f"SELECT count(*) FROM events{where_sql}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    direction = "ASC" if order == "asc" else "DESC"
    cmp = ">" if order == "asc" else "<"
    clauses = [where_sql]
    if cursor:
        key, after_id = _decode_cursor(cursor, sort, order)
        joiner = " AND " if where_sql else " WHERE "
        clauses.append(f"{joiner}({key_sql} {cmp} $ck"
                       f" OR ({key_sql} = $ck AND event_id {cmp} $cid))")
        params.update(ck=key, cid=after_id)
    limit = f.limit if f.limit is not None else 100
    # Two steps: the page's ids from a narrow scan, then their rows through the primary
    # key. Sorting the matches with every column along is several times slower.
    sql = (f"SELECT event_id, {key_sql} AS sort_key FROM events{''.join(clauses)}"
           f" ORDER BY sort_key {direction}, event_id {direction} LIMIT $limit OFFSET $offset")
    params.update(limit=limit, offset=f.offset)
    keys = _con(store).execute(sql, params).fetchall()
    by_id = {}
    if keys:
        marks = ", ".join(f"$id{i}" for i in range(len(keys)))
        rows = _con(store).execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE event_id IN ({marks})",
            {f"id{i}": event_id for i, (event_id, _) in enumerate(keys)},
        ).fetchall()
        by_id = {row[0]: row for row in rows}
    items = [_event_record(by_id[event_id]) for event_id, _ in keys]
    next_cursor = None
    if len(keys) == limit:
        last_id, last_key = keys[-1]
        next_cursor = _encode_cursor(sort, order, last_key, last_id)
    return Page(items, total, next_cursor)


def get_event(store: EventStore, event_id: str) -> dict[str, Any] | None:
    row = _con(store).execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE event_id = ?", [event_id]
    ).fetchone()
    return _event_record(row) if row else None


def document_events(store: EventStore, doc_id: str) -> list[dict[str, Any]]:
    """Every event of a document, negated and hypothetical ones included, in text order."""
    rows = _con(store).execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE doc_id = ?"
        " ORDER BY trigger_start, event_id", [doc_id]
    ).fetchall()
    return [_event_record(row) for row in rows]


def event_spans(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Source, trigger and target as spans of the document text, in text order."""
    spans = []
    for role in ("source", "trigger", "target"):
        part = event.get(role)
        if part and part.get("span") and part["span"][0] is not None:
            start, end = part["span"]
            spans.append({"role": role, "start": start, "end": end, "text": part["text"]})
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def sentence_offset(event: dict[str, Any], text: str | None) -> int | None:
    """Where the event's sentence starts in the document text, or None when unknown.

    The sentence may occur more than once; the occurrence holding the trigger wins.
    Without the document, the trigger's place in the sentence gives the offset.
    """
    sentence = event.get("sentence") or ""
    trigger_start, _ = event["trigger"]["span"]
    if text and sentence:
        start = text.find(sentence)
        while start != -1:
            if start <= trigger_start < start + len(sentence):
                return start
            start = text.find(sentence, start + 1)
    at = sentence.find(event["trigger"]["text"]) if event["trigger"]["text"] else -1
    return trigger_start - at if at != -1 else None


def evidence(event: dict[str, Any], document: dict[str, Any] | None) -> dict[str, Any]:
    """The sentence with source, trigger and target spans relative to it, and the document."""
    sentence = event.get("sentence") or ""
    offset = sentence_offset(event, document["text"] if document else None)
    spans = []
    if offset is not None:
        for span in event_spans(event):
            start, end = span["start"] - offset, span["end"] - offset
            if 0 <= start < end <= len(sentence):
                spans.append({**span, "start": start, "end": end})
    return {
        "sentence": sentence,
        "sentence_start": offset,
        "spans": spans,
        "document": {
            "doc_id": event["doc_id"],
            "title": document["title"] if document else None,
            "published": document["published"] if document else None,
            "url": document["url"] if document else None,
            "api": f"/api/documents/{event['doc_id']}",
            "page": f"/#/documents/{event['doc_id']}",
        },
    }


def _period_sql(interval: str) -> str:
    return {"week": "date_trunc('week', event_date)", "month": "date_trunc('month', event_date)",
            "year": "date_trunc('year', event_date)"}[interval]


def _next_period(day: dt.date, interval: str) -> dt.date:
    if interval == "week":
        return day + dt.timedelta(days=7)
    if interval == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def _fill(periods: list[dt.date], interval: str) -> list[dt.date]:
    """All periods from the first to the last, so that gaps show as zero on a timeline."""
    if not periods:
        return []
    out = [periods[0]]
    while out[-1] < periods[-1] and len(out) < _MAX_FILLED_PERIODS:
        out.append(_next_period(out[-1], interval))
    return out if out[-1] >= periods[-1] else sorted(set(periods))


def _empty_side() -> dict[str, Any]:
    return {"events": 0, "by_type": {}, "quad_class": {"1": 0, "2": 0, "3": 0, "4": 0},
            "goldstein_sum": 0.0, "goldstein_mean": None, "_scored": 0}


def _finish_side(side: dict[str, Any]) -> dict[str, Any]:
    scored = side.pop("_scored")
    side["goldstein_sum"] = round(side["goldstein_sum"], 3)
    side["goldstein_mean"] = round(side["goldstein_sum"] / scored, 3) if scored else None
    return side


def _date_bounds(since: str | None, until: str | None) -> tuple[str, dict[str, Any]]:
    clauses, params = "", {}
    for value, name, end, op in ((since, "since", False, ">="), (until, "until", True, "<=")):
        if value:
            try:
                params[name] = _filter_date(value, name, end=end)
            except WhowhomError as exc:
                raise QueryError(f"{name} must be a date like 2024-08-23, got {value!r}") from exc
            clauses += f" AND event_date {op} ${name}"
    return clauses, params


def dyad(store: EventStore, a: str, b: str, *, interval: str = "month",
         since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Events between ``a`` and ``b`` (states or organisations) per period, both ways.

    Each period holds, per direction, the count per PLOVER type, the QuadClass split
    and the Goldstein sum and mean; ``totals`` sums each direction over all periods.
    """
    a, b = a.upper(), b.upper()
    bounds, params = _date_bounds(since, until)
    src, tgt = _NODE_SQL["source"], _NODE_SQL["target"]
    rows = _con(store).execute(
        f"SELECT {_period_sql(interval)}::DATE AS period, upper({src}) = $a AS a_to_b, event,"
        " quad_class, count(*), sum(goldstein), count(goldstein) FROM events"
        f" WHERE {_DEFAULT_ONLY} AND event_date IS NOT NULL{bounds}"
        " AND source_country IN ($a_country, 'IGO') AND target_country IN ($b_country, 'IGO')"
        f" AND upper({src}) = $a AND upper({tgt}) = $b"
        " GROUP BY ALL"
        " UNION ALL "
        f"SELECT {_period_sql(interval)}::DATE, false, event, quad_class, count(*),"
        " sum(goldstein), count(goldstein) FROM events"
        f" WHERE {_DEFAULT_ONLY} AND event_date IS NOT NULL{bounds}"
        " AND source_country IN ($b_country, 'IGO') AND target_country IN ($a_country, 'IGO')"
        f" AND upper({src}) = $b AND upper({tgt}) = $a"
        " GROUP BY ALL",
        {**params, "a": a, "b": b, "a_country": a, "b_country": b},
    ).fetchall()
    by_period: dict[dt.date, dict[str, dict[str, Any]]] = defaultdict(
        lambda: {"a_to_b": _empty_side(), "b_to_a": _empty_side()})
    totals = {"a_to_b": _empty_side(), "b_to_a": _empty_side()}
    for period, a_to_b, event, quad, n, g_sum, g_n in rows:
        direction = "a_to_b" if a_to_b else "b_to_a"
        for side in (by_period[period][direction], totals[direction]):
            side["events"] += n
            side["by_type"][event] = side["by_type"].get(event, 0) + n
            if quad is not None:
                side["quad_class"][str(quad)] += n
            side["goldstein_sum"] += g_sum or 0.0
            side["_scored"] += g_n
    periods = []
    for period in _fill(sorted(by_period), interval):
        sides = by_period.get(period) or {"a_to_b": _empty_side(), "b_to_a": _empty_side()}
        periods.append({"period": period.isoformat(),
                        **{k: _finish_side(v) for k, v in sides.items()}})
    return {"a": a, "b": b, "interval": interval, "periods": periods,
            "totals": {k: _finish_side(v) for k, v in totals.items()}}


def timeline(store: EventStore, f: EventFilter, interval: str = "month") -> list[dict[str, Any]]:
    """Events per period and QuadClass for the filter (the overview's chart)."""
    where_sql, params = where(replace(f, limit=None, offset=0))
    joiner = " AND " if where_sql else " WHERE "
    rows = _con(store).execute(
        f"SELECT {_period_sql(interval)}::DATE AS period, quad_class, count(*) FROM events"
        f"{where_sql}{joiner}event_date IS NOT NULL GROUP BY ALL", params
    ).fetchall()
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: {"1": 0, "2": 0, "3": 0, "4": 0})
    for period, quad, n in rows:
        if quad is not None:
            counts[period][str(quad)] += n
    return [{"period": p.isoformat(), "quad_class": dict(counts.get(p) or
                                                        {"1": 0, "2": 0, "3": 0, "4": 0})}
            for p in _fill(sorted(counts), interval)]


def node_label(kb: KnowledgeBase, node: str) -> tuple[str, str]:
    """(name, kind) of a network node: a state, an organisation, or unknown."""
    if node in kb.countries:
        return kb.countries[node].name, "state"
    if node in kb.organisations:
        return kb.organisations[node].name, "organisation"
    return node, "state" if len(node) == 3 and node.isupper() else "organisation"


def network(store: EventStore, kb: KnowledgeBase, *, since: str | None = None,
            until: str | None = None, min_events: int = 1,
            max_edges: int = 200) -> dict[str, Any]:
    """States and organisations as nodes, their dyads as undirected weighted edges.

    An edge's ``weight`` is its event count, its sign the mean Goldstein score
    (cooperation > 0 > conflict); the ``max_edges`` heaviest edges are kept, with the
    nodes they touch plus the busiest remaining nodes.
    """
    bounds, params = _date_bounds(since, until)
    src, tgt = _NODE_SQL["source"], _NODE_SQL["target"]
    base = f"FROM events WHERE {_DEFAULT_ONLY}{bounds}"
    edge_rows = _con(store).execute(
        f"WITH e AS (SELECT {src} AS s, {tgt} AS t, goldstein, quad_class {base}"
        " AND coalesce(source_country, '') <> '' AND coalesce(target_country, '') <> '')"
        " SELECT least(s, t) AS x, greatest(s, t) AS y, count(*) AS n, sum(goldstein),"
        " count(goldstein), count(*) FILTER (quad_class <= 2),"
        " count(*) FILTER (quad_class >= 3) FROM e WHERE s <> t AND s <> '' AND t <> ''"
        " GROUP BY ALL HAVING count(*) >= $min_events ORDER BY n DESC, x, y LIMIT $max_edges",
        {**params, "min_events": min_events, "max_edges": max_edges},
    ).fetchall()
    node_rows = _con(store).execute(
        f"WITH n AS (SELECT {src} AS node {base} UNION ALL SELECT {tgt} {base})"
        " SELECT node, count(*) AS n FROM n WHERE coalesce(node, '') <> ''"
        " GROUP BY node ORDER BY n DESC, node", params
    ).fetchall()
    counts = dict(node_rows)
    edges = []
    wanted: set[str] = set()
    for x, y, n, g_sum, g_n, coop, conflict in edge_rows:
        mean = round(g_sum / g_n, 3) if g_n else None
        edges.append({"source": x, "target": y, "weight": n, "goldstein_sum": round(g_sum or 0, 3),
                      "goldstein_mean": mean, "cooperation": coop, "conflict": conflict})
        wanted.update((x, y))
    for node, _ in node_rows:  # the busiest nodes without edges, up to max_edges in all
        if len(wanted) >= max_edges:
            break
        wanted.add(node)
    nodes = []
    for node in sorted(wanted, key=lambda k: (-counts.get(k, 0), k)):
        name, kind = node_label(kb, node)
        nodes.append({"id": node, "label": name, "kind": kind, "events": counts.get(node, 0)})
    return {"nodes": nodes, "edges": edges}


def store_actors(store: EventStore, q: str, limit: int) -> list[dict[str, Any]]:
    """Actors of the stored events whose name, text or code contains ``q``, busiest first."""
    rows = _con(store).execute(
        "WITH a AS ("
        " SELECT source_name AS name, source_code AS code, source_country AS country,"
        " source_kb_id AS kb_id, source_text AS text FROM events"
        " UNION ALL SELECT target_name, target_code, target_country, target_kb_id, target_text"
        " FROM events WHERE target_start IS NOT NULL)"
        " SELECT name, code, country, kb_id, count(*) AS n FROM a"
        " WHERE contains(lower(name), $q) OR contains(lower(code), $q)"
        " OR contains(lower(text), $q)"
        " GROUP BY name, code, country, kb_id ORDER BY n DESC, name LIMIT $limit",
        {"q": q.lower(), "limit": limit},
    ).fetchall()
    return [{"source": "store", "kind": "actor", "id": kb_id or code, "name": name,
             "country": country, "code": code, "kb_id": kb_id, "events": n}
            for name, code, country, kb_id, n in rows]


def kb_actors(kb: KnowledgeBase, q: str, limit: int) -> list[dict[str, Any]]:
    """Knowledge-base states, organisations and people whose names contain ``q``.

    Exact matches first, then names starting with ``q``, then any containing it.
    """
    needle = q.lower()
    found: list[tuple[int, str, dict[str, Any]]] = []

    def rank(names: tuple[str, ...]) -> int | None:
        best = None
        for name in names:
            low = name.lower()
            r = (0 if low == needle else 1 if low.startswith(needle)
                 else 2 if needle in low else None)
            if r is not None and (best is None or r < best):
                best = r
        return best

    for c in kb.countries.values():
        r = rank((c.id, c.name, *c.aliases, *c.demonyms))
        if r is not None:
            found.append((r, c.name, {"source": "kb", "kind": "state", "id": c.id,
                                      "name": c.name, "country": c.id, "code": c.id,
                                      "kb_id": c.id}))
    for o in kb.organisations.values():
        r = rank((o.id, o.name, *o.aliases))
        if r is not None:
            found.append((r, o.name, {"source": "kb", "kind": "organisation", "id": o.id,
                                      "name": o.name, "country": "IGO", "code": f"IGO{o.id}",
                                      "kb_id": o.id}))
    for p in kb.people.values():
        r = rank((p.name, *p.aliases))
        if r is not None:
            found.append((r, p.name, {"source": "kb", "kind": "person", "id": p.id,
                                      "name": p.name, "country": p.country, "code": None,
                                      "kb_id": p.id}))
    found.sort(key=lambda item: (item[0], item[1]))
    return [item for _, _, item in found[:limit]]
