"""``whowhom eval``: score the coder against annotated documents."""

from __future__ import annotations

import json
from pathlib import Path

import click

from whowhom.coder import code_document
from whowhom.commands.options import console, knowledge_options, load_coder
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
from whowhom.model import SourceDocument
from whowhom.nlp import parse_with_context
from whowhom.render import counts_table


@click.command("eval")
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
    coder = load_coder(kb_dirs, pattern_dirs)
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
