"""``whowhom events`` and ``whowhom export``: read the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from whowhom.commands.options import console, db_option, event_filter, filter_options, open_store
from whowhom.render import events_table


@click.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
def events(db: Path, limit: int | None, fmt: str, **filters: Any) -> None:
    """List coded events, filtered.

    Example: whowhom events --country KAZ --event ACCUSE --since 2024-08-01
    """
    with open_store(db) as store:
        found = store.query_events(event_filter(limit=limit, **filters))
        total = store.count_events(event_filter(**filters))
    if fmt == "jsonl":
        for e in found:
            click.echo(json.dumps(e, ensure_ascii=False))
        return
    console.print(events_table(found, title=f"{len(found)} of {total} event(s) in {db}"))


@click.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              required=True)
@click.option("--out", "path", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(db: Path, fmt: str, path: Path, **filters: Any) -> None:
    """Export events as JSON Lines (events-format §2), CSV or Parquet.

    Example: whowhom export --format parquet --out events.parquet
    """
    with open_store(db) as store:
        store.export(path, fmt, event_filter(**filters))
        n = store.count_events(event_filter(**filters))
    click.echo(f"wrote {n} event(s) to {path}")
