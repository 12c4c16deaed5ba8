"""Helpers of the API and browser tests: the example articles coded once per test session
into a store, and test clients whose store is that one, opened read-only.

(A plain module rather than a conftest.py: ``tests/conftest.py`` is imported by name.)
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from whowhom.api.dependencies import StorePool, get_code_fn, get_store
from whowhom.api.main import create_app
from whowhom.coder import default_coder
from whowhom.runner import RunOptions, run
from whowhom.store.db import EventStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


@cache
def coded_examples() -> Path:
    """A store of ``examples/articles``, coded once per session (negated events kept)."""
    folder = Path(tempfile.mkdtemp(prefix="whowhom-api-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = folder / "examples.duckdb"
    with EventStore(db) as store:
        stats = run([str(EXAMPLES)], default_coder(), store, RunOptions())
    assert stats.coded == len(list(EXAMPLES.glob("*.txt"))), stats
    return db


def fake_code(text: str, published: str | None, include_all: bool) -> list[dict]:
    """Stands in for the coder where a test checks the endpoint, not the coding."""
    return [{"event_id": "fake", "doc_id": "posted", "text_length": len(text),
             "published": published, "all": include_all}]


def app_over(db: Path, *, real_coder: bool = False) -> FastAPI:
    """The app with its store dependency replaced by a read-only store of ``db``."""
    app = create_app()
    pool = StorePool(db)  # keeps a connection open: opening one each time is slow

    def store() -> Iterator[EventStore]:
        s = pool.acquire()
        try:
            yield s
        finally:
            pool.release(s)

    app.dependency_overrides[get_store] = store
    if not real_coder:
        app.dependency_overrides[get_code_fn] = lambda: fake_code
    return app


def client_over(db: Path, *, real_coder: bool = False) -> TestClient:
    return TestClient(app_over(db, real_coder=real_coder), raise_server_exceptions=False)
