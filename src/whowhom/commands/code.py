"""``whowhom code``: read, clean, parse, code and store news files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from whowhom.commands.options import (
    console,
    db_option,
    err,
    knowledge_options,
    load_coder,
    open_store,
)
from whowhom.errors import WhowhomError
from whowhom.ingest.readers import parse_published
from whowhom.model import Document, Event, ReadFailure
from whowhom.render import counts_table
from whowhom.runner import RunOptions, run


@click.command()
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
    coder = load_coder(kb_dirs, pattern_dirs)
    store = None if no_store else open_store(db)
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
