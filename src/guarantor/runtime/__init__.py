"""The guarantee in operation: an event-sourced runtime.

Inputs are typed events (``events``); the state of a guarantee is a pure fold over them (``fold``); triggers
are the spec's declarative conditions, evaluated the same way in batch (``evaluate_batch``) and one event at
a time (``TriggerStream``); every state change carries its explanation.
"""

from guarantor.runtime.batch import IncidentTable, evaluate_batch
from guarantor.runtime.events import (
    EVENT_TYPES,
    ActionReported,
    AssistanceRequested,
    AttributionAssessed,
    CeasefireDeclared,
    ConsultationHeld,
    ConsultationRequested,
    DecisionTaken,
    DeterminationMade,
    Event,
    IncidentReported,
    InvocationDeclined,
    MeasuresEnded,
    MeetingEnded,
    MembershipChanged,
    ObligationAcknowledged,
    ReportedToSecurityCouncil,
    RequestAnswered,
    RequestMade,
    StatementMade,
    UndertakingBreached,
    VoteCast,
    event_from_json,
    event_to_json,
)
from guarantor.runtime.fold import fold
from guarantor.runtime.replay import Replay, replay, replay_all
from guarantor.runtime.state import (
    Case,
    ClauseOutcome,
    Consultation,
    DecisionRecord,
    Explanation,
    MissedDeadline,
    ObligationRecord,
    RequestRecord,
    State,
    Transition,
)
from guarantor.runtime.stream import TriggerStream
from guarantor.runtime.timeline import Timeline, dump_jsonl, load_timeline, parse_timeline
from guarantor.semantics import CompiledTrigger, compile_trigger

__all__ = [
    "EVENT_TYPES",
    "ActionReported",
    "AssistanceRequested",
    "AttributionAssessed",
    "Case",
    "CeasefireDeclared",
    "ClauseOutcome",
    "CompiledTrigger",
    "Consultation",
    "ConsultationHeld",
    "ConsultationRequested",
    "DecisionRecord",
    "DecisionTaken",
    "DeterminationMade",
    "Event",
    "Explanation",
    "IncidentReported",
    "IncidentTable",
    "InvocationDeclined",
    "MeasuresEnded",
    "MeetingEnded",
    "MembershipChanged",
    "MissedDeadline",
    "ObligationAcknowledged",
    "ObligationRecord",
    "Replay",
    "ReportedToSecurityCouncil",
    "RequestAnswered",
    "RequestMade",
    "RequestRecord",
    "State",
    "StatementMade",
    "Timeline",
    "Transition",
    "TriggerStream",
    "UndertakingBreached",
    "VoteCast",
    "compile_trigger",
    "dump_jsonl",
    "evaluate_batch",
    "event_from_json",
    "event_to_json",
    "fold",
    "load_timeline",
    "parse_timeline",
    "replay",
    "replay_all",
]
