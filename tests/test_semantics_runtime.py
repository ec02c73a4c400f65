"""The runtime reads the compiled meaning: a body that characterises the act itself, a provisional organ, votes
with abstentions and absences, and interested parties who do not sit on the body."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from guarantor.errors import RuntimeStateError
from guarantor.runtime import DecisionTaken, Event, IncidentReported, fold
from guarantor.runtime.events import MeetingEnded
from guarantor.spec import spec_from_data

T0 = datetime(1950, 6, 25, 12, tzinfo=UTC)
H = timedelta(hours=1)


def _pact(**changes: Any) -> Any:
    data: dict[str, Any] = {
        "id": "pact",
        "title": "Pact",
        "signed": "1947-09-02",
        "parties": [{"id": p} for p in ("A", "B", "C", "D", "E")],
        "actors": [{"id": "X"}],
        "bodies": {
            "organ": {"rule": {"kind": "count", "fraction": "2/3", "of": "entitled"}},
            "council": {"members": ["A", "B", "C"], "rule": "consensus", "provisional": {"acts_for": "organ"}},
        },
        "clauses": {
            "art6": {
                "kind": "collective-defence",
                "trigger": {"types": ["aggression-not-armed-attack"], "by": "any-state"},
                "decision": {"body": "organ"},
                "obligation": {"bearer": "each-party", "strength": "assist", "deadline": "P10D"},
            }
        },
    }
    for key, value in changes.items():
        data[key] = value
    return spec_from_data(data)


def test_a_body_characterises_the_act_itself() -> None:
    clause = {
        "kind": "collective-defence",
        "trigger": {
            "types": ["aggression"],
            "attribution": {"by": "organ", "question": "is this an act of aggression?"},
        },
        "decision": {"body": "organ"},
        "obligation": {"bearer": "each-party", "strength": "assist", "deadline": "P10D"},
    }
    spec = _pact(clauses={"art6": clause})
    attack: list[Event] = [IncidentReported(time=T0, id="i1", kind="aggression", by="X", against="A")]
    waiting = fold(spec, attack, as_of=T0 + H)
    assert waiting.cases[0].status == "awaiting-attribution"
    vetoed = DecisionTaken(
        time=T0 + H, body="organ", question="aggression?", in_favour=["A", "B"], against=["C", "D", "E"]
    )
    assert fold(spec, [*attack, vetoed], as_of=T0 + 2 * H).cases[0].status == "awaiting-attribution"
    agreed = DecisionTaken(time=T0 + H, body="organ", question="is this an act of aggression?", against=["E"])
    state = fold(spec, [*attack, agreed], as_of=T0 + 2 * H)
    assert state.cases[0].status == "decided" and state.cases[0].attributed is True
    kinds = [t.kind for t in state.transitions]
    assert kinds.index("attribution-confirmed") < kinds.index("obligations-issued")
    assert (
        "4 of 5 entitled to vote needed, 4 in favour"
        in state.transitions[kinds.index("decision-taken")].explanation.condition
    )


def test_a_provisional_organ_acts_until_the_body_meets() -> None:
    spec = _pact()
    attack: list[Event] = [IncidentReported(time=T0, id="i1", kind="aggression", by="X", against="A")]
    by_council = DecisionTaken(time=T0 + H, body="council", question="measures?")
    state = fold(spec, [*attack, by_council], as_of=T0 + 2 * H)
    assert state.cases[0].status == "decided"
    taken = next(t for t in state.transitions if t.kind == "decision-taken")
    assert "consensus in council acting provisionally for organ" in taken.explanation.condition
    organ_met = MeetingEnded(time=T0 + H, body="organ", question="measures?")
    later = DecisionTaken(time=T0 + 2 * H, body="council", question="measures?", clause="art6")
    with pytest.raises(RuntimeStateError, match="council acts for organ only until it meets, and it met on 1950-06-25"):
        fold(spec, [*attack, organ_met, later], as_of=T0 + 3 * H)


def test_an_armed_attack_is_not_aggression_that_is_not_an_armed_attack() -> None:
    spec = _pact()
    state = fold(spec, [IncidentReported(time=T0, id="i1", kind="armed-attack", by="X", against="A")], as_of=T0 + H)
    assert not state.cases
    assert "needs aggression-not-armed-attack" in state.transitions[-1].explanation.condition


def test_absent_silent_and_abstaining_members_in_a_replay() -> None:
    rule = {"kind": "count", "more_than": "1/2", "of": "present"}
    attack: list[Event] = [IncidentReported(time=T0, id="i1", kind="aggression", by="X", against="A")]
    # A and B in favour, C abstains, D present and silent, E absent: 4 present, 3 needed.
    lists = {"in_favour": ["A", "B"], "abstaining": ["C"], "not_voting": ["D"], "absent": ["E"]}
    vote = DecisionTaken(time=T0 + H, body="organ", question="q", **lists)
    plain = fold(_pact(bodies={"organ": {"rule": rule}}), [*attack, vote], as_of=T0 + 2 * H)
    assert plain.decisions[0].status == "blocked"
    blocked = next(t for t in plain.transitions if t.kind == "decision-blocked")
    assert "3 of 4 present needed, 2 in favour" in blocked.explanation.condition
    silence = _pact(bodies={"organ": {"rule": rule, "counting": {"silent": "in-favour"}}})
    assert fold(silence, [*attack, vote], as_of=T0 + 2 * H).decisions[0].status == "taken"
    # E absent counted as present and abstaining: 5 present, 3 needed, still 2 in favour.
    absent_counts = _pact(bodies={"organ": {"rule": rule, "counting": {"absent": "abstain"}}})
    state = fold(absent_counts, [*attack, vote], as_of=T0 + 2 * H)
    assert "3 of 5 present needed, 2 in favour" in state.transitions[-1].explanation.condition


def test_an_attacker_outside_the_body_is_not_excluded_and_a_member_is() -> None:
    spec = _pact(bodies={"organ": {"rule": "consensus", "exclude_interested": {"when": "between-members"}}})
    outside: list[Event] = [IncidentReported(time=T0, id="i1", kind="aggression", by="X", against="A")]
    decided = fold(spec, [*outside, DecisionTaken(time=T0 + H, body="organ", question="q")], as_of=T0 + 2 * H)
    assert decided.decisions[0].excluded == ()
    inside: list[Event] = [IncidentReported(time=T0, id="i1", kind="aggression", by="B", against="A")]
    vote = DecisionTaken(time=T0 + H, body="organ", question="q", against=["B"])
    state = fold(spec, [*inside, vote], as_of=T0 + 2 * H)
    assert state.decisions[0].excluded == ("A", "B")
    assert state.decisions[0].status == "taken"  # B's objection does not count: it is a party to the dispute
