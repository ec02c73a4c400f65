"""The three historical replays bundled in examples/replays, with the transitions the record demands."""

from __future__ import annotations

from datetime import UTC, date, datetime
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
        ("2001-10-02", "art5", "attacker-named"),  # the attack reported with no attacker, attributed on 2 October
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
    assert state.cases[0].by == state.transitions[3].explanation.condition.rsplit(" ", 1)[-1]
    assert state.transitions[5].explanation.inputs == ("#2 decision_taken", "#3 attribution_assessed")


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


# The replays added with the runtime's events of real histories ---------------------------------------------

SPECS = REPLAYS / "specs"


def _spec_run(spec: str, name: str) -> State:
    from guarantor.spec import load_spec

    return fold(load_spec(SPECS / spec), load_timeline(REPLAYS / name).events)


def _nato(name: str) -> State:
    return _run("nato-1949", name)


def test_nato_2014_poland_request_concerning_its_neighbours() -> None:
    state = _nato("nato-2014-poland-article4.yaml")
    assert _kinds(state) == [
        ("2014-03-03", "art4", "consultation-requested"),
        ("2014-03-03", "art4", "obligations-issued"),
        ("2014-03-03", "art4", "statement-made"),
        ("2014-03-04", "art4", "consultation-held"),
        ("2014-03-04", "art4", "statement-made"),
    ]
    (c,) = state.consultations
    assert (c.requested_by, c.concerning, c.status, len(c.attended)) == (
        "POL",
        ("POL", "LTU", "LVA", "EST"),
        "held",
        28,
    )
    assert "concerning EST, LTU, LVA, POL" in state.transitions[0].explanation.condition
    assert "strong solidarity" in state.transitions[-1].explanation.condition
    outcome = state.outcome("art4")
    assert outcome is not None and outcome.honoured is True


def test_nato_2022_one_meeting_answers_eight_requests() -> None:
    state = _nato("nato-2022-eight-allies-article4.yaml")
    eight = ["BGR", "CZE", "EST", "LVA", "LTU", "POL", "ROU", "SVK"]
    assert [c.requested_by for c in state.consultations] == eight
    assert {c.status for c in state.consultations} == {"held"}
    held = [t for t in state.transitions if t.kind == "consultation-held"]
    assert len(held) == 8 and all(t.time == held[0].time for t in held)
    assert "one meeting for the 8 requests of BGR, CZE, EST, LTU, LVA, POL, ROU, SVK" in held[0].explanation.condition
    assert "absent: none" in held[0].explanation.condition
    assert [t.kind for t in state.transitions][-2:] == ["statement-made", "decision-taken"]
    assert state.decisions[0].status == "taken" and len(state.decisions[0].members) == 30
    assert [(t.clause, t.kind) for t in state.transitions if t.clause == "art5"] == []


def test_nato_2012_turkiye_two_requests_then_patriots() -> None:
    state = _nato("nato-2012-turkiye-article4.yaml")
    assert _kinds(state) == [
        ("2012-06-24", "art4", "consultation-requested"),
        ("2012-06-24", "art4", "obligations-issued"),
        ("2012-06-26", "art4", "consultation-held"),
        ("2012-06-26", "art4", "statement-made"),
        ("2012-10-03", "art4", "consultation-requested"),
        ("2012-10-03", "art4", "obligations-issued"),
        ("2012-10-03", "art4", "consultation-held"),
        ("2012-12-04", "art4", "decision-taken"),
    ]
    first, second = state.consultations
    assert (first.held - first.requested).days == 1 and (second.held - second.requested).seconds == 4 * 3600
    assert state.decisions[0].measures == ("Patriot batteries from Germany, the Netherlands and the United States",)


def test_nato_2015_turkiye_asks_on_sunday_council_meets_tuesday() -> None:
    state = _nato("nato-2015-turkiye-article4.yaml")
    assert _kinds(state) == [
        ("2015-07-26", "art4", "consultation-requested"),
        ("2015-07-26", "art4", "obligations-issued"),
        ("2015-07-28", "art4", "consultation-held"),
        ("2015-07-28", "art4", "statement-made"),
    ]
    assert state.consultations[0].requested.strftime("%A") == "Sunday"
    assert state.missed == ()


def test_nato_2022_przewodow_attribution_revised_article4_declined() -> None:
    state = _nato("nato-2022-przewodow.yaml")
    assert _kinds(state) == [
        ("2022-11-15", "art5", "case-opened"),
        ("2022-11-15", "art5", "case-updated"),
        ("2022-11-15", "art5", "attribution-confirmed"),
        ("2022-11-15", "art5", "case-updated"),
        ("2022-11-15", "art4", "statement-made"),
        ("2022-11-16", "art5", "attribution-revised"),
        ("2022-11-16", "art5", "case-closed"),
        ("2022-11-16", None, "meeting-ended"),
        ("2022-11-16", "art4", "invocation-declined"),
    ]
    assert "revised from yes to no" in state.transitions[5].explanation.condition
    assert state.transitions[6].explanation.condition == "attribution reversed"
    assert state.obligations == () and state.decisions == ()
    art4, art5 = state.outcome("art4"), state.outcome("art5")
    assert art4 is not None and art4.status == "declined" and "not a deliberate attack" in art4.why
    assert art5 is not None and art5.status == "closed"


def test_unsc_1950_korea_absent_permanent_member_does_not_veto() -> None:
    state = _spec_run("un-charter-1950.yaml", "unsc-1950-korea.yaml")
    assert _kinds(state) == [
        ("1950-06-24", "art39", "case-opened"),
        ("1950-06-24", "art39", "case-updated"),
        ("1950-06-25", "art39", "decision-taken"),
        ("1950-06-28", "art39", "decision-taken"),
        ("1950-06-28", "art39", "awaiting-determination"),
        ("1950-06-28", "art39", "determination-made"),
        ("1950-06-28", "art39", "obligations-issued"),
        ("1950-06-30", "art39", "determination-made"),
        ("1950-06-30", "art39", "obligations-issued"),
        ("1950-06-30", "art39", "statement-made"),
        ("1950-07-04", "art39", "statement-made"),
        ("1950-07-07", "art39", "decision-taken"),
    ]
    r82, r83, r84 = state.decisions
    assert [d.status for d in (r82, r83, r84)] == ["taken", "taken", "taken"]
    assert (len(r82.in_favour), r82.abstaining, r82.against) == (9, ("YUG",), ())
    assert (len(r83.in_favour), r83.against, r83.abstaining) == (7, ("YUG",), ())
    assert (r83.not_voting, r83.absent) == (("EGY", "IND"), ("SUN",))
    assert r84.abstaining == ("EGY", "IND", "YUG")
    why83 = state.transitions[3].explanation.condition
    assert "7 of 11 entitled to vote needed, 7 in favour" in why83
    assert "status contested: CHN since 1950-01-13" in why83
    assert "the clause's obligations are not issued" in state.transitions[2].explanation.condition
    assert state.transitions[3].local_time() is not None
    assert f"{state.transitions[3].local_time():%Y-%m-%d %H:%M}" == "1950-06-27 23:00"
    assert sorted(o.bearer for o in state.obligations) == ["GBR", "USA"]


def test_un_charter_amendment_is_a_dated_version() -> None:
    from guarantor.spec import load_spec, version_on

    spec = load_spec(SPECS / "un-charter-1950.yaml")
    before, after = (version_on(spec, date(y, 1, 1)).bodies["unsc"] for y in (1950, 1966))
    assert (before.rule.then.at_least, after.rule.then.at_least) == (7, 9)  # type: ignore[union-attr]


def test_warsaw_pact_1968_guarantee_met_by_its_own_guarantors() -> None:
    state = _spec_run("warsaw-pact-1955.yaml", "warsaw-pact-1968-czechoslovakia.yaml")
    assert _kinds(state) == [
        ("1968-08-20", "art8", "undertaking-breached"),
        ("1968-08-20", "art4", "case-opened"),
        ("1968-08-20", "art4", "obligations-issued"),
        ("1968-08-21", "art4", "statement-made"),
        ("1968-08-21", "art4", "statement-made"),
        ("1968-08-21", "art4", "statement-made"),
        ("1968-08-24", None, "statement-made"),
        ("1968-09-13", "art4", "statement-made"),
    ]
    bearers = sorted(o.bearer for o in state.obligations)
    assert bearers == ["ALB", "BGR", "DDR", "HUN", "POL", "ROU", "SUN"]  # the invaders among them, the victim not
    issued = state.transitions[2].explanation.condition
    assert "status contested: ALB since 1962-02-01" in issued
    assert f"{state.transitions[1].local_time():%H:%M %Z}" == "23:00 CET"
    outcomes = {o.clause: o for o in state.outcomes}
    assert outcomes["art8"].honoured is False and "breached by SUN" in outcomes["art8"].why
    assert outcomes["art4"].status == "in-progress" and "0 of 7 obligations discharged" in outcomes["art4"].why


def test_anzus_2001_australia_determines_for_itself() -> None:
    state = _spec_run("anzus-1951.yaml", "anzus-2001-australia.yaml")
    assert _kinds(state) == [
        ("2001-09-11", "art4", "case-opened"),
        ("2001-09-11", "art4", "awaiting-determination"),
        ("2001-09-14", "art4", "determination-made"),
        ("2001-09-14", "art4", "obligations-issued"),
        ("2001-09-14", "art4", "statement-made"),
        ("2001-09-14", "art4", "statement-made"),
    ]
    assert "each of AUS, NZL decides for itself" in state.transitions[1].explanation.condition
    (ob,) = state.obligations
    assert (ob.bearer, ob.strength) == ("AUS", "constitutional-processes")
    assert [f"{t.local_time():%Y-%m-%d %H:%M %Z}" for t in state.transitions[:3:2]] == [
        "2001-09-11 08:46 EDT",
        "2001-09-14 14:00 AEST",
    ]
    outcome = state.outcome("art4")
    assert outcome is not None and outcome.status == "determinations"
    assert outcome.why.startswith("1 of 2 parties made their own determination (AUS to act)")


def test_eu_2015_france_one_timeline_two_instruments() -> None:
    from guarantor.runtime import replay_all

    specs = [load_library_spec("eu-teu-42-7"), load_library_spec("nato-1949")]
    eu, nato = replay_all(specs, load_timeline(REPLAYS / "eu-2015-france-42-7.yaml").events)
    assert _kinds(eu.state) == [
        ("2015-11-13", "art42-7", "case-opened"),
        ("2015-11-13", "art42-7", "awaiting-determination"),
        ("2015-11-16", "art42-7", "statement-made"),
        ("2015-11-17", "art42-7", "statement-made"),
        ("2015-11-25", "art42-7", "request-made"),
        ("2015-12-01", "art42-7", "request-granted"),
        ("2015-12-01", "art42-7", "determination-made"),
        ("2015-12-01", "art42-7", "obligations-issued"),
        ("2015-12-04", "art42-7", "action-reported"),
    ]
    assert _kinds(nato.state) == [
        ("2015-11-13", "art5", "trigger-not-met"),
        ("2015-11-16", "art5", "invocation-declined"),
    ]
    assert "FRA" not in eu.state.transitions[1].explanation.condition  # the victim owes itself nothing
    (ob,) = eu.state.obligations
    assert (ob.bearer, ob.status) == ("DEU", "fulfilled")
    eu_out, nato_out = eu.state.outcome("art42-7"), nato.state.outcome("art5")
    assert eu_out is not None and eu_out.why.startswith("1 of 27 parties made their own determination (DEU to act)")
    assert nato_out is not None and nato_out.status == "declined"
    assert nato.transitions[-1].explanation.inputs == ("#3 invocation_declined",)


def test_rio_2019_venezuela_contested_seat_and_carve_out_on_armed_force() -> None:
    from guarantor.spec import load_spec, parties_on

    state = _spec_run("rio-treaty-1947.yaml", "rio-2019-venezuela.yaml")
    assert _kinds(state) == [
        ("2019-09-11", "art6", "case-opened"),
        ("2019-09-11", "art6", "case-updated"),
        ("2019-09-11", "art6", "decision-taken"),
        ("2019-09-23", "art6", "decision-taken"),
        ("2019-09-23", "art6", "obligations-issued"),
        ("2019-09-24", "art6", "statement-made"),
    ]
    council, organ = state.decisions
    assert (len(council.in_favour), len(council.abstaining), council.absent) == (12, 5, ("BHS", "CUB"))
    assert "10 of 19 entitled to vote needed, 12 in favour" in state.transitions[2].explanation.condition
    assert (len(organ.in_favour), organ.against, organ.abstaining, organ.absent) == (16, ("URY",), ("TTO",), ("CUB",))
    assert "13 of 19 parties needed, 16 in favour" in state.transitions[3].explanation.condition
    issued = state.transitions[4].explanation.condition
    assert "VEN since 2019-08-01" in issued and "CUB since 1962-01-31" in issued
    assert "carve-out: armed-force not required of" in issued and "other means bind" in issued
    ob = next(o for o in state.obligations if o.bearer == "USA")
    assert (ob.means, ob.carved_out) == (("diplomatic", "economic", "communications"), ("armed-force",))
    assert "COL" not in {o.bearer for o in state.obligations}
    spec = load_spec(SPECS / "rio-treaty-1947.yaml")
    assert "VEN" not in parties_on(spec, date(2015, 1, 1)) and "VEN" in parties_on(spec, date(2019, 9, 23))
    assert "URY" in parties_on(spec, date(2021, 9, 23)) and "URY" not in parties_on(spec, date(2021, 9, 24))
