"""Terminal rendering of events and run summaries (rich tables)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text


def _actor_cell(actor: Mapping[str, Any] | None) -> Text:
    if not actor:
        return Text("-", style="dim")
    code = actor.get("code") or "?"
    return Text.assemble((code, "bold"), "\n", (str(actor.get("text", ""))[:40], "dim"))


def events_table(events: Sequence[Mapping[str, Any]], *, title: str = "") -> Table:
    """One row per event: date, source, event, target, trigger, confidence."""
    table = Table(title=title or None, show_lines=False, expand=False)
    table.add_column("date", no_wrap=True)
    table.add_column("source")
    table.add_column("event", no_wrap=True)
    table.add_column("target")
    table.add_column("trigger")
    table.add_column("conf", justify="right")
    table.add_column("doc", overflow="fold")
    for e in events:
        flags = ", ".join(e.get("flags") or [])
        event = Text(f"{e['event']}\n", style="bold")
        event.append(f"{e.get('mode') or ''} {e.get('cameo') or ''}".strip(), style="dim")
        trigger = Text(e["trigger"]["text"])
        if flags:
            trigger.append(f"\n({flags})", style="yellow")
        table.add_row(
            Text(f"{e['date'] or '-'}\n{e.get('date_precision', '')}"),
            _actor_cell(e.get("source")),
            event,
            _actor_cell(e.get("target")),
            trigger,
            f"{e.get('confidence', 0):.2f}",
            Text(str(e["doc_id"])),
        )
    return table


def counts_table(title: str, rows: Iterable[tuple[str, int]], *, key: str = "event") -> Table:
    table = Table(title=title)
    table.add_column(key)
    table.add_column("n", justify="right")
    for name, n in rows:
        table.add_row(name, str(n))
    return table
