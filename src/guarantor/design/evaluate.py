"""Scoring a candidate: its spec simulated on common random numbers (the same seed for every candidate, so
two designs differ only by what was changed, not by chance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guarantor.design.candidate import Values, build_spec, cost, violations
from guarantor.design.space import DesignSpace
from guarantor.simulation.api import simulate
from guarantor.spec.loader import spec_from_data
from guarantor.spec.model import Spec

__all__ = ["Evaluation", "evaluate", "evaluate_job"]


@dataclass(frozen=True)
class Evaluation:
    """One scored design: the weighted probability of a sufficient, timely response with its 95% interval,
    per scenario, its cost, and the limits it breaks (none when feasible)."""

    values: dict[str, Any]
    cost: float
    p: float
    ci95: tuple[float, float]
    per_scenario: dict[str, float] = field(default_factory=dict)
    violated: dict[str, float] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)
    """Per scenario, the capability most often short when the response fails (the binding capability)."""
    weights: dict[str, float] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return not self.violated

    def to_dict(self) -> dict[str, object]:
        return {
            "values": self.values,
            "cost": self.cost,
            "p_success": self.p,
            "ci95": list(self.ci95),
            "per_scenario": self.per_scenario,
            "feasible": self.feasible,
            "violated": self.violated,
            "binding_capability": self.short,
        }


def evaluate(space: DesignSpace, spec: Spec, values: Values, *, seed: int, trials: int) -> Evaluation:
    """Simulate the candidate (no criticality or sensitivity: only the success probability is scored)."""
    broken = violations(space, spec, values)
    built = build_spec(space, spec, values)
    result = simulate(built, trials=trials, seed=seed, with_criticality=False, with_sensitivity=False)
    mix: Any = result.overall("success")
    lo, hi = mix["ci95"]
    return Evaluation(
        values=dict(values),
        cost=cost(space, values),
        p=float(mix["estimate"]),
        ci95=(float(lo), float(hi)),
        per_scenario={sid: result.p_success(sid) for sid in result.tallies},
        violated=broken,
        short={sid: str(c) for sid in result.tallies if (c := result.binding(sid)["capability"]) is not None},
        weights=result.weights,
    )


def evaluate_job(job: tuple[dict[str, Any], dict[str, Any], dict[str, Any], int, int]) -> Evaluation:
    """The picklable form for a process pool or a Ray task: (space data, spec data, values, seed, trials)."""
    space_data, spec_data, values, seed, trials = job
    space = DesignSpace.model_validate(space_data)
    return evaluate(space, spec_from_data(spec_data, "<design base>"), values, seed=seed, trials=trials)
