"""Fused events and their mentions as two CSV tables with GDELT 2.0 column names.

``events.csv`` has one row per fused event (GDELT's Events table), ``mentions.csv`` one
row per raw event (GDELT's Mentions table); both are comma-separated with a header row
(GDELT's own files are headerless TSV). Where we differ from GDELT: country codes are ISO
3166-1 alpha-3 (GDELT uses FIPS 10-4), organisations go to ``Actor1KnownGroupCode`` with
an empty country, ``AvgTone`` is empty, GLOBALEVENTID is the first 60 bits of the fused
id (stable across runs) and ``SentenceID`` counts from 1 like GDELT's.
"""

from __future__ import annotations

from pathlib import Path

from whowhom.extract.places import default_gazetteer
from whowhom.store.db import EventFilter, EventStore, _where

# GDELT ActionGeo_Type: 1 country, 4 world city, 5 world first-order division (our
# regions, territories and other named places).
_GEO_TYPES = {"country": 1, "city": 4, "place": 5}


def _actor(n: int, side: str) -> str:
    return f"""
    {side}_code AS Actor{n}Code,
    {side}_name AS Actor{n}Name,
    CASE WHEN {side}_country = 'IGO' THEN '' ELSE {side}_country END AS Actor{n}CountryCode,
    CASE WHEN {side}_country = 'IGO' THEN {side}_igo ELSE '' END AS Actor{n}KnownGroupCode,
    {side}_sector AS Actor{n}Type1Code,"""


def _global_id(column: str) -> str:
    return f"('0x' || substr({column}, 2, 15))::BIGINT"


_EVENTS = f"""
SELECT
    {_global_id("f.fused_id")} AS GLOBALEVENTID,
    strftime(f.event_date, '%Y%m%d')::INTEGER AS SQLDATE,
    strftime(f.event_date, '%Y%m')::INTEGER AS MonthYear,
    year(f.event_date) AS Year,
    round(year(f.event_date) + dayofyear(f.event_date) / 365.0, 4) AS FractionDate,
    {_actor(1, "f.source")}
    {_actor(2, "f.target")}
    CASE WHEN f.sentence_index <= 1 THEN 1 ELSE 0 END AS IsRootEvent,
    f.cameo AS EventCode,
    left(f.cameo, 3) AS EventBaseCode,
    left(f.cameo, 2) AS EventRootCode,
    f.quad_class AS QuadClass,
    f.goldstein AS GoldsteinScale,
    f.n_mentions AS NumMentions,
    f.n_outlets AS NumSources,
    len(f.doc_ids) AS NumArticles,
    NULL::DOUBLE AS AvgTone,
    coalesce(g.geo_type, 0) AS ActionGeo_Type,
    f.location_name AS ActionGeo_FullName,
    f.location_country AS ActionGeo_CountryCode,
    f.location_lat AS ActionGeo_Lat,
    f.location_lon AS ActionGeo_Long,
    strftime(d.coded_at, '%Y%m%d%H%M%S')::BIGINT AS DATEADDED,
    coalesce(nullif(d.url, ''), nullif(d.path, ''), d.doc_id) AS SOURCEURL,
    f.fused_id AS FusedId,
    f.n_documents AS NumIndependentArticles
FROM fused_events f
JOIN documents d ON d.doc_id = f.doc_id
LEFT JOIN _geo_types g ON g.name = f.location_name
    AND g.country IS NOT DISTINCT FROM f.location_country
{{where}}
ORDER BY f.event_date NULLS LAST, f.fused_id
"""

_MENTIONS = f"""
SELECT
    {_global_id("fm.fused_id")} AS GLOBALEVENTID,
    strftime(f.event_date, '%Y%m%d000000')::BIGINT AS EventTimeDate,
    strftime(try_cast(d.published AS DATE), '%Y%m%d000000')::BIGINT AS MentionTimeDate,
    1 AS MentionType,
    coalesce(nullif(d.outlet, ''),
             nullif(regexp_extract(d.url, '^[A-Za-z]+://([^/:?#]+)', 1), ''),
             d.doc_id) AS MentionSourceName,
    coalesce(nullif(d.url, ''), d.doc_id) AS MentionIdentifier,
    e.sentence_index + 1 AS SentenceID,
    e.source_start AS Actor1CharOffset,
    coalesce(e.target_start, -1) AS Actor2CharOffset,
    e.trigger_start AS ActionCharOffset,
    round(e.confidence * 100)::INTEGER AS Confidence,
    e.event_id AS MentionEventId,
    d.duplicate_of AS DuplicateOf
FROM fused_mentions fm
JOIN fused_events f USING (fused_id)
JOIN events e ON e.event_id = fm.event_id
JOIN documents d ON d.doc_id = e.doc_id
{{where}}
ORDER BY GLOBALEVENTID, d.published NULLS LAST, e.event_id
"""


def export_gdelt(store: EventStore, out_dir: Path, f: EventFilter | None = None
                 ) -> tuple[int, int]:
    """Write ``events.csv`` and ``mentions.csv`` into ``out_dir`` for the fused events
    matching ``f``; returns (events, mentions) written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = store.connection
    names = con.execute("SELECT DISTINCT location_name, location_country FROM fused_events"
                        " WHERE location_name IS NOT NULL").fetchall()
    gazetteer = default_gazetteer() if names else None
    rows = []
    for name, country in names:
        assert gazetteer is not None
        kinds = [p.kind for p in gazetteer.lookup(name) if p.country == country]
        rows.append((name, country, _GEO_TYPES[kinds[0]] if kinds else 4))
    con.execute("CREATE OR REPLACE TEMP TABLE _geo_types (name VARCHAR, country VARCHAR,"
                " geo_type INTEGER)")
    if rows:
        con.execute("INSERT INTO _geo_types SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
                    " unnest(?::INTEGER[])", [list(col) for col in zip(*rows, strict=True)])
    where, params = _where(f or EventFilter(), fused=True)
    # The filter names fused_events' columns; qualify them for the joins.
    where = where.replace(" WHERE ", " WHERE f.fused_id IN (SELECT fused_id FROM fused_events"
                          " WHERE ", 1) + ")" if where else ""
    counts = []
    for name, sql in (("events.csv", _EVENTS), ("mentions.csv", _MENTIONS)):
        row = con.execute(f"COPY ({sql.format(where=where)}) TO $path (FORMAT csv, HEADER)",
                          {**params, "path": str(out_dir / name)}).fetchone()
        counts.append(int(row[0]) if row else 0)
    return counts[0], counts[1]
