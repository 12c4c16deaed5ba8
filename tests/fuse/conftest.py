"""Fixtures of the fusion tests: an in-memory store and a saver."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fusefactory import CODER

from whowhom.model import Document
from whowhom.store.db import EventStore


@pytest.fixture
def store() -> Iterator[EventStore]:
    with EventStore(":memory:") as s:
        yield s


@pytest.fixture
def save(store: EventStore) -> Callable[..., None]:
    """Save documents with their events: save([(doc, [event, ...]), ...])."""
    def _save(batch: list[tuple[Document, list[dict[str, Any]]]]) -> None:
        store.save_documents(batch, CODER)
    return _save
