"""The inputs of the runtime: frozen, typed events in one registry.

Every event has a name (``type``), a UTC ``time`` and the ``actor`` (the principal that submits it: a party, a
body, a monitor). Events serialise to plain JSON objects (``event_to_json``) for the ledger and the timeline
file, and back (``event_from_json``), with a located error for a malformed one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar, Literal

from pydantic import TypeAdapter, ValidationError

from guarantor.errors import TimelineError
from guarantor.records import fast_init

__all__ = [
    "EVENT_TYPES",
    "ActionReported",
    "AssistanceRequested",
    "AttributionAssessed",
    "CeasefireDeclared",
    "ConsultationHeld",
    "ConsultationRequested",
    "DecisionTaken",
    "DeterminationMade",
    "Event",
    "IncidentReported",
    "InvocationDeclined",
    "MeasuresEnded",
    "MeetingEnded",
    "MembershipChanged",
    "ObligationAcknowledged",
    "ReportedToSecurityCouncil",
    "RequestAnswered",
    "RequestMade",
    "StatementMade",
    "UndertakingBreached",
    "VoteCast",
    "event_from_json",
    "event_to_json",
    "utc",
]

Stance = Literal["pledge", "offer", "agree", "demand", "reject", "welcome", "announce", "refuse"]
VoteChoice = Literal["yes", "no", "abstain", "present-not-voting"]
IncidentKind = Literal["nuclear-use", "armed-attack", "armed-aggression", "aggression", "threat", "breach"]


def utc(value: datetime | date | str) -> datetime:
    """A timezone-aware UTC datetime; a date is midnight UTC, a naive time is read as UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_NO_OFFSET = timedelta(0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of every event: when, and who submitted it. ``instrument`` (a spec id) says which instrument the
    event belongs to when one timeline is replayed against several."""

    type: ClassVar[str] = "event"
    owner: ClassVar[str | None] = None  # a field naming the one party whose key may submit the event
    time: datetime
    actor: str | None = None
    note: str | None = None
    instrument: str | None = None

    def __post_init__(self) -> None:
        zone = self.time.tzinfo
        if zone is not UTC and (zone is None or self.time.utcoffset() != _NO_OFFSET):
            object.__setattr__(self, "time", utc(self.time))


@fast_init  # made by the million from feeds
@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentReported(Event):
    """An incident: what happened (``kind``, the feed's ``event_type``), to whom, by whom, where, how bad."""

    type: ClassVar[str] = "incident_reported"
    id: str
    kind: IncidentKind = "armed-attack"
    event_type: str = ""
    against: str | None = None
    by: str | None = None
    country: str | None = None
    region: str | None = None
    severity: int = 0
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributionAssessed(Event):
    """The answer to an attribution question about an incident ("was it directed from abroad?")."""

    type: ClassVar[str] = "attribution_assessed"
    incident: str
    answer: bool
    question: str | None = None
    attributed_to: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsultationRequested(Event):
    """A party (the ``actor``) asks for consultations under a clause (NATO Article 4, Budapest paragraph 6).

    ``concerning`` names the parties whose security the request is about, recorded apart from the requester
    (Poland asked on 3 March 2014 about itself and the Baltic states); empty means the requester itself."""

    type: ClassVar[str] = "consultation_requested"
    clause: str
    about: str | None = None
    concerning: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsultationHeld(Event):
    """Consultations took place, with the parties that attended."""

    type: ClassVar[str] = "consultation_held"
    clause: str
    attended: list[str] = field(default_factory=list)
    body: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteCast(Event):
    """One member's vote on a motion before a body. ``party`` is the member whose vote it is; the ledger
    accepts it only when signed with that party's key, and a timeline may not have one party (``actor``) cast
    another's vote. ``present-not-voting`` records a member in the room that cast no vote, apart from an
    abstention; what each counts as is the body's rule, not the runtime's."""

    type: ClassVar[str] = "vote_cast"
    owner: ClassVar[str | None] = "party"
    party: str
    body: str
    motion: str
    vote: VoteChoice


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionTaken(Event):
    """A body took up a question; the runtime decides whether its rule was met.

    Votes come from the lists here and from earlier ``vote_cast`` events on the same ``motion``; ``absent``
    (not in the room) and ``not_voting`` (present and silent) are kept apart from ``abstaining``. Under
    consensus a member that does not object counts as agreeing. ``conditional_on`` makes a positive decision
    provisional until the case's attribution is confirmed (NATO, 12 September 2001). ``decides:
    measures-only`` says the body decided only the listed ``measures`` (an assessment mission), not that the
    clause's obligations apply.
    """

    type: ClassVar[str] = "decision_taken"
    body: str
    question: str
    clause: str | None = None
    case: str | None = None
    motion: str | None = None
    in_favour: list[str] | None = None
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    not_voting: list[str] = field(default_factory=list)
    conditional_on: str | None = None
    measures: list[str] = field(default_factory=list)
    decides: Literal["clause", "measures-only"] = "clause"


@dataclass(frozen=True, slots=True, kw_only=True)
class ObligationAcknowledged(Event):
    """A bearer acknowledges its obligation under a clause; ``actor`` is the bearer."""

    type: ClassVar[str] = "obligation_acknowledged"
    clause: str
    case: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionReported(Event):
    """An action taken under a clause; by a bearer it discharges that bearer's obligation."""

    type: ClassVar[str] = "action_reported"
    clause: str
    action: str
    case: str | None = None
    by: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class MembershipChanged(Event):
    """A party joins or leaves the guarantee, or a body, at ``time`` (beyond the spec's dated list)."""

    type: ClassVar[str] = "membership_changed"
    party: str
    change: Literal["joined", "left"]
    body: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CeasefireDeclared(Event):
    """A named situation begins (``ceasefire`` by default): conditions such as ``{event: ceasefire}`` hold."""

    type: ClassVar[str] = "ceasefire_declared"
    name: str = "ceasefire"


@dataclass(frozen=True, slots=True, kw_only=True)
class UndertakingBreached(Event):
    """A monitor finds an undertaking of the spec breached (a ceasefire line crossed)."""

    type: ClassVar[str] = "undertaking_breached"
    undertaking: str
    by: str | None = None
    against: str | None = None
    incident: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AssistanceRequested(Event):
    """The protected party asks for assistance under a clause (needed where ``request_required``)."""

    type: ClassVar[str] = "assistance_requested"
    clause: str
    case: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementMade(Event):
    """A public statement or announcement: who spoke, in what stance, to whom, about which instrument or clause,
    and the words. It is a record of the timeline; it changes no obligation by itself."""

    type: ClassVar[str] = "statement_made"
    party: str
    stance: Stance
    text: str
    addressee: str | None = None
    concerns: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingEnded(Event):
    """A body met on a question and ended without a decision; the case it was about still waits."""

    type: ClassVar[str] = "meeting_ended"
    body: str
    question: str | None = None
    clause: str | None = None
    case: str | None = None
    attended: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestMade(Event):
    """A bilateral request from the ``actor`` to one party (``to``), for what ``asks`` says, under a clause."""

    type: ClassVar[str] = "request_made"
    to: str
    asks: str
    id: str | None = None
    clause: str | None = None
    case: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestAnswered(Event):
    """The party asked (``actor``) grants or refuses a bilateral request; a refusal states its reason."""

    type: ClassVar[str] = "request_answered"
    answer: Literal["granted", "refused"]
    request: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InvocationDeclined(Event):
    """A party that could have invoked a clause says it will not (Poland and Article 4, November 2022)."""

    type: ClassVar[str] = "invocation_declined"
    party: str
    clause: str
    reason: str | None = None
    incident: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportedToSecurityCouncil(Event):
    """A party or body reports measures under a clause to the UN Security Council (Charter Article 51)."""

    type: ClassVar[str] = "reported_to_security_council"
    clause: str
    case: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasuresEnded(Event):
    """Measures under a clause end, or forces are withdrawn: the case is closed for the parties ``by``
    (every bearer when empty), and their open obligations end with it."""

    type: ClassVar[str] = "measures_ended"
    clause: str
    what: str
    case: str | None = None
    by: list[str] = field(default_factory=list)
    withdrawal: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class DeterminationMade(Event):
    """One party determines for itself that a clause's duty applies to it in a case (each at its own time)."""

    type: ClassVar[str] = "determination_made"
    party: str
    clause: str
    case: str | None = None
    answer: bool = True


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (
        IncidentReported,
        AttributionAssessed,
        ConsultationRequested,
        ConsultationHeld,
        VoteCast,
        DecisionTaken,
        ObligationAcknowledged,
        ActionReported,
        MembershipChanged,
        CeasefireDeclared,
        UndertakingBreached,
        AssistanceRequested,
        StatementMade,
        MeetingEnded,
        RequestMade,
        RequestAnswered,
        InvocationDeclined,
        ReportedToSecurityCouncil,
        MeasuresEnded,
        DeterminationMade,
    )
}


def event_to_json(event: Event) -> dict[str, Any]:
    """The canonical JSON object of an event: ``type`` first, ``time`` as ISO 8601 UTC, defaults omitted."""
    stamp = _STAMPS.get(event.time)
    if stamp is None:
        if len(_STAMPS) > 100_000:
            _STAMPS.clear()
        stamp = _STAMPS[event.time] = event.time.strftime("%Y-%m-%dT%H:%M:%SZ")
    out: dict[str, Any] = {"type": event.type, "time": stamp}
    for name, default in _json_fields(type(event)):
        value = getattr(event, name)
        if default is dataclasses.MISSING or value != default:
            out[name] = list(value) if isinstance(value, list) else value
    return out


_STAMPS: dict[datetime, str] = {}  # times as events write them (feeds repeat their days)


_FIELDS: dict[type[Event], tuple[tuple[str, Any], ...]] = {}


def _json_fields(cls: type[Event]) -> tuple[tuple[str, Any], ...]:
    """Each field of an event class but ``time``, with its default (``MISSING`` for a required one)."""
    found = _FIELDS.get(cls)
    if found is None:
        out = []
        for f in dataclasses.fields(cls):
            if f.name != "time":
                default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
                out.append((f.name, default))
        found = _FIELDS[cls] = tuple(out)
    return found


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter(cls: type[Event]) -> TypeAdapter[Any]:
    if cls.type not in _ADAPTERS:
        _ADAPTERS[cls.type] = TypeAdapter(cls)
    return _ADAPTERS[cls.type]


def event_from_json(data: object, *, where: str = "event") -> Event:
    """One event from its JSON object; ``where`` (file and entry) goes into the error message."""
    if not isinstance(data, dict):
        raise TimelineError(f"{where}: an event must be a mapping, got {data!r}", hint="write {type: ..., time: ...}")
    name = data.get("type")
    cls = EVENT_TYPES.get(str(name))
    if cls is None:
        known = ", ".join(sorted(EVENT_TYPES))
        raise TimelineError(f"{where}: unknown event type {name!r}", hint=f"use one of {known}")
    payload = {k: v for k, v in data.items() if k != "type"}
    _known_fields(cls, payload, where)
    if "time" in payload and isinstance(payload["time"], date | str):
        with contextlib.suppress(ValueError):  # pydantic reports it below with the expected form
            payload["time"] = utc(payload["time"])
    try:
        event: Event = _adapter(cls).validate_python(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "event"
        got = "" if first["type"] == "missing" else f" (got {first.get('input')!r})"
        raise TimelineError(
            f"{where}: {name} event, field '{loc}': {first['msg']}{got}",
            hint=_hint(cls),
        ) from None
    return event


def _known_fields(cls: type[Event], payload: dict[str, Any], where: str) -> None:
    """A key the event type does not have is an error naming it (``in_favor`` is not ``in_favour``)."""
    fields = [f.name for f in dataclasses.fields(cls)]
    for key in payload:
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1, cutoff=0.6)
            fix = f"did you mean '{close[0]}'? " if close else ""
            raise TimelineError(f"{where}: {cls.type} event, field '{key}': unknown field", hint=fix + _hint(cls))


def _hint(cls: type[Event]) -> str:
    required = [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    optional = [f.name for f in dataclasses.fields(cls) if f.name not in required]
    needs, may = ", ".join(required), ", ".join(optional)
    return f"a {cls.type} event needs {needs}; it may have {may} (see `guarantor docs runtime`)"
