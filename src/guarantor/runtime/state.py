"""The state of a guarantee: open cases, consultations, decisions, obligations and missed deadlines.

Every record is frozen; ``fold`` builds a new ``State`` from the spec and the events. Every change of state is
a ``Transition`` carrying its ``Explanation``: the clause, the condition that held, the inputs and the time.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from guarantor.records import fast_init

__all__ = [
    "Case",
    "ClauseOutcome",
    "Consultation",
    "DecisionRecord",
    "Explanation",
    "MissedDeadline",
    "ObligationRecord",
    "RequestRecord",
    "State",
    "Transition",
]


def _iso(t: datetime | None) -> str | None:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@fast_init
@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a state changed: the clause, the condition that held, the inputs (events) and the time."""

    clause: str | None
    condition: str
    inputs: tuple[str, ...]
    time: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "condition": self.condition,
            "inputs": list(self.inputs),
            "time": _iso(self.time),
        }


@fast_init
@dataclass(frozen=True, slots=True)
class Transition:
    """One change of state: ``kind`` (what happened), ``subject`` (which record), ``state`` (its new state)."""

    time: datetime
    clause: str | None
    kind: str
    subject: str
    state: str
    explanation: Explanation
    zone: str | None = None  # the IANA time zone of the body or party that acted, when the spec gives one

    def local_time(self) -> datetime | None:
        """The time at the seat of the body or party that acted (None without a time zone)."""
        return self.time.astimezone(ZoneInfo(self.zone)) if self.zone else None

    def to_json(self) -> dict[str, Any]:
        out = {
            "time": _iso(self.time),
            "clause": self.clause,
            "kind": self.kind,
            "subject": self.subject,
            "state": self.state,
            "explanation": self.explanation.to_json(),
        }
        local = self.local_time()
        if local is not None:
            out["local_time"] = local.isoformat()
            out["timezone"] = self.zone
        return out


@fast_init
@dataclass(frozen=True, slots=True)
class Case:
    """A situation under a clause: opened by an incident, a request or a breach. ``joined`` lists the later
    incidents of the same attack (same clause, target and attacker) that met the trigger while the case was
    open, in time order: one attack, one case (:func:`guarantor.semantics.situation_of`)."""

    id: str
    clause: str
    opened: datetime
    # open, awaiting-attribution, awaiting-decision, awaiting-request, consulting, decided, blocked, ended, closed
    status: str
    incident: str | None = None
    against: str | None = None
    by: str | None = None
    attributed: bool | None = None
    decisions: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    requested_by: str | None = None
    concerning: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A question a body took up, and whether its rule, as of that date, was met.

    ``in_favour`` and ``against`` are as counted under the body's rule (a silence procedure counts the silent
    in favour); ``abstaining``, ``not_voting`` (present and silent) and ``absent`` are as recorded."""

    id: str
    body: str
    question: str
    time: datetime
    clause: str | None
    case: str | None
    status: str  # taken | conditional | confirmed | blocked
    members: tuple[str, ...]
    excluded: tuple[str, ...]
    in_favour: tuple[str, ...]
    against: tuple[str, ...]
    abstaining: tuple[str, ...]
    blockers: tuple[str, ...] = ()
    rule: str = ""
    conditional_on: str | None = None
    measures: tuple[str, ...] = ()
    input: str = ""
    not_voting: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class ObligationRecord:
    """One bearer's obligation under a clause, with its due time."""

    id: str
    clause: str
    case: str
    bearer: str
    strength: str | None
    issued: datetime
    due: datetime | None
    deadline: str | None
    binding_deadline: bool
    status: str = "pending"  # pending | acknowledged | fulfilled | fulfilled-late | missed | ended
    action: str | None = None
    towards: tuple[str, ...] = ()
    means: tuple[str, ...] = ()
    carved_out: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class Consultation:
    """A request for consultations and, once held, who attended and who stayed away."""

    id: str
    clause: str
    requested_by: str | None
    requested: datetime
    due: datetime | None
    status: str = "requested"  # requested | held | held-incomplete | missed | void
    held: datetime | None = None
    attended: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    concerning: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class RequestRecord:
    """A bilateral request from one party to another, and its answer (a refusal carries its stated reason)."""

    id: str
    by: str | None
    to: str
    asks: str
    made: datetime
    clause: str | None = None
    case: str | None = None
    status: str = "open"  # open | granted | refused
    answered: datetime | None = None
    reason: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class MissedDeadline:
    """Who missed what: the bearer, the record, the clause and the due time."""

    who: str
    what: str
    subject: str
    clause: str
    due: datetime


@dataclass(frozen=True, slots=True)
class ClauseOutcome:
    """Where a clause stands at the end: ``honoured`` is None when it never applied."""

    clause: str
    status: str
    honoured: bool | None
    why: str


@dataclass(frozen=True, slots=True)
class State:
    """The state of a guarantee at ``as_of``."""

    spec_id: str
    as_of: datetime | None
    cases: tuple[Case, ...] = ()
    consultations: tuple[Consultation, ...] = ()
    decisions: tuple[DecisionRecord, ...] = ()
    obligations: tuple[ObligationRecord, ...] = ()
    missed: tuple[MissedDeadline, ...] = ()
    requests: tuple[RequestRecord, ...] = ()
    situations: tuple[tuple[str, datetime], ...] = ()
    outcomes: tuple[ClauseOutcome, ...] = ()
    transitions: tuple[Transition, ...] = field(default=(), repr=False)

    def case(self, case_id: str) -> Case | None:
        return next((c for c in self.cases if c.id == case_id), None)

    def outcome(self, clause: str) -> ClauseOutcome | None:
        return next((o for o in self.outcomes if o.clause == clause), None)

    def to_json(self) -> dict[str, Any]:
        """The state without its transitions, as plain JSON."""
        return {
            "spec": self.spec_id,
            "as_of": _iso(self.as_of),
            "cases": [_jsonable(asdict(c)) for c in self.cases],
            "consultations": [_jsonable(asdict(c)) for c in self.consultations],
            "decisions": [_jsonable(asdict(d)) for d in self.decisions],
            "obligations": [_jsonable(asdict(o)) for o in self.obligations],
            "missed_deadlines": [_jsonable(asdict(m)) for m in self.missed],
            "requests": [_jsonable(asdict(r)) for r in self.requests],
            "situations": {name: _iso(t) for name, t in self.situations},
            "clauses": [asdict(o) for o in self.outcomes],
        }
