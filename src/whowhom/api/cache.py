"""A response cache for the read-only API.

``whowhom serve`` opens the store read-only, so nothing can change it while the server
runs: the same GET request always gets the same answer, and a dashboard asks the same
questions over and over. Answers are kept per URL, least recently used first out.
"""

from __future__ import annotations

from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ResponseCache:
    """ASGI middleware caching successful GET responses under ``/api/`` by URL."""

    def __init__(self, app: ASGIApp, max_entries: int = 2048) -> None:
        self.app = app
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[Message, bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" \
                or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        key = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        start_message: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start_message
            if message["type"] == "http.response.start":
                start_message = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start_message.get("status") == 200:
                    self._entries[key] = (start_message, b"".join(chunks))
                    if len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, keep)
