"""The fold: pure (same events, same state), as-of queries, deadlines, and events that do not fit."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guarantor.errors import RuntimeStateError, TimelineError
from guarantor.runtime import (
    EVENT_TYPES,
    ConsultationHeld,
    DecisionTaken,
    Event,
    IncidentReported,
    VoteCast,
    event_from_json,
    event_to_json,
    fold,
)
from guarantor.spec import load_library_spec

T0 = datetime(2026, 3, 1, 6, tzinfo=UTC)
ATTACK = IncidentReported(time=T0, id="a1", kind="armed-attack", by="RUS", against="UKR", country="UKR")


def _uk() -> list[Event]:
    return [ATTACK]


def test_same_events_same_state() -> None:
    spec = load_library_spec("budapest-1994")
    events = [
        IncidentReported(time=T0, id="x", kind="armed-attack", event_type="occupation", by="RUS", against="UKR"),
        ConsultationHeld(time=T0 + timedelta(days=2), clause="para6", attended=["UKR", "USA"]),
    ]
    assert fold(spec, events) == fold(spec, list(events))
    assert fold(spec, events).to_json() == fold(spec, events).to_json()


def test_order_in_the_log_does_not_matter_only_time_does() -> None:
    spec = load_library_spec("nato-1949")
    events: list[Event] = [
        IncidentReported(time=T0 + timedelta(hours=h), id=f"i{h}", against="POL", region="europe") for h in range(6)
    ]
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert fold(spec, shuffled).to_json() == fold(spec, events).to_json()


def test_as_of_ignores_later_events() -> None:
    spec = load_library_spec("uk-ukraine-2024")
    held = ConsultationHeld(time=T0 + timedelta(hours=30), clause="consult", attended=["GBR", "UKR"])
    early = fold(spec, [ATTACK, held], as_of=T0 + timedelta(hours=1))
    assert early.as_of == T0 + timedelta(hours=1)
    assert early.consultations == ()
    assert early == fold(spec, [ATTACK], as_of=T0 + timedelta(hours=1))


def test_missed_24_hour_deadline_names_who_and_what() -> None:
    spec = load_library_spec("uk-ukraine-2024")
    state = fold(spec, [ATTACK], as_of=T0 + timedelta(hours=25))
    missed = {(m.who, m.clause, m.due) for m in state.missed}
    due = T0 + timedelta(hours=24)
    assert missed == {("GBR", "consult", due), ("UKR", "consult", due)}
    kinds = [t.kind for t in state.transitions if t.kind == "deadline-missed"]
    assert len(kinds) == 2
    assert all(t.time == due for t in state.transitions if t.kind == "deadline-missed")
    outcome = state.outcome("consult")
    assert outcome is not None and outcome.honoured is False and "GBR" in outcome.why


def test_consulting_in_time_misses_nothing() -> None:
    spec = load_library_spec("uk-ukraine-2024")
    held = ConsultationHeld(time=T0 + timedelta(hours=20), clause="consult", attended=["GBR", "UKR"])
    state = fold(spec, [ATTACK, held], as_of=T0 + timedelta(days=3))
    assert state.missed == ()
    assert {o.status for o in state.obligations if o.clause == "consult"} == {"fulfilled"}


def test_not_yet_missed_at_the_due_time() -> None:
    spec = load_library_spec("uk-ukraine-2024")
    assert fold(spec, [ATTACK], as_of=T0 + timedelta(hours=24)).missed == ()


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (VoteCast(time=T0, party="RUS", body="nac", motion="m", vote="yes"), "entry 1 .vote_cast.*does not sit on nac"),
        (DecisionTaken(time=T0, body="nope", question="q"), "unknown body 'nope'"),
        (ConsultationHeld(time=T0, clause="art99", attended=[]), "unknown clause 'art99'"),
    ],
)
def test_events_that_do_not_fit_the_state(event: Event, message: str) -> None:
    spec = load_library_spec("nato-1949")
    with pytest.raises(RuntimeStateError, match=message) as info:
        fold(spec, [event])
    assert info.value.code == "E600"


@given(
    st.sampled_from(sorted(EVENT_TYPES)),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
)
def test_event_json_round_trip(name: str, when: datetime) -> None:
    samples: dict[str, dict[str, object]] = {
        "incident_reported": {"id": "i", "against": "UKR", "severity": 3},
        "attribution_assessed": {"incident": "i", "answer": True},
        "consultation_requested": {"clause": "art4"},
        "consultation_held": {"clause": "art4", "attended": ["A", "B"]},
        "vote_cast": {"party": "USA", "body": "nac", "motion": "m", "vote": "no"},
        "decision_taken": {"body": "nac", "question": "q", "against": ["FRA"]},
        "obligation_acknowledged": {"clause": "art5"},
        "action_reported": {"clause": "art5", "action": "AWACS"},
        "membership_changed": {"party": "SWE", "change": "joined"},
        "ceasefire_declared": {},
        "undertaking_breached": {"undertaking": "line"},
        "assistance_requested": {"clause": "art5"},
        "statement_made": {"party": "POL", "stance": "announce", "text": "We will not invoke Article 4."},
        "meeting_ended": {"body": "nac", "attended": ["USA"]},
        "request_made": {"to": "DEU", "asks": "Patriot batteries"},
        "request_answered": {"answer": "refused", "reason": "no mandate"},
        "invocation_declined": {"party": "POL", "clause": "art4", "reason": "not needed"},
        "reported_to_security_council": {"clause": "art5", "document": "S/2001/946"},
        "measures_ended": {"clause": "art5", "what": "Eagle Assist ends", "withdrawal": True},
        "determination_made": {"party": "AUS", "clause": "art4", "answer": False},
    }
    data = {"type": name, "time": when.replace(microsecond=0, tzinfo=UTC).isoformat(), **samples[name]}
    event = event_from_json(data)
    assert event_from_json(event_to_json(event)) == event
    assert event_to_json(event)["type"] == name


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "explosion", "time": "2020-01-01"}, "unknown event type 'explosion'"),
        ({"type": "vote_cast", "time": "2020-01-01", "party": "FRA", "body": "nac", "motion": "m"}, "field 'vote'"),
        (
            {"type": "vote_cast", "time": "soon", "party": "FRA", "body": "nac", "motion": "m", "vote": "yes"},
            "field 'time'",
        ),
        ([1, 2], "must be a mapping"),
    ],
)
def test_malformed_events(data: object, message: str) -> None:
    with pytest.raises(TimelineError, match=message) as info:
        event_from_json(data, where="t.yaml: entry 1")
    assert "t.yaml: entry 1" in info.value.message
    assert info.value.code == "E601"


def test_runtime_api_is_curated() -> None:
    import guarantor.runtime as runtime

    assert runtime.__all__ == sorted(runtime.__all__, key=lambda n: (not n.isupper(), n))
    assert all(hasattr(runtime, n) and not n.startswith("_") for n in runtime.__all__)


def test_every_event_type_has_a_handler() -> None:
    from guarantor.runtime._acts import Runtime

    assert set(Runtime(load_library_spec("nato-1949")).handlers()) == set(EVENT_TYPES.values())


def test_coalition_enters_into_force_the_day_after_a_ceasefire() -> None:
    from guarantor.runtime import CeasefireDeclared

    spec = load_library_spec("ukraine-coalition-2025")
    t = datetime(2026, 4, 1, tzinfo=UTC)

    def attack(when: datetime, name: str) -> IncidentReported:
        return IncidentReported(time=when, id=name, kind="armed-attack", by="RUS", against="UKR", country="UKR")

    events: list[Event] = [
        attack(t - timedelta(days=30), "before"),
        CeasefireDeclared(time=t, actor="UKR"),
        attack(t + timedelta(hours=12), "same-day"),
        attack(t + timedelta(days=30), "after"),
    ]
    state = fold(spec, events, as_of=t + timedelta(days=30, hours=1))
    assert [c.id for c in state.cases] == ["consult/after", "reassurance/after", "backstop/after", "sanctions/after"]
    not_in_force = [x for x in state.transitions if "not in force" in x.explanation.condition]
    assert {x.subject.split("/")[1] for x in not_in_force} == {"before", "same-day"}
    assert [x.kind for x in state.transitions if x.kind == "entry-into-force"] == ["entry-into-force"]
    assert not [x for x in state.transitions if x.kind == "undertaking-breached" and x.time < t + timedelta(days=1)]
    later = fold(spec, events, as_of=t + timedelta(days=31, hours=1))
    assert {m.who for m in later.missed} >= {"GBR", "FRA", "USA", "UKR"}


def test_votes_interested_parties_and_membership_changes() -> None:
    from guarantor.runtime import MembershipChanged, ObligationAcknowledged
    from guarantor.spec import spec_from_data

    spec = spec_from_data(
        {
            "id": "pact",
            "title": "Pact",
            "signed": "2020-01-01",
            "parties": [{"id": p} for p in "ABCD"],
            "bodies": {"council": {"rule": {"kind": "count", "at_least": 3}, "exclude_interested": True}},
            "clauses": {
                "defence": {
                    "kind": "collective-defence",
                    "trigger": {"types": ["armed-attack"]},
                    "decision": {"body": "council"},
                    "obligation": {"bearer": "each-party", "strength": "assist", "deadline": "P2D"},
                }
            },
        }
    )
    events: list[Event] = [
        MembershipChanged(time=T0 - timedelta(days=1), party="E", change="joined", body="council"),
        IncidentReported(time=T0, id="x", by="C", against="A"),
        VoteCast(time=T0 + timedelta(hours=1), party="B", body="council", motion="m", vote="yes"),
        VoteCast(time=T0 + timedelta(hours=1), party="D", body="council", motion="m", vote="yes"),
        VoteCast(time=T0 + timedelta(hours=1), party="E", body="council", motion="m", vote="yes"),
        DecisionTaken(time=T0 + timedelta(hours=2), body="council", question="assist A?", motion="m", in_favour=[]),
        ObligationAcknowledged(time=T0 + timedelta(hours=3), actor="B", clause="defence"),
    ]
    state = fold(spec, events, as_of=T0 + timedelta(days=3))
    decision = state.decisions[0]
    assert decision.excluded == ("A", "C")
    assert decision.members == ("B", "D", "E")
    assert (decision.status, decision.in_favour) == ("taken", ("B", "D", "E"))
    assert {o.bearer: o.status for o in state.obligations} == {
        "A": "missed",
        "B": "acknowledged",
        "C": "missed",
        "D": "missed",
    }
    assert fold(spec, events[:-2], as_of=T0 + timedelta(days=3)).obligations == ()
