"""Cross-document fusion in the store: raw events (``events``) grouped into real events
(``fused_events``, ``fused_mentions``), near-copies linked (``documents.duplicate_of``)
and documents grouped into ``stories``.

Only default-output events (not negated, not hypothetical) are fused. Mentions are
blocked by (type family, source country, target country); ``cluster`` groups a block.
``Fuser.fuse_new`` re-fuses only the touched blocks from the earliest changed date on
(plus their undated mentions), so its result equals ``fuse_all``.

Counts of a fused event:
- ``n_mentions``: every raw event in it, near-copies included;
- ``n_documents``: independent documents: a near-copy counts as its original;
- ``n_outlets``: distinct outlets of its documents (the outlet, else the URL host, else
  the document id);
- ``confidence``: 1 − Π(1 − cᵢ) over independent documents, cᵢ the best confidence of
  a document's mentions (copies of it included);
- the date and the other §2 fields are those of the representative mention: the most
  precise date (day, publication, month, year, none), then the earliest published
  document, then the most confident; the location is the first mention's in that order
  that has one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from whowhom.fuse.cluster import Cluster, place_undated, sweep
from whowhom.fuse.neardup import NearDuplicateIndex
from whowhom.fuse.rules import PRECISION_RANK, Mention, Side, date_window, mention_kind
from whowhom.fuse.stories import mark_stale, refresh_stories
from whowhom.store.db import EVENT_COLUMNS, EventStore

_MENTION_COLUMNS = (
    "e.event_id, e.doc_id, e.event, e.source_country, e.source_sector, e.source_igo,"
    " e.source_kb_id, e.target_start IS NOT NULL, e.target_country, e.target_sector,"
    " e.target_igo, e.target_kb_id, e.date, e.date_precision"
)
_DEFAULT = "NOT e.negated AND NOT e.hypothetical"


@dataclass
class FusionStats:
    mentions: int = 0  # raw events (re)placed
    fused_events: int = 0  # fused events written
    duplicates: int = 0  # documents linked to an original


class Fuser:
    """Fusion for one store; keeps the near-duplicate index between incremental runs."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._con = store.connection
        self._index: NearDuplicateIndex | None = None

    @property
    def index(self) -> NearDuplicateIndex:
        """The near-duplicate index, rebuilt from the stored signatures on first use."""
        if self._index is None:
            self._index = NearDuplicateIndex()
            rows = self._con.execute(
                "SELECT doc_id, published, hashvalues, seen FROM doc_signatures ORDER BY seen"
            ).fetchall()
            for doc_id, published, hashvalues, seen in rows:
                self._index.insert(doc_id, "", published, hashvalues=hashvalues, seen=seen)
        return self._index

    def fuse_all(self) -> FusionStats:
        """Recompute near-duplicates, fused events and stories from scratch."""
        con = self._con
        con.begin()
        try:
            # Documents keep the order fusion first saw them in (coding order for new ones).
            doc_ids = [r[0] for r in con.execute(
                "SELECT d.doc_id FROM documents d LEFT JOIN doc_signatures s USING (doc_id)"
                " ORDER BY s.seen NULLS LAST, d.coded_at, d.doc_id").fetchall()]
            for table in ("fused_events", "fused_mentions", "stories", "doc_signatures"):
                con.execute(f"DELETE FROM {table}")
            con.execute("UPDATE documents SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
            self._index = NearDuplicateIndex()
            stats = FusionStats()
            stats.duplicates, _ = self._link_duplicates(doc_ids)
            mentions = self._load_mentions("SELECT " + _MENTION_COLUMNS + " FROM events e"
                                           f" WHERE {_DEFAULT}", [])
            stats.mentions = len(mentions)
            stats.fused_events = self._refuse(mentions, removed=[], touched_docs=set())
            refresh_stories(con, force=True)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return stats

    def unfused_documents(self) -> list[str]:
        """Stored documents that were never fused (a run stopped between saving and
        fusing), in the order they were coded."""
        rows = self._con.execute(
            "SELECT doc_id FROM documents WHERE doc_id NOT IN"
            " (SELECT doc_id FROM doc_signatures) ORDER BY coded_at, doc_id").fetchall()
        return [r[0] for r in rows]

    def fuse_new(self, doc_ids: Sequence[str]) -> FusionStats:
        """Fuse the events of ``doc_ids`` (new or re-coded documents, in the order they
        were read: of two copies published the same day, the first is the original)."""
        con = self._con
        doc_ids = list(dict.fromkeys(doc_ids))
        stats = FusionStats()
        if not doc_ids:
            return stats
        con.begin()
        try:
            stats.duplicates, relinked = self._link_duplicates(doc_ids)
            removed = con.execute(
                "SELECT block, lo, lo IS NULL FROM fused_mentions"
                " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
            ).fetchall()
            con.execute("DELETE FROM fused_mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                        [doc_ids])
            mentions = self._load_mentions(
                "SELECT " + _MENTION_COLUMNS + f" FROM events e WHERE {_DEFAULT}"
                " AND e.doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids])
            stats.mentions = len(mentions)
            stats.fused_events = self._refuse(mentions, removed, relinked)
            mark_stale(con)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return stats

    # -- near-duplicates -----------------------------------------------------------------

    def _link_duplicates(self, doc_ids: Sequence[str]) -> tuple[int, set[str]]:
        """Index ``doc_ids`` and set ``duplicate_of`` for them and the documents they match.

        Returns how many of them copy an original, and the other documents whose
        original changed (their fused events' counts must be refreshed)."""
        con = self._con
        index = self.index
        position = {d: i for i, d in enumerate(doc_ids)}
        rows = con.execute(
            "SELECT doc_id, published, text FROM documents"
            " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)]).fetchall()
        rows.sort(key=lambda r: position[r[0]])
        for doc_id, published, text in rows:
            index.insert(doc_id, text or "", published)
        new = {r[0] for r in rows}
        matches = {d: index.matches(d) for d in new}
        neighbours = {m for found in matches.values() for m in found} - new
        old = dict(con.execute(
            "SELECT doc_id, duplicate_of FROM documents WHERE doc_id IN"
            " (SELECT unnest(?::VARCHAR[]))", [sorted(new | neighbours)]).fetchall())
        links = {d: index.original(d, matches.get(d)) for d in new | neighbours}
        changed = {d: o for d, o in links.items() if old.get(d) != o}
        if changed:
            con.execute(
                "UPDATE documents SET duplicate_of = c.original FROM"
                " (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS original) c"
                " WHERE documents.doc_id = c.doc_id",
                [list(changed), list(changed.values())],
            )
        stored = [(d, *index.stored(d)) for d in sorted(new)]
        con.execute("DELETE FROM doc_signatures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                    [sorted(new)])
        if stored:
            con.execute(
                "INSERT INTO doc_signatures SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[]),"
                " unnest(?::VARCHAR[]), unnest(?::BLOB[])",
                [list(col) for col in zip(*stored, strict=True)],
            )
        return sum(1 for d in new if links[d] is not None), set(changed) - new

    # -- fused events --------------------------------------------------------------------

    def _load_mentions(self, sql: str, params: list[Any]) -> list[Mention]:
        return [_mention(row) for row in self._con.execute(sql, params).fetchall()]

    def _refuse(self, new: list[Mention], removed: Iterable[tuple[str, dt.date | None, bool]],
                touched_docs: set[str]) -> int:
        """Re-fuse the blocks that ``new`` and ``removed`` mentions touch; returns how many
        fused events were written. ``touched_docs`` changed original: refresh counts."""
        con = self._con
        cuts: dict[str, dt.date] = {}
        undated_blocks: set[str] = set()

        def touch(block: str, lo: dt.date | None, undated: bool) -> None:
            if lo is not None:
                cuts[block] = min(cuts.get(block, dt.date.max), lo)
            else:
                cuts.setdefault(block, dt.date.max)
                if undated:
                    undated_blocks.add(block)

        for m in new:
            touch(m.block, m.window[0] if m.window else None, m.kind == "undated")
        for block, lo, no_window in removed:
            touch(block, lo, no_window)
        if not cuts:
            return 0
        con.execute("CREATE OR REPLACE TEMP TABLE _cuts AS SELECT unnest(?::VARCHAR[]) AS block,"
                    " unnest(?::DATE[]) AS cut", [list(cuts), list(cuts.values())])
        # Fused events that the change may alter: open at the cut, or holding undated
        # mentions (those are placed again after the dated sweep).
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _affected AS"
            " SELECT fe.fused_id FROM fused_events fe JOIN _cuts c USING (block)"
            " WHERE fe.window_end IS NULL OR fe.window_end >= c.cut"
            " UNION SELECT fm.fused_id FROM fused_mentions fm JOIN _cuts USING (block)"
            " WHERE fm.lo IS NULL"
        )
        members: dict[str, list[Mention]] = defaultdict(list)
        for row in con.execute(
            "SELECT fm.fused_id, " + _MENTION_COLUMNS + " FROM fused_mentions fm"
            " JOIN events e USING (event_id) WHERE fm.fused_id IN (SELECT fused_id FROM _affected)"
        ).fetchall():
            members[row[0]].append(_mention(row[1:]))
        by_block: dict[str, list[Mention]] = defaultdict(list)
        for m in new:
            by_block[m.block].append(m)
        seeds: dict[str, list[Cluster]] = defaultdict(list)
        for group in members.values():
            block = group[0].block
            cut = cuts[block]
            before = [m for m in group if m.window is not None and m.window[0] < cut]
            if before:
                seeds[block].append(Cluster.restore(before))
            seeded = {m.event_id for m in before}
            by_block[block].extend(m for m in group if m.event_id not in seeded)
            if any(m.kind == "undated" for m in group):
                undated_blocks.add(block)
        unaffected = self._unaffected_dated(
            [m for block in undated_blocks for m in by_block.get(block, [])
             if m.kind == "undated"])
        written: list[Cluster] = []
        extended: list[Cluster] = []
        for block in cuts:
            pool = by_block.get(block, [])
            dated = sweep(seeds.get(block, []), [m for m in pool if m.kind == "dated"])
            written.extend(dated)
            written.extend(Cluster.start(m) for m in pool if m.kind == "year")
            undated = [m for m in pool if m.kind == "undated"]
            if undated:
                others = unaffected.get(block, [])
                written.extend(place_undated([*dated, *others], undated))
                extended.extend(c for c in others if c.members)
        con.execute("DELETE FROM fused_mentions WHERE fused_id IN (SELECT fused_id FROM _affected)")
        refresh = con.execute(
            "SELECT DISTINCT fused_id FROM fused_mentions"
            " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(touched_docs)]
        ).fetchall()
        self._write(written, extended, [r[0] for r in refresh])
        return len(written)

    def _unaffected_dated(self, undated: list[Mention]) -> dict[str, list[Cluster]]:
        """The dated fused events left alone by the change that the ``undated`` mentions
        may join, as clusters without members.

        Only each mention's best candidates are loaded, not every fused event of its
        block: the first accepting ones in the latest-first order, as many as the
        mention's document has undated mentions in the block (each of those can take at
        most one candidate away by joining it), for its own type and for any type.
        """
        out: dict[str, list[Cluster]] = defaultdict(list)
        if not undated:
            return out
        per_doc = Counter((m.block, m.doc_id) for m in undated)
        rows = [(m.event_id, m.block, m.doc_id, m.event, *_side_values(m.source),
                 m.target is not None, *_side_values(m.target), per_doc[m.block, m.doc_id])
                for m in undated]
        con = self._con
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _undated AS SELECT unnest(?::VARCHAR[]) AS event_id,"
            " unnest(?::VARCHAR[]) AS block, unnest(?::VARCHAR[]) AS doc_id,"
            " unnest(?::VARCHAR[]) AS event, unnest(?::VARCHAR[]) AS s_country,"
            " unnest(?::VARCHAR[]) AS s_sector, unnest(?::VARCHAR[]) AS s_igo,"
            " unnest(?::VARCHAR[]) AS s_kb, unnest(?::BOOLEAN[]) AS has_target,"
            " unnest(?::VARCHAR[]) AS t_country, unnest(?::VARCHAR[]) AS t_sector,"
            " unnest(?::VARCHAR[]) AS t_igo, unnest(?::VARCHAR[]) AS t_kb,"
            " unnest(?::INTEGER[]) AS k", [list(col) for col in zip(*rows, strict=True)])
        found = con.execute(_CANDIDATES).fetchall()
        for lo, hi, doc_ids, *mention in found:
            anchor = _mention(mention)
            out[anchor.block].append(Cluster(anchor=anchor, lo=lo, hi=hi, members=[],
                                             docs=set(doc_ids)))
        return out

    def _write(self, written: list[Cluster], extended: list[Cluster],
               refresh: list[str]) -> None:
        con = self._con
        rows = [(c.fused_id, m.event_id, m.doc_id, m.block,
                 m.window[0] if m.window else None, m.window[1] if m.window else None)
                for c in (*written, *extended) for m in c.members]
        if rows:
            con.execute(
                "INSERT INTO fused_mentions SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
                " unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DATE[]),"
                " unnest(?::DATE[])", [list(col) for col in zip(*rows, strict=True)])
        windows = [(c.fused_id, c.anchor.block, c.lo, c.hi) for c in written]
        kept = [c.fused_id for c in extended] + refresh
        con.execute("CREATE OR REPLACE TEMP TABLE _windows (fused_id VARCHAR, block VARCHAR,"
                    " lo DATE, hi DATE)")
        if windows:
            con.execute("INSERT INTO _windows SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
                        " unnest(?::DATE[]), unnest(?::DATE[])",
                        [list(col) for col in zip(*windows, strict=True)])
        if kept:
            con.execute("INSERT INTO _windows SELECT fused_id, block, window_start, window_end"
                        " FROM fused_events WHERE fused_id IN (SELECT unnest(?::VARCHAR[]))"
                        " AND fused_id NOT IN (SELECT fused_id FROM _windows)", [kept])
        con.execute("DELETE FROM fused_events WHERE fused_id IN (SELECT fused_id FROM _affected)"
                    " OR fused_id IN (SELECT fused_id FROM _windows)")
        con.execute(_AGGREGATE)


def _side(country: str | None, sector: str | None, igo: str | None, kb_id: str | None) -> Side:
    return Side(country or "", sector or "", igo or "", kb_id or None)


def _side_values(side: Side | None) -> tuple[str, str, str, str]:
    return ("", "", "", "") if side is None else (side.country, side.sector, side.igo,
                                                  side.kb_id or "")


def _mention(row: Sequence[Any]) -> Mention:
    (event_id, doc_id, event, s_country, s_sector, s_igo, s_kb, has_target, t_country,
     t_sector, t_igo, t_kb, date, precision) = row
    window = date_window(date or "", precision or "none")
    return Mention(
        event_id=event_id, doc_id=doc_id, event=event,
        source=_side(s_country, s_sector, s_igo, s_kb),
        target=_side(t_country, t_sector, t_igo, t_kb) if has_target else None,
        window=window, kind=mention_kind(precision or "none", window),
    )


def fuse_new(store: EventStore, doc_ids: Sequence[str]) -> FusionStats:
    """Fuse new or re-coded documents' events (loads the near-duplicate index once)."""
    return Fuser(store).fuse_new(doc_ids)


def fuse_all(store: EventStore) -> FusionStats:
    """Recompute all fusion tables of ``store`` from its documents and events."""
    return Fuser(store).fuse_all()


def _same_side(side: str, prefix: str) -> str:
    """SQL: the anchor's ``side`` actor is the same as the undated mention's (rules.Side)."""
    return (f"((u.{prefix}_kb <> '' AND coalesce(e.{side}_kb_id, '') = u.{prefix}_kb) OR"
            f" (u.{prefix}_country <> '' AND coalesce(e.{side}_country, '') = u.{prefix}_country"
            f" AND coalesce(e.{side}_sector, '') = u.{prefix}_sector"
            f" AND coalesce(e.{side}_igo, '') = u.{prefix}_igo))")


# The unaffected dated fused events each undated mention (``_undated``) may join, best
# first as in cluster.place_undated: latest window end, then latest anchor order.
_CANDIDATES = f"""
WITH cand AS (
    SELECT u.event_id AS mention, u.k, fe.fused_id, e.event = u.event AS same,
           row_number() OVER (PARTITION BY u.event_id ORDER BY fe.window_end DESC,
               a.lo DESC, a.hi DESC, a.event_id DESC) AS r_any,
           row_number() OVER (PARTITION BY u.event_id, e.event = u.event ORDER BY
               fe.window_end DESC, a.lo DESC, a.hi DESC, a.event_id DESC) AS r_type
    FROM _undated u
    JOIN fused_events fe ON fe.block = u.block AND fe.window_end IS NOT NULL
    JOIN events e ON e.event_id = substr(fe.fused_id, 2)
    JOIN fused_mentions a ON a.event_id = e.event_id
    WHERE fe.fused_id NOT IN (SELECT fused_id FROM _affected)
      AND NOT list_contains(fe.doc_ids, u.doc_id)
      AND {_same_side("source", "s")}
      AND CASE WHEN u.has_target THEN e.target_start IS NOT NULL AND {_same_side("target", "t")}
               ELSE e.target_start IS NULL END
)
SELECT fe.window_start, fe.window_end, fe.doc_ids, {_MENTION_COLUMNS}
FROM fused_events fe JOIN events e ON e.event_id = substr(fe.fused_id, 2)
WHERE fe.fused_id IN (SELECT fused_id FROM cand WHERE r_any <= k OR (same AND r_type <= k))
"""


def _aggregate_sql() -> str:
    """One fused_events row per fused_id of ``_windows``, from its mentions."""
    rank = " ".join(f"WHEN '{p}' THEN {r}" for p, r in PRECISION_RANK.items())
    location = ("location_name", "location_country", "location_lat", "location_lon")
    picked = []
    for column in EVENT_COLUMNS:
        if column == "confidence":
            picked.append("conf.confidence")
        elif column in location:
            picked.append(f"CASE WHEN m.location_name IS NULL THEN agg.place.{column}"
                          f" ELSE m.{column} END")
        else:
            picked.append(f"m.{column}")
    place = ", ".join(f"{c} := {c}" for c in location)
    return f"""
INSERT INTO fused_events
WITH m AS (
    SELECT w.fused_id, w.block, w.lo, w.hi, e.*, d.published, d.outlet, d.url,
           coalesce(d.duplicate_of, e.doc_id) AS root,
           row_number() OVER (PARTITION BY w.fused_id ORDER BY
               CASE e.date_precision {rank} ELSE 5 END, d.published NULLS LAST,
               e.event_date NULLS LAST, e.confidence DESC, e.event_id) AS rank
    FROM _windows w JOIN fused_mentions fm USING (fused_id)
    JOIN events e USING (event_id) JOIN documents d ON d.doc_id = e.doc_id
), conf AS (
    SELECT fused_id, 1 - product(1 - c) AS confidence
    FROM (SELECT fused_id, root, max(confidence) AS c FROM m GROUP BY fused_id, root)
    GROUP BY fused_id
), agg AS (
    SELECT fused_id, count(*) AS n_mentions, count(DISTINCT root) AS n_documents,
           count(DISTINCT coalesce(nullif(outlet, ''),
                 nullif(regexp_extract(url, '^[A-Za-z]+://([^/:?#]+)', 1), ''), doc_id))
               AS n_outlets,
           min(published) AS first_report, max(published) AS last_report,
           list_sort(list(DISTINCT doc_id)) AS doc_ids,
           arg_min(struct_pack({place}), rank) FILTER (WHERE location_name IS NOT NULL)
               AS place
    FROM m GROUP BY fused_id
)
SELECT m.fused_id, m.block, m.lo, m.hi, {", ".join(picked)},
       agg.n_mentions, agg.n_documents, agg.n_outlets, agg.first_report, agg.last_report,
       agg.doc_ids
FROM m JOIN agg USING (fused_id) JOIN conf USING (fused_id)
WHERE m.rank = 1
"""


_AGGREGATE = _aggregate_sql()
