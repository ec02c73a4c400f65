"""Parameter sweeps: every point of a grid is a what-if design run on the same seed; serially, on a process
pool, or on Ray (local by default, a cluster when an address is given). Each point is a pure function of
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from guarantor.errors import SimulationError
from guarantor.simulation.compile import compile_design
from guarantor.simulation.params import SimParams
from guarantor.simulation.perturb import set_parameter
from guarantor.simulation.runner import run_tallies
from guarantor.simulation.scenarios import scenario_set
from guarantor.spec.forces import Scenario
from guarantor.spec.model import Spec

__all__ = ["Grid", "load_grid", "run_point", "sweep"]

Point = dict[str, float]


class Grid:
    """A parameter grid with its trials and seed."""

    def __init__(self, parameters: dict[str, list[float]], trials: int = 20_000, seed: int = 0) -> None:
        if not parameters:
            raise SimulationError("a sweep grid needs 'parameters': a mapping of parameter name to a list of values")
        self.parameters = parameters
        self.trials = trials
        self.seed = seed

    def points(self) -> list[Point]:
        names = list(self.parameters)
        return [dict(zip(names, values, strict=True)) for values in itertools.product(*self.parameters.values())]


def load_grid(path: str | Path) -> Grid:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("parameters"), dict):
        raise SimulationError(f"{path}: a grid file is a mapping with 'parameters' (name -> list of values)")
    params = {str(k): [float(x) for x in (v if isinstance(v, list) else [v])] for k, v in data["parameters"].items()}
    return Grid(params, int(data.get("trials", 20_000)), int(data.get("seed", 0)))


def run_point(
    spec: Spec, scenarios: dict[str, Scenario], point: Point, seed: int, trials: int, params: SimParams
) -> dict[str, Any]:
    """One grid point: success probability per scenario and over the weighted mix."""
    design = compile_design(spec, scenarios, params)
    for name, value in point.items():
        design = set_parameter(design, name, value)
    tallies = run_tallies(design, seed, trials, times=False)
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
    backend: str = "serial",
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
        raise SimulationError("the ray backend needs Ray", hint="pip install 'guarantor[ray]'") from None
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
