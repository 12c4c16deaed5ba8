"""What the endpoints get through ``Depends``: a read-only store, the knowledge base and
the coding function. Tests replace any of them with ``app.dependency_overrides``."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request

from whowhom.coder import code_text, default_coder
from whowhom.kb.loader import default_kb
from whowhom.kb.model import KnowledgeBase
from whowhom.store.db import EventStore

CodeFn = Callable[[str, "str | None", bool], list[dict[str, Any]]]


class StorePool:
    """Read-only stores over one DuckDB file, each used by one request at a time.

    A DuckDB connection must not be shared by concurrent requests, and opening one
    costs a few milliseconds, so connections are kept and handed out again. The first
    one stays open for the pool's life, which keeps DuckDB's database instance (and its
    cache) alive between requests.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: queue.SimpleQueue[EventStore] = queue.SimpleQueue()
        self._all: list[EventStore] = []
        self._lock = threading.Lock()
        self.release(self._open())

    def _open(self) -> EventStore:
        store = EventStore(self.path, read_only=True)
        with self._lock:
            self._all.append(store)
        return store

    def acquire(self) -> EventStore:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._open()

    def release(self, store: EventStore) -> None:
        self._idle.put(store)

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


def get_store(request: Request) -> Iterator[EventStore]:
    pool: StorePool | None = getattr(request.app.state, "store_pool", None)
    if pool is None:
        raise HTTPException(503, "no event store is configured; start with whowhom serve --db")
    store = pool.acquire()
    try:
        yield store
    finally:
        pool.release(store)


def get_kb() -> KnowledgeBase:
    return default_kb()


_coding = threading.Lock()


def _code(text: str, published: str | None, include_all: bool) -> list[dict[str, Any]]:
    # spaCy pipelines are not documented as thread-safe: one text is coded at a time.
    with _coding:
        events = code_text(text, published, doc_id="posted", coder=default_coder(),
                           include_all=include_all)
    return [e.to_dict() for e in events]


def get_code_fn() -> CodeFn:
    """Codes a posted text: ``(text, published, include_all) -> §2 event dicts``."""
    return _code
