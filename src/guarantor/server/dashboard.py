"""The dashboard: server-rendered pages (Jinja) with a little plain JavaScript for live updates.

Nothing is fetched from another site: the stylesheet and script are served from ``/static``. A page holds
the guarantee and a live section; on each SSE ``ledger`` event the script fetches the live section again
(``/g/{id}/live``) and swaps it in, so a new case or vote appears without a reload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from guarantor.errors import GuarantorError, Unauthenticated
from guarantor.server import charts, reads
from guarantor.server.auth import COOKIE, caller_of, service_of
from guarantor.server.tokens import Caller

__all__ = ["mount_static", "router"]

_HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.state.templates = Jinja2Templates(directory=_HERE / "templates")


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def _caller(request: Request) -> Caller | None:
    try:
        return caller_of(request)
    except Unauthenticated:
        return None


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip()
    try:
        service_of(request).tokens.caller(token)
    except GuarantorError as error:
        return _page(request, "login.html", {"error": error.message}, status=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    caller = _caller(request)
    if caller is None:
        return RedirectResponse("/login", status_code=303)
    service = service_of(request)
    return _page(request, "index.html", {"caller": caller, "guarantees": reads.guarantees(service)})


@router.get("/g/{gid}", response_class=HTMLResponse)
def guarantee_page(request: Request, gid: str) -> Response:
    caller = _caller(request)
    if caller is None:
        return RedirectResponse("/login", status_code=303)
    service = service_of(request)
    context = {"caller": caller, "g": reads.guarantee(service, gid), **live_context(request, gid)}
    return _page(request, "guarantee.html", context)


@router.get("/g/{gid}/live", response_class=HTMLResponse)
def live(request: Request, gid: str) -> HTMLResponse:
    caller_of(request)
    return _page(request, "_live.html", live_context(request, gid))


def live_context(request: Request, gid: str) -> dict[str, Any]:
    """Everything the live section shows, from one fold at the current ledger position."""
    service = service_of(request)
    incidents = reads.incidents(service, gid, 10)
    open_cases = [c for c in reads.cases(service, gid, None, None) if c["status"] != "closed"]
    return {
        "gid": gid,
        "seq": service.index.seen,
        "cases": open_cases,
        "tallies": reads.votes(service, gid),
        "obligations": reads.obligations(service, gid, None),
        "missed": reads.deadlines(service, gid, None)["missed"],
        "incidents": incidents,
        "by_day": charts.bars_by_day(incidents["by_day"]),
        "by_region": charts.bars_by_region(incidents["by_region"]),
        "ledger": reads.ledger_status(service),
        "refusals": [r.to_json() for r in list(service.index.refusals)[-10:]][::-1],
    }
