"""``whowhom fuse`` and ``whowhom stories``: one record per real event, and the stories."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from whowhom.commands.options import console, db_option, open_store
from whowhom.fuse.fusion import Fuser
from whowhom.fuse.stories import list_stories
from whowhom.store.db import EventFilter


@click.command()
@db_option
@click.option("--full", is_flag=True,
              help="Recompute everything instead of fusing only documents not yet fused.")
def fuse(db: Path, full: bool) -> None:
    """Fuse coded events across documents (``code`` already does this as it stores).

    Needed only for a store coded before fusion existed, or to recompute with --full.

    Example: whowhom fuse --full --db whowhom.duckdb
    """
    with open_store(db) as store:
        fuser = Fuser(store)
        if full:
            stats = fuser.fuse_all()
        else:
            pending = [r[0] for r in store.connection.execute(
                "SELECT doc_id FROM documents WHERE doc_id NOT IN"
                " (SELECT doc_id FROM doc_signatures)").fetchall()]
            stats = fuser.fuse_new(pending)
        n = store.count_fused(EventFilter(include_all=True))
    click.echo(f"fused {stats.mentions} mention(s) into {stats.fused_events} fused event(s)"
               f" written, {n} in the store; {stats.duplicates} near-copy document(s)")


@click.command()
@db_option
@click.option("--min-documents", type=click.IntRange(1), default=2, show_default=True,
              help="Only stories with at least this many documents.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many stories.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
def stories(db: Path, min_documents: int, limit: int | None, fmt: str) -> None:
    """List stories: documents linked by shared fused events or as near-copies.

    Example: whowhom stories --min-documents 3 --format jsonl
    """
    with open_store(db) as store:
        found = list_stories(store.connection, min_documents=min_documents, limit=limit)
    if fmt == "jsonl":
        for story in found:
            click.echo(json.dumps(story, ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} stor{'y' if len(found) == 1 else 'ies'} in {db}")
    for column in ("story", "docs", "dates", "titles", "top dyads"):
        table.add_column(column, overflow="fold")
    for s in found:
        titles = "\n".join(
            (d["title"] or d["doc_id"])[:70] + (" (copy)" if d["duplicate_of"] else "")
            for d in s["documents"])
        dates = f"{s['first_report'] or '?'}\n{s['last_report'] or '?'}"
        table.add_row(s["story_id"], str(s["n_documents"]), dates, titles,
                      "\n".join(s["top_dyads"]))
    console.print(table)
