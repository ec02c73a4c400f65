"""Live updates as Server-Sent Events: one ``ledger`` event whenever the ledger grows.

Each worker polls the ledger head (a one-row read), so an update written by any worker reaches every
client. The event carries the new position; pages then fetch what changed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from guarantor.errors import RequestError
from guarantor.server.auth import caller_of, service_of

__all__ = ["router"]

router = APIRouter()
_KEEPALIVE_SECONDS = 15.0


@router.get("/api/stream", response_class=StreamingResponse)
async def events(request: Request, limit: int = 0, after: int = -1) -> StreamingResponse:
    """``text/event-stream`` of ``ledger`` events ``{"seq": N}``; ``limit`` > 0 ends it after that many."""
    caller_of(request)
    if limit < 0:
        raise RequestError(f"limit must be >= 0, got {limit}")
    service = service_of(request)
    poll = service.settings.poll_seconds

    async def messages() -> AsyncIterator[str]:
        last, sent, quiet = after, 0, 0.0
        yield "retry: 2000\n\n"
        while limit == 0 or sent < limit:
            seq = service.refresh()
            if seq != last:
                last, sent, quiet = seq, sent + 1, 0.0
                yield f"event: ledger\ndata: {json.dumps({'seq': seq})}\n\n"
                continue
            if await request.is_disconnected():
                return
            await asyncio.sleep(poll)
            quiet += poll
            if quiet >= _KEEPALIVE_SECONDS:
                quiet = 0.0
                yield ": keepalive\n\n"

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(messages(), media_type="text/event-stream", headers=headers)
