"""The model's structure: forces in place, own decision delays, stage losses that add up, graded outcomes,
compare differences, calibration of unstated reliability and of dependence against the record."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.cli.main import _register as register
from guarantor.cli.main import cli
from guarantor.simulation import SimParams, compare, simulate
from guarantor.simulation.calibration import all_fail_betabinomial
from guarantor.simulation.kernel import STAGES
from guarantor.spec import spec_from_data

register()
FAST = {"with_criticality": False, "with_sensitivity": False}


def _pact(pledges: list[dict[str, Any]], requires: dict[str, float], **scenario: Any) -> Any:
    parties = sorted({p["party"] for p in pledges} | {"UKR"})
    return spec_from_data(
        {
            "id": "model-fixture",
            "title": "fixture",
            "parties": [{"id": p} for p in parties],
            "protects": ["UKR"],
            "clauses": {
                "defend": {
                    "kind": "collective-defence",
                    "trigger": {"types": ["armed-attack"]},
                    "obligation": {"bearer": [p for p in parties if p != "UKR"] or "none", "strength": "assist"},
                }
            },
            "pledges": pledges,
            "scenarios": {"attack": {"against": "UKR", "requires": requires, "fait_accompli": "P3D", **scenario}},
        }
    )


def test_forces_in_place_count_from_the_moment_of_attack() -> None:
    """A scenario that needs nothing but the attacked state's own army succeeds at its reliability, whatever the
    detection, attribution and decision delays (the 2025 demo's 'about half the time' fault)."""
    spec = _pact(
        [{"party": "UKR", "capability": "land", "amount": 10, "reliability": 0.95}],
        {"land": 10},
        detection={"median": "P2D", "p90": "P10D"},
    )
    row = simulate(spec, trials=20_000, seed=1, **FAST).to_dict()["scenarios"]["attack"]  # type: ignore[index]
    lo, hi = row["p_success"]["ci95"]
    assert lo <= 0.95 <= hi


def test_each_party_decides_after_its_own_delay() -> None:
    """A parliamentary vote (median 5 days) makes a party late for a 3-day fait accompli; an executive
    decision does not: one shared delay would treat them alike."""
    base = {"capability": "air", "amount": 1, "reliability": 1.0, "readiness": {"median": "PT12H"}}
    spec = _pact(
        [
            {**base, "party": "GBR"},
            {**base, "party": "DEU", "decision": {"median": "P5D", "p90": "P14D"}},
        ],
        {"air": 2},
    )
    result = simulate(spec, trials=20_000, seed=2, **FAST)
    losses = result.stage_losses("attack")
    assert losses["timing"] > 0.8 and result.p_success("attack") < 0.2
    alone = _pact([{**base, "party": "GBR"}], {"air": 1})
    assert simulate(alone, trials=5_000, seed=2, **FAST).p_success("attack") == 1.0


def test_stage_losses_add_up_to_the_failure_probability() -> None:
    spec = _pact(
        [
            {"party": "UKR", "capability": "land", "amount": 5, "reliability": 0.9},
            {"party": "GBR", "capability": "land", "amount": 3, "reliability": 0.5, "readiness": {"median": "P2D"}},
            {
                "party": "FRA",
                "capability": "land",
                "amount": 3,
                "reliability": 0.6,
                "readiness": {"median": "P4D"},
                "conditions": [{"participates": "GBR"}],
            },
        ],
        {"land": 8},
    )
    d = simulate(spec, trials=30_000, seed=3).to_dict()
    row = d["scenarios"]["attack"]  # type: ignore[index]
    assert set(row["stage_losses"]) == set(STAGES)
    assert sum(row["stage_losses"].values()) == pytest.approx(1 - row["p_success"]["estimate"], abs=1e-12)
    assert row["stage_losses"]["will"] > 0 and row["stage_losses"]["conditions"] > 0
    assert row["binding"]["capability"] == "land" and row["binding"]["party"] in {"GBR", "FRA", "UKR"}
    graded = row["graded"]
    assert 0 < graded["share_met"]["land"] < 1
    reach = graded["reach"]
    assert (
        reach["25%"]["p_by_fait_accompli"] >= reach["50%"]["p_by_fait_accompli"] >= reach["100%"]["p_by_fait_accompli"]
    )
    assert reach["100%"]["p_by_fait_accompli"] == pytest.approx(row["p_success"]["estimate"], abs=1e-9)
    assert graded["holds"]["90d"]["estimate"] <= row["p_success"]["estimate"]
    assert set(d["deterrence"]) >= {"p_deterred", "attacker_best_option", "p_holds_if_attacked"}  # type: ignore[arg-type]


def test_impossible_scenarios_are_said_so() -> None:
    spec = _pact([{"party": "GBR", "capability": "land", "amount": 3, "reliability": 0.5}], {"land": 8})
    d = simulate(spec, trials=2_000, seed=1, **FAST).to_dict()
    row = d["scenarios"]["attack"]  # type: ignore[index]
    assert row["stage_losses"]["shortfall"] == 1.0
    assert "requires 8 land but at most 3" in row["impossible"][0]
    assert d["overall"]["impossible_weight"] == 1.0  # type: ignore[index]


def test_sustainment_limits_holding() -> None:
    pledge = {
        "party": "GBR",
        "capability": "air",
        "amount": 1,
        "reliability": 1.0,
        "sustain": {"median": "P20D", "p90": "P40D"},
    }
    row = simulate(_pact([pledge], {"air": 1}), trials=20_000, seed=4, **FAST).to_dict()["scenarios"]["attack"]  # type: ignore[index]
    assert row["p_success"]["estimate"] == 1.0
    assert row["graded"]["holds"]["30d"]["estimate"] < 0.5 < 1.0
    assert row["graded"]["holds"]["90d"]["estimate"] < row["graded"]["holds"]["30d"]["estimate"]


def test_compare_without_pledges_gives_a_table_not_a_traceback() -> None:
    out = CliRunner().invoke(cli, ["simulate", "ukraine-coalition-2025", "--compare", "nato-1949", "--trials", "2000"])
    assert out.exit_code == 0, out.output
    assert "diff nato-1949" in out.output and out.output.count("weighted mix") == 1
    out = CliRunner().invoke(
        cli, ["simulate", "ukraine-coalition-2025", "--compare", "nato-1949", "--trials", "2000", "--json"]
    )
    diff = json.loads(out.stdout)["differences"][0]
    assert diff["versus"] == "ukraine-coalition-2025" and len(diff["overall"]["ci95"]) == 2


def test_paired_difference_interval_is_tighter_than_independent() -> None:
    weak = _pact([{"party": "GBR", "capability": "air", "amount": 1, "reliability": 0.5}], {"air": 1})
    strong = _pact([{"party": "GBR", "capability": "air", "amount": 1, "reliability": 0.6}], {"air": 1})
    c = compare([weak, strong], trials=20_000, seed=5, **FAST)
    diff = c.differences()[0]["scenarios"]["attack"]  # type: ignore[index]
    lo, hi = diff["ci95"]
    assert lo <= 0.1 <= hi and diff["only_in_base"] == 0  # CRN: the stronger design never loses a trial
    independent_half = 1.96 * ((0.25 + 0.24) / 20_000) ** 0.5
    assert (hi - lo) / 2 < independent_half / 2


def test_unstated_reliability_takes_the_record_and_a_generic_pact_lands_in_the_band() -> None:
    """A generic mutual defence pact with nothing stated: its chance of holding sits inside the record's band
    of honoured commitments (0.22-0.81: Berkemeier & Fuhrmann post-1945 to Lee 2023 pre-1945), not near 1."""
    members = ["A", "B", "C", "D", "E"]
    spec = spec_from_data(
        {
            "id": "generic-pact",
            "title": "generic",
            "parties": [{"id": m} for m in members],
            "clauses": {
                "defend": {
                    "kind": "collective-defence",
                    "trigger": {"types": ["armed-attack"]},
                    "obligation": {"bearer": "each-party", "strength": "assist"},
                }
            },
            "pledges": [{"party": m, "capability": "brigade"} for m in members],
            "scenarios": {"attack-on-A": {"against": "A", "requires": {"brigade": 3}, "fait_accompli": "P30D"}},
        }
    )
    result = simulate(spec, trials=40_000, seed=6, **FAST)
    p = result.p_success("attack-on-A")
    assert 0.22 <= p <= 0.81
    assert not any(r["stated"] for r in result.reliabilities())
    band = result.band["attack-on-A"]
    assert band["low"] < p < band["high"]
    assert any("state no reliability" in n for n in result.notes)


def test_joint_failure_matches_the_record() -> None:
    """Five guarantors at reliability 0.5 and act correlation 0.7: P(none acts) is the beta-binomial 0.35 of
    reliability.md 6C (a latent correlation of 0.7 would give far less)."""
    pledges = [{"party": p, "capability": "air", "amount": 1, "reliability": 0.5} for p in "ABCDE"]
    spec = _pact(pledges, {"air": 1})
    result = simulate(spec, trials=100_000, seed=7, params=SimParams(rho=0.7), **FAST)
    none_acts = 1 - result.p_success("attack")
    assert all_fail_betabinomial(5, 0.5, 0.7) == pytest.approx(0.3457, abs=1e-4)
    assert none_acts == pytest.approx(0.3457, abs=0.01)


@settings(max_examples=20, deadline=None)
@given(
    rels=st.lists(st.floats(0, 1), min_size=1, max_size=4),
    need=st.integers(1, 4),
    days=st.integers(1, 30),
    rho=st.floats(0, 1),
)
def test_losses_add_up_and_more_reliability_never_loses_a_trial(
    rels: list[float], need: int, days: int, rho: float
) -> None:
    def pact(shift: float) -> Any:
        pledges = [
            {
                "party": f"P{i}",
                "capability": "air",
                "reliability": min(1.0, r + shift),
                "readiness": {"median": "P2D", "p90": "P9D"},
            }
            for i, r in enumerate(rels)
        ]
        return _pact(pledges, {"air": need}, fait_accompli=f"P{days}D")

    c = compare([pact(0.0), pact(0.2)], trials=2_000, seed=1, params=SimParams(rho=rho), **FAST)
    base = c.results[0]
    losses = base.stage_losses("attack")
    assert sum(losses.values()) == pytest.approx(1 - base.p_success("attack"), abs=1e-12)
    assert all(v >= 0 for v in losses.values())
    assert c.differences()[0]["scenarios"]["attack"]["only_in_base"] == 0  # type: ignore[index]
