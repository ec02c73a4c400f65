"""Simulation: exact vs Monte Carlo, determinism, chunking, common random numbers, decisions, triggers."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from guarantor.simulation import SimParams, compare, compile_design, exact_success, simulate
from guarantor.simulation.runner import run_tallies
from guarantor.spec import load_spec, spec_from_data, spec_to_data

DATA = Path(__file__).parent / "data" / "simulate"
FAST = {"with_criticality": False, "with_sensitivity": False}


def _spec(name: str):  # type: ignore[no-untyped-def]
    return load_spec(DATA / f"{name}.yaml")


@pytest.mark.parametrize("scenario", ["brigades", "combined"])
def test_exact_agrees_with_monte_carlo(scenario: str) -> None:
    spec = _spec("exact")
    params = SimParams(rho=0.0)
    result = simulate(spec, trials=200_000, seed=5, params=params, **FAST)
    exact = result.exact[scenario]
    assert exact is not None
    rate = result.tallies[scenario].rate(result.tallies[scenario].success)
    lo, hi = rate["ci95"]  # type: ignore[misc]
    assert lo <= exact <= hi
    assert 0.2 < exact < 0.4  # a non-trivial probability, so the agreement means something


def test_exact_time_distribution_agrees_with_monte_carlo() -> None:
    spec = _spec("exact")
    design = compile_design(spec, spec.scenarios, SimParams(rho=0.0))
    tally = run_tallies(design, 9, 100_000)["brigades"]
    _days, cdf = tally.cdf()
    for t in (8.0, 20.0):
        exact = exact_success(design, design.scenarios["brigades"], at=t)
        assert exact is not None
        mc = float(cdf[int(t * 24) - 1])  # P(time < t) on the hourly grid
        assert abs(mc - exact) < 4 * math.sqrt(exact * (1 - exact) / tally.n)


def test_exact_does_not_apply_when_correlated_or_voted() -> None:
    spec = _spec("exact")
    correlated = compile_design(spec, spec.scenarios, SimParams(rho=0.7))
    assert exact_success(correlated, correlated.scenarios["brigades"]) is None
    voted = compile_design(_spec("consensus"), _spec("consensus").scenarios, SimParams(rho=0.0))
    assert exact_success(voted, voted.scenarios["attack"]) is None


def test_same_seed_same_result_and_another_seed_differs() -> None:
    spec = _spec("coalition")
    a = simulate(spec, trials=5_000, seed=42).to_dict()
    b = simulate(spec, trials=5_000, seed=42).to_dict()
    c = simulate(spec, trials=5_000, seed=43).to_dict()
    assert a == b
    assert a["scenarios"] != c["scenarios"]
    assert a["seed"] == 42 and a["trials"] == 5_000 and len(str(a["spec_sha256"])) == 64


def test_chunking_does_not_change_results() -> None:
    spec = _spec("coalition")
    trials = 3 * 4096 + 123  # not a multiple of the block
    small = compile_design(spec, spec.scenarios, SimParams(block=4096, chunk=4096))
    large = compile_design(spec, spec.scenarios, SimParams(block=4096, chunk=1 << 20))
    ta, tb = run_tallies(small, 7, trials), run_tallies(large, 7, trials)
    for sid in ta:
        assert (ta[sid].n, ta[sid].triggered, ta[sid].decided, ta[sid].success) == (
            tb[sid].n,
            tb[sid].triggered,
            tb[sid].decided,
            tb[sid].success,
        )
        assert np.array_equal(ta[sid].hist, tb[sid].hist)
    assert ta["land-grab"].n == trials


def test_common_random_numbers_across_designs() -> None:
    spec = _spec("coalition")
    data = spec_to_data(spec)
    # Design B adds a pledge for a capability no scenario needs: with CRN every other draw is unchanged,
    # so the results are identical trial for trial.
    extra = {"party": "GBR", "capability": "ships", "amount": 1, "reliability": 0.3}
    b = spec_from_data({**data, "id": "test-coalition-b", "pledges": [extra, *data["pledges"]]})
    ra, rb = compare([spec, b], trials=8_000, seed=3, **FAST).results
    for sid in ra.tallies:
        assert ra.tallies[sid].success == rb.tallies[sid].success
    # Design C makes GBR less reliable: success can only fall, trial for trial, and the paired difference is
    # far more precise than with independent streams.
    weaker = [{**p, "reliability": 0.3} if p["party"] == "GBR" else p for p in data["pledges"]]
    c = spec_from_data({**data, "id": "test-coalition-c", "pledges": weaker})
    ra, rc = compare([spec, c], trials=8_000, seed=3, **FAST).results
    assert rc.tallies["land-grab"].success < ra.tallies["land-grab"].success
    assert rc.tallies["air-campaign"].success == ra.tallies["air-campaign"].success


def test_body_decision_goes_through_the_game() -> None:
    spec = _spec("consensus")
    result = simulate(spec, trials=100_000, seed=1, params=SimParams(rho=0.0), **FAST).to_dict()
    attack = result["scenarios"]["attack"]  # type: ignore[index]
    lo, hi = attack["p_decision"]["ci95"]
    assert lo <= 0.9 * 0.9 * 0.95 <= hi  # consensus: every member votes yes (p_vote 0.9; C's reliability 0.95)
    assert attack["decision"] == "vote"
    # Correlated will makes consensus more likely than independence.
    corr = simulate(spec, trials=100_000, seed=1, params=SimParams(rho=0.9), **FAST).to_dict()
    assert corr["scenarios"]["attack"]["p_decision"]["estimate"] > hi  # type: ignore[index]


@pytest.mark.parametrize(
    ("scenario", "reason"),
    [
        ("hybrid", "does not match its trigger"),
        ("out-of-area", "outside the guarantee's scope"),
    ],
)
def test_attacks_that_do_not_trigger(scenario: str, reason: str) -> None:
    result = simulate(_spec("consensus"), trials=1_000, seed=1, **FAST).to_dict()
    row = result["scenarios"][scenario]  # type: ignore[index]
    assert row["p_trigger"]["estimate"] == 0.0 and row["clause"] is None
    assert reason in row["matched"]


def test_attribution_gate_and_conditional_pledge() -> None:
    result = simulate(_spec("coalition"), trials=50_000, seed=2, params=SimParams(rho=0.0))
    t = result.tallies["land-grab"]
    lo, hi = t.rate(t.triggered)["ci95"]  # type: ignore[misc]
    assert lo <= 0.9 <= hi  # p_attributed 0.9 behind an attribution gate
    # DEU's air defence is pledged only if the USA takes part: DEU alone never adds to air-campaign success.
    crit = result.criticality["air-campaign"]
    assert crit["DEU"]["shapley"] == 0.0 and float(crit["USA"]["drop"]) > 0.3  # type: ignore[arg-type]
    shapley_sum = sum(float(row["shapley"]) for row in crit.values())  # type: ignore[arg-type]
    assert shapley_sum == pytest.approx(result.p_success("air-campaign"), abs=0.02)


def test_sensitivity_ranks_parameters() -> None:
    result = simulate(_spec("coalition"), trials=20_000, seed=4)
    names = [row["parameter"] for row in result.sensitivity]
    assert {"rho", "reliability.USA", "readiness.GBR"} <= set(names)
    swings = [abs(float(row["swing"])) for row in result.sensitivity]  # type: ignore[arg-type]
    assert swings == sorted(swings, reverse=True) and swings[0] > 0


def test_antithetic_keeps_the_estimate() -> None:
    spec = _spec("exact")
    params = replace(SimParams(rho=0.0), antithetic=True)
    result = simulate(spec, trials=100_000, seed=8, params=params, **FAST)
    exact = result.exact["brigades"]
    assert exact is not None and abs(result.p_success("brigades") - exact) < 0.006
