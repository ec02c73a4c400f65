"""Check, simulate and replay agree: for generated specs and cases, the static view (check's G307 and the
compiled clause), the simulation's per-trial decision and the runtime's replay give the same trigger and
decision answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from guarantor.analysis.checks import check_spec
from guarantor.runtime import AttributionAssessed, CeasefireDeclared, DecisionTaken, IncidentReported, fold
from guarantor.semantics import compile_clause
from guarantor.simulation import SimParams, compile_design
from guarantor.spec import Scenario, Spec, TriggerType, spec_from_data

T0 = datetime(2024, 6, 1, 12, tzinfo=UTC)
PARTIES = ("A", "B", "C", "D", "E")
INCIDENT_KINDS = ("nuclear-use", "armed-attack", "armed-aggression", "aggression", "threat")
TRIGGER_TYPES = (*INCIDENT_KINDS, "aggression-not-armed-attack")


@st.composite
def rules(draw: st.DrawFn, members: list[str]) -> Any:
    kind = draw(st.sampled_from(["consensus", "unanimity", "count", "more_than", "veto", "unilateral", "automatic"]))
    if kind == "count":
        return {"kind": "count", "at_least": draw(st.integers(1, len(members)))}
    if kind == "more_than":
        return {"kind": "count", "more_than": "1/2", "of": draw(st.sampled_from(["entitled", "members", "parties"]))}
    if kind == "veto":
        holders = draw(st.lists(st.sampled_from(members), min_size=1, max_size=2, unique=True))
        return {"kind": "veto", "holders": holders, "then": {"kind": "count", "at_least": 1}}
    return kind


# What the 2025-26 drafts add, drawn too: a threshold the attack may fall short of ("significant") and a voidance
# whose event may have happened ("if Ukraine attacks Russia, all security guarantees should be lost").
Gravity = tuple[bool, bool]  # (the attack is significant, the voiding event happened)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Spec, str, str, str, frozenset[str], Gravity]:
    parties = list(PARTIES[: draw(st.integers(3, 5))])
    members = draw(st.lists(st.sampled_from(parties), min_size=2, max_size=len(parties), unique=True))
    body: dict[str, Any] = {"members": sorted(members), "rule": draw(rules(sorted(members)))}
    body["exclude_interested"] = draw(st.sampled_from([False, True, {"when": "between-members"}]))
    if draw(st.booleans()):
        body["quorum"] = draw(st.integers(1, len(members)))
    trigger: dict[str, Any] = {"types": draw(st.lists(st.sampled_from(TRIGGER_TYPES), min_size=1, max_size=2))}
    trigger["by"] = draw(st.sampled_from([None, "any-state", ["X"], ["X", "C"]]))
    trigger["against"] = draw(st.sampled_from(["protected", "all-parties", ["A", "B"]]))
    if draw(st.booleans()):
        trigger["threshold"] = {"significant": True}
    clause: dict[str, Any] = {
        "kind": "collective-defence",
        "trigger": {k: v for k, v in trigger.items() if v is not None},
        "obligation": {"bearer": "each-party", "strength": "assist", "deadline": "P30D"},
    }
    if draw(st.booleans()):
        clause["decision"] = {"body": "council"}
    data: dict[str, Any] = {
        "id": "gen",
        "title": "Generated",
        "signed": "2020-01-01",
        "parties": [{"id": p} for p in parties],
        "actors": [{"id": "X"}],
        "bodies": {"council": body},
        "clauses": {"defence": clause},
    }
    if draw(st.booleans()):
        data["void_if"] = [{"when": {"event": "protected-strikes-first"}, "text": "the protected party struck first"}]
    spec = spec_from_data(data)
    kind = draw(st.sampled_from(INCIDENT_KINDS))
    against = draw(st.sampled_from(parties))
    by = draw(st.sampled_from(["X", *[p for p in parties if p != against]]))
    yes = frozenset(draw(st.lists(st.sampled_from(parties), unique=True)))
    return spec, kind, against, by, yes, (draw(st.booleans()), draw(st.booleans()))


def _scenario(kind: str, against: str, by: str, gravity: Gravity) -> Scenario:
    nuclear = kind == "nuclear-use"
    attack = TriggerType.ARMED_ATTACK if nuclear else TriggerType(kind)
    significant, struck_first = gravity
    events = ["protected-strikes-first"] if struck_first else []
    return Scenario(
        attack=attack,
        nuclear=nuclear,
        against=against,
        by=by,
        fait_accompli="P30D",
        significant=significant,
        events=events,
    )


def _static(spec: Spec, scenario: Scenario, against: str, by: str, yes: frozenset[str]) -> tuple[bool, bool]:
    data = spec.model_dump(by_alias=True, exclude_none=True, mode="json")
    data["scenarios"] = {"s": scenario.model_dump(by_alias=True, exclude_none=True, mode="json")}
    findings = check_spec(spec_from_data(data))
    triggered = not any(f.code == "G307" for f in findings)
    compiled = compile_clause(spec, "defence", day=T0.date(), against=against, by=[by])
    return triggered, compiled.decider.decides(yes)


def _simulated(spec: Spec, scenario: Scenario, yes: frozenset[str]) -> tuple[bool, bool]:
    design = compile_design(spec, {"s": scenario}, SimParams(day=T0.date()))
    compiled = design.scenarios["s"]
    votes = np.array([[p in yes for p in compiled.decider.voters]], dtype=bool)
    return compiled.matched, bool(compiled.decider.decides_many(votes)[0])


def _replayed(spec: Spec, kind: str, against: str, by: str, yes: frozenset[str], gravity: Gravity) -> tuple[bool, bool]:
    significant, struck_first = gravity
    events: list[Any] = [IncidentReported(time=T0, id="i", kind=kind, against=against, by=by)]  # type: ignore[arg-type]
    if struck_first:  # the voiding event, declared before the attack
        events.insert(0, CeasefireDeclared(time=T0 - timedelta(days=1), name="protected-strikes-first"))
    trigger = spec.clauses["defence"].trigger
    if trigger is not None and trigger.threshold is not None:  # an incident report cannot say it is significant
        events.append(AttributionAssessed(time=T0 + timedelta(minutes=30), incident="i", answer=significant))
    body = spec.clauses["defence"].decision
    if body is not None:
        members = set(spec.bodies["council"].member_names)
        in_favour, other = sorted(yes & members), sorted(members - yes)
        events.append(
            DecisionTaken(
                time=T0 + timedelta(hours=1),
                body="council",
                question="q",
                clause="defence",
                in_favour=in_favour,
                against=other,
            )
        )
    state = fold(spec, events, as_of=T0 + timedelta(days=1))
    opened = [c for c in state.cases if c.clause == "defence" and c.status != "closed"]
    if not opened:
        return False, False
    if body is None or spec.bodies["council"].rule.kind in ("automatic", "unilateral"):
        return True, opened[0].status == "decided"
    return True, state.decisions[0].status == "taken"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_check_simulate_and_replay_agree(case: tuple[Spec, str, str, str, frozenset[str], Gravity]) -> None:
    spec, kind, against, by, yes, gravity = case
    scenario = _scenario(kind, against, by, gravity)
    static = _static(spec, scenario, against, by, yes)
    simulated = _simulated(spec, scenario, yes)
    replayed = _replayed(spec, kind, against, by, yes, gravity)
    assert static[0] == simulated[0] == replayed[0], f"trigger: check {static}, simulate {simulated}, replay {replayed}"
    event(f"triggered={static[0]} decided={static[1] if static[0] else None}")
    if static[0]:
        assert static[1] == simulated[1] == replayed[1], (
            f"decision: check {static}, simulate {simulated}, replay {replayed}"
        )
