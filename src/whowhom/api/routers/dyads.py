"""``/api/dyads?a=KAZ&b=BLR``: how two states (or organisations) treated each other."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from whowhom.api import queries
from whowhom.api.dependencies import get_store
from whowhom.api.errors import ERROR_RESPONSES
from whowhom.api.schemas import DATE_PATTERN, NODE_PATTERN, Dyad
from whowhom.store.db import EventStore

router = APIRouter(prefix="/api", tags=["dyads"], responses=ERROR_RESPONSES)


@router.get("/dyads", response_model=Dyad)
def get_dyad(
    a: Annotated[str, Query(pattern=NODE_PATTERN, description="ISO alpha-3 or organisation id")],
    b: Annotated[str, Query(pattern=NODE_PATTERN, description="ISO alpha-3 or organisation id")],
    store: Annotated[EventStore, Depends(get_store)],
    interval: Annotated[Literal["week", "month", "year"], Query()] = "month",
    since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
) -> dict[str, Any]:
    """Per period and direction (a_to_b, b_to_a): events per PLOVER type, the QuadClass
    split, and the Goldstein sum and mean. Empty periods in between are listed as zero."""
    if a.upper() == b.upper():
        raise HTTPException(400, "a and b must be two different actors")
    return queries.dyad(store, a, b, interval=interval, since=since, until=until)
