"""``/api/events``, ``/api/events/{id}`` and ``/api/timeline``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query

from whowhom.api import queries
from whowhom.api.dependencies import get_store
from whowhom.api.errors import ERROR_RESPONSES
from whowhom.api.schemas import DATE_PATTERN, EventDetail, EventPage, Timeline
from whowhom.store.db import EventFilter, EventStore

router = APIRouter(prefix="/api", tags=["events"], responses=ERROR_RESPONSES)

NO_FUSION = "fused events are not available in this store"


class Filters:
    """The filters shared by the event list and the timeline."""

    def __init__(
        self,
        event: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z_]+$",
                                           description="PLOVER type, e.g. ACCUSE")] = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$",
                                             description="ISO alpha-3 of source or target")
                           ] = None,
        actor: Annotated[str | None, Query(min_length=1, max_length=200, description=(
            "part of an actor's name, text or code, or a kb id"))] = None,
        since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        doc: Annotated[str | None, Query(min_length=1, max_length=500)] = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        include_all: Annotated[bool, Query(description=(
            "include negated and hypothetical events"))] = False,
    ) -> None:
        self.filter = EventFilter(event=event, country=country, actor=actor, since=since,
                                  until=until, doc=doc, include_all=include_all,
                                  min_confidence=min_confidence)


@router.get("/events", response_model=EventPage)
def list_events(
    filters: Annotated[Filters, Depends()],
    store: Annotated[EventStore, Depends(get_store)],
    fused: Annotated[bool, Query(description="fused events (one per real-world act)")] = False,
    sort: Annotated[Literal["date", "confidence", "goldstein"], Query()] = "date",
    order: Annotated[Literal["asc", "desc"], Query()] = "desc",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> dict[str, Any]:
    """Events matching every given filter, one page at a time.

    Page with ``offset``, or with ``cursor`` set to the previous page's ``next_cursor``
    (not both).
    """
    if cursor and offset:
        raise HTTPException(400, "give either offset or cursor, not both")
    f = filters.filter
    f.limit, f.offset = limit, offset
    if fused:
        return _fused_page(store, f, cursor)
    page = queries.events_page(store, f, sort=sort, order=order, cursor=cursor)
    return {"items": page.items, "total": page.total, "next_cursor": page.next_cursor}


def _fused_page(store: EventStore, f: EventFilter, cursor: str | None) -> dict[str, Any]:
    if not hasattr(store, "query_fused"):
        raise HTTPException(400, NO_FUSION)
    if cursor:
        raise HTTPException(400, "fused events are paged with offset, not cursor")
    queries.where(f)  # checks the dates the same way as for events
    try:
        items = store.query_fused(f)
        total = store.count_fused(f)
    except duckdb.CatalogException as exc:  # a store from before fusion, opened read-only
        raise HTTPException(400, NO_FUSION) from exc
    return {"items": items, "total": total, "next_cursor": None}


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(event_id: str, store: Annotated[EventStore, Depends(get_store)]
              ) -> dict[str, Any]:
    """One event (or fused event) with its evidence: the sentence, the highlighted spans
    of source, trigger and target within it, and the document it comes from."""
    event = queries.get_event(store, event_id)
    if event is not None:
        return {"event": event, "evidence": _evidence(store, event), "fused": False,
                "mentions": []}
    try:
        fused = store.get_fused(event_id) if hasattr(store, "get_fused") else None
    except duckdb.CatalogException:  # a store from before fusion
        fused = None
    if fused is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    mentions = [{"event": m, "evidence": _evidence(store, m)} for m in fused["mentions"]]
    if not mentions:
        raise HTTPException(404, f"fused event {event_id!r} has no stored mentions")
    record = {k: v for k, v in fused.items() if k != "mentions"}
    return {"event": record, "evidence": mentions[0]["evidence"], "fused": True,
            "mentions": mentions}


def _evidence(store: EventStore, event: dict[str, Any]) -> dict[str, Any]:
    return queries.evidence(event, store.get_document(event["doc_id"]))


@router.get("/timeline", response_model=Timeline)
def timeline(
    filters: Annotated[Filters, Depends()],
    store: Annotated[EventStore, Depends(get_store)],
    interval: Annotated[Literal["week", "month", "year"], Query()] = "month",
) -> dict[str, Any]:
    """Matching events per period and QuadClass (1 verbal and 2 material cooperation,
    3 verbal and 4 material conflict): the overview's chart."""
    return {"interval": interval, "periods": queries.timeline(store, filters.filter, interval)}
