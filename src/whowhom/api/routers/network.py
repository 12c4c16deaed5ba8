"""``/api/network``: states and organisations linked by the events between them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from whowhom.api import queries
from whowhom.api.dependencies import get_kb, get_store
from whowhom.api.errors import ERROR_RESPONSES
from whowhom.api.schemas import DATE_PATTERN, Network
from whowhom.kb.model import KnowledgeBase
from whowhom.store.db import EventStore

router = APIRouter(prefix="/api", tags=["network"], responses=ERROR_RESPONSES)


@router.get("/network", response_model=Network)
def get_network(
    store: Annotated[EventStore, Depends(get_store)],
    kb: Annotated[KnowledgeBase, Depends(get_kb)],
    since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=2000, description="at most this many edges")] = 200,
) -> dict[str, Any]:
    """Nodes with their event counts; undirected edges weighted by event count and
    signed by mean Goldstein score (cooperation > 0 > conflict), heaviest first."""
    return queries.network(store, kb, since=since, until=until, min_events=min_events,
                           max_edges=limit)
