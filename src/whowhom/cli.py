"""The ``whowhom`` command line: commands only, the work happens in the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from whowhom import __version__
from whowhom.coder import Coder, code_document
from whowhom.errors import WhowhomError
from whowhom.evaluate import (
    error_report,
    group_errors,
    load_gold,
    render_errors,
    render_table,
    score,
    threshold_curve,
)
from whowhom.ingest.clean import clean_document
from whowhom.ingest.readers import parse_published
from whowhom.model import Document, Event, ReadFailure, SourceDocument
from whowhom.nlp import parse_with_context
from whowhom.render import counts_table, events_table
from whowhom.runner import RunOptions, run
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


def _filter(event: str | None, country: str | None, actor: str | None, since: str | None,
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


def _load_coder(kb_dirs: tuple[Path, ...], pattern_dirs: tuple[Path, ...]) -> Coder:
    try:
        return Coder.load(kb_dirs, pattern_dirs)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


def _open_store(db: Path) -> EventStore:
    try:
        return EventStore(db)
    except Exception as exc:
        raise click.ClickException(f"cannot open the event store {db}: {exc}") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whowhom")
def cli() -> None:
    """whowhom: who did what to whom, when, from news text (PLOVER and CAMEO).

    Example: whowhom code examples/articles && whowhom events
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@knowledge_options
@click.option("--published", help="Publication date for every input (YYYY-MM-DD).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parsing processes.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True, help="What to print: a summary table, or events as JSONL.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the events as JSON Lines to this file (with --format jsonl).")
@click.option("--all", "include_all", is_flag=True,
              help="Output negated and hypothetical events too.")
@click.option("--force", is_flag=True, help="Re-code documents already coded by this version.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input fails.")
@click.option("--no-store", is_flag=True, help="Do not write to the event store.")
def code(inputs: tuple[str, ...], db: Path, kb_dirs: tuple[Path, ...],
         pattern_dirs: tuple[Path, ...], published: str | None, workers: int, batch_size: int,
         fmt: str, out: Path | None, include_all: bool, force: bool, strict: bool,
         no_store: bool) -> None:
    """Code news files (.txt, .html, .jsonl), folders, globs or - (stdin) into the store.

    Re-coding the same input replaces its events; documents already coded by this
    version of the coder are skipped, so an interrupted run resumes.

    Example: whowhom code examples/articles --db whowhom.duckdb
    """
    if published:
        try:
            published = parse_published(published)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--published") from exc
    if out is not None and fmt != "jsonl":
        fmt = "jsonl"
    coder = _load_coder(kb_dirs, pattern_dirs)
    store = None if no_store else _open_store(db)
    sink = out.open("w", encoding="utf-8") if out is not None else sys.stdout
    options = RunOptions(published=published, workers=workers, batch_size=batch_size,
                         force=force, include_all=include_all)

    def on_failure(f: ReadFailure) -> None:
        click.echo(f"skipped {f}", err=True)

    def on_events(doc: Document, events: list[Event]) -> None:
        if fmt == "jsonl":
            for e in events:
                sink.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")

    progress = Progress(SpinnerColumn(), TextColumn("coding"), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                        transient=True, disable=not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("coding", total=None)
            stats = run(list(inputs), coder, store, options, stdin=sys.stdin,
                        on_failure=on_failure, on_events=on_events,
                        on_progress=lambda n: progress.advance(task, n))
    except WhowhomError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if out is not None:
            sink.close()
        if store is not None:
            store.close()
    summary = (f"coded {stats.coded} document(s), {stats.unchanged} unchanged, "
               f"{stats.failed} failed; {stats.events} event(s)"
               f" (+{stats.hidden_events} negated or hypothetical, kept with --all)")
    if fmt == "table":
        if stats.by_type:
            console.print(counts_table("events by PLOVER type", stats.by_type.most_common()))
        click.echo(summary + (f" -> {db}" if store is not None else ""))
    else:
        err.print(summary, highlight=False)
    if stats.nothing_coded or (strict and stats.failed):
        sys.exit(1)


@cli.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
def events(db: Path, limit: int | None, fmt: str, **filters: Any) -> None:
    """List coded events, filtered.

    Example: whowhom events --country KAZ --event ACCUSE --since 2024-08-01
    """
    with _open_store(db) as store:
        found = store.query_events(_filter(limit=limit, **filters))
        total = store.count_events(_filter(**filters))
    if fmt == "jsonl":
        for e in found:
            click.echo(json.dumps(e, ensure_ascii=False))
        return
    console.print(events_table(found, title=f"{len(found)} of {total} event(s) in {db}"))


@cli.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              required=True)
@click.option("--out", "path", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(db: Path, fmt: str, path: Path, **filters: Any) -> None:
    """Export events as JSON Lines (events-format §2), CSV or Parquet.

    Example: whowhom export --format parquet --out events.parquet
    """
    with _open_store(db) as store:
        store.export(path, fmt, _filter(**filters))
        n = store.count_events(_filter(**filters))
    click.echo(f"wrote {n} event(s) to {path}")


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@knowledge_options
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True,
              help="List false positives and misses, grouped by cause.")
@click.option("--max-errors", type=click.IntRange(1), default=20, show_default=True,
              help="Errors shown per cause with --errors.")
@click.option("--curve", is_flag=True, help="Precision and recall against confidence.")
def evaluate(gold: Path, kb_dirs: tuple[Path, ...], pattern_dirs: tuple[Path, ...],
             as_json: bool, show_errors: bool, max_errors: int, curve: bool) -> None:
    """Score the coder against annotated documents (events-format §1).

    Example: whowhom eval examples/examples.gold.jsonl --errors
    """
    try:
        gold_docs = load_gold(gold)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    coder = _load_coder(kb_dirs, pattern_dirs)
    docs = [clean_document(SourceDocument(doc_id=g.id, text=g.text, published=g.published or "",
                                          title=g.title or "")) for g in gold_docs]
    coded: dict[str, list[dict]] = {}
    for parsed, doc in parse_with_context((d.text, d) for d in docs):
        coded[doc.doc_id] = [e.to_dict() for e in code_document(doc, parsed, coder)
                             if e.is_default]
    report = score(gold_docs, coded)
    if as_json:
        payload = report.to_dict()
        if curve:
            payload["threshold_curve"] = threshold_curve(gold_docs, coded)
        if show_errors:
            payload["errors"] = [e.to_dict() for e in error_report(gold_docs, coded)]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = render_table(report)
    table.title = (f"{gold.name}: {report.n_documents} documents, {report.n_gold_events} gold "
                   f"events, {report.n_coded_events} coded")
    console.print(table)
    if curve:
        console.print(counts_table("dyad F1 by minimum confidence",
                               [(f"≥ {row['threshold']:.1f}", f"{row['f1']:.3f}")
                                for row in threshold_curve(gold_docs, coded)], key="threshold"))
    if show_errors:
        console.print(render_errors(group_errors(error_report(gold_docs, coded)), limit=max_errors))


def main() -> None:
    cli()
