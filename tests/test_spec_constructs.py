"""Constructs real treaties use: sets relative to the victim, a carve-out on one means, a duty that starts with
each party's own determination; each with its misuse refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from guarantor.errors import RuntimeStateError, SpecError
from guarantor.runtime import (
    AttributionAssessed,
    DecisionTaken,
    DeterminationMade,
    Event,
    IncidentReported,
    fold,
)
from guarantor.spec import expand, load_spec_text

T0 = datetime(2015, 11, 13, 21, tzinfo=UTC)
H = timedelta(hours=1)

BASE = """
id: pact
title: a pact of four
signed: 2000-01-01
parties: [{id: FRA}, {id: DEU}, {id: AUT}, {id: IRL}]
actors: [{id: XXX}]
bodies:
  council: {members: all-parties, rule: consensus}
clauses:
  assist:
    kind: assistance
    trigger: {types: [armed-aggression], against: all-parties}
"""


def _spec(obligation: str, decision: str = "") -> str:
    return BASE + decision + "    obligation:\n" + "".join(f"      {line}\n" for line in obligation.splitlines())


def test_all_other_parties_leaves_out_the_victim() -> None:
    spec = load_spec_text(_spec("bearer: all-other-parties\nstrength: all-means"))
    assert expand(spec, "all-other-parties", None) == ["FRA", "DEU", "AUT", "IRL"]
    assert expand(spec, "other-member-states", None, victim="FRA") == ["DEU", "AUT", "IRL"]
    state = fold(spec, [IncidentReported(time=T0, id="x", kind="armed-aggression", against="FRA", by="XXX")])
    assert sorted(o.bearer for o in state.obligations) == ["AUT", "DEU", "IRL"]


def test_carve_out_on_one_means_keeps_the_others_binding() -> None:
    spec = load_spec_text(
        _spec(
            "bearer: all-other-parties\nstrength: assist\nmeans: [diplomatic, economic, armed-force]\n"
            "carve_outs:\n  - {id: art20, kind: consent-for-armed-force, means: [armed-force]}"
        )
    )
    state = fold(spec, [IncidentReported(time=T0, id="x", kind="armed-aggression", against="FRA", by="XXX")])
    ob = next(o for o in state.obligations if o.bearer == "DEU")
    assert (ob.strength, ob.means, ob.carved_out) == ("assist", ("diplomatic", "economic"), ("armed-force",))
    issued = next(t for t in state.transitions if t.kind == "obligations-issued")
    assert "carve-out: armed-force not required of AUT, DEU, IRL without consent, other means bind" in (
        issued.explanation.condition
    )


def test_carve_out_naming_a_means_the_obligation_lacks_is_refused() -> None:
    text = _spec("bearer: all-parties\nmeans: [diplomatic]\ncarve_outs: [{kind: other, means: [armed-force]}]")
    with pytest.raises(SpecError, match="lifts means armed-force the obligation does not list"):
        load_spec_text(text)


def test_own_determination_issues_nothing_before_each_party_decides() -> None:
    spec = load_spec_text(_spec("bearer: other-member-states\nstrength: all-means\nstarts: own-determination"))
    attack = IncidentReported(time=T0, id="paris", kind="armed-aggression", against="FRA", by="XXX")
    before = fold(spec, [attack])
    assert before.obligations == ()
    assert before.transitions[-1].kind == "awaiting-determination"
    events: list[Event] = [
        attack,
        DeterminationMade(time=T0 + 48 * H, party="DEU", clause="assist"),
        DeterminationMade(time=T0 + 90 * H, party="IRL", clause="assist", answer=False),
    ]
    state = fold(spec, events)
    assert [(o.bearer, o.issued) for o in state.obligations] == [("DEU", T0 + 48 * H)]
    assert [t.state for t in state.transitions if t.kind == "determination-made"] == ["determined", "not-applicable"]


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (DeterminationMade(time=T0 + H, party="FRA", clause="assist"), "field 'party': FRA bears no duty"),
        (DeterminationMade(time=T0 + H, party="DEU", clause="nope"), "field 'clause': unknown clause"),
    ],
)
def test_bad_determinations_are_refused(event: Event, message: str) -> None:
    spec = load_spec_text(_spec("bearer: other-member-states\nstrength: all-means\nstarts: own-determination"))
    attack = IncidentReported(time=T0, id="paris", kind="armed-aggression", against="FRA", by="XXX")
    with pytest.raises(RuntimeStateError, match=message):
        fold(spec, [attack, event])


def test_own_determination_after_a_collective_decision() -> None:
    decision = "    decision: {body: council}\n"
    spec = load_spec_text(_spec("bearer: all-other-parties\nstarts: own-determination", decision))
    attack = IncidentReported(time=T0, id="x", kind="armed-aggression", against="FRA", by="XXX")
    early = DeterminationMade(time=T0 + H, party="DEU", clause="assist")
    with pytest.raises(RuntimeStateError, match=r"field 'case'.*awaiting-decision"):
        fold(spec, [attack, early])
    decided = DecisionTaken(time=T0 + 2 * H, body="council", clause="assist", question="aggression?")
    state = fold(spec, [attack, decided, DeterminationMade(time=T0 + 3 * H, party="DEU", clause="assist")])
    assert [o.bearer for o in state.obligations] == ["DEU"]


def test_own_determination_cannot_be_joint() -> None:
    with pytest.raises(SpecError, match="needs 'individual: true'"):
        load_spec_text(_spec("bearer: all-parties\nindividual: false\nstarts: own-determination"))


def test_determination_on_a_clause_without_such_a_duty_is_refused() -> None:
    spec = load_spec_text(_spec("bearer: all-other-parties"))
    attack = IncidentReported(time=T0, id="x", kind="armed-aggression", against="FRA", by="XXX")
    with pytest.raises(RuntimeStateError, match="no duty of assist starts with a party's own determination"):
        fold(
            spec,
            [
                attack,
                AttributionAssessed(time=T0, incident="x", answer=True),
                DeterminationMade(time=T0 + H, party="DEU", clause="assist"),
            ],
        )


def test_json_schema_carries_the_new_keys() -> None:
    from guarantor.spec.schema import spec_json_schema

    defs = spec_json_schema()["$defs"]
    assert defs["Obligation"]["properties"]["starts"]["enum"] == ["on-decision", "own-determination"]
    assert "means" in defs["CarveOut"]["properties"]
    assert "concerning" in defs["Clause"]["properties"]
    assert {"periods", "contested", "timezone"} <= set(defs["Party"]["properties"])
    assert "timezone" in defs["Body"]["properties"] and "indefinite" in defs["Term"]["properties"]
    assert "Amendment" in defs and "in_force" in defs["Amendment"]["required"]


DATED = """
id: dated
title: dated versions
signed: 1950-01-01
term: {indefinite: true, renunciation: conditional}
parties:
  - {id: A, timezone: Europe/Paris}
  - {id: B, periods: [{joined: 1950-01-01, left: 1966-07-01}, {joined: 2009-04-04}]}
  - {id: C, contested: [{since: 2019-07-23, text: two governments claim the seat}]}
bodies:
  council: {members: all-parties, rule: consensus, timezone: America/New_York}
clauses:
  consult:
    kind: consultation
    requested_by: any-party
    obligation: {bearer: all-parties, individual: false, strength: consult}
amendments:
  - id: deadline-1970
    in_force: 1970-01-01
    clauses:
      consult:
        kind: consultation
        requested_by: any-party
        deadline: P3D
        obligation: {bearer: all-parties, individual: false, strength: consult}
"""


def test_a_party_that_leaves_and_rejoins() -> None:
    from guarantor.spec import parties_on

    spec = load_spec_text(DATED)
    assert [parties_on(spec, datetime(y, 6, 1).date()) for y in (1960, 1980, 2010)] == [
        ["A", "B", "C"],
        ["A", "C"],
        ["A", "B", "C"],
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("{joined: 1950-01-01}, {joined: 2009-04-04}", "periods overlap or are out of order"),
        ("{joined: 1970-01-01, left: 1960-01-01}", "leaves .1960-01-01. before it joins"),
    ],
)
def test_bad_periods_are_refused(change: str, message: str) -> None:
    bad = DATED.replace("{joined: 1950-01-01, left: 1966-07-01}, {joined: 2009-04-04}", change)
    with pytest.raises(SpecError, match=message):
        load_spec_text(bad)


def test_the_version_in_force_on_each_day() -> None:
    from guarantor.spec import version_on

    spec = load_spec_text(DATED)
    assert version_on(spec, datetime(1969, 12, 31).date()).clauses["consult"].deadline is None
    assert str(version_on(spec, datetime(1970, 1, 1).date()).clauses["consult"].deadline) == "P3D"


def test_replay_uses_the_text_in_force_and_records_the_amendment() -> None:
    from guarantor.runtime import ConsultationRequested

    spec = load_spec_text(DATED)
    before = ConsultationRequested(time=datetime(1969, 6, 1, tzinfo=UTC), actor="A", clause="consult")
    after = ConsultationRequested(time=datetime(1970, 6, 1, tzinfo=UTC), actor="C", clause="consult")
    state = fold(spec, [before, after])
    assert [c.due for c in state.consultations] == [None, datetime(1970, 6, 4, tzinfo=UTC)]
    amended = next(t for t in state.transitions if t.kind == "amendment-in-force")
    assert (amended.time, amended.subject) == (datetime(1970, 1, 1, tzinfo=UTC), "deadline-1970")
    assert "clause consult" in amended.explanation.condition


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  - {id: early, in_force: 1949-01-01}\n", "in force .1949-01-01. before the treaty is signed"),
        ("  - {id: gone, in_force: 1980-01-01, repeals: [art99]}\n", "repeals 'art99', a clause no earlier"),
        ("  - {id: deadline-1970, in_force: 1990-01-01}\n", "amendment 'deadline-1970' is listed twice"),
        (
            "  - {id: other, in_force: 1970-01-01, repeals: [consult]}\n",
            "'deadline-1970' and 'other' both change clause consult from 1970-01-01",
        ),
    ],
)
def test_bad_amendments_are_refused(extra: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        load_spec_text(DATED + extra)


def test_contested_status_shows_where_the_party_counts() -> None:
    from guarantor.runtime import ConsultationRequested

    spec = load_spec_text(DATED)
    state = fold(spec, [ConsultationRequested(time=datetime(2020, 1, 6, tzinfo=UTC), actor="A", clause="consult")])
    issued = next(t for t in state.transitions if t.kind == "obligations-issued")
    assert "status contested: C since 2019-07-23 (two governments claim the seat)" in issued.explanation.condition
    early = fold(spec, [ConsultationRequested(time=datetime(2018, 1, 6, tzinfo=UTC), actor="A", clause="consult")])
    assert "contested" not in early.transitions[-1].explanation.condition


def test_indefinite_term_has_no_duration() -> None:
    with pytest.raises(SpecError, match="an indefinite term has no 'duration'"):
        load_spec_text(DATED.replace("term: {indefinite: true,", "term: {indefinite: true, duration: P20Y,"))


def test_local_times_beside_utc() -> None:
    from guarantor.runtime import ConsultationHeld, ConsultationRequested, replay

    spec = load_spec_text(DATED)
    asked = ConsultationRequested(time=datetime(2001, 9, 12, 21, 30, tzinfo=UTC), actor="A", clause="consult")
    held = ConsultationHeld(time=datetime(2001, 9, 13, 14, tzinfo=UTC), clause="consult", body="council")
    result = replay(spec, [asked, held])
    first, _, third = result.transitions
    assert first.to_json()["local_time"] == "2001-09-12T23:30:00+02:00"
    assert third.to_json()["timezone"] == "America/New_York"
    assert "[2001-09-13 10:00 EDT America/New_York]" in result.lines()[4]
    with pytest.raises(SpecError, match="unknown time zone 'Europe/Atlantis'"):
        load_spec_text(DATED.replace("Europe/Paris", "Europe/Atlantis"))
