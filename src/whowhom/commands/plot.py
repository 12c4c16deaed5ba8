"""``whowhom plot dyad`` and ``whowhom plot network``: PNG (or SVG, PDF) figures for
reports, from the store, without the dashboard."""

from __future__ import annotations

from pathlib import Path

import click

from whowhom.commands.options import db_option, err
from whowhom.store.db import EventStore


def _open(db: Path) -> EventStore:
    if not db.is_file():
        raise click.ClickException(f"no event store at {db}; give --db PATH")
    try:
        return EventStore(db, read_only=True)
    except Exception as exc:
        raise click.ClickException(f"cannot open the event store {db}: {exc}") from exc


out_option = click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
                          required=True, help="Image file; .png, .svg or .pdf.")


@click.group()
def plot() -> None:
    """Draw figures of the coded events.

    Example: whowhom plot dyad KAZ BLR --out dyad.png
    """


@plot.command("dyad")
@click.argument("a")
@click.argument("b")
@db_option
@out_option
@click.option("--interval", type=click.Choice(["week", "month", "year"]), default="month",
              show_default=True)
@click.option("--since", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this date (YYYY-MM-DD).")
def dyad(a: str, b: str, db: Path, out: Path, interval: str, since: str | None,
         until: str | None) -> None:
    """Cooperation and conflict between A and B over time, with the Goldstein line.

    Example: whowhom plot dyad KAZ BLR --out dyad.png --interval month
    """
    from whowhom.api.queries import QueryError
    from whowhom.api.queries import dyad as dyad_query
    from whowhom.plots import plot_dyad

    if a.upper() == b.upper():
        raise click.BadParameter("A and B must be two different actors")
    with _open(db) as store:
        try:
            data = dyad_query(store, a, b, interval=interval, since=since, until=until)
        except QueryError as exc:
            raise click.BadParameter(str(exc)) from exc
    plot_dyad(data, out)
    n = data["totals"]["a_to_b"]["events"] + data["totals"]["b_to_a"]["events"]
    if not n:
        err.print(f"[yellow]no dated events between {a.upper()} and {b.upper()}[/yellow]")
    click.echo(f"wrote {out} ({n} event(s), {len(data['periods'])} {interval}(s))")


@plot.command("network")
@db_option
@out_option
@click.option("--since", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--max-edges", type=click.IntRange(1, 2000), default=60, show_default=True,
              help="Draw only the busiest dyads.")
def network(db: Path, out: Path, since: str | None, until: str | None, max_edges: int) -> None:
    """States and organisations linked by their events, coloured conflict to cooperation.

    Example: whowhom plot network --out network.png --since 2024-01-01
    """
    from whowhom.api.queries import QueryError
    from whowhom.api.queries import network as network_query
    from whowhom.kb.loader import default_kb
    from whowhom.plots import plot_network

    with _open(db) as store:
        try:
            data = network_query(store, default_kb(), since=since, until=until,
                                 max_edges=max_edges)
        except QueryError as exc:
            raise click.BadParameter(str(exc)) from exc
    plot_network(data, out)
    click.echo(f"wrote {out} ({len(data['nodes'])} node(s), {len(data['edges'])} edge(s))")
