"""The application factory: ``create_app(settings)`` builds one FastAPI app; nothing lives at module level.

Every error leaves in the one JSON shape ``{"error": {"code", "message", "hint", "docs"}}`` with the
error's HTTP status: GuarantorError subclasses carry theirs; a malformed request is E802 (422), a body over
``max_body_bytes`` E803 (413), an unknown route E800 (404). A bug still answers in that shape (E000, 500).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from guarantor import __version__
from guarantor.errors import GuarantorError, NotFound, RequestError
from guarantor.server import api, dashboard, stream
from guarantor.server.hot import HotWrites
from guarantor.server.limits import BodyLimit
from guarantor.server.service import Service
from guarantor.server.settings import Settings

__all__ = ["app_from_env", "create_app"]

_log = logging.getLogger("guarantor.server")
_SWITCH_SECONDS = 0.0005
_GC_THRESHOLD = (20_000, 50, 100)


def create_app(settings: Settings) -> FastAPI:
    """A server over the ledger at ``settings.db``; the store is opened when the app starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The committer thread and the event loop hand the GIL to each other around every SQLite call and
        # signature (both release it); at the default 5 ms interval a thread waiting to take it back waits
        # up to 5 ms each time, so a write spent a millisecond waiting. 0.5 ms cuts that wait tenfold.
        previous = sys.getswitchinterval(), gc.get_threshold()
        sys.setswitchinterval(min(previous[0], _SWITCH_SECONDS))
        # Every write allocates a few hundred objects and the index keeps its events: at the default threshold
        # the collector ran every few writes and its older generations walked the whole index, which made the
        # slowest writes slow. The index and the loaded specs are frozen out of its reach once built.
        gc.set_threshold(*_GC_THRESHOLD)
        app.state.service = Service(settings)
        gc.freeze()
        try:
            yield
        finally:
            app.state.service.close()
            gc.unfreeze()
            sys.setswitchinterval(previous[0])
            gc.set_threshold(*previous[1])

    app = FastAPI(
        title="guarantor",
        version=__version__,
        summary="The live system of a security guarantee: incidents, cases, signed votes, obligations, ledger.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(HotWrites, on_error=error_response)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.include_router(api.router)
    app.include_router(stream.router)
    app.include_router(dashboard.router)
    dashboard.mount_static(app)
    _handlers(app)
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` workers: the settings come from GUARANTOR_SERVER_SETTINGS."""
    return create_app(Settings.from_env())


def error_response(error: GuarantorError) -> JSONResponse:
    return JSONResponse({"error": error.to_dict()}, status_code=error.http_status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(GuarantorError)
    async def on_error(request: Request, exc: GuarantorError) -> JSONResponse:
        if exc.http_status >= 500:
            _log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first: dict[str, Any] = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())) or "request"
        return error_response(RequestError(f"{where}: {first.get('msg', 'invalid request')}"))

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error_response(NotFound(f"no route {request.url.path!r}", hint="see /docs for the API"))
        error = RequestError(f"{request.method} {request.url.path}: {exc.detail}")
        return JSONResponse({"error": error.to_dict()}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception) -> JSONResponse:
        _log.exception("unexpected error on %s %s", request.method, request.url.path)
        bug = GuarantorError(
            f"internal error: {type(exc).__name__}",
            hint="this is a bug in guarantor; please report it with the request",
        )
        return JSONResponse({"error": bug.to_dict()}, status_code=500)
