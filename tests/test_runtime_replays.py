"""The three historical replays bundled in examples/replays, with the transitions the record demands."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from guarantor.runtime import State, fold, load_timeline
from guarantor.spec import load_library_spec, parties_on

REPLAYS = Path(__file__).resolve().parents[1] / "examples" / "replays"


def _run(spec: str, name: str, as_of: datetime | None = None) -> State:
    return fold(load_library_spec(spec), load_timeline(REPLAYS / name).events, as_of)


def _kinds(state: State) -> list[tuple[str, str | None, str]]:
    return [(f"{t.time:%Y-%m-%d}", t.clause, t.kind) for t in state.transitions]


def test_nato_2001_article5_conditional_then_confirmed() -> None:
    state = _run("nato-1949", "nato-2001-article5.yaml")
    assert _kinds(state) == [
        ("2001-09-11", "art5", "case-opened"),
        ("2001-09-11", "art5", "case-updated"),
        ("2001-09-12", "art5", "decision-conditional"),
        ("2001-10-02", "art5", "attribution-confirmed"),
        ("2001-10-02", "art5", "decision-confirmed"),
        ("2001-10-02", "art5", "obligations-issued"),
        ("2001-10-04", "art5", "decision-taken"),
        ("2001-10-06", "art5", "action-reported"),
        ("2001-10-09", "art5", "action-reported"),
    ]
    assert state.transitions[1].state == "awaiting-attribution"
    conditional = state.transitions[2]
    assert "directed from abroad" in conditional.explanation.condition
    assert "19 members on 2001-09-12" in conditional.explanation.condition
    assert conditional.explanation.inputs == ("#2 decision_taken",)
    assert state.transitions[4].explanation.inputs == ("#2 decision_taken", "#3 attribution_assessed")


def test_nato_2001_obligations_for_the_19_members_of_that_date() -> None:
    spec = load_library_spec("nato-1949")
    state = _run("nato-1949", "nato-2001-article5.yaml")
    bearers = sorted(o.bearer for o in state.obligations if o.clause == "art5")
    assert len(bearers) == 19
    assert bearers == sorted(parties_on(spec, datetime(2001, 10, 2).date()))
    assert "SWE" not in bearers and "POL" in bearers
    first = next(o for o in state.obligations if o.bearer == "USA")
    assert first.issued == datetime(2001, 10, 2, 12, tzinfo=UTC)
    assert (first.strength, first.deadline, first.binding_deadline) == ("as-deemed-necessary", "forthwith", False)
    decisions = [d.status for d in state.decisions]
    assert decisions == ["confirmed", "taken"]
    assert len(state.decisions[1].measures) == 8
    assert state.missed == ()


def test_nato_2001_as_of_before_confirmation() -> None:
    state = _run("nato-1949", "nato-2001-article5.yaml", datetime(2001, 9, 20, tzinfo=UTC))
    assert [d.status for d in state.decisions] == ["conditional"]
    assert state.obligations == ()
    case = state.case("art5/911")
    assert case is not None and case.status == "awaiting-attribution"


def test_nato_2003_turkiye_blocked_in_council_decided_in_dpc() -> None:
    state = _run("nato-1949", "nato-2003-turkiye-article4.yaml")
    assert _kinds(state) == [
        ("2003-02-10", "art4", "consultation-requested"),
        ("2003-02-10", "art4", "obligations-issued"),
        ("2003-02-10", "art4", "consultation-held"),
        ("2003-02-10", "art4", "decision-blocked"),
        ("2003-02-16", "art4", "decision-taken"),
        ("2003-02-19", "art4", "decision-taken"),
        ("2003-02-26", "art4", "action-reported"),
    ]
    nac, dpc16, dpc19 = state.decisions
    assert (nac.body, nac.status, nac.blockers) == ("nac", "blocked", ("BEL", "DEU", "FRA"))
    assert len(nac.members) == 19
    assert (dpc16.body, dpc16.status) == ("dpc", "taken")
    assert len(dpc16.members) == 18 and "FRA" not in dpc16.members
    assert dpc19.time.date().isoformat() == "2003-02-19"
    case = state.case("art4/TUR@2003-02-10")
    assert case is not None and case.status == "decided"
    assert "blocked by BEL, DEU, FRA" in state.transitions[3].explanation.condition


def test_budapest_2014_no_assurance_honoured() -> None:
    state = _run("budapest-1994", "budapest-2014-crimea.yaml")
    assert _kinds(state) == [
        ("2014-02-27", "para1", "undertaking-breached"),
        ("2014-02-27", "para2", "undertaking-breached"),
        ("2014-02-27", "para4", "trigger-not-met"),
        ("2014-02-27", "para6", "case-opened"),
        ("2014-02-27", "para6", "obligations-issued"),
        ("2014-03-05", "para6", "consultation-held"),
        ("2014-03-15", "para4", "decision-blocked"),
    ]
    assert "nuclear-use" in state.transitions[2].explanation.condition
    held = state.transitions[5]
    assert held.state == "held-incomplete" and "absent: RUS" in held.explanation.condition
    veto = state.decisions[0]
    assert (veto.body, veto.status, veto.blockers, veto.rule) == ("unsc", "blocked", ("RUS",), "veto")
    outcomes = {o.clause: o for o in state.outcomes}
    assert not any(o.honoured for o in outcomes.values())
    assert outcomes["para4"].status == "not-triggered" and "vetoed by RUS" in outcomes["para4"].why
    assert outcomes["para6"].honoured is False and "without RUS" in outcomes["para6"].why
    assert outcomes["para1"].honoured is False and "RUS" in outcomes["para1"].why
