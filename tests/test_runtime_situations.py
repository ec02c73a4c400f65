"""One attack, one case: further incidents of the same attack join the open case instead of opening others."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.runtime import (
    AttributionAssessed,
    CeasefireDeclared,
    ConsultationHeld,
    Event,
    IncidentReported,
    MeasuresEnded,
    State,
    UndertakingBreached,
    fold,
)
from guarantor.semantics import compile_trigger, match_scenario, situation_of
from guarantor.spec import library_names, load_library_spec, spec_from_data, spec_to_data

T0 = datetime(2026, 3, 1, 6, tzinfo=UTC)
NATO = load_library_spec("nato-1949")
COALITION = load_library_spec("ukraine-coalition-2025")


def strike(hour: int, by: str = "RUS", against: str = "POL", ident: str | None = None) -> IncidentReported:
    return IncidentReported(
        time=T0 + timedelta(hours=hour),
        id=ident or f"i{hour}",
        kind="armed-attack",
        by=by,
        against=against,
        region="europe" if against != "UKR" else None,
        country=against,
    )


def test_nineteen_drones_over_poland_are_one_case() -> None:
    # 9-10 September 2025: some nineteen incursions in one night gave one Article 4 consultation, not nineteen
    events = [strike(h) for h in range(19)]
    state = fold(NATO, events)
    (case,) = state.cases
    assert case.incident == "i0" and case.joined == tuple(f"i{h}" for h in range(1, 19))
    assert [t.subject for t in state.transitions if t.kind == "case-opened"] == ["art5/i0"]


def test_another_attacker_or_target_is_another_case() -> None:
    state = fold(NATO, [strike(0), strike(1, by="BLR"), strike(2, against="EST"), strike(3)])
    assert sorted((c.incident, c.by, c.against, c.joined) for c in state.cases) == [
        ("i0", "RUS", "POL", ("i3",)),
        ("i1", "BLR", "POL", ()),
        ("i2", "RUS", "EST", ()),
    ]


def no(incident: str, hour: int) -> AttributionAssessed:
    return AttributionAssessed(time=T0 + timedelta(hours=hour), incident=incident, answer=False, question="abroad?")


def yes(incident: str, hour: int) -> AttributionAssessed:
    return AttributionAssessed(time=T0 + timedelta(hours=hour), incident=incident, answer=True, question="abroad?")


def test_a_closed_case_lets_the_next_incident_open_a_new_one() -> None:
    state = fold(NATO, [strike(0), strike(1), no("i0", 2), no("i1", 2), strike(3)])
    first, second = state.cases
    assert (first.id, first.status, first.joined) == ("art5/i0", "closed", ("i1",))
    assert (second.id, second.incident, second.joined) == ("art5/i3", "i3", ())


def test_a_no_for_the_first_incident_leaves_the_attack_waiting_for_the_others() -> None:
    # a border clash judged not directed from abroad, then the offensive that joined its case: the attack is
    # answered by the offensive, not lost with the clash
    waiting = fold(NATO, [strike(0), strike(1), no("i0", 2)])
    assert [(c.id, c.status) for c in waiting.cases] == [("art5/i0", "awaiting-attribution")]
    assert "it waits for 1 more incident(s)" in waiting.transitions[-1].explanation.condition
    answered = fold(NATO, [strike(0), strike(1), no("i0", 2), yes("i1", 3)])
    (case,) = answered.cases
    assert case.attributed is True and case.status != "closed"


def test_a_revised_yes_does_not_reopen_a_case_whose_attack_has_a_new_one() -> None:
    state = fold(NATO, [strike(0), no("i0", 1), strike(2), yes("i0", 3)])
    first, second = state.cases
    assert (first.status, second.id, second.status) == ("closed", "art5/i2", "awaiting-attribution")
    assert "the attack's case art5/i2 is open" in state.transitions[-1].explanation.condition


def test_when_the_measures_end_the_next_attack_is_a_new_case() -> None:
    # NATO's Article 5 operation after 2001 ended in 2016; an attack after that is a new situation
    start = [CeasefireDeclared(time=T0 - timedelta(days=30)), strike(0, against="UKR"), strike(1, against="UKR")]
    state = fold(COALITION, start)
    clause = state.cases[0].clause
    ended = MeasuresEnded(time=T0 + timedelta(days=2), clause=clause, what="the operation ends")
    later = strike(24 * 30, against="UKR", ident="later")
    state = fold(COALITION, [*start, ended, later])
    under = [c for c in state.cases if c.clause == clause]
    assert [(c.incident, c.status, c.joined) for c in under] == [
        ("i0", "ended", ("i1",)),
        ("later", under[1].status, ()),
    ]
    assert under[1].status != "ended"
    others = [c for c in state.cases if c.clause != clause]
    assert others and all(c.joined == ("i1", "later") for c in others)  # their measures go on: the same case


def test_attribution_of_a_joined_incident_is_recorded_and_leaves_the_case_alone() -> None:
    no = AttributionAssessed(time=T0 + timedelta(hours=2), incident="i1", answer=False, question="from abroad?")
    state = fold(NATO, [strike(0), strike(1), no])
    (case,) = state.cases
    assert case.status == "awaiting-attribution" and case.attributed is None
    recorded = [t for t in state.transitions if t.kind == "attribution-recorded"]
    assert [(t.subject, t.state, t.clause) for t in recorded] == [("i1", "no", "art5")]
    assert "part of case art5/i0" in recorded[0].explanation.condition


def test_a_renewed_offensive_after_a_ceasefire_issues_obligations_once() -> None:
    ceasefire = CeasefireDeclared(time=T0 - timedelta(days=30))
    strikes = [strike(h, against="UKR", ident=f"s{h}") for h in range(50)]
    state = fold(COALITION, [ceasefire, *strikes])
    assert state.cases, "the renewed attack engages the guarantee"
    assert len({c.clause for c in state.cases}) == len(state.cases)  # one case per clause
    for case in state.cases:
        assert (case.incident, len(case.joined)) == ("s0", 49)
    # the ceasefire line is breached fifty times: one transition (the strike that opened the cases), the rest
    # are part of the attack those cases answer
    breached = [t for t in state.transitions if t.kind == "undertaking-breached"]
    assert [t.explanation.inputs[-1].rsplit(" ", 1)[-1] for t in breached] == ["s0"]
    issued = [o for o in state.obligations if o.case in {c.id for c in state.cases}]
    assert len(issued) == len(state.obligations)
    assert len({(o.case, o.bearer, o.id.split("#")[1]) for o in issued}) == len(issued)


ATTACKERS = st.sampled_from(["RUS", "BLR", "IRN"])
TARGETS = st.sampled_from(["POL", "EST", "LTU"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ATTACKERS, TARGETS), min_size=1, max_size=40))
def test_every_matching_incident_is_in_exactly_one_case_of_its_situation(rows: list[tuple[str, str]]) -> None:
    events: list[Event] = [strike(h, by=by, against=to) for h, (by, to) in enumerate(rows)]
    state = fold(NATO, events)
    situations = {situation_of("art5", to, by) for by, to in rows}
    assert len(state.cases) == len(situations)  # nothing closes a case here: one case per attack
    members = [i for c in state.cases for i in (c.incident, *c.joined)]
    assert sorted(members) == sorted(e.id for e in events if isinstance(e, IncidentReported))
    for case in state.cases:
        same = (e for e in events if isinstance(e, IncidentReported) and (e.by, e.against) == (case.by, case.against))
        first = next(same)
        assert case.incident == first.id


def _attack_on(spec_name: str, clause: str) -> IncidentReported | None:
    """An incident that meets ``clause``'s trigger in ``spec_name`` as compiled (None if the trigger counts a
    window or names no kind an incident can have)."""
    trig = compile_trigger(SPECS[spec_name], clause, T0.date())
    if trig.has_window or not trig.kinds:
        return None
    against = sorted(trig.against)[0] if trig.against else "UKR"
    by = sorted(trig.by)[0] if trig.by is not None else ("RUS" if against != "RUS" else "BLR")
    region = sorted(trig.regions)[0] if trig.regions else None
    country = sorted(trig.countries)[0] if trig.regions is not None and trig.countries else against
    return IncidentReported(
        time=T0,
        id="first",
        kind=sorted(trig.kinds)[0],  # type: ignore[arg-type]
        event_type=sorted(trig.event_types)[0] if trig.event_types else "",
        by=by,
        against=against,
        country=country,
        region=region,
        severity=trig.min_severity,
    )


SPECS = {name: load_library_spec(name) for name in library_names()}
TRIGGERS = [(name, cid) for name, spec in SPECS.items() for cid, clause in spec.clauses.items() if clause.trigger]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(TRIGGERS), st.lists(st.integers(min_value=1, max_value=72), min_size=1, max_size=8))
def test_further_incidents_of_an_attack_change_nothing_but_the_case_s_incidents(
    trigger: tuple[str, str], gaps: list[int]
) -> None:
    """The same attack reported once or as many incidents: the same cases, decisions, obligations, deadlines and
    outcomes at the same moment; only the case's ``joined`` differs."""
    name, clause = trigger
    first = _attack_on(name, clause)
    if first is None:
        return
    spec = SPECS[name]
    ceasefire = CeasefireDeclared(time=T0 - timedelta(days=400))
    hours = [sum(gaps[: i + 1]) for i in range(len(gaps))]
    more = [dataclasses.replace(first, id=f"more{i}", time=T0 + timedelta(hours=h)) for i, h in enumerate(hours)]
    end = T0 + timedelta(hours=hours[-1])
    once = fold(spec, [ceasefire, first], as_of=end)
    many = fold(spec, [ceasefire, first, *more], as_of=end)
    opened = [c for c in once.cases if c.clause == clause]
    if not opened:
        return  # the attack does not engage this clause here (not in force, or another clause's only)
    assert [dataclasses.replace(c, joined=()) for c in many.cases] == list(once.cases)
    for case in many.cases:
        assert case.joined == tuple(m.id for m in more)
    assert (many.decisions, many.obligations, many.missed) == (once.decisions, once.obligations, once.missed)
    # each clause ends the same way (an undertaking's outcome names every breach, so its words may list more)
    assert [(o.clause, o.status, o.honoured) for o in many.outcomes] == [
        (o.clause, o.status, o.honoured) for o in once.outcomes
    ]


# Threshold and voidance: the runtime reads them as the check and the simulation do --------------------------

DRAFT_2026 = load_library_spec("ukraine-coalition-2026")
CEASEFIRE_2026 = CeasefireDeclared(time=T0 - timedelta(days=60))


def _engaged(state: State) -> set[str]:
    return {c.clause for c in state.cases if c.status != "closed"}


def test_a_voided_guarantee_opens_no_case_as_the_simulation_matches_none() -> None:
    scenario = DRAFT_2026.scenarios["offensive-after-ukrainian-strike"]
    simulated = match_scenario(DRAFT_2026, scenario, T0.date())
    assert simulated.clause is None and "Ukraine attacks Russia" in simulated.reason
    strikes_back = CeasefireDeclared(time=T0 - timedelta(days=1), name="ukraine-attacks-russia", actor="monitor")
    state = fold(DRAFT_2026, [CEASEFIRE_2026, strikes_back, strike(0, against="UKR")])
    assert _engaged(state) == set()
    not_met = [t for t in state.transitions if t.kind == "trigger-not-met"]
    assert not_met and all("the clause is void" in t.explanation.condition for t in not_met)
    assert {t.subject for t in state.transitions if t.kind == "clause-void"} == set(DRAFT_2026.clauses)
    assert {o.status for o in state.outcomes} == {"void"}
    assert all("Ukraine attacks Russia" in o.why for o in state.outcomes)


def test_a_situation_declared_twice_holds_from_the_first_declaration() -> None:
    again = CeasefireDeclared(time=T0, actor="monitor")
    state = fold(COALITION, [CeasefireDeclared(time=T0 - timedelta(days=3)), again])
    assert [t.kind for t in state.transitions if t.subject == "ceasefire"] == ["situation-began", "situation-recorded"]
    assert state.situations == (("ceasefire", T0 - timedelta(days=3)),)


def test_cases_open_before_the_voidance_close_with_their_obligations() -> None:
    before = fold(DRAFT_2026, [CEASEFIRE_2026, strike(0, against="UKR")])
    assert _engaged(before)
    strikes_back = CeasefireDeclared(time=T0 + timedelta(days=1), name="ukraine-attacks-russia")
    after = fold(DRAFT_2026, [CEASEFIRE_2026, strike(0, against="UKR"), strikes_back])
    assert _engaged(after) == set() and all(c.status == "closed" for c in after.cases)
    assert not [o for o in after.obligations if o.status in ("pending", "acknowledged")]
    closed = [t for t in after.transitions if t.kind == "case-closed"]
    assert closed and all("is void" in t.explanation.condition for t in closed)


def test_without_the_voidance_the_runtime_engages_what_the_simulation_engages() -> None:
    scenario = DRAFT_2026.scenarios["full-scale-offensive"]
    simulated = match_scenario(DRAFT_2026, scenario, T0.date())
    state = fold(DRAFT_2026, [CEASEFIRE_2026, strike(0, against="UKR")])
    assert {c.clause for c in state.cases} == {simulated.clause, *simulated.also}


def test_an_assessment_moves_only_the_cases_that_wait_for_one() -> None:
    attack = strike(0, against="UKR")
    before = fold(DRAFT_2026, [CEASEFIRE_2026, attack])
    answered = fold(DRAFT_2026, [CEASEFIRE_2026, attack, yes("i0", 48)])
    sanctions = "eu-sanctions/i0"  # no attribution, no threshold: its decision is not taken back
    assert answered.case(sanctions) == before.case(sanctions)
    recorded = [t for t in answered.transitions if t.kind == "attribution-recorded" and t.clause == "eu-sanctions"]
    assert recorded and "does not wait for one" in recorded[0].explanation.condition


def test_an_assessment_after_the_voidance_revives_nothing() -> None:
    strikes_back = CeasefireDeclared(time=T0 + timedelta(days=1), name="ukraine-attacks-russia")
    state = fold(DRAFT_2026, [CEASEFIRE_2026, strike(0, against="UKR"), strikes_back, yes("i0", 72)])
    assert all(c.status == "closed" for c in state.cases)
    assert not [o for o in state.obligations if o.status in ("pending", "acknowledged")]


def test_a_threshold_is_assessed_before_the_case_goes_on() -> None:
    # "a significant, deliberate and sustained armed attack ... across the agreed armistice line": an incident
    # report says none of it, so the case waits for the assessment, as it waits for attribution
    state = fold(DRAFT_2026, [CEASEFIRE_2026, strike(0, against="UKR")])
    case = next(c for c in state.cases if c.clause == "us-guarantee")
    assert case.status == "awaiting-attribution"
    waits = next(t for t in state.transitions if t.subject == case.id and t.state == "awaiting-attribution")
    assert "threshold: significant, deliberate, across the agreed armistice line" in waits.explanation.condition
    no = AttributionAssessed(time=T0 + timedelta(days=2), incident="i0", answer=False, question="threshold")
    answered = fold(DRAFT_2026, [CEASEFIRE_2026, strike(0, against="UKR"), no]).case(case.id)
    assert answered is not None and answered.status == "closed"
    # the simulation drops the clause for an attack that is not significant, as a "no" closes the case here
    clash = match_scenario(DRAFT_2026, DRAFT_2026.scenarios["border-clash"], T0.date())
    assert "us-guarantee" not in {clash.clause, *clash.also} and "not significant" in clash.reason


def test_an_assurance_breached_by_every_strike_says_so_in_one_line() -> None:
    budapest = load_library_spec("budapest-1994")
    state = fold(budapest, [strike(h, against="UKR", ident=f"s{h}") for h in range(50)])
    para2 = next(o for o in state.outcomes if o.clause == "para2")
    assert (para2.status, para2.honoured) == ("breached", False)
    assert (
        para2.why
        == "breached by RUS on 2026-03-01 (incident s0) and 49 times more, the last on 2026-03-03 (incident s49)"
    )


def test_a_reported_breach_follows_the_same_rules_as_an_incident() -> None:
    ceasefire = CeasefireDeclared(time=T0 - timedelta(days=30))
    breach = UndertakingBreached(
        time=T0 + timedelta(hours=5), undertaking="ceasefire-line", by="RUS", against="UKR", incident="reported"
    )
    state = fold(COALITION, [ceasefire, strike(0, against="UKR", ident="s0"), breach])
    assert all(c.incident == "s0" and c.joined == ("reported",) for c in state.cases)  # no second case
    alone = fold(COALITION, [ceasefire, breach])
    assert alone.cases and all(c.id.startswith(f"{c.clause}/reported@") for c in alone.cases)


def test_after_the_consultation_is_held_a_new_attack_calls_for_another() -> None:
    # Budapest paragraph 6: consultations on Crimea in March 2014 (Russia absent); the 2022 invasion raises the
    # question again, so it opens a new case (and its breach of paragraph 2 is recorded), not a silent join
    budapest = load_library_spec("budapest-1994")
    crimea = IncidentReported(
        time=datetime(2014, 2, 27, tzinfo=UTC),
        id="crimea",
        event_type="occupation",
        by="RUS",
        against="UKR",
        country="UKR",
    )
    held = ConsultationHeld(time=datetime(2014, 3, 5, tzinfo=UTC), clause="para6", attended=["GBR", "UKR", "USA"])
    invasion = IncidentReported(
        time=datetime(2022, 2, 24, tzinfo=UTC), id="invasion", by="RUS", against="UKR", country="UKR"
    )
    state = fold(budapest, [crimea, held, invasion])
    assert [(c.id, c.joined) for c in state.cases] == [("para6/crimea", ()), ("para6/invasion", ())]
    breaches = [t for t in state.transitions if t.kind == "undertaking-breached"]
    assert {t.time.year for t in breaches} == {2014, 2022}


def test_measures_ended_by_every_bearer_by_name_end_the_case() -> None:
    start = [CeasefireDeclared(time=T0 - timedelta(days=30)), strike(0, against="UKR")]
    state = fold(COALITION, start)
    case = next(c for c in state.cases if c.clause == "sanctions")
    bearers = sorted({o.bearer for o in state.obligations if o.case == case.id})
    ended = MeasuresEnded(time=T0 + timedelta(days=2), clause="sanctions", what="lifted", by=bearers)
    later = strike(24 * 30, against="UKR", ident="later")
    after = fold(COALITION, [*start, ended, later])
    under = [c for c in after.cases if c.clause == "sanctions"]
    assert [(c.incident, c.status) for c in under[:1]] == [("i0", "ended")] and under[1].incident == "later"


def test_the_text_of_a_replay_says_what_joined_each_case() -> None:
    from guarantor.runtime import replay

    lines = replay(NATO, [strike(h) for h in range(3)]).lines()
    assert "  case art5/i0 (awaiting-attribution): 2 more incidents of the same attack joined it, the last i2" in lines


def test_an_attribution_names_the_attacker_of_a_case_that_had_none() -> None:
    # 11 September 2001: the aircraft came with no attacker named; once the attack is attributed, a later attack
    # by no named attacker is not part of it
    unnamed = [
        IncidentReported(time=T0 + timedelta(hours=h), id=f"u{h}", kind="armed-attack", against="USA", region="europe")
        for h in (0, 1)
    ]
    attributed = AttributionAssessed(time=T0 + timedelta(days=21), incident="u0", answer=True, attributed_to="AQ")
    later = IncidentReported(
        time=T0 + timedelta(days=400), id="later", kind="armed-attack", against="USA", region="europe"
    )
    state = fold(NATO, [*unnamed, attributed, later])
    first, second = state.cases
    assert (first.by, first.joined, first.attributed) == ("AQ", ("u1",), True)
    assert (second.incident, second.by) == ("later", None)


def _nato_strike(ident: str, hour: int, by: str | None = "RUS") -> IncidentReported:
    return IncidentReported(
        time=T0 + timedelta(hours=hour), id=ident, kind="armed-attack", by=by, against="POL", region="europe"
    )


def test_naming_the_attacker_of_an_attack_that_has_its_case_merges_them() -> None:
    named = AttributionAssessed(time=T0 + timedelta(hours=2), incident="u", answer=True, attributed_to="RUS")
    state = fold(NATO, [_nato_strike("x", 0), _nato_strike("u", 1, by=None), named])
    x, u = state.cases
    assert (x.status, x.joined) == ("awaiting-attribution", ("u",))
    assert (u.status, u.by) == ("closed", "RUS")
    assert len([c for c in state.cases if c.status != "closed"]) == 1


def test_a_case_superseded_by_a_new_one_stays_closed_whatever_comes() -> None:
    events: list[Event] = [_nato_strike("a", 0), _nato_strike("b", 1), no("a", 2), no("b", 2), _nato_strike("c", 3)]
    events += [yes("a", 4), no("c", 5), no("b", 6)]
    state = fold(NATO, events)
    assert [(c.id, c.status) for c in state.cases] == [("art5/a", "closed"), ("art5/c", "closed")]


def test_a_reported_breach_binds_only_in_force_and_counts_as_a_breach() -> None:
    breach = UndertakingBreached(time=T0, undertaking="ceasefire-line", by="RUS", against="UKR", incident="r")
    before = fold(DRAFT_2026, [breach])  # no ceasefire yet: the guarantee is not in force
    assert not before.cases and not before.obligations
    assert all("not in force" in t.explanation.condition for t in before.transitions if t.kind == "trigger-not-met")
    budapest = load_library_spec("budapest-1994")
    coerced = UndertakingBreached(time=T0, undertaking="para3-no-coercion", by="RUS", against="UKR", incident="r")
    outcome = next(o for o in fold(budapest, [coerced]).outcomes if o.clause == "para3")
    assert outcome.status == "breached" and "incident r" in outcome.why


def test_a_reported_breach_of_an_incident_already_in_the_case_adds_nothing() -> None:
    ceasefire = CeasefireDeclared(time=T0 - timedelta(days=30))
    breach = UndertakingBreached(time=T0 + timedelta(hours=1), undertaking="ceasefire-line", by="RUS", against="UKR")
    again = dataclasses.replace(breach, incident="s0")
    state = fold(COALITION, [ceasefire, strike(0, against="UKR", ident="s0"), again])
    assert all(c.joined == () for c in state.cases)


def test_a_void_clause_takes_no_request_and_owes_no_pending_consultation() -> None:
    from guarantor.runtime import ConsultationRequested

    data = spec_to_data(COALITION)
    data["void_if"] = [{"when": {"event": "voided"}, "text": "voided for the test"}]
    spec = spec_from_data(data)
    ceasefire = CeasefireDeclared(time=T0 - timedelta(days=30))
    early = ConsultationRequested(time=T0, clause="consult", actor="UKR")
    voided = CeasefireDeclared(time=T0 + timedelta(hours=1), name="voided")
    late = ConsultationRequested(time=T0 + timedelta(hours=2), clause="consult", actor="UKR")
    state = fold(spec, [ceasefire, early, voided, late], as_of=T0 + timedelta(days=30))
    assert [c.status for c in state.consultations] == ["void"]
    assert not state.missed and not [o for o in state.obligations if o.status == "pending"]
    refused = [t for t in state.transitions if t.kind == "consultation-requested" and t.state == "void"]
    assert refused and "which is void: voided for the test" in refused[0].explanation.condition
