"""``POST /api/code``: code a text on the fly; nothing is stored."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException

from whowhom.api.dependencies import CodeFn, get_code_fn
from whowhom.api.errors import ERROR_RESPONSES
from whowhom.api.limits import MAX_TEXT_CHARS
from whowhom.api.schemas import CodeRequest, CodeResult

router = APIRouter(prefix="/api", tags=["code"], responses=ERROR_RESPONSES)


@router.post("/code", response_model=CodeResult)
def code(request: CodeRequest, code_fn: Annotated[CodeFn, Depends(get_code_fn)]
         ) -> dict[str, Any]:
    """Events (events-format §2) coded from the text, as ``whowhom code`` would."""
    if len(request.text) > MAX_TEXT_CHARS:
        raise HTTPException(413, f"text has {len(request.text):,} characters; "
                                 f"at most {MAX_TEXT_CHARS:,} are coded per request")
    if request.published:
        try:
            dt.date.fromisoformat(request.published)
        except ValueError as exc:
            raise HTTPException(422, f"published {request.published!r} is not a date") from exc
    events = code_fn(request.text, request.published, request.all)
    return {"items": events, "total": len(events)}
