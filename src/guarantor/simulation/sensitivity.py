"""Which parameter moves the result most: each party's reliability and readiness, rho and the decision delay,
moved by -10% and +10% in turn, on the same trials (common random numbers), ranked by the swing in the
weighted success probability."""

from __future__ import annotations

import numpy as np

from guarantor.simulation.compile import Design
from guarantor.simulation.criticality import pledging_parties
from guarantor.simulation.kernel import evaluate
from guarantor.simulation.perturb import current_value, scale_parameter
from guarantor.simulation.streams import Draws

__all__ = ["parameters_of", "sensitivity", "weighted_success"]

STEP = 0.10


def parameters_of(design: Design) -> list[str]:
    names = ["rho", "decision_median"]
    for p in pledging_parties(design):
        names += [f"reliability.{design.parties[p]}", f"readiness.{design.parties[p]}"]
    return names


def weighted_success(design: Design, draws: Draws) -> float:
    """Success probability over the scenario mix (weights normalised), on ``draws``."""
    total = sum(sc.weight for sc in design.scenarios.values())
    if total <= 0 or draws.n == 0:
        return 0.0
    acc = 0.0
    for sc in design.scenarios.values():
        acc += sc.weight * float(np.mean(evaluate(design, sc, draws).success))
    return acc / total


def sensitivity(design: Design, draws: Draws, step: float = STEP) -> list[dict[str, object]]:
    """Rows ``{parameter, value, p_low, p_high, swing}``, largest |swing| first."""
    base = weighted_success(design, draws)
    rows: list[dict[str, object]] = []
    for name in parameters_of(design):
        low = weighted_success(scale_parameter(design, name, 1 - step), draws)
        high = weighted_success(scale_parameter(design, name, 1 + step), draws)
        rows.append(
            {
                "parameter": name,
                "value": current_value(design, name),
                "p_base": base,
                "p_low": low,
                "p_high": high,
                "swing": high - low,
            }
        )
    rows.sort(key=lambda r: -abs(float(r["swing"])))  # type: ignore[arg-type]
    return rows
