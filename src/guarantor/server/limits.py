"""A limit on request bodies: a declared length over it, or a streamed body that grows past it, gets E803."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from guarantor.errors import PayloadTooLarge

__all__ = ["BodyLimit"]


class BodyLimit:
    """Pure ASGI middleware, so the check costs nothing on requests without a body."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise self._error()  # answered by the app's error handler, in the one shape
            return message

        await self.app(scope, counted, send)

    def _error(self) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"the request body is over the limit of {self.limit} bytes",
            hint="split a batch of incidents into smaller ones",
        )

    async def _refuse(self, send: Send) -> None:
        error = self._error()
        body = json.dumps({"error": error.to_dict()}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": error.http_status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
