"""Who is calling: a bearer token in ``Authorization``, or the dashboard's session cookie.

The cookie is accepted for writes only together with the ``X-Requested-With: guarantor`` header, which a
page from another site cannot send without a CORS preflight this server never grants: no cross-site forgery.
"""

from __future__ import annotations

from fastapi import Request

from guarantor.errors import Unauthenticated
from guarantor.server.service import Service
from guarantor.server.tokens import Caller

__all__ = ["COOKIE", "caller_of", "service_of"]

COOKIE = "guarantor_token"
_SAFE = frozenset({"GET", "HEAD"})


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def caller_of(request: Request) -> Caller:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return service_of(request).tokens.caller(token.strip())
    cookie = request.cookies.get(COOKIE)
    if cookie:
        if request.method not in _SAFE and request.headers.get("x-requested-with") != "guarantor":
            raise Unauthenticated(
                "a write with the session cookie needs the header X-Requested-With: guarantor",
                hint="API clients send Authorization: Bearer TOKEN",
            )
        return service_of(request).tokens.caller(cookie)
    raise Unauthenticated("no bearer token", hint="send Authorization: Bearer TOKEN (from `guarantor admin add`)")
