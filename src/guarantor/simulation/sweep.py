"""Parameter sweeps: every point of a grid is a what-if design run on the same seed; on a process pool (the
default), serially, or on Ray (a cluster given by its address). Each point is a pure function of
(spec, scenarios, parameters, seed, trials), so every backend returns the same numbers.

Grid file::

    trials: 20000          # per point (default 20000)
    seed: 1                # default 0
    parameters:            # the product of these lists
      reliability.USA: [0.3, 0.5, 0.7]
      readiness.GBR: [3, 10, 30]      # median days
      rho: [0.4, 0.7, 0.9]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from guarantor.bounded import input_name
from guarantor.errors import Location, SimulationError
from guarantor.simulation.compile import compile_design
from guarantor.simulation.params import SimParams
from guarantor.simulation.perturb import PARAMETER_FORMS, set_parameter
from guarantor.simulation.runner import run_tallies
from guarantor.simulation.scenarios import scenario_set
from guarantor.simulation.whatif import read_yaml
from guarantor.spec.forces import Scenario
from guarantor.spec.model import Spec

__all__ = ["Grid", "load_grid", "run_point", "sweep"]

Point = dict[str, float]


MAX_POINTS = 100_000
_PROBABILITY = (0.0, 1.0)
_DAYS = (0.0, 3650.0)


def parameter_range(name: str) -> tuple[float, float]:
    """The values a sweep parameter may take: probabilities in [0, 1], delays in days up to ten years."""
    kind = name.partition(".")[0]
    if name in ("rho", "p_vote") or kind == "reliability":
        return _PROBABILITY
    if name == "decision_median" or kind == "readiness":
        return _DAYS
    raise SimulationError(f"unknown sweep parameter {name!r}", hint="write one of " + ", ".join(PARAMETER_FORMS))


class Grid:
    """A parameter grid with its trials and seed; every value is checked against its range up front."""

    def __init__(self, parameters: dict[str, list[float]], trials: int = 20_000, seed: int = 0) -> None:
        if not parameters:
            raise SimulationError(
                "a sweep grid needs 'parameters': a mapping of parameter name to a list of values",
                hint="parameters: {reliability.USA: [0.3, 0.7]}",
            )
        if isinstance(trials, bool) or not isinstance(trials, int) or not 1 <= trials <= 10**9:
            raise SimulationError(
                f"grid trials {trials!r} must be a whole number from 1 to 1000000000", hint="e.g. trials: 20000"
            )
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise SimulationError(f"grid seed {seed!r} must be a whole number, 0 or more", hint="e.g. seed: 0")
        for name, values in parameters.items():
            low, high = parameter_range(name)
            if not values:
                raise SimulationError(
                    f"grid parameter {name} has no values", hint=f"give a list in [{low:g}, {high:g}]"
                )
            for v in values:
                if not math.isfinite(v) or not low <= v <= high:
                    raise SimulationError(
                        f"grid parameter {name}: {v} is outside [{low:g}, {high:g}]",
                        hint=f"give values from {low:g} to {high:g}",
                    )
        self.parameters = parameters
        self.trials = trials
        self.seed = seed
        if math.prod(len(v) for v in parameters.values()) > MAX_POINTS:
            raise SimulationError(f"the grid has more than {MAX_POINTS} points", hint="sweep fewer values")

    def points(self) -> list[Point]:
        names = list(self.parameters)
        return [dict(zip(names, values, strict=True)) for values in itertools.product(*self.parameters.values())]


def load_grid(path: str | Path) -> Grid:
    """A grid file (see the module docstring); a file that is not a YAML mapping of that shape is refused."""
    shape = "a grid file is a mapping with 'parameters' (name -> list of values)"
    data = read_yaml(path, "grid file", shape, SimulationError)
    if not isinstance(data, dict) or not isinstance(data.get("parameters"), dict):
        raise SimulationError(
            shape, hint="parameters: {reliability.USA: [0.3, 0.7]}", location=Location(input_name(path))
        )
    params: dict[str, list[float]] = {}
    for k, v in data["parameters"].items():
        values = v if isinstance(v, list) else [v]
        if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in values):
            raise SimulationError(
                f"parameter {k}: every value must be a number, got {values!r}",
                hint="parameters: {reliability.USA: [0.3, 0.7]}",
                location=Location(input_name(path)),
            )
        params[str(k)] = [float(x) for x in values]
    try:
        return Grid(params, data.get("trials", 20_000), data.get("seed", 0))
    except SimulationError as exc:
        raise SimulationError(exc.message, hint=exc.hint, location=Location(input_name(path))) from None


def run_point(
    spec: Spec, scenarios: dict[str, Scenario], point: Point, seed: int, trials: int, params: SimParams
) -> dict[str, Any]:
    """One grid point: success probability per scenario and over the weighted mix."""
    design = compile_design(spec, scenarios, params)
    for name, value in point.items():
        design = set_parameter(design, name, value)
    tallies = run_tallies(design, seed, trials, detail=False)
    total = sum(sc.weight for sc in design.scenarios.values())
    per = {sid: t.success / t.n for sid, t in tallies.items()}
    overall = sum(design.scenarios[s].weight * p for s, p in per.items()) / total if total > 0 else 0.0
    return {"point": point, "p_success": overall, "scenarios": per}


def sweep(
    spec: Spec,
    grid: Grid,
    scenarios: dict[str, Scenario] | None = None,
    *,
    params: SimParams | None = None,
    backend: str = "process",
    workers: int = 2,
    address: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Run every grid point; ``backend`` is serial, process (concurrent.futures) or ray."""
    params = params or SimParams()
    chosen = scenario_set(spec, scenarios)
    points = grid.points()
    args = [(spec, chosen, p, grid.seed, grid.trials, params) for p in points]
    if backend == "serial":
        return [_tick(run_point(*a), progress) for a in args]
    if backend == "process":
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            return [_tick(r, progress) for r in pool.map(_star, args)]
    if backend == "ray":
        return _ray(args, workers, address, progress)
    raise SimulationError(f"unknown sweep backend {backend!r}", hint="serial, process or ray")


def _star(a: Sequence[Any]) -> dict[str, Any]:
    return run_point(*a)


def _tick(result: dict[str, Any], progress: Callable[[int], None] | None) -> dict[str, Any]:
    if progress is not None:
        progress(1)
    return result


def _ray(
    args: list[tuple[Any, ...]], workers: int, address: str | None, progress: Callable[[int], None] | None
) -> list[dict[str, Any]]:
    try:
        import ray
    except ImportError:  # pragma: no cover - depends on the environment
        raise SimulationError("the ray backend needs Ray", hint="pip install 'guarantor-spec[ray]'") from None
    started = not ray.is_initialized()
    if started:
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        remote = ray.remote(num_cpus=1)(run_point)
        refs = [remote.remote(*a) for a in args]  # one task per point: big chunks, since a Ray task costs ~1 ms
        return [_tick(r, progress) for r in ray.get(refs)]
    finally:
        if started:
            ray.shutdown()
