"""What the read endpoints and the dashboard show, as plain JSON built from the index and the fold."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import datetime
from typing import Any

from guarantor.errors import GuarantorError, NotFound
from guarantor.ledger.entry import Entry
from guarantor.runtime.events import IncidentReported, event_to_json
from guarantor.runtime.state import Case, ObligationRecord, Transition
from guarantor.semantics import compile_trigger
from guarantor.semantics import describe as describe_trigger
from guarantor.server.service import Service
from guarantor.server.tally import tallies
from guarantor.spec import Spec, body_members, expand

__all__ = [
    "case",
    "cases",
    "deadlines",
    "entries",
    "guarantee",
    "guarantees",
    "incidents",
    "ledger_status",
    "obligations",
    "principals",
    "section",
    "verify",
    "votes",
]


def _iso(t: datetime | None) -> str | None:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def guarantees(service: Service) -> list[dict[str, Any]]:
    service.refresh()
    with service.index.lock:
        found = list(service.index.guarantees.values())
    return [{"id": g.id, "title": g.spec.title, "loaded_seq": g.loaded_seq, "events": len(g.events)} for g in found]


def guarantee(service: Service, gid: str) -> dict[str, Any]:
    """The guarantee: members by role, bodies and their rules, clauses and their triggers."""
    service.refresh()
    g = service.index.guarantee(gid)
    return {"id": g.id, "title": g.spec.title, "loaded_seq": g.loaded_seq, **describe(g.spec)}


def describe(spec: Spec) -> dict[str, Any]:
    roles: dict[str, list[str]] = {}
    for party in spec.parties:
        for role in party.roles or ["party"]:
            roles.setdefault(role, []).append(party.id)
    bodies = [
        {"id": bid, "name": b.name, "rule": b.rule.kind, "members": body_members(spec, bid), "text": b.text}
        for bid, b in spec.bodies.items()
    ]
    clauses = [
        {
            "id": cid,
            "kind": c.kind,
            "trigger": _trigger(spec, cid) if c.trigger else None,
            "body": c.decision.body if c.decision else getattr(c, "body", None),
            "text": c.text,
        }
        for cid, c in spec.clauses.items()
    ]
    return {"parties_by_role": roles, "protects": expand(spec, spec.protects), "bodies": bodies, "clauses": clauses}


def _trigger(spec: Spec, clause: str) -> str:
    """The trigger as the runtime compiles it, in the words its explanations use."""
    try:
        return describe_trigger(compile_trigger(spec, clause))
    except GuarantorError as error:
        return f"(cannot compile: {error.message})"


def _view(service: Service, gid: str, as_of: str | None) -> Any:
    service.refresh()
    return service.states.view(gid, service.as_of(as_of))


def section(service: Service, gid: str, name: str, as_of: str | None) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = _view(service, gid, as_of).state.to_json()[name]
    return data


def explanation(transitions: tuple[Transition, ...], c: Case, related: set[str]) -> list[dict[str, Any]]:
    """The steps of a case: each transition on the case, its decisions and obligations, with its clause."""
    return [t.to_json() for t in transitions if t.subject == c.id or t.subject in related]


def case_json(view: Any, c: Case) -> dict[str, Any]:
    obligations = {o.id for o in view.state.obligations if o.case == c.id}
    out: dict[str, Any] = {k: (_iso(v) if isinstance(v, datetime) else v) for k, v in asdict(c).items()}
    out["timeline"] = explanation(view.state.transitions, c, {*c.decisions, *obligations})
    return out


def cases(service: Service, gid: str, as_of: str | None, status: str | None) -> list[dict[str, Any]]:
    view = _view(service, gid, as_of)
    return [case_json(view, c) for c in view.state.cases if status is None or c.status == status]


def case(service: Service, gid: str, case_id: str, as_of: str | None) -> dict[str, Any]:
    view = _view(service, gid, as_of)
    found = view.state.case(case_id)
    if found is None:
        raise NotFound(f"guarantee {gid!r} has no case {case_id!r}", hint="GET /api/guarantees/{gid}/cases lists them")
    return case_json(view, found)


def votes(service: Service, gid: str) -> list[dict[str, Any]]:
    service.refresh()
    spec, events, _ = service.index.snapshot(gid)
    return [t.to_json() for t in tallies(spec, events)]


def obligation_json(o: ObligationRecord, now: datetime | None) -> dict[str, Any]:
    out: dict[str, Any] = {k: (_iso(v) if isinstance(v, datetime) else v) for k, v in asdict(o).items()}
    out["overdue"] = bool(o.due and now and o.status in ("pending", "acknowledged", "missed") and o.due < now)
    return out


def obligations(service: Service, gid: str, as_of: str | None) -> list[dict[str, Any]]:
    view = _view(service, gid, as_of)
    now = service.as_of(as_of) or service.clock()
    return [obligation_json(o, now) for o in view.state.obligations]


def deadlines(service: Service, gid: str, as_of: str | None) -> dict[str, Any]:
    view = _view(service, gid, as_of)
    now = service.as_of(as_of) or service.clock()
    upcoming = sorted(
        (obligation_json(o, now) for o in view.state.obligations if o.due and o.status in ("pending", "acknowledged")),
        key=lambda o: str(o["due"]),
    )
    return {"as_of": _iso(now), "upcoming": upcoming, "missed": view.state.to_json()["missed_deadlines"]}


def incidents(service: Service, gid: str, limit: int) -> dict[str, Any]:
    service.refresh()
    _, events, seqs = service.index.snapshot(gid)
    found = [(s, e) for s, e in zip(seqs, events, strict=True) if isinstance(e, IncidentReported)]
    by_region = Counter(e.region or e.country or "unknown" for _, e in found)
    by_day = Counter(e.time.strftime("%Y-%m-%d") for _, e in found)
    latest = [{"seq": s, **event_to_json(e)} for s, e in found[-limit:]]
    return {"total": len(found), "by_region": dict(by_region), "by_day": dict(sorted(by_day.items())), "latest": latest}


def ledger_status(service: Service) -> dict[str, Any]:
    service.refresh()
    head = service.reader.head()
    index = service.index
    last = index.checkpoints[-1] if index.checkpoints else None
    return {
        "head": {"seq": head.seq, "hash": head.hash},
        "store": service.reader.store.url,
        "last_checkpoint": last,
        "checkpoints": len(index.checkpoints),
        "refused": index.refused_total,
    }


def entries(service: Service, start: int, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in service.reader.entries(start):
        out.append(_entry(entry))
        if len(out) >= limit:
            break
    return out


def _entry(entry: Entry) -> dict[str, Any]:
    return entry.to_dict()


def verify(service: Service) -> dict[str, Any]:
    return service.reader.verify().to_dict()


def principals(service: Service) -> list[dict[str, Any]]:
    keys = service.reader.principals()
    return [
        {"name": name, "role": role.value, "public_key": keys[name].public_key if name in keys else None}
        for name, role in sorted(service.tokens.principals().items())
    ]
