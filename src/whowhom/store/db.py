"""The DuckDB event store: documents, their coded events and read failures in one file.

Events are kept flat, one column per events-format.md §2 field, so that they can be
filtered, indexed and exported to CSV or Parquet as they are; ``query_events`` rebuilds
the nested §2 dicts. Rows are written in bulk by ``unnest``-ing one parameter list per
column: DuckDB's ``executemany`` runs one statement per row, which is far too slow for
the tens of thousands of events a corpus gives.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb

from whowhom.errors import WhowhomError
from whowhom.model import Document, ReadFailure

SCHEMA_VERSION = 2  # 2 added near-duplicates, fused events and stories

EXPORT_FORMATS = ("jsonl", "csv", "parquet")

_ACTOR_FIELDS = ("text", "name", "country", "sector", "code", "kb_id", "igo")


def _actor_columns(side: str) -> tuple[str, ...]:
    return (*(f"{side}_{name}" for name in _ACTOR_FIELDS), f"{side}_start", f"{side}_end")


# Column order of the events table in schema.sql; ``_flatten_event`` yields values in it.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc_id",
    "event",
    "mode",
    "cameo",
    "goldstein",
    "quad_class",
    *_actor_columns("source"),
    *_actor_columns("target"),
    "date",
    "date_precision",
    "event_date",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "sentence",
    "sentence_index",
    "negated",
    "hypothetical",
    "reported_by",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "confidence",
    "flags",
)

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "path",
    "title",
    "published",
    "url",
    "outlet",
    "text",
    "content_hash",
    "coder_version",
    "coded_at",
    "n_events",
)

# Fields a fused event adds to its representative's §2 record (fused_events columns).
FUSED_FIELDS: tuple[str, ...] = (
    "fused_id",
    "n_mentions",
    "n_documents",
    "n_outlets",
    "first_report",
    "last_report",
    "doc_ids",
)

_DEFAULT_ONLY = "NOT negated AND NOT hypothetical"
_ORDER_BY = " ORDER BY event_date NULLS LAST, doc_id, sentence_index, trigger_start, event_id"
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class EventFilter:
    """Which events a query returns; every field left as None does not filter."""

    event: str | None = None  # PLOVER type
    country: str | None = None  # source or target country
    actor: str | None = None  # substring of a side's name, text or code; or exact kb_id
    since: str | None = None  # ISO date, YYYY-MM or YYYY; compared with event_date
    until: str | None = None  # inclusive; a month or year reaches to its last day
    doc: str | None = None  # doc_id
    include_all: bool = False  # False hides negated and hypothetical events
    min_confidence: float | None = None
    limit: int | None = None
    offset: int = 0


class EventStore:
    """One DuckDB database (a file, or ``":memory:"``) holding coded documents.

    Use it as a context manager or call ``close()``. A connection is not safe to share
    between threads; open one store per thread.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self._read_only = read_only
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise WhowhomError(
                "E040",
                f"cannot open the event store {self.path!r}: {exc}",
                "check the path, or close the other program that has the store open",
            ) from exc
        try:
            self._open_schema()
        except BaseException:
            self._con.close()
            raise
        self._types = {table: self._column_types(table) for table in ("documents", "events")}

    def _open_schema(self) -> None:
        stored = self._stored_schema_version()
        if stored is not None and stored > SCHEMA_VERSION:
            raise WhowhomError(
                "E041",
                f"the event store {self.path!r} has schema version {stored}, newer than "
                f"version {SCHEMA_VERSION} that this whowhom understands",
                "upgrade whowhom, or code into a new store with --db",
            )
        if self._read_only:  # used as it is: a read-only connection cannot CREATE
            return
        schema = files("whowhom.store").joinpath("schema.sql").read_text(encoding="utf-8")
        self._con.execute(schema)
        # schema.sql only adds tables and columns, so an older store is upgraded in place.
        self._con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [str(SCHEMA_VERSION)],
        )

    def _stored_schema_version(self) -> int | None:
        has_meta = self._con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = 'main' AND table_name = 'meta'"
        ).fetchone()
        if not has_meta or not has_meta[0]:
            return None
        row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else None

    def _column_types(self, table: str) -> dict[str, str]:
        rows = self._con.execute(f"DESCRIBE {table}").fetchall()
        return {name: type_ for name, type_, *_ in rows}

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for the fusion stage's bulk reads and writes."""
        return self._con

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.begin()
        try:
            yield
            self._con.commit()
        except BaseException:
            # A failed commit may already have ended the transaction.
            with contextlib.suppress(duckdb.Error):
                self._con.rollback()
            raise

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert ``rows`` with one statement: each column goes in as one list parameter."""
        if not rows:
            return
        types = self._types[table]
        selects = ", ".join(f"unnest(?::{types[name]}[])" for name in columns)
        values = [list(column) for column in zip(*rows, strict=True)]
        self._con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {selects}", values)

    # -- writing -------------------------------------------------------------------------

    def save_document(
        self, doc: Document, events: Sequence[dict[str, Any]], coder_version: str
    ) -> None:
        """Store ``doc`` and its §2 events, replacing whatever was stored for it before."""
        self.save_documents([(doc, events)], coder_version)

    def save_documents(
        self,
        batch: Sequence[tuple[Document, Sequence[dict[str, Any]]]],
        coder_version: str,
    ) -> None:
        """Store a batch of documents with their events in one transaction.

        Each document's old events are deleted and its row replaced; whole-file failures
        recorded for its path are cleared. If anything fails, nothing of the batch is
        written, so an interrupted run leaves only whole documents behind. A document
        listed twice keeps its last coding.
        """
        latest = {doc.doc_id: (doc, events) for doc, events in batch}
        if not latest:
            return
        coded_at = _utc_now()
        doc_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        for doc, events in latest.values():
            rows = [_flatten_event(index, event, doc) for index, event in enumerate(events)]
            event_rows.extend(rows)
            doc_rows.append(
                (
                    doc.doc_id,
                    doc.path,
                    doc.title,
                    doc.published or None,
                    doc.url,
                    doc.outlet,
                    doc.text,
                    doc.content_hash,
                    coder_version,
                    coded_at,
                    len(rows),
                )
            )
        doc_ids = list(latest)
        paths = sorted({doc.path for doc, _ in latest.values()})
        with self._transaction():
            self._con.execute(
                "DELETE FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
            )
            self._con.execute(
                "DELETE FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
            )
            self._insert("documents", DOCUMENT_COLUMNS, doc_rows)
            self._insert("events", EVENT_COLUMNS, event_rows)
            self._con.execute(
                "DELETE FROM failures WHERE line IS NULL AND path IN (SELECT unnest(?::VARCHAR[]))",
                [paths],
            )

    def is_current(self, doc_id: str, content_hash: str, coder_version: str) -> bool:
        """Whether ``doc_id`` is stored with this text and coder version (a re-run skips it)."""
        row = self._con.execute(
            "SELECT count(*) FROM documents"
            " WHERE doc_id = ? AND content_hash = ? AND coder_version = ?",
            [doc_id, content_hash, coder_version],
        ).fetchone()
        return bool(row and row[0])

    def record_failure(self, failure: ReadFailure) -> None:
        """Record that a file (or one line of it) could not be read; replaces an older record."""
        with self._transaction():
            self._con.execute(
                "DELETE FROM failures WHERE path = ? AND line IS NOT DISTINCT FROM ?",
                [failure.path, failure.line],
            )
            self._con.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?)",
                [failure.path, failure.line, failure.reason, _utc_now()],
            )

    def clear_failures(self, path: str) -> None:
        """Forget every failure of ``path``, whole-file and per-line.

        Call it before reading a file again: a document does not know which line of a
        JSON Lines file it came from, so saving one clears only whole-file failures.
        """
        self._con.execute("DELETE FROM failures WHERE path = ?", [path])

    # -- reading -------------------------------------------------------------------------

    def failures(self) -> list[dict[str, Any]]:
        rows = self._con.execute(
            "SELECT path, line, reason, failed_at FROM failures ORDER BY path, line NULLS FIRST"
        ).fetchall()
        return [
            {"path": path, "line": line, "reason": reason, "failed_at": _iso(failed_at)}
            for path, line, reason, failed_at in rows
        ]

    def query_events(self, f: EventFilter) -> list[dict[str, Any]]:
        """Matching events as §2 dicts, ordered by date, document and position."""
        return list(self._iter_events(f))

    def _iter_events(self, f: EventFilter) -> Iterator[dict[str, Any]]:
        sql, params = _select_events(f, ", ".join(EVENT_COLUMNS))
        cursor = self._con.cursor()
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(1000):
                yield from (_event_record(row) for row in rows)
        finally:
            cursor.close()

    def count_events(self, f: EventFilter) -> int:
        """How many events match ``f``, ignoring its limit and offset."""
        where, params = _where(f)
        row = self._con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()
        return int(row[0]) if row else 0

    def query_fused(self, f: EventFilter) -> list[dict[str, Any]]:
        """Matching fused events, ordered like ``query_events``: each is the §2 dict of its
        representative mention (``confidence`` combined over documents) plus ``fused_id``,
        ``n_mentions``, ``n_documents``, ``n_outlets``, ``first_report``, ``last_report``
        and ``doc_ids``. ``f.doc`` matches any of a fused event's documents."""
        sql, params = _select_events(f, ", ".join((*EVENT_COLUMNS, *FUSED_FIELDS)),
                                     table="fused_events")
        rows = self._con.execute(sql, params).fetchall()
        return [_fused_record(row) for row in rows]

    def count_fused(self, f: EventFilter) -> int:
        """How many fused events match ``f``, ignoring its limit and offset."""
        where, params = _where(f, fused=True)
        row = self._con.execute(f"SELECT count(*) FROM fused_events{where}", params).fetchone()
        return int(row[0]) if row else 0

    def get_fused(self, fused_id: str) -> dict[str, Any] | None:
        """One fused event with ``mentions``: its raw events as §2 dicts, in date order."""
        row = self._con.execute(
            f"SELECT {', '.join((*EVENT_COLUMNS, *FUSED_FIELDS))} FROM fused_events"
            " WHERE fused_id = ?",
            [fused_id],
        ).fetchone()
        if row is None:
            return None
        record = _fused_record(row)
        rows = self._con.execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE event_id IN"
            f" (SELECT event_id FROM fused_mentions WHERE fused_id = ?){_ORDER_BY}",
            [fused_id],
        ).fetchall()
        record["mentions"] = [_event_record(r) for r in rows]
        return record

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document with its text, or None."""
        cursor = self._con.execute(
            f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE doc_id = ?", [doc_id]
        )
        row = cursor.fetchone()
        return _document_record(DOCUMENT_COLUMNS, row) if row else None

    def documents(self) -> list[dict[str, Any]]:
        """All stored documents without their text, ordered by doc_id."""
        columns = tuple(name for name in DOCUMENT_COLUMNS if name != "text")
        rows = self._con.execute(
            f"SELECT {', '.join(columns)} FROM documents ORDER BY doc_id"
        ).fetchall()
        return [_document_record(columns, row) for row in rows]

    def summary(self) -> dict[str, Any]:
        """Counts: documents, default-output events, all events, failures, events per type.

        ``by_event`` counts default-output events only, as (event, n) sorted by n desc.
        """
        row = self._con.execute(
            "SELECT (SELECT count(*) FROM documents),"
            f" (SELECT count(*) FROM events WHERE {_DEFAULT_ONLY}),"
            " (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM failures)"
        ).fetchone()
        assert row is not None
        by_event = self._con.execute(
            f"SELECT event, count(*) AS n FROM events WHERE {_DEFAULT_ONLY}"
            " GROUP BY event ORDER BY n DESC, event"
        ).fetchall()
        return {
            "documents": row[0],
            "events": row[1],
            "events_all": row[2],
            "failures": row[3],
            "by_event": [(event, n) for event, n in by_event],
        }

    def export(self, path: Path, fmt: str, f: EventFilter | None = None) -> int:
        """Write matching events to ``path``; returns how many were written.

        ``jsonl`` writes §2 dicts, one per line; ``csv`` and ``parquet`` write the flat
        columns of the events table. Without a filter, default-output events are written.
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; expected one of {EXPORT_FORMATS}")
        f = f or EventFilter()
        if fmt == "jsonl":
            n = 0
            with Path(path).open("w", encoding="utf-8") as out:
                for record in self._iter_events(f):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
            return n
        sql, params = _select_events(f, ", ".join(EVENT_COLUMNS))
        options = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
        # DuckDB 2.0 binds the target path as a parameter, so no quoting is needed.
        row = self._con.execute(
            f"COPY ({sql}) TO $export_path ({options})", {**params, "export_path": str(path)}
        ).fetchone()
        return int(row[0]) if row else 0


# -- helpers -----------------------------------------------------------------------------


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _date_period(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO date, month (YYYY-MM) or year; None when not one.

    Anything after the first ten characters (a time of day) is ignored.
    """
    match = _ISO_PREFIX.match(value or "")
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            date = dt.date(year, month, day)
            return date, date
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _event_date(date: str, published: str) -> dt.date | None:
    """The date used for range filters: the event's own (first day), else publication."""
    period = _date_period(date) or _date_period(published)
    return period[0] if period else None


def _filter_date(value: str, name: str, *, end: bool) -> dt.date:
    period = _date_period(value)
    if period is None:
        raise WhowhomError(
            "E042",
            f"--{name} {value!r} is not a date",
            "give it as YYYY-MM-DD, YYYY-MM or YYYY",
        )
    return period[1] if end else period[0]


def _flatten_actor(actor: dict[str, Any] | None) -> tuple[Any, ...]:
    if actor is None:
        return (None,) * (len(_ACTOR_FIELDS) + 2)
    start, end = actor["span"]
    return (
        actor["text"],
        actor["name"],
        actor["country"],
        actor["sector"],
        actor["code"],
        actor["kb_id"],
        actor.get("igo", ""),
        start,
        end,
    )


def _flatten_event(index: int, event: dict[str, Any], doc: Document) -> tuple[Any, ...]:
    """One row of the events table, in ``EVENT_COLUMNS`` order, from a §2 dict."""
    try:
        if event["doc_id"] != doc.doc_id:
            raise ValueError(f"it names document {event['doc_id']!r}")
        trigger_start, trigger_end = event["trigger"]["span"]
        location = event["location"]
        place = (
            (location["name"], location["country"], location["lat"], location["lon"])
            if location is not None
            else (None,) * 4
        )
        return (
            event["event_id"],
            doc.doc_id,
            event["event"],
            event["mode"],
            event["cameo"],
            event["goldstein"],
            event["quad_class"],
            *_flatten_actor(event["source"]),
            *_flatten_actor(event["target"]),
            event["date"],
            event["date_precision"],
            _event_date(event["date"], doc.published),
            event["trigger"]["text"],
            trigger_start,
            trigger_end,
            event["sentence"],
            event["sentence_index"],
            bool(event["negated"]),
            bool(event["hypothetical"]),
            event["reported_by"],
            *place,
            event["confidence"],
            list(event.get("flags", [])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"event {index} of document {doc.doc_id!r} is not an events-format §2 record: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


def _actor_record(r: dict[str, Any], side: str) -> dict[str, Any] | None:
    if r[f"{side}_start"] is None:
        return None
    return {
        "text": r[f"{side}_text"],
        "name": r[f"{side}_name"],
        "country": r[f"{side}_country"],
        "sector": r[f"{side}_sector"],
        "code": r[f"{side}_code"],
        "kb_id": r[f"{side}_kb_id"],
        "span": [r[f"{side}_start"], r[f"{side}_end"]],
        "igo": r[f"{side}_igo"],
    }


def _event_record(row: Sequence[Any]) -> dict[str, Any]:
    """The §2 dict of one events row, keys in the order of ``Event.to_dict``."""
    r = dict(zip(EVENT_COLUMNS, row, strict=True))
    location = (
        {
            "name": r["location_name"],
            "country": r["location_country"],
            "lat": r["location_lat"],
            "lon": r["location_lon"],
        }
        if r["location_name"] is not None
        else None
    )
    return {
        "event_id": r["event_id"],
        "doc_id": r["doc_id"],
        "event": r["event"],
        "mode": r["mode"],
        "cameo": r["cameo"],
        "goldstein": r["goldstein"],
        "quad_class": r["quad_class"],
        "source": _actor_record(r, "source"),
        "target": _actor_record(r, "target"),
        "date": r["date"],
        "date_precision": r["date_precision"],
        "trigger": {"text": r["trigger_text"], "span": [r["trigger_start"], r["trigger_end"]]},
        "sentence": r["sentence"],
        "sentence_index": r["sentence_index"],
        "negated": r["negated"],
        "hypothetical": r["hypothetical"],
        "reported_by": r["reported_by"],
        "location": location,
        "confidence": r["confidence"],
        "flags": list(r["flags"] or []),
    }


def _fused_record(row: Sequence[Any]) -> dict[str, Any]:
    n = len(EVENT_COLUMNS)
    record = _event_record(row[:n])
    record.update(zip(FUSED_FIELDS, row[n:], strict=True))
    record["doc_ids"] = list(record["doc_ids"])
    return record


def _document_record(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    record = dict(zip(columns, row, strict=True))
    record["coded_at"] = _iso(record["coded_at"])
    return record


def _where(f: EventFilter, *, fused: bool = False) -> tuple[str, dict[str, Any]]:
    """The WHERE clause for ``f`` and its named parameters; no value enters the SQL text.

    ``fused`` filters the fused_events table, where ``f.doc`` may be any of ``doc_ids``.
    """
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if not f.include_all:
        clauses.append(_DEFAULT_ONLY)
    if f.event:
        clauses.append("event = $event")
        params["event"] = f.event.upper()
    if f.country:
        clauses.append("(source_country = $country OR target_country = $country)")
        params["country"] = f.country.upper()
    if f.actor:
        sides = [
            f"contains(lower({side}_{field}), $actor_lower)"
            for side in ("source", "target")
            for field in ("name", "text", "code")
        ]
        sides += ["source_kb_id = $actor", "target_kb_id = $actor"]
        clauses.append(f"({' OR '.join(sides)})")
        params["actor_lower"] = f.actor.lower()
        params["actor"] = f.actor
    if f.since:
        clauses.append("event_date >= $since")
        params["since"] = _filter_date(f.since, "since", end=False)
    if f.until:
        clauses.append("event_date <= $until")
        params["until"] = _filter_date(f.until, "until", end=True)
    if f.doc:
        clauses.append("list_contains(doc_ids, $doc)" if fused else "doc_id = $doc")
        params["doc"] = f.doc
    if f.min_confidence is not None:
        clauses.append("confidence >= $min_confidence")
        params["min_confidence"] = f.min_confidence
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return where, params


def _select_events(f: EventFilter, columns: str, table: str = "events"
                   ) -> tuple[str, dict[str, Any]]:
    where, params = _where(f, fused=table == "fused_events")
    sql = f"SELECT {columns} FROM {table}{where}{_ORDER_BY}"
    if f.limit is not None:
        sql += " LIMIT $limit"
        params["limit"] = f.limit
    if f.offset:
        sql += " OFFSET $offset"
        params["offset"] = f.offset
    return sql, params
