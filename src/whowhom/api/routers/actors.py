"""``/api/actors?q=``: find states, organisations and people by name."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from whowhom.api import queries
from whowhom.api.dependencies import get_kb, get_store
from whowhom.api.errors import ERROR_RESPONSES
from whowhom.api.schemas import ActorPage
from whowhom.kb.model import KnowledgeBase
from whowhom.store.db import EventStore

router = APIRouter(prefix="/api", tags=["actors"], responses=ERROR_RESPONSES)


@router.get("/actors", response_model=ActorPage)
def search_actors(
    q: Annotated[str, Query(min_length=1, max_length=100, description="part of a name")],
    store: Annotated[EventStore, Depends(get_store)],
    kb: Annotated[KnowledgeBase, Depends(get_kb)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Knowledge-base entries (exact, then prefix, then substring matches) followed by
    the actors of stored events (busiest first) whose name, text or code contains q."""
    needle = q.strip()
    if not needle:
        return {"items": [], "total": 0}
    items = queries.kb_actors(kb, needle, limit)
    items += queries.store_actors(store, needle, limit)
    return {"items": items, "total": len(items)}
