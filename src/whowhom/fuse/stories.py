"""Stories: documents linked by a shared fused event or as near-copies of each other.

A story is a connected component of that graph; its id is ``s`` + its smallest doc id,
so it does not depend on the order documents were fused in. One new document can merge
or (by moving mentions between fused events) split stories anywhere in a big component,
so incremental fusion only marks the stories stale and they are recomputed, in one
linear pass, when next read.
"""

from __future__ import annotations

from typing import Any

import duckdb

_STALE = "stories_stale"

_EDGES = """
SELECT 'f:' || fused_id, doc_id FROM fused_mentions
UNION ALL SELECT 'd:' || doc_id, doc_id FROM documents
UNION ALL SELECT 'd:' || duplicate_of, doc_id FROM documents WHERE duplicate_of IS NOT NULL
"""


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO meta VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
                [_STALE])


def refresh_stories(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> None:
    """Recompute the stories table if fusion changed since it was last computed."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [_STALE]).fetchone()
    if not force and (row is None or row[0] != "1"):
        return
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Fused events ("f:") and documents ("d:") share one union-find.
    for link, doc_id in con.execute(_EDGES).fetchall():
        a, b = find(link), find(f"d:{doc_id}")
        if a != b:
            parent[max(a, b)] = min(a, b)
    components: dict[str, list[str]] = {}
    for (doc_id,) in con.execute("SELECT doc_id FROM documents").fetchall():
        components.setdefault(find(f"d:{doc_id}"), []).append(doc_id)
    rows = [(story_id, d) for members in components.values()
            for story_id in [f"s{min(members)}"] for d in members]
    con.execute("DELETE FROM stories")
    if rows:
        con.execute("INSERT INTO stories SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                    [[r[0] for r in rows], [r[1] for r in rows]])
    con.execute("INSERT INTO meta VALUES (?, '0') ON CONFLICT (key) DO UPDATE SET value = '0'",
                [_STALE])


def list_stories(con: duckdb.DuckDBPyConnection, *, min_documents: int = 2,
                 limit: int | None = None, top_dyads: int = 3) -> list[dict[str, Any]]:
    """Stories with at least ``min_documents`` documents, largest first: id, documents
    (id and title, by publication), date range, and the dyads of their most reported
    fused events as "EVENT SOURCE->TARGET"."""
    refresh_stories(con)
    rows = con.execute(
        """
        SELECT s.story_id, count(*) AS n, min(d.published), max(d.published),
               list(struct_pack(doc_id := d.doc_id, title := d.title,
                                published := d.published, duplicate_of := d.duplicate_of)
                    ORDER BY d.published NULLS LAST, d.doc_id)
        FROM stories s JOIN documents d USING (doc_id)
        GROUP BY s.story_id HAVING count(*) >= $min
        ORDER BY n DESC, s.story_id
        """ + (" LIMIT $limit" if limit is not None else ""),
        {"min": min_documents, **({"limit": limit} if limit is not None else {})},
    ).fetchall()
    if not rows:
        return []
    dyads = con.execute(
        """
        SELECT story_id, list(dyad ORDER BY n DESC, dyad)[1:$top] FROM (
            SELECT s.story_id, f.event || ' ' || coalesce(f.source_code, '?') || '->'
                   || coalesce(f.target_code, '-') AS dyad, max(f.n_documents) AS n
            FROM stories s JOIN fused_mentions fm USING (doc_id)
            JOIN fused_events f USING (fused_id)
            WHERE s.story_id IN (SELECT unnest($ids::VARCHAR[]))
            GROUP BY ALL)
        GROUP BY story_id
        """,
        {"top": top_dyads, "ids": [r[0] for r in rows]},
    ).fetchall()
    top = dict(dyads)
    return [
        {"story_id": story_id, "n_documents": n, "first_report": first, "last_report": last,
         "documents": [dict(d) for d in docs], "top_dyads": top.get(story_id, [])}
        for story_id, n, first, last, docs in rows
    ]
