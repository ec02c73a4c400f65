"""What would raise the chance of a sufficient response most: changes to a design evaluated on the same random
numbers as the design itself, ranked by their effect on the weighted success probability.

Each what-if is paired trial by trial with the unchanged design (common random numbers), so its interval is
the one of a mean difference, far narrower than two separate runs would give. The changes: a party withdraws
its pledges, a party's forces are pre-positioned (ready at once after the decision), a party's pledges are made
firm (reliability raised), and decisions are taken twice as fast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from guarantor.simulation import Design, SimulationResult
from guarantor.simulation.criticality import pledging_parties
from guarantor.simulation.kernel import evaluate
from guarantor.simulation.perturb import current_value, set_parameter
from guarantor.simulation.runner import draws_for
from guarantor.simulation.streams import Draws

__all__ = ["FIRM", "WhatIf", "what_ifs"]

Z95 = 1.959963984540054
FIRM = 0.9  # the reliability of a pledge "made firm"

Mask = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class WhatIf:
    """One change: ``effect`` is the change in the weighted success probability (new minus base), with its
    paired 95% interval, on ``trials`` trials per scenario."""

    kind: str
    label: str
    party: str | None
    p_base: float
    p_new: float
    effect: float
    ci95: tuple[float, float]
    trials: int

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "label": self.label,
            "party": self.party,
            "p_base": self.p_base,
            "p_new": self.p_new,
            "effect": self.effect,
            "ci95": list(self.ci95),
            "trials": self.trials,
        }


def what_ifs(result: SimulationResult, trials: int) -> list[WhatIf]:
    """Every what-if for ``result``'s design, largest gain first (losses, such as a withdrawal, last)."""
    design = result.design
    if not design.scenarios or not any(sc.weight > 0 for sc in design.scenarios.values()):
        return []
    offset = math.ceil(result.trials / design.params.block)
    draws = draws_for(design, result.seed, min(trials, result.trials), offset)
    base = _weighted(design, draws, None)
    rows = [
        _paired(kind, label, party, base, _weighted(changed, draws, mask))
        for kind, label, party, changed, mask in _changes(design, draws.n)
    ]
    return sorted(rows, key=lambda w: -w.effect)


def _changes(design: Design, n: int) -> list[tuple[str, str, str | None, Design, Mask | None]]:
    out: list[tuple[str, str, str | None, Design, Mask | None]] = []
    for index in pledging_parties(design):
        party = design.parties[index]
        allowed = np.ones((n, len(design.parties)), dtype=bool)
        allowed[:, index] = False
        out.append(("withdraws", f"{party} withdraws its pledges", party, design, allowed))
        ready = current_value(design, f"readiness.{party}")
        if ready > 0:
            label = f"{party}'s forces pre-positioned (ready at once, not in {ready:g} days)"
            out.append(("pre-positioned", label, party, set_parameter(design, f"readiness.{party}", 0.0), None))
        firm = current_value(design, f"reliability.{party}")
        if firm < FIRM:
            label = f"{party}'s pledges made firm (reliability {firm:.2f} to {FIRM:.2f})"
            out.append(("firm", label, party, set_parameter(design, f"reliability.{party}", FIRM), None))
    median = current_value(design, "decision_median")
    if median > 0:
        label = f"decisions twice as fast (median {median:g} to {median / 2:g} days)"
        out.append(("faster-decision", label, None, set_parameter(design, "decision_median", median / 2), None))
    return out


def _weighted(design: Design, draws: Draws, allowed: Mask | None) -> NDArray[np.float64]:
    """Per trial, the weighted share of scenarios met (each scenario on the same draws)."""
    total = sum(sc.weight for sc in design.scenarios.values())
    acc = np.zeros(draws.n, dtype=np.float64)
    for sc in design.scenarios.values():
        acc += sc.weight / total * evaluate(design, sc, draws, allowed=allowed, times=False).success
    return acc


def _paired(kind: str, label: str, party: str | None, base: NDArray[np.float64], new: NDArray[np.float64]) -> WhatIf:
    diff = new - base
    n = max(diff.shape[0], 1)
    mean = float(diff.mean()) if diff.shape[0] else 0.0
    half = Z95 * float(diff.std(ddof=1) if diff.shape[0] > 1 else 0.0) / math.sqrt(n)
    return WhatIf(kind, label, party, float(base.mean()), float(new.mean()), mean, (mean - half, mean + half), n)
