"""The JSON API under ``/api``: thin translations of HTTP requests into :class:`Service` calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter

from guarantor.errors import GuarantorError, NotFound, RequestError
from guarantor.ledger import Role, parse_json
from guarantor.runtime.events import EVENT_TYPES, IncidentReported
from guarantor.server import reads
from guarantor.server.auth import caller_of, service_of
from guarantor.server.policy import check_role
from guarantor.server.tokens import Caller

__all__ = ["router"]

MAX_SEQ = 2**53 - 1  # the largest sequence number a ledger can hold (canonical JSON's safe integers)
_REFUSED = frozenset({"E501", "E505", "E600", "E700", "E804"})
_READERS = frozenset(Role)
Write = Callable[[Caller, Any], Awaitable[Any]]


def _schema(model: Any) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model}}}}


_INCIDENT = TypeAdapter(IncidentReported).json_schema()
_EVENT = {"type": "object", "required": ["type"], "properties": {"type": {"enum": sorted(EVENT_TYPES)}}}
_SIGNED = {
    "type": "object",
    "required": ["event", "signature"],
    "properties": {"event": {"type": "object"}, "signature": {"type": "string", "pattern": "^[0-9a-f]{128}$"}},
}
_SPEC = {"type": "object", "required": ["spec"], "properties": {"spec": {"type": "string"}}}
_BATCH = {
    "type": "object",
    "required": ["incidents"],
    "properties": {"incidents": {"type": "array", "items": _INCIDENT}},
}
_PRINCIPAL = {
    "type": "object",
    "required": ["name", "role"],
    "properties": {
        "name": {"type": "string"},
        "role": {"enum": [r.value for r in Role]},
        "public_key": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    },
}

router = APIRouter(prefix="/api")


async def _json_object(request: Request) -> dict[str, Any]:
    value = parse_json(await request.body())
    if not isinstance(value, dict):
        raise RequestError(f"the request body must be a JSON object, not {type(value).__name__}")
    return value


async def _write(request: Request, attempted: str, gid: str | None, op: Write) -> JSONResponse:
    """Authenticate, read the body, run ``op``; a refused submission is recorded in the ledger."""
    caller = caller_of(request)
    raw = await request.body()
    try:
        result = await op(caller, await _json_object(request))
    except GuarantorError as error:
        if error.code in _REFUSED:
            await service_of(request).refuse(caller, attempted, error, gid, raw)
        raise
    status = 201 if isinstance(result, dict) and result.get("status") == "recorded" else 200
    return JSONResponse(result, status_code=status)


def _read(request: Request) -> Caller:
    caller = caller_of(request)
    check_role(caller, _READERS, "read")
    return caller


# Guarantees ------------------------------------------------------------------------------------------------


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    return {"status": "ok", "seq": service_of(request).refresh()}


@router.get("/guarantees")
def list_guarantees(request: Request) -> list[dict[str, Any]]:
    _read(request)
    return reads.guarantees(service_of(request))


@router.post("/guarantees", status_code=201, openapi_extra=_schema(_SPEC))
async def load_guarantee(request: Request) -> JSONResponse:
    service = service_of(request)

    async def op(caller: Caller, body: dict[str, Any]) -> Any:
        text = body.get("spec")
        if not isinstance(text, str):
            raise RequestError('the body is {"spec": "YAML text of the guarantee"}')
        return await service.load_guarantee(caller, text)

    return await _write(request, "guarantee_loaded", None, op)


@router.get("/guarantees/{gid}")
def show_guarantee(request: Request, gid: str) -> dict[str, Any]:
    _read(request)
    return reads.guarantee(service_of(request), gid)


# Inputs ----------------------------------------------------------------------------------------------------


def _recorder(request: Request, gid: str, kind: str | None) -> Write:
    service = service_of(request)

    async def op(caller: Caller, body: dict[str, Any]) -> Any:
        event = body if kind is None else {"type": kind, **body}
        if kind is not None and body.get("type", kind) != kind:
            raise RequestError(f"this endpoint takes {kind} events, not {body.get('type')!r}")
        return await service.record(caller, gid, event)

    return op


@router.post("/guarantees/{gid}/incidents", status_code=201, openapi_extra=_schema(_INCIDENT))
async def report_incident(request: Request, gid: str) -> JSONResponse:
    service_of(request).index.guarantee(gid)
    return await _write(request, "incident_reported", gid, _recorder(request, gid, "incident_reported"))


@router.post("/guarantees/{gid}/incidents/batch", openapi_extra=_schema(_BATCH))
async def report_incidents(request: Request, gid: str) -> JSONResponse:
    service = service_of(request)
    service.index.guarantee(gid)

    async def op(caller: Caller, body: dict[str, Any]) -> Any:
        items = body.get("incidents")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise RequestError('the body is {"incidents": [{...}, ...]}')
        if len(items) > service.settings.max_batch:
            raise RequestError(f"{len(items)} incidents in one batch; at most {service.settings.max_batch}")
        results = await service.record_many(caller, gid, [{"type": "incident_reported", **i} for i in items])
        return {"results": results}

    return await _write(request, "incident_reported", gid, op)


@router.post("/guarantees/{gid}/events", status_code=201, openapi_extra=_schema(_EVENT))
async def record_event(request: Request, gid: str) -> JSONResponse:
    """Any event a token may submit: attributions, decisions, consultations held, requests, acknowledgements."""
    service_of(request).index.guarantee(gid)
    return await _write(request, "event", gid, _recorder(request, gid, None))


@router.post("/guarantees/{gid}/consultations", status_code=201, openapi_extra=_schema(_EVENT))
async def request_consultation(request: Request, gid: str) -> JSONResponse:
    service_of(request).index.guarantee(gid)
    return await _write(request, "consultation_requested", gid, _recorder(request, gid, "consultation_requested"))


@router.post("/guarantees/{gid}/decisions", status_code=201, openapi_extra=_schema(_EVENT))
async def record_decision(request: Request, gid: str) -> JSONResponse:
    service_of(request).index.guarantee(gid)
    return await _write(request, "decision_taken", gid, _recorder(request, gid, "decision_taken"))


def _signed(request: Request, gid: str, kind: str) -> Write:
    service = service_of(request)

    async def op(caller: Caller, body: dict[str, Any]) -> Any:
        return await service.record_signed(caller, gid, kind, body)

    return op


@router.post("/guarantees/{gid}/votes", status_code=201, openapi_extra=_schema(_SIGNED))
async def cast_vote(request: Request, gid: str) -> JSONResponse:
    service_of(request).index.guarantee(gid)
    return await _write(request, "vote_cast", gid, _signed(request, gid, "vote_cast"))


@router.post("/guarantees/{gid}/actions", status_code=201, openapi_extra=_schema(_SIGNED))
async def report_action(request: Request, gid: str) -> JSONResponse:
    service_of(request).index.guarantee(gid)
    return await _write(request, "action_reported", gid, _signed(request, gid, "action_reported"))


# State -----------------------------------------------------------------------------------------------------


@router.get("/guarantees/{gid}/state")
def state(request: Request, gid: str, as_of: str | None = None) -> dict[str, Any]:
    _read(request)
    service = service_of(request)
    return service.states.view(gid, service.as_of(as_of)).to_json()


@router.get("/guarantees/{gid}/cases")
def cases(request: Request, gid: str, as_of: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
    _read(request)
    return reads.cases(service_of(request), gid, as_of, status)


@router.get("/guarantees/{gid}/cases/{case_id:path}")
def case(request: Request, gid: str, case_id: str, as_of: str | None = None) -> dict[str, Any]:
    _read(request)
    return reads.case(service_of(request), gid, case_id, as_of)


@router.get("/guarantees/{gid}/consultations")
def consultations(request: Request, gid: str, as_of: str | None = None) -> list[dict[str, Any]]:
    _read(request)
    return reads.section(service_of(request), gid, "consultations", as_of)


@router.get("/guarantees/{gid}/decisions")
def decisions(request: Request, gid: str, as_of: str | None = None) -> list[dict[str, Any]]:
    _read(request)
    return reads.section(service_of(request), gid, "decisions", as_of)


@router.get("/guarantees/{gid}/votes")
def votes(request: Request, gid: str) -> list[dict[str, Any]]:
    _read(request)
    return reads.votes(service_of(request), gid)


@router.get("/guarantees/{gid}/obligations")
def obligations(request: Request, gid: str, as_of: str | None = None) -> list[dict[str, Any]]:
    _read(request)
    return reads.obligations(service_of(request), gid, as_of)


@router.get("/guarantees/{gid}/deadlines")
def deadlines(request: Request, gid: str, as_of: str | None = None) -> dict[str, Any]:
    _read(request)
    return reads.deadlines(service_of(request), gid, as_of)


@router.get("/guarantees/{gid}/incidents")
def incidents(request: Request, gid: str, limit: int = 100) -> dict[str, Any]:
    _read(request)
    if not 1 <= limit <= 10_000:
        raise RequestError(f"limit must be 1-10000, got {limit}")
    return reads.incidents(service_of(request), gid, limit)


# Ledger, principals, refusals ------------------------------------------------------------------------------


@router.get("/ledger")
def ledger_status(request: Request) -> dict[str, Any]:
    _read(request)
    return reads.ledger_status(service_of(request))


@router.get("/ledger/entries")
def ledger_entries(request: Request, start: int = 1, limit: int = 100) -> list[dict[str, Any]]:
    _read(request)
    if not 1 <= start <= MAX_SEQ or not 1 <= limit <= 2000:
        raise RequestError(f"start must be >= 1 and limit 1-2000, got start={start}, limit={limit}")
    return reads.entries(service_of(request), start, limit)


@router.get("/ledger/verify")
def ledger_verify(request: Request) -> JSONResponse:
    _read(request)
    result = reads.verify(service_of(request))
    return JSONResponse(result, status_code=200 if result["ok"] else 409)


@router.get("/ledger/checkpoints")
def checkpoints(request: Request) -> list[dict[str, Any]]:
    _read(request)
    return list(service_of(request).index.checkpoints)


@router.post("/ledger/checkpoints", status_code=201)
async def checkpoint(request: Request) -> JSONResponse:
    caller = caller_of(request)
    result = await service_of(request).checkpoint(caller)
    return JSONResponse(result, status_code=201)


@router.get("/refusals")
def refusals(request: Request) -> list[dict[str, Any]]:
    _read(request)
    return [r.to_json() for r in service_of(request).index.refusals]


@router.get("/principals")
def principals(request: Request) -> list[dict[str, Any]]:
    check_role(caller_of(request), frozenset({Role.ADMIN}), "list principals")
    return reads.principals(service_of(request))


@router.post("/principals", status_code=201, openapi_extra=_schema(_PRINCIPAL))
async def add_principal(request: Request) -> JSONResponse:
    service = service_of(request)

    async def op(caller: Caller, body: dict[str, Any]) -> Any:
        check_role(caller, frozenset({Role.ADMIN}), "add principals")
        name, role, key = body.get("name"), body.get("role"), body.get("public_key")
        if not isinstance(name, str) or role not in {r.value for r in Role}:
            raise RequestError(
                'the body is {"name": "...", "role": "party|monitor|observer|admin", "public_key": "..."}'
            )
        if key is not None and not isinstance(key, str):
            raise RequestError("public_key must be 64 hex digits")
        return await service.add_principal(name, Role(role), key)

    return await _write(request, "principal_registered", None, op)


@router.delete("/principals/{name}/tokens")
def revoke_tokens(request: Request, name: str) -> dict[str, Any]:
    """Revoke every token of principal ``name`` (admin); its signed key stays registered in the ledger."""
    return service_of(request).revoke_tokens(caller_of(request), name)


def not_found(what: str) -> NotFound:
    return NotFound(f"no {what} on this server")
