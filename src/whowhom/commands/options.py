"""Options and helpers shared by the commands (defined once, used as decorators)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from whowhom.coder import Coder
from whowhom.ingest.readers import parse_published
from whowhom.store.db import EventFilter, EventStore

F = TypeVar("F", bound=Callable[..., Any])
# Piped output is not cut to 80 columns: tables stay readable in files and CI logs.
console = Console(width=None if Console().is_terminal else 140)
err = Console(stderr=True)
def db_option(f: F) -> F:
    return click.option("--db", "db", default="whowhom.duckdb", show_default=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help="The DuckDB event store.")(f)


def knowledge_options(f: F) -> F:
    f = click.option("--kb", "kb_dirs", multiple=True,
                     type=click.Path(exists=True, path_type=Path),
                     help="Extra knowledge-base YAML files or folders (repeatable).")(f)
    return click.option("--patterns", "pattern_dirs", multiple=True,
                        type=click.Path(exists=True, path_type=Path),
                        help="Extra event-pattern YAML files or folders (repeatable).")(f)


def filter_options(f: F) -> F:
    options = [
        click.option("--event", help="PLOVER event type, e.g. ACCUSE."),
        click.option("--country", help="ISO alpha-3 code of the source or target, e.g. KAZ."),
        click.option("--actor", help="Part of an actor's name, text or code, or a kb id."),
        click.option("--since", help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--doc", help="Only this document id."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                     help="Only events at least this confident."),
        click.option("--all", "include_all", is_flag=True,
                      help="Include negated and hypothetical events."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def event_filter(event: str | None, country: str | None, actor: str | None, since: str | None,
            until: str | None, doc: str | None, min_confidence: float | None,
            include_all: bool, limit: int | None = None) -> EventFilter:
    for name, value in (("--since", since), ("--until", until)):
        if value:
            try:
                parse_published(value)
            except ValueError as exc:
                raise click.BadParameter(f"{name} must be a date like 2024-08-23, got {value!r}"
                                         ) from exc
    return EventFilter(event=event.upper() if event else None,
                       country=country.upper() if country else None, actor=actor, since=since,
                       until=until, doc=doc, include_all=include_all,
                       min_confidence=min_confidence, limit=limit)


def load_coder(kb_dirs: tuple[Path, ...], pattern_dirs: tuple[Path, ...]) -> Coder:
    try:
        return Coder.load(kb_dirs, pattern_dirs)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


def open_store(db: Path) -> EventStore:
    try:
        return EventStore(db)
    except Exception as exc:
        raise click.ClickException(f"cannot open the event store {db}: {exc}") from exc


