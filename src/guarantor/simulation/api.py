"""The library entry points: simulate one design, or compare several on the same scenarios and random streams."""

from __future__ import annotations

import math
from collections.abc import Sequence

from guarantor.errors import SimulationError
from guarantor.simulation.comparison import Comparison
from guarantor.simulation.compile import Design, compile_design
from guarantor.simulation.criticality import binding_party, criticality
from guarantor.simulation.exact import exact_success
from guarantor.simulation.kernel import evaluate
from guarantor.simulation.params import SimParams
from guarantor.simulation.perturb import with_reliability
from guarantor.simulation.result import SimulationResult
from guarantor.simulation.runner import Progress, draws_for, run_joint
from guarantor.simulation.scenarios import scenario_set, scenarios_hash
from guarantor.simulation.sensitivity import sensitivity
from guarantor.simulation.streams import Draws
from guarantor.spec.forces import Scenario
from guarantor.spec.model import Spec

__all__ = ["compare", "simulate"]


def simulate(
    spec: Spec,
    scenarios: dict[str, Scenario] | None = None,
    *,
    trials: int = 100_000,
    seed: int = 0,
    params: SimParams | None = None,
    progress: Progress | None = None,
    with_criticality: bool = True,
    with_sensitivity: bool = True,
) -> SimulationResult:
    """Stress-test ``spec`` against ``scenarios`` (default: the spec's own). A function of (spec hash,
    scenarios, seed, params): the same inputs give the same numbers, however the trials are chunked."""
    return compare(
        [spec],
        scenarios,
        trials=trials,
        seed=seed,
        params=params,
        progress=progress,
        with_criticality=with_criticality,
        with_sensitivity=with_sensitivity,
    ).results[0]


def compare(
    specs: Sequence[Spec],
    scenarios: dict[str, Scenario] | None = None,
    *,
    trials: int = 100_000,
    seed: int = 0,
    params: SimParams | None = None,
    progress: Progress | None = None,
    with_criticality: bool = True,
    with_sensitivity: bool = False,
) -> Comparison:
    """Designs side by side on the same scenarios (the first spec's unless given) and the same random streams:
    a party or pledge present in two designs draws the same numbers in both (common random numbers), and each
    design's difference from the first comes with the interval of the paired difference."""
    params = (params or SimParams()).validate()
    if not specs:
        raise SimulationError("nothing to simulate: give at least one spec")
    if trials < 1:
        raise SimulationError(f"trials must be at least 1, got {trials}")
    if seed < 0:
        raise SimulationError(f"seed must be 0 or more, got {seed}")
    shared = scenario_set(specs[0], scenarios)
    if not shared:
        raise SimulationError(
            f"spec '{specs[0].id}' has no scenarios", hint="add 'scenarios:' or pass --scenarios FILE"
        )
    designs = [compile_design(s, shared, params) for s in specs]
    tallies, paired = run_joint(designs, seed, trials, progress=progress)
    sha = scenarios_hash(shared)
    results = [SimulationResult(d, seed, trials, sha, t) for d, t in zip(designs, tallies, strict=True)]
    offset = math.ceil(trials / params.block)  # analyses use their own blocks, after the main run's
    for result in results:
        _analyse(result, seed, offset, with_criticality, with_sensitivity)
    return Comparison(results, paired)


def _analyse(result: SimulationResult, seed: int, offset: int, with_crit: bool, with_sens: bool) -> None:
    design, trials = result.design, result.trials
    result.exact = {sid: exact_success(design, sc) for sid, sc in design.scenarios.items()}
    draws = draws_for(design, seed, min(trials, design.params.criticality_trials), offset)
    result.band = _band(design, draws)
    if with_crit:
        result.criticality = {sid: criticality(design, sc, draws, seed) for sid, sc in design.scenarios.items()}
        result.binding_party = {sid: binding_party(design, sc, draws) for sid, sc in design.scenarios.items()}
    if with_sens:
        sens = draws_for(design, seed, min(trials, design.params.sensitivity_trials), offset)
        result.sensitivity = sensitivity(design, sens)
    if design.pending_ratification:
        result.notes.append(
            "the run assumes the guarantee is in force; entry into force waits for ratification by "
            + ", ".join(design.pending_ratification)
        )
    if not design.reliability_stated.all():
        unstated = [k for k, s in zip(design.pledge_keys, design.reliability_stated, strict=True) if not s]
        result.notes.append(
            f"{len(unstated)} pledge(s) state no reliability and take the record's value for their kind of "
            "commitment (see 'reliability'); 'reliability_band' gives success at the record's low and high ends"
        )


def _band(design: Design, draws: Draws) -> dict[str, dict[str, float]]:
    """Success with every unstated reliability at the record's low and high ends (same trials)."""
    if design.reliability_stated.all() or draws.n == 0:
        return {}
    low, high = with_reliability(design, "low"), with_reliability(design, "high")
    return {
        sid: {
            "low": float(evaluate(low, low.scenarios[sid], draws).success.mean()),
            "high": float(evaluate(high, high.scenarios[sid], draws).success.mean()),
        }
        for sid in design.scenarios
    }
