"""The bundled library of real instruments: each loads, round-trips, and encodes the facts it claims."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from guarantor.spec import (
    Spec,
    Strength,
    TriggerType,
    VetoRule,
    body_members,
    expand,
    library_names,
    load_library_spec,
    load_spec_text,
    parties_on,
    spec_to_yaml,
)
from guarantor.spec.base import Node

NAMES = [
    "budapest-1994",
    "eu-teu-42-7",
    "g7-jdsu-2023",
    "nato-1949",
    "uk-ukraine-2024",
    "ukraine-coalition-2025",
    "ukraine-coalition-2026",
    "us-ukraine-2024",
]


@pytest.fixture(scope="module", params=NAMES)
def spec(request: pytest.FixtureRequest) -> Spec:
    return load_library_spec(request.param)


def _nodes(value: Any) -> Iterator[Node]:
    """Every node in a spec tree, depth first."""
    if isinstance(value, Node):
        yield value
        for name in type(value).model_fields:
            yield from _nodes(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _nodes(item)


# Every instrument ----------------------------------------------------------------------------------------


def test_library_lists_exactly_the_bundled_instruments() -> None:
    assert library_names() == NAMES


def test_spec_id_matches_file_name(spec: Spec) -> None:
    assert spec.id in NAMES
    assert load_library_spec(spec.id) == spec


def test_round_trips_through_yaml(spec: Spec) -> None:
    assert load_spec_text(spec_to_yaml(spec), f"{spec.id}.yaml") == spec


def test_every_clause_has_text_and_source(spec: Spec) -> None:
    assert spec.clauses
    for cid, clause in spec.clauses.items():
        assert clause.text and clause.text.strip(), f"{spec.id}: clause {cid} has no text"
        assert clause.source and clause.source.strip(), f"{spec.id}: clause {cid} has no source"


def test_every_body_has_text_and_source(spec: Spec) -> None:
    for bid, body in spec.bodies.items():
        assert body.text and body.source, f"{spec.id}: body {bid}"


def test_every_assumption_names_its_basis(spec: Spec) -> None:
    for node in _nodes(spec):
        if not getattr(node, "assumption", False):
            continue
        # A clause has no 'basis' field yet: its notes carry the basis, starting with "basis:".
        basis = getattr(node, "basis", None) or getattr(node, "notes", None) or ""
        if "basis" not in type(node).model_fields:
            basis = basis if basis.startswith("basis:") else ""
        assert basis.strip(), f"{spec.id}: an assumption without a basis: {node!r:.120}"


def test_source_and_notes_at_top(spec: Spec) -> None:
    assert spec.source
    assert spec.notes


# NATO -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nato() -> Spec:
    return load_library_spec("nato-1949")


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (date(1949, 8, 23), 0),
        (date(1949, 8, 24), 12),
        (date(1952, 2, 18), 14),
        (date(1982, 5, 30), 16),
        (date(2001, 9, 11), 19),
        (date(2004, 3, 29), 26),
        (date(2009, 4, 1), 28),
        (date(2017, 6, 5), 29),
        (date(2020, 3, 27), 30),
        (date(2023, 4, 4), 31),
        (date(2024, 3, 6), 31),
        (date(2024, 3, 7), 32),
    ],
)
def test_nato_membership_as_of(nato: Spec, day: date, count: int) -> None:
    assert len(parties_on(nato, day)) == count


def test_nato_has_32_parties_with_nordic_dates(nato: Spec) -> None:
    assert len(nato.parties) == 32
    swe, fin = nato.party("SWE"), nato.party("FIN")
    assert swe is not None and swe.joined == date(2024, 3, 7)
    assert fin is not None and fin.joined == date(2023, 4, 4)
    assert "SWE" not in parties_on(nato, date(2001, 9, 11))


def test_nato_council_decides_by_consensus_and_article5_shape(nato: Spec) -> None:
    assert nato.bodies["nac"].rule.kind == "consensus"
    art5 = nato.clauses["art5"]
    assert art5.trigger is not None and art5.trigger.types == [TriggerType.ARMED_ATTACK]
    assert art5.trigger.attribution is not None and "abroad" in art5.trigger.attribution.question
    assert art5.trigger.in_ is not None and art5.trigger.in_ == nato.scope
    assert {"europe", "north-america"} <= set(art5.trigger.in_.regions)
    assert {"forces", "vessels", "aircraft"} <= set(art5.trigger.in_.includes)
    assert art5.decision is not None and art5.decision.body == "nac"
    (ob,) = art5.obligations
    assert ob.bearer == "each-party" and ob.strength is Strength.AS_DEEMED_NECESSARY
    assert str(ob.deadline) == "forthwith"
    assert art5.report_to == "un-security-council"
    art4 = nato.clauses["art4"]
    assert art4.requested_by == "any-party" and art4.body == "nac"


def test_nato_dpc_excludes_france_in_2003(nato: Spec) -> None:
    members = body_members(nato, "dpc", date(2003, 2, 16))
    assert "FRA" not in members
    assert len(members) == 18
    assert "FRA" in body_members(nato, "dpc", date(1960, 1, 1))
    assert body_members(nato, "dpc", date(2011, 1, 1)) == []


def test_nato_names_no_aggressor_among_its_deciders(nato: Spec) -> None:
    deciders = {m for b in nato.bodies for m in body_members(nato, b)}
    assert not set(nato.potential_aggressors) & deciders


# EU -------------------------------------------------------------------------------------------------------


def test_eu_membership_and_carve_outs() -> None:
    eu = load_library_spec("eu-teu-42-7")
    assert len(parties_on(eu, date(2015, 11, 17))) == 28
    assert len(parties_on(eu, date(2025, 9, 1))) == 27
    assert "GBR" not in parties_on(eu, date(2020, 2, 1))
    clause = eu.clauses["art42-7"]
    assert clause.trigger is not None and clause.trigger.types == [TriggerType.ARMED_AGGRESSION]
    (ob,) = clause.obligations
    assert ob.strength is Strength.ALL_MEANS
    kinds = {c.kind: c for c in ob.carve_outs}
    assert set(expand(eu, kinds["neutrality"].parties)) == {"AUT", "CYP", "IRL", "MLT"}
    assert "FIN" in expand(eu, kinds["primacy"].parties)
    assert clause.decision is not None and eu.bodies[clause.decision.body].rule.kind == "unilateral"


# Budapest -------------------------------------------------------------------------------------------------


def test_budapest_security_council_and_veto() -> None:
    bm = load_library_spec("budapest-1994")
    unsc = bm.bodies["unsc"]
    assert unsc.external
    assert len(body_members(bm, "unsc")) == 15
    rule = unsc.rule
    assert isinstance(rule, VetoRule)
    assert "RUS" in rule.holders and set(rule.holders) == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert rule.then.kind == "count" and rule.then.at_least == 9
    assert bm.potential_aggressors == ["RUS"]
    assert expand(bm, "assurance-giver") == ["RUS", "GBR", "USA"]
    assert bm.protects == "UKR"


def test_budapest_paragraph4_is_nuclear_only_and_weak() -> None:
    bm = load_library_spec("budapest-1994")
    para4 = bm.clauses["para4"]
    assert para4.trigger is not None and para4.trigger.types == [TriggerType.NUCLEAR_USE]
    assert para4.decision is not None and para4.decision.body == "unsc"
    assert [o.strength for o in para4.obligations] == [Strength.SEEK_EXTERNAL_ACTION]
    assert sorted(f"para{i}" for i in range(1, 7)) == sorted(bm.clauses)
    para6 = bm.clauses["para6"]
    assert para6.trigger is not None and para6.trigger.breach_of


# Post-2023 instruments ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["uk-ukraine-2024", "us-ukraine-2024"])
def test_bilaterals_consult_within_24_hours(name: str) -> None:
    s = load_library_spec(name)
    consult = s.clauses["consult"]
    assert consult.deadline is not None and consult.deadline.duration.approx_hours == 24
    assert s.protects == "UKR"
    strengths = {o.strength for c in s.clauses.values() for o in c.obligations}
    assert Strength.INTENT_TO_ASSIST in strengths


def test_g7_declaration_protects_a_third_party() -> None:
    g7 = load_library_spec("g7-jdsu-2023")
    assert "UKR" not in g7.party_ids and g7.actor("UKR") is not None
    assert len(parties_on(g7, date(2023, 7, 12))) == 8


# The 2025 coalition design --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coalition() -> Spec:
    return load_library_spec("ukraine-coalition-2025")


def test_coalition_us_pledges_have_no_land_forces(coalition: Spec) -> None:
    us = [p for p in coalition.pledges if p.party == "USA"]
    assert us
    assert all(p.domain != "land" and p.capability != "land-forces" for p in us)
    backstop = coalition.clauses["backstop"]
    assert any(c.id == "no-ground-troops" for o in backstop.obligations for c in o.carve_outs)


def test_coalition_structure(coalition: Spec) -> None:
    eif = coalition.entry_into_force
    assert eif is not None and eif.on is not None and eif.on.event == "ceasefire"
    assert coalition.potential_aggressors == ["RUS"]
    assert set(expand(coalition, "coalition")) >= {"GBR", "FRA"}
    assert all(p.deployed_after == "ceasefire" for p in coalition.pledges if p.party in ("GBR", "FRA"))
    assert any(c.participates == "USA" for p in coalition.pledges if p.party == "GBR" for c in p.conditions)
    consult = coalition.clauses["consult"]
    assert consult.deadline is not None and consult.deadline.duration.approx_hours == 24
    assert consult.trigger is not None and TriggerType.BREACH in consult.trigger.types
    assert set(consult.trigger.breach_of) == set(coalition.undertakings)


def test_coalition_scenarios_use_pledged_capabilities(coalition: Spec) -> None:
    assert len(coalition.scenarios) == 4
    assert sum(s.weight for s in coalition.scenarios.values()) == pytest.approx(1.0)
    pledged = {p.capability for p in coalition.pledges}
    for sid, sc in coalition.scenarios.items():
        assert set(sc.requires) <= pledged, sid
        assert sc.basis and sc.detection and sc.attribution, sid
    assert coalition.scenarios["hybrid-deniable"].p_attributed < 0.5


def test_coalition_assumptions_are_marked(coalition: Spec) -> None:
    assert all(p.assumption and p.basis for p in coalition.pledges)
