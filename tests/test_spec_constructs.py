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
