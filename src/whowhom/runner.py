"""Run the whole flow over many inputs: read, clean, parse in batches, code, store.

The coding itself is ``coder.code_document``; this module only moves documents through
it, records what could not be read or coded, and skips documents already coded by the
same coder version (so an interrupted run resumes where it stopped).
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from spacy.tokens import Doc

from whowhom.coder import Coder, code_document
from whowhom.fuse.fusion import Fuser
from whowhom.ingest.clean import clean_document
from whowhom.ingest.readers import iter_sources
from whowhom.model import Document, Event, ReadFailure
from whowhom.nlp import load_nlp, parse_with_context
from whowhom.store.db import EventStore

SAVE_EVERY = 200  # documents per store transaction (a crash redoes at most these)


@dataclass
class RunStats:
    coded: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    hidden_events: int = 0  # negated or hypothetical
    by_type: Counter[str] = field(default_factory=Counter)

    @property
    def nothing_coded(self) -> bool:
        return self.coded == 0 and self.unchanged == 0


@dataclass
class RunOptions:
    published: str | None = None
    workers: int = 1
    batch_size: int = 32
    force: bool = False  # re-code documents even when already coded by this coder
    include_all: bool = False  # pass negated/hypothetical events to ``on_events`` too


def run(
    inputs: Sequence[str],
    coder: Coder,
    store: EventStore | None,
    options: RunOptions,
    *,
    stdin: TextIO | None = None,
    on_failure: Callable[[ReadFailure], None] = lambda f: None,
    on_events: Callable[[Document, list[Event]], None] = lambda d, e: None,
    on_progress: Callable[[int], None] = lambda n: None,
) -> RunStats:
    """Code every document of ``inputs`` into ``store`` (if given) and return counts."""
    stats = RunStats()

    def failed(f: ReadFailure) -> None:
        stats.failed += 1
        if store is not None:
            store.record_failure(f)
        on_failure(f)

    # Fusion runs once, after the last batch is saved: one pass over the store per run
    # keeps the cost near-linear. Documents a crashed run saved but never fused are
    # picked up here too, so the fused tables always catch up with the stored documents.
    saved: list[str] = []

    def save(batch: list[tuple[Document, list[dict]]]) -> None:
        assert store is not None
        store.save_documents(batch, coder.version)
        saved.extend(doc.doc_id for doc, _ in batch)

    docs = _documents_to_code(inputs, coder, store, options, stdin, stats, failed, on_progress)
    pending: list[tuple[Document, list[dict]]] = []
    for doc, events, error in _coded(docs, coder, options):
        if error is not None:  # one bad document must not stop the batch
            failed(ReadFailure(doc.path or doc.doc_id, f"coding failed: {error}"))
            continue
        on_events(doc, [e for e in events if options.include_all or e.is_default])
        stats.coded += 1
        stats.events += sum(e.is_default for e in events)
        stats.hidden_events += sum(not e.is_default for e in events)
        stats.by_type.update(e.event for e in events if e.is_default)
        pending.append((doc, [e.to_dict() for e in events]))
        on_progress(1)
        if store is not None and len(pending) >= SAVE_EVERY:
            save(pending)
            pending = []
    if store is not None and pending:
        save(pending)
    if store is not None:
        fuser = Fuser(store)
        fuser.fuse_new(list(dict.fromkeys([*saved, *fuser.unfused_documents()])))
    return stats


Coded = tuple[Document, list[Event], str | None]  # (document, events, error)


def _coded(docs: Iterable[Document], coder: Coder, options: RunOptions) -> Iterator[Coded]:
    """Parse and code documents in order: in this process, or with ``workers`` > 1 in
    worker processes that each parse *and* code, so coding is not left to one core."""
    if options.workers <= 1:
        for parsed, doc in parse_with_context(((d.text, d) for d in docs),
                                              batch_size=options.batch_size):
            yield _code_parsed(doc, parsed, coder)
        return
    global _WORKER_CODER
    _WORKER_CODER = coder  # inherited by the forked workers, never pickled
    load_nlp()
    context = multiprocessing.get_context("fork")
    chunk = max(1, options.batch_size // 4)
    docs = iter(docs)
    with context.Pool(options.workers) as pool:
        # documents are read here, in slices, so the store (read while listing the
        # documents to code) is only ever touched from this thread
        while batch := list(itertools.islice(docs, chunk * options.workers * 4)):
            yield from pool.imap(_code_in_worker, batch, chunksize=chunk)


_WORKER_CODER: Coder | None = None


def _code_in_worker(doc: Document) -> Coded:
    assert _WORKER_CODER is not None
    return _code_parsed(doc, load_nlp()(doc.text), _WORKER_CODER)


def _code_parsed(doc: Document, parsed: Doc, coder: Coder) -> Coded:
    try:
        return doc, code_document(doc, parsed, coder), None
    except Exception as exc:
        return doc, [], repr(exc)


def _documents_to_code(
    inputs: Sequence[str], coder: Coder, store: EventStore | None, options: RunOptions,
    stdin: TextIO | None, stats: RunStats, failed: Callable[[ReadFailure], None],
    on_progress: Callable[[int], None],
) -> Iterator[Document]:
    seen: set[str] = set()
    for item in iter_sources(inputs, published=options.published, stdin=stdin):
        if isinstance(item, ReadFailure):
            failed(item)
            on_progress(1)
            continue
        doc = clean_document(item)
        if not doc.text.strip():
            failed(ReadFailure(item.path or item.doc_id, "no text left after cleaning"))
            on_progress(1)
            continue
        if doc.doc_id in seen:
            failed(ReadFailure(item.path or item.doc_id,
                               f"duplicate document id {doc.doc_id!r} in this run; kept the first"))
            on_progress(1)
            continue
        seen.add(doc.doc_id)
        if (store is not None and not options.force
                and store.is_current(doc.doc_id, doc.content_hash, coder.version)):
            stats.unchanged += 1
            on_progress(1)
            continue
        yield doc
