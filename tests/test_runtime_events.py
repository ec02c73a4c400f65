"""The events of real histories: statements, meetings without a decision, bilateral requests and refusals,
invocations declined, reports to the Security Council, the end of measures, revised attributions, and the
timelines the runtime refuses (E6xx naming the event and the field)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from guarantor.errors import RuntimeStateError, TimelineError
from guarantor.runtime import (
    AttributionAssessed,
    ConsultationHeld,
    ConsultationRequested,
    DecisionTaken,
    Event,
    IncidentReported,
    InvocationDeclined,
    MeasuresEnded,
    MeetingEnded,
    ReportedToSecurityCouncil,
    RequestAnswered,
    RequestMade,
    StatementMade,
    VoteCast,
    event_from_json,
    fold,
)
from guarantor.spec import load_library_spec, load_spec_text

T0 = datetime(2022, 11, 15, 15, 40, tzinfo=UTC)
H = timedelta(hours=1)


def _kinds(events: list[Event], spec: str = "nato-1949") -> list[tuple[str | None, str, str]]:
    return [(t.clause, t.kind, t.state) for t in fold(load_library_spec(spec), events).transitions]


def test_statement_is_recorded_with_its_words_and_changes_nothing() -> None:
    said = StatementMade(
        time=T0,
        party="POL",
        stance="announce",
        concerns="art4",
        text="We may not need to invoke Article 4.",
        source="KPRM, 16 Nov 2022",
    )
    state = fold(load_library_spec("nato-1949"), [said])
    (t,) = state.transitions
    assert (t.clause, t.kind, t.subject, t.state) == ("art4", "statement-made", "POL", "announce")
    assert "\u201cWe may not need to invoke Article 4.\u201d" in t.explanation.condition
    assert "[KPRM, 16 Nov 2022]" in t.explanation.condition
    assert state.cases == () and state.obligations == ()


def test_statement_shape_is_the_contract_read_emits() -> None:
    line = {
        "type": "statement_made",
        "time": "2025-09-10T08:00:00Z",
        "party": "POL",
        "stance": "demand",
        "addressee": "NATO",
        "concerns": "art4",
        "text": "consultations now",
        "source": "pap.pl",
        "actor": "POL",
    }
    e = event_from_json(line)
    assert isinstance(e, StatementMade) and (e.party, e.stance, e.addressee) == ("POL", "demand", "NATO")
    with pytest.raises(TimelineError, match="field 'stance'"):
        event_from_json({**line, "stance": "threaten"})


def test_meeting_without_decision_leaves_the_case_waiting() -> None:
    events: list[Event] = [
        IncidentReported(time=T0, id="x", against="POL", region="europe", country="POL"),
        MeetingEnded(
            time=T0 + 20 * H, body="nac", clause="art5", question="is this an Article 5 case?", attended=["POL", "USA"]
        ),
    ]
    state = fold(load_library_spec("nato-1949"), events)
    last = state.transitions[-1]
    assert (last.kind, last.state) == ("meeting-ended", "no-decision")
    assert "2 of 30 members present" in last.explanation.condition
    assert "stays awaiting-attribution" in last.explanation.condition
    assert state.decisions == ()


def test_bilateral_request_refused_with_its_reason() -> None:
    spec = load_library_spec("budapest-1994")
    events = [
        RequestMade(time=T0, actor="UKR", to="RUS", asks="consult under paragraph 6", id="r1", clause="para6"),
        RequestAnswered(time=T0 + 5 * H, actor="RUS", answer="refused", reason="no new state emerged"),
    ]
    state = fold(spec, events)
    (req,) = state.requests
    assert (req.by, req.to, req.status, req.reason) == ("UKR", "RUS", "refused", "no new state emerged")
    assert [t.kind for t in state.transitions] == ["request-made", "request-refused"]
    assert "reason given: no new state emerged" in state.transitions[1].explanation.condition


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (RequestAnswered(time=T0 + H, actor="RUS", answer="refused"), "field 'reason'"),
        (RequestAnswered(time=T0 + H, actor="USA", answer="granted", request="r1"), "field 'actor'.*made to RUS"),
        (RequestAnswered(time=T0 + H, actor="RUS", answer="granted", request="r9"), "field 'request'.*unknown"),
    ],
)
def test_bad_answers_are_refused(answer: Event, message: str) -> None:
    spec = load_library_spec("budapest-1994")
    ask = RequestMade(time=T0, actor="UKR", to="RUS", asks="consult", id="r1")
    with pytest.raises(RuntimeStateError, match=message) as info:
        fold(spec, [ask, answer])
    assert info.value.code == "E600" and "request_answered" in info.value.message


def test_invocation_declined_shows_in_the_outcome() -> None:
    state = fold(
        load_library_spec("nato-1949"),
        [InvocationDeclined(time=T0, party="POL", clause="art4", reason="the missile was Ukrainian")],
    )
    outcome = state.outcome("art4")
    assert outcome is not None and outcome.status == "declined" and outcome.honoured is None
    assert "POL declined on 2022-11-15: the missile was Ukrainian" in outcome.why


def test_only_a_party_that_could_invoke_may_decline() -> None:
    with pytest.raises(RuntimeStateError, match="field 'party': 'UKR' could not have invoked art4"):
        fold(load_library_spec("nato-1949"), [InvocationDeclined(time=T0, party="UKR", clause="art4")])


def test_report_to_the_security_council_names_the_clause_duty() -> None:
    events: list[Event] = [
        IncidentReported(time=T0, id="x", against="USA", region="north-america", country="USA"),
        ReportedToSecurityCouncil(time=T0 + 48 * H, actor="USA", clause="art5", document="S/2001/946"),
    ]
    last = fold(load_library_spec("nato-1949"), events).transitions[-1]
    assert (last.kind, last.state) == ("reported-to-security-council", "reported")
    assert "(S/2001/946), as art5 requires" in last.explanation.condition


def test_measures_end_and_open_obligations_end_with_them() -> None:
    events: list[Event] = [
        IncidentReported(time=T0, id="x", against="EST", region="europe", country="EST"),
        AttributionAssessed(time=T0 + H, incident="x", answer=True),
        DecisionTaken(time=T0 + 2 * H, body="nac", clause="art5", question="Article 5 case?"),
        MeasuresEnded(time=T0 + 90 * 24 * H, clause="art5", what="forces leave Estonia", withdrawal=True),
    ]
    state = fold(load_library_spec("nato-1949"), events)
    last = state.transitions[-1]
    assert (last.kind, last.state) == ("measures-ended", "ended")
    assert last.explanation.condition.startswith("forces withdrawn: forces leave Estonia")
    assert {o.status for o in state.obligations} == {"ended"}
    outcome = state.outcome("art5")
    assert outcome is not None and (outcome.status, outcome.honoured) == ("ended", None)


def test_consultation_does_not_discharge_a_duty_to_assist() -> None:
    spec = load_library_spec("nato-1949")
    attack = IncidentReported(time=T0, id="x", against="EST", region="europe", country="EST")
    yes = AttributionAssessed(time=T0 + H, incident="x", answer=True)
    decided = DecisionTaken(time=T0 + 2 * H, body="nac", clause="art5", question="Article 5 case?")
    held = ConsultationHeld(time=T0 + 3 * H, clause="art5", attended=["EST", "LVA", "USA"])
    state = fold(spec, [attack, yes, decided, held])
    assist = [o for o in state.obligations if o.clause == "art5"]
    assert assist and all(o.status == "pending" for o in assist)


def test_a_decision_issues_only_what_it_decided() -> None:
    spec = load_library_spec("nato-1949")
    attack = IncidentReported(time=T0, id="x", against="POL", region="europe", country="POL")
    yes = AttributionAssessed(time=T0 + H, incident="x", answer=True)
    mission = DecisionTaken(
        time=T0 + 2 * H,
        body="nac",
        clause="art5",
        question="send an assessment team",
        measures=["assessment mission"],
        decides="measures-only",
    )
    state = fold(spec, [attack, yes, mission])
    assert [o for o in state.obligations if o.clause == "art5"] == []
    assert state.decisions[0].status == "taken"
    assert "the clause's obligations are not issued" in state.transitions[-1].explanation.condition
    case = state.case("art5/x")
    assert case is not None and case.status == "awaiting-decision"


def test_attribution_reversed_closes_and_the_replay_goes_on() -> None:
    spec = load_library_spec("nato-1949")
    events: list[Event] = [
        IncidentReported(time=T0, id="x", against="POL", region="europe", country="POL"),
        AttributionAssessed(time=T0 + H, incident="x", answer=True, question="a Russian missile?"),
        AttributionAssessed(time=T0 + 20 * H, incident="x", answer=False, question="a Russian missile?"),
        AttributionAssessed(time=T0 + 30 * H, incident="x", answer=True, question="a Russian missile?"),
    ]
    state = fold(spec, events)
    kinds = [(t.kind, t.state) for t in state.transitions]
    assert kinds[-5:] == [
        ("attribution-revised", "no"),
        ("case-closed", "closed"),
        ("attribution-revised", "yes"),
        ("attribution-confirmed", "attributed"),
        ("case-updated", "awaiting-decision"),
    ]
    assert "revised from yes to no" in state.transitions[-5].explanation.condition


def test_attribution_of_an_incident_that_opened_no_case_is_recorded() -> None:
    spec = load_library_spec("nato-1949")
    events: list[Event] = [
        IncidentReported(time=T0, id="x", against="UKR", country="UKR"),
        AttributionAssessed(time=T0 + H, incident="x", answer=False),
    ]
    assert fold(spec, events).transitions[-1].kind == "attribution-recorded"
    with pytest.raises(RuntimeStateError, match="field 'incident': no incident 'y'"):
        fold(spec, [AttributionAssessed(time=T0, incident="y", answer=True)])


def test_consultation_request_concerning_others_is_recorded_apart() -> None:
    ask = ConsultationRequested(time=T0, actor="POL", clause="art4", concerning=["POL", "LTU", "LVA", "EST"])
    state = fold(load_library_spec("nato-1949"), [ask])
    (c,) = state.consultations
    assert (c.requested_by, c.concerning) == ("POL", ("POL", "LTU", "LVA", "EST"))
    case = state.cases[0]
    assert (case.requested_by, case.against) == ("POL", "POL")
    assert "concerning EST, LTU, LVA, POL" in state.transitions[0].explanation.condition
    with pytest.raises(RuntimeStateError, match=r"field 'concerning'.*UKR"):
        fold(
            load_library_spec("nato-1949"),
            [ConsultationRequested(time=T0, actor="POL", clause="art4", concerning=["UKR"])],
        )


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (
            [
                VoteCast(time=T0, party="FRA", body="nac", motion="m", vote="yes"),
                VoteCast(time=T0 + H, party="FRA", body="nac", motion="m", vote="no"),
            ],
            r"entry 2 \(vote_cast.*field 'party': FRA already voted yes on motion 'm'",
        ),
        (
            [VoteCast(time=T0, actor="DEU", party="FRA", body="nac", motion="m", vote="yes")],
            r"entry 1 \(vote_cast.*field 'actor': DEU may not cast the vote of FRA",
        ),
    ],
)
def test_bad_votes_are_refused(events: list[Event], message: str) -> None:
    with pytest.raises(RuntimeStateError, match=message) as info:
        fold(load_library_spec("nato-1949"), events)
    assert info.value.code == "E600"


def test_misspelt_field_is_named_with_the_fix() -> None:
    data = {"type": "decision_taken", "time": "2003-02-10", "body": "nac", "question": "q", "in_favor": ["USA"]}
    with pytest.raises(TimelineError, match="decision_taken event, field 'in_favor': unknown field") as info:
        event_from_json(data, where="t.yaml: entry 3")
    assert info.value.code == "E601"
    assert info.value.hint is not None and "did you mean 'in_favour'?" in info.value.hint


def test_deadline_beyond_any_calendar_is_refused() -> None:
    spec = load_spec_text(
        """
id: far
title: far
parties: [{id: A}, {id: B}]
clauses:
  c:
    kind: consultation
    requested_by: any-party
    deadline: P100Y
    obligation: {bearer: all-parties, individual: false, strength: consult}
"""
    )
    late = ConsultationRequested(time=datetime(9950, 1, 1, tzinfo=UTC), actor="A", clause="c")
    with pytest.raises(RuntimeStateError, match=r"entry 1 \(consultation_requested.*field 'time'.*after year 9999"):
        fold(spec, [late])
