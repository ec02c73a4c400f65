"""The two writes that arrive by the thousand, incidents and votes, dispatched without FastAPI's router.

A monitoring feed posts incidents and parties post votes at a rate where FastAPI's route matching and
dependency solving cost more than the write itself. This ASGI middleware recognises exactly
``POST /api/guarantees/{gid}/incidents`` and ``POST /api/guarantees/{gid}/votes`` and calls the same endpoint
functions the router would (so the rules, the error shape and the recorded refusals are the router's); every
other request, and these paths with any other method, go through FastAPI unchanged. The OpenAPI schema
describes these routes as usual.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from guarantor.errors import GuarantorError
from guarantor.server import api

__all__ = ["HotWrites"]

_log = logging.getLogger("guarantor.server")

Endpoint = Callable[[Request, str], Awaitable[JSONResponse]]
_PATH = re.compile(r"/api/guarantees/([^/]+)/(incidents|votes)")
_ENDPOINTS: dict[str, Endpoint] = {"incidents": api.report_incident, "votes": api.cast_vote}


class HotWrites:
    def __init__(self, app: ASGIApp, on_error: Callable[[GuarantorError], JSONResponse]) -> None:
        self.app, self.on_error = app, on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = _PATH.fullmatch(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        if found is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await _ENDPOINTS[found.group(2)](request, found.group(1))
        except GuarantorError as error:
            if error.http_status >= 500:
                _log.error("POST %s: %s", scope["path"], error)
            response = self.on_error(error)
        await response(scope, receive, send)
