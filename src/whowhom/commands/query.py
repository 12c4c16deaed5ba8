"""``whowhom events`` and ``whowhom export``: read the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from whowhom.commands.options import console, db_option, event_filter, filter_options, open_store
from whowhom.fuse.gdelt import export_gdelt
from whowhom.render import events_table


@click.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
@click.option("--fused", is_flag=True,
              help="One record per real event (fused across documents), with its counts.")
def events(db: Path, limit: int | None, fmt: str, fused: bool, **filters: Any) -> None:
    """List coded events, filtered; --fused lists fused events instead of mentions.

    Example: whowhom events --country KAZ --event ACCUSE --since 2024-08-01
    """
    with open_store(db) as store:
        if fused:
            found = store.query_fused(event_filter(limit=limit, **filters))
            total = store.count_fused(event_filter(**filters))
        else:
            found = store.query_events(event_filter(limit=limit, **filters))
            total = store.count_events(event_filter(**filters))
    if fmt == "jsonl":
        for e in found:
            click.echo(json.dumps(e, ensure_ascii=False))
        return
    what = "fused event(s)" if fused else "event(s)"
    console.print(events_table(found, title=f"{len(found)} of {total} {what} in {db}"))


@click.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              help="Format of the events file (required unless --gdelt).")
@click.option("--gdelt", is_flag=True,
              help="Write fused events and mentions as events.csv and mentions.csv with "
                   "GDELT 2.0 column names into the folder --out.")
@click.option("--out", "path", type=click.Path(path_type=Path), required=True)
def export(db: Path, fmt: str | None, gdelt: bool, path: Path, **filters: Any) -> None:
    """Export events as JSON Lines (events-format §2), CSV or Parquet, or GDELT-style tables.

    Example: whowhom export --format parquet --out events.parquet
    """
    if gdelt:
        if path.exists() and not path.is_dir():
            raise click.BadParameter(f"{path} is a file; --gdelt writes into a folder",
                                     param_hint="--out")
        with open_store(db) as store:
            n_events, n_mentions = export_gdelt(store, path, event_filter(**filters))
        click.echo(f"wrote {n_events} fused event(s) to {path / 'events.csv'} and "
                   f"{n_mentions} mention(s) to {path / 'mentions.csv'}")
        return
    if fmt is None:
        raise click.UsageError("give --format jsonl, csv or parquet, or --gdelt")
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder", param_hint="--out")
    with open_store(db) as store:
        store.export(path, fmt, event_filter(**filters))
        n = store.count_events(event_filter(**filters))
    click.echo(f"wrote {n} event(s) to {path}")
