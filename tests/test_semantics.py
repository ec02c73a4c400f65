"""The one compiled meaning of a clause: coverage, exclusion, deciders, tallies, and the quorum case."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from guarantor.errors import SpecError, TallyError
from guarantor.runtime import DecisionTaken, IncidentReported, fold
from guarantor.semantics import (
    ATTACK_KINDS,
    Tally,
    body_decider,
    compile_decider,
    compile_trigger,
    covered_kinds,
    covers,
    excluded_members,
    match_scenario,
    stand_in,
)
from guarantor.simulation import SimParams, compile_design
from guarantor.spec import Scenario, TriggerType, spec_from_data

T0 = datetime(2026, 3, 1, 6, tzinfo=UTC)


def _spec(body: dict[str, Any], *, parties: str = "ABCD", **extra: Any) -> Any:
    data: dict[str, Any] = {
        "id": "pact",
        "title": "Pact",
        "signed": "2020-01-01",
        "parties": [{"id": p} for p in parties],
        "actors": [{"id": "X"}],
        "bodies": {"council": body},
        "clauses": {
            "defence": {
                "kind": "collective-defence",
                "trigger": {"types": ["armed-attack"]},
                "decision": {"body": "council"},
                "obligation": {"bearer": "each-party", "strength": "assist", "deadline": "P2D"},
            }
        },
    }
    data.update(extra)
    return spec_from_data(data)


# Coverage --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "covered"),
    [
        ("nuclear-use", {"nuclear-use"}),
        ("armed-attack", {"nuclear-use", "armed-attack"}),
        ("aggression", {"nuclear-use", "armed-attack", "armed-aggression", "aggression"}),
        ("aggression-not-armed-attack", {"armed-aggression", "aggression"}),
        ("threat", {"nuclear-use", "armed-attack", "armed-aggression", "aggression", "threat"}),
        ("breach", {"breach"}),
        ("request", set()),
    ],
)
def test_each_trigger_type_covers_its_kinds(trigger: str, covered: set[str]) -> None:
    assert covered_kinds([TriggerType(trigger)]) == covered
    assert {k for k in ATTACK_KINDS if covers(TriggerType(trigger), k)} == covered


def test_aggression_that_is_not_an_armed_attack_is_its_own_trigger() -> None:
    spec = _spec({"rule": "automatic"})
    data = spec.model_dump(by_alias=True, exclude_none=True)
    data["clauses"]["defence"]["trigger"]["types"] = ["aggression-not-armed-attack"]
    spec = spec_from_data(data)
    hybrid = Scenario(attack=TriggerType.AGGRESSION, against="A", by="X", fait_accompli="P10D")
    armed = Scenario(attack=TriggerType.ARMED_ATTACK, against="A", by="X", fait_accompli="P10D")
    assert match_scenario(spec, hybrid).clause == "defence"
    assert "does not match its trigger" in match_scenario(spec, armed).reason


def test_any_state_lists_no_one_and_limits_no_attacker() -> None:
    spec = _spec({"rule": "automatic"})
    data = spec.model_dump(by_alias=True, exclude_none=True)
    data["clauses"]["defence"]["trigger"]["by"] = "any-state"
    trig = compile_trigger(spec_from_data(data), "defence")
    assert trig.by is None
    assert trig.check_attack("armed-attack", "A", "anyone at all") is None


# Interested parties ------------------------------------------------------------------------------------------


def test_only_members_are_excluded_as_interested() -> None:
    spec = _spec({"rule": {"kind": "count", "at_least": 2}, "exclude_interested": True})
    body = spec.bodies["council"]
    assert excluded_members(body, ["A", "B", "C", "D"], against="A", by=["X"]) == ("A",)
    assert excluded_members(body, ["A", "B", "C", "D"], against="A", by=["C"]) == ("A", "C")


def test_exclusion_between_members_only() -> None:
    spec = _spec({"rule": "consensus", "exclude_interested": {"when": "between-members"}})
    body = spec.bodies["council"]
    members = ["A", "B", "C", "D"]
    assert excluded_members(body, members, against="A", by=["X"]) == ()
    assert excluded_members(body, members, against="A", by=["C"]) == ("A", "C")


def test_exclusion_limited_to_named_clauses() -> None:
    spec = _spec({"rule": "consensus", "exclude_interested": {"clauses": ["defence"]}})
    body = spec.bodies["council"]
    assert excluded_members(body, ["A", "B", "C"], clause="defence", against="A", by=["C"]) == ("A", "C")
    assert excluded_members(body, ["A", "B", "C"], clause="other", against="A", by=["C"]) == ()


def test_exclusion_naming_an_unknown_clause_is_an_error() -> None:
    with pytest.raises(SpecError, match="nosuch"):
        _spec({"rule": "consensus", "exclude_interested": {"clauses": ["nosuch"]}})


# The quorum case: one answer everywhere ----------------------------------------------------------------------

QUORUM = {"rule": {"kind": "count", "at_least": 2}, "exclude_interested": True, "quorum": 3}


def test_quorum_after_exclusion_is_blocked_in_the_decider() -> None:
    decider = compile_decider(_spec(QUORUM), "defence", against="A", by=["C"])
    assert decider.kind == "blocked"
    assert "below the quorum of 3" in decider.reason
    assert not decider.decides({"B", "D"})
    assert not decider.decides_many(np.ones((4, 2), dtype=bool)).any()
    verdict = decider.decide(Tally(in_favour={"B", "D"}))
    assert not verdict.passed and verdict.cause == "cannot-decide"


def test_quorum_after_exclusion_is_blocked_in_simulation_and_replay() -> None:
    spec = _spec(QUORUM)
    scenario = Scenario(attack=TriggerType.ARMED_ATTACK, against="A", by="C", fait_accompli="P10D")
    design = compile_design(spec, {"s": scenario}, SimParams())
    assert design.scenarios["s"].decider.kind == "blocked"
    events = [
        IncidentReported(time=T0, id="x", by="C", against="A"),
        DecisionTaken(time=T0 + timedelta(hours=2), body="council", question="assist A?", in_favour=["B", "D"]),
    ]
    state = fold(spec, events, as_of=T0 + timedelta(days=3))  # no QuorumNotMetError: the replay goes on
    assert state.cases[0].status == "blocked"
    assert state.decisions[0].status == "blocked"
    assert state.decisions[0].excluded == ("A", "C")
    assert "below the quorum of 3" in state.transitions[-1].explanation.condition


def test_an_attacker_outside_the_body_does_not_lower_the_quorum() -> None:
    spec = _spec(QUORUM)
    assert compile_decider(spec, "defence", against="A", by=["X"]).kind == "vote"


# Tallies -----------------------------------------------------------------------------------------------------


def test_a_member_named_twice_in_a_tally_is_an_error() -> None:
    with pytest.raises(TallyError, match="'A' is counted twice"):
        Tally(in_favour={"A"}, abstaining={"A"})


def test_threshold_is_stated() -> None:
    spec = _spec({"rule": {"kind": "count", "fraction": "2/3"}}, parties="ABCDEFGHIJKLMNOPQRSTUV")
    decider = compile_decider(spec, "defence")
    yes = set("ABCDEFGHIJKLMNOPQ")
    verdict = decider.decide(Tally(in_favour=yes, against=set("RSTUV")))
    assert verdict.passed
    assert verdict.threshold == "15 of 22 entitled to vote needed, 17 in favour"


def test_absent_silent_and_abstaining_are_three_things() -> None:
    count_present = {"rule": {"kind": "count", "more_than": "1/2", "of": "present"}}
    decider = compile_decider(_spec(count_present, parties="ABCDE"), "defence")
    # 2 in favour, 1 against; C abstains (present), D silent (present), E absent: 2 of 4 present is not more.
    tally = Tally(in_favour={"A", "B"}, abstaining={"C"}, silent={"D"}, absent={"E"})
    verdict = decider.decide(tally)
    assert not verdict.passed and verdict.threshold == "3 of 4 present needed, 2 in favour"
    # The same votes with D away: 2 of 3 present is more than half.
    assert decider.decide(Tally(in_favour={"A", "B"}, abstaining={"C"}, absent={"D", "E"})).passed
    # A silence procedure: silence counts in favour.
    silence = {**count_present, "counting": {"silent": "in-favour"}}
    decider = compile_decider(_spec(silence, parties="ABCDE"), "defence")
    assert decider.decide(tally).passed


def test_consensus_abstention_does_not_block_but_unanimity_needs_everyone() -> None:
    tally = Tally(in_favour={"A", "B", "C"}, abstaining={"D"})
    assert compile_decider(_spec({"rule": "consensus"}), "defence").decide(tally).passed
    unanimity = compile_decider(_spec({"rule": "unanimity"}), "defence").decide(tally)
    assert not unanimity.passed and unanimity.threshold == "4 of 4 entitled to vote needed, 3 in favour"
    # A treaty where an abstention counts against blocks a consensus too.
    blocking = _spec({"rule": "consensus", "counting": {"abstaining": "against"}})
    verdict = compile_decider(blocking, "defence").decide(tally)
    assert not verdict.passed and verdict.blockers == ("D",)


def test_an_absent_veto_holder_does_not_veto() -> None:
    unsc = {"rule": {"kind": "veto", "holders": ["A", "B"], "then": {"kind": "count", "at_least": 3}}}
    decider = compile_decider(_spec(unsc, parties="ABCDE"), "defence")
    verdict = decider.decide(Tally(in_favour={"B", "C", "D", "E"}, absent={"A"}))  # Korea, June 1950
    assert verdict.passed
    assert verdict.threshold == "1 veto holder voting must concur; 3 of 5 entitled to vote needed, 4 in favour"
    vetoed = decider.decide(Tally(in_favour={"B", "C", "D", "E"}, against={"A"}))
    assert not vetoed.passed and vetoed.blockers == ("A",)
    assert "A did not" in vetoed.threshold


def test_absolute_majority_of_the_parties() -> None:
    rule = {"rule": {"kind": "count", "more_than": "1/2", "of": "parties"}, "members": ["A", "B", "C", "D"]}
    spec = _spec(rule, parties="ABCDEF")
    decider = compile_decider(spec, "defence")
    assert decider.decides({"A", "B", "C"}) is False  # 3 of 6 parties is not more than half
    assert decider.decides({"A", "B", "C", "D"}) is True


def test_quorum_counted_as_members_present() -> None:
    spec = _spec({"rule": {"kind": "count", "at_least": 2}, "quorum": 3, "quorum_of": "present"})
    decider = compile_decider(spec, "defence")
    verdict = decider.decide(Tally(in_favour={"A", "B"}, absent={"C", "D"}))
    assert not verdict.passed and verdict.cause == "quorum"
    assert verdict.threshold == "quorum: 3 of 4 members must be present, 2 present"
    assert decider.decide(Tally(in_favour={"A", "B"}, silent={"C"}, absent={"D"})).passed


def test_full_tally_agrees_with_the_scalar_and_vectorised_forms() -> None:
    spec = _spec({"rule": {"kind": "count", "fraction": "3/4"}}, parties="ABCDEFGH")
    decider = compile_decider(spec, "defence")
    rng = np.random.default_rng(3)
    votes = rng.random((64, len(decider.voters))) < 0.7
    many = decider.decides_many(votes)
    for row, won in zip(votes, many, strict=True):
        yes = {v for v, y in zip(decider.voters, row, strict=True) if y}
        assert decider.decides(yes) == bool(won)
        assert decider.decide(Tally(in_favour=yes, against=set(decider.voters) - yes)).passed == bool(won)


# Provisional organs ------------------------------------------------------------------------------------------


def test_a_provisional_organ_stands_in() -> None:
    spec = _spec(
        {"rule": {"kind": "count", "fraction": "2/3"}},
        parties="ABCDEF",
    )
    data = spec.model_dump(by_alias=True, exclude_none=True)
    data["bodies"]["board"] = {"members": ["A", "B", "C"], "rule": "consensus", "provisional": {"acts_for": "council"}}
    spec = spec_from_data(data)
    assert stand_in(spec, "council") == "board"
    assert stand_in(spec, "board") is None
    board = compile_decider(spec, "defence", body="board")
    assert board.body == "board" and board.voters == ("A", "B", "C")
    assert body_decider(spec, "council").voters == tuple("ABCDEF")


def test_a_provisional_organ_for_an_unknown_body_is_an_error() -> None:
    data = _spec({"rule": "consensus"}).model_dump(by_alias=True, exclude_none=True)
    data["bodies"]["board"] = {"members": ["A"], "provisional": {"acts_for": "counsil"}}
    with pytest.raises(SpecError, match="counsil"):
        spec_from_data(data)


# Misuse -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"clauses.defence.obligation.bearer": "any-state"}, "'any-state' at clauses.defence.obligations.0.bearer"),
        ({"protects": "any-state"}, "only a trigger's 'by' or 'against' may use it"),
        ({"bodies.council.quorum_of": "present"}, "'quorum_of: present' needs a 'quorum'"),
        ({"bodies.council.provisional": {"acts_for": "council"}}, "unknown body 'council'"),
        ({"bodies.council.counting": {"silent": "maybe"}}, "silent"),
        ({"bodies.council.rule": {"kind": "count", "more_than": 1}}, "can never be met"),
        ({"bodies.council.rule": {"kind": "count", "fraction": "2/3", "of": "everyone"}}, "of"),
    ],
)
def test_misuse_is_refused_with_the_place(change: dict[str, Any], message: str) -> None:
    data: dict[str, Any] = {
        "id": "pact",
        "title": "Pact",
        "parties": [{"id": p} for p in "ABC"],
        "bodies": {"council": {"rule": "consensus"}},
        "clauses": {
            "defence": {
                "kind": "collective-defence",
                "trigger": {"types": ["armed-attack"]},
                "decision": {"body": "council"},
                "obligation": {"bearer": "each-party", "strength": "assist", "deadline": "P2D"},
            }
        },
    }
    for dotted, value in change.items():
        *path, last = dotted.split(".")
        node = data
        for key in path:
            node = node[key]
        node[last] = value
    with pytest.raises(SpecError, match=re.escape(message) if " " in message else message):
        spec_from_data(data)


def test_schema_describes_the_new_constructs() -> None:
    from guarantor.spec.schema import spec_json_schema

    text = json.dumps(spec_json_schema())
    for key in ("quorum_of", "counting", "provisional", "acts_for", "between-members", "more_than", "casting"):
        assert f'"{key}"' in text, key
    assert '"aggression-not-armed-attack"' in text
