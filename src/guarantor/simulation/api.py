"""The library entry points: simulate one design, or compare several on the same scenarios and random streams."""

from __future__ import annotations

import math
from collections.abc import Sequence

from guarantor.errors import SimulationError
from guarantor.simulation.compile import compile_design
from guarantor.simulation.criticality import criticality
from guarantor.simulation.exact import exact_success
from guarantor.simulation.params import SimParams
from guarantor.simulation.result import SimulationResult
from guarantor.simulation.runner import Progress, draws_for, run_tallies
from guarantor.simulation.scenarios import scenario_set, scenarios_hash
from guarantor.simulation.sensitivity import sensitivity
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
    params = params or SimParams()
    chosen = scenario_set(spec, scenarios)
    if trials < 1:
        raise SimulationError(f"trials must be at least 1, got {trials}")
    if not chosen:
        raise SimulationError(f"spec '{spec.id}' has no scenarios", hint="add 'scenarios:' or pass --scenarios FILE")
    design = compile_design(spec, chosen, params)
    result = SimulationResult(
        design, seed, trials, scenarios_hash(chosen), run_tallies(design, seed, trials, progress=progress)
    )
    result.exact = {sid: exact_success(design, sc) for sid, sc in design.scenarios.items()}
    # Criticality and sensitivity use their own blocks (after the main run's), shared by every design compared.
    offset = math.ceil(trials / params.block)
    if with_criticality:
        draws = draws_for(design, seed, min(trials, params.criticality_trials), offset)
        result.criticality = {sid: criticality(design, sc, draws, seed) for sid, sc in design.scenarios.items()}
    if with_sensitivity:
        draws = draws_for(design, seed, min(trials, params.sensitivity_trials), offset)
        result.sensitivity = sensitivity(design, draws)
    return result


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
) -> list[SimulationResult]:
    """Designs side by side on the same scenarios (the first spec's unless given) and the same random streams:
    a party or pledge present in two designs draws the same numbers in both (common random numbers)."""
    shared = scenario_set(specs[0], scenarios) if specs else {}
    return [
        simulate(
            s,
            shared,
            trials=trials,
            seed=seed,
            params=params,
            progress=progress,
            with_criticality=with_criticality,
            with_sensitivity=with_sensitivity,
        )
        for s in specs
    ]
