"""Request size limits, enforced before a body is read into memory."""

from __future__ import annotations

import json

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_TEXT_CHARS = 100_000  # POST /api/code: longer texts are refused with 413
MAX_BODY_BYTES = 1_000_000  # any request body; room for MAX_TEXT_CHARS escaped as JSON

_MESSAGE = f"request body is larger than {MAX_BODY_BYTES:,} bytes"


class BodySizeLimit:
    """Answers 413 when a body is declared, or turns out while streaming, to be too large.

    A declared length is refused before the app runs; a streamed body raises an
    HTTPException that the app's error handlers turn into the usual error shape.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _refuse(send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, _MESSAGE)
            return message

        await self.app(scope, limited_receive, send)


async def _refuse(send: Send) -> None:
    body = json.dumps({"error": {"status": 413, "code": "too_large", "message": _MESSAGE,
                                 "details": []}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
