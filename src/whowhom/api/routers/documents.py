"""``/api/documents/{id}``: a cleaned document with its events as spans."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException

from whowhom.api import queries
from whowhom.api.dependencies import get_store
from whowhom.api.errors import ERROR_RESPONSES
from whowhom.api.schemas import DocumentDetail
from whowhom.store.db import EventStore

router = APIRouter(prefix="/api", tags=["documents"], responses=ERROR_RESPONSES)


@router.get("/documents/{doc_id:path}", response_model=DocumentDetail)
def get_document(doc_id: str, store: Annotated[EventStore, Depends(get_store)]
                 ) -> dict[str, Any]:
    """The cleaned text and every event coded from it (negated and hypothetical ones
    too, see their flags), with source, trigger and target spans into the text."""
    document = store.get_document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    events = queries.document_events(store, doc_id)
    return {**document, "text": document["text"] or "",
            "events": [{"event": e, "spans": queries.event_spans(e)} for e in events]}
