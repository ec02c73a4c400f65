"""The vectorised kernel: one scenario against one design over a batch of trials (times in days from the attack).

Per trial: detection delay; attribution (a Bernoulli gate with its delay) where the trigger requires it; the
deciding body's vote through its game; each party's latent political will
``z_i = sqrt(rho) * common + sqrt(1 - rho) * idio_i`` (a Gaussian copula: every pair correlates by ``rho``, each
margin is exactly the pledge's reliability), a pledge acts when ``z_i < Phi^-1(reliability)``; conditional
pledges by fixed point over who takes part; arrival after a log-normal readiness delay; success when every
required capability's arrived amount meets the requirement by the fait-accompli time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from guarantor.simulation.compile import CompiledScenario, Design
from guarantor.simulation.streams import Draws

__all__ = ["Outcome", "evaluate"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Outcome:
    """Per-trial results; ``t_success`` is +inf where the requirement is never met."""

    triggered: BoolArray
    decided: BoolArray
    success: BoolArray
    t_success: FloatArray | None


def evaluate(
    design: Design,
    scenario: CompiledScenario,
    draws: Draws,
    *,
    allowed: BoolArray | None = None,
    times: bool = True,
) -> Outcome:
    """Run ``scenario`` on ``draws``. ``allowed`` ([trials, parties]) switches parties' capabilities off
    (criticality, Shapley); ``times`` adds the time to a sufficient response (a sort; off is faster)."""
    n = draws.n
    c = draws.common
    if not scenario.matched:
        never = np.zeros(n, dtype=bool)
        return Outcome(never, never, never, np.full(n, math.inf) if times else None)
    triggered = c["attributed"] < scenario.attributed_threshold if scenario.gate else np.ones(n, dtype=bool)
    t_trigger = scenario.detection.sample(c["detection"]) + scenario.attribution.sample(c["attribution"])
    will = _will(design, draws)
    decided = triggered & scenario.decider.decides_many(will[:, scenario.voter_index] < _vote_thr(design, scenario))
    delay = np.minimum(scenario.decision_delay.sample(c["decision"]), scenario.decision_deadline)
    t_decided = t_trigger + delay
    acting = _acting(design, scenario, will, decided, allowed)
    arrival = t_decided[:, None] + _readiness(design, draws)
    return _success(design, scenario, acting, arrival, triggered, decided, times)


def _will(design: Design, draws: Draws) -> FloatArray:
    rho = min(max(design.rho, 0.0), 1.0)
    will: FloatArray = math.sqrt(rho) * draws.common["will/common"][:, None] + math.sqrt(1 - rho) * draws.will
    return will


def _vote_thr(design: Design, scenario: CompiledScenario) -> FloatArray:
    thr: FloatArray = design.vote_threshold[scenario.voter_index]
    return thr


def _readiness(design: Design, draws: Draws) -> FloatArray:
    fixed = design.ready_sigma == 0
    out: FloatArray = design.ready_median * np.exp(design.ready_sigma * draws.ready)
    if fixed.any():
        out[:, fixed] = design.ready_median[fixed]
    return out


def _acting(
    design: Design, scenario: CompiledScenario, will: FloatArray, decided: BoolArray, allowed: BoolArray | None
) -> BoolArray:
    """Which pledges act: decided, willing, allowed, and their conditions met (least fixed point)."""
    party = design.pledge_party
    willing = will[:, party] < design.act_threshold
    willing &= decided[:, None] & scenario.active
    if allowed is not None:
        willing &= allowed[:, party]
    conditional = [k for k, cond in enumerate(design.conditions) if cond is not None]
    if not conditional:
        return willing
    acting = willing.copy()
    acting[:, conditional] = False
    for _ in range(len(conditional) + 1):
        part = _participating(design, acting)
        changed = False
        for k in conditional:
            cond = design.conditions[k]
            assert cond is not None
            new = willing[:, k] & cond.evaluate(part)
            changed |= bool((new != acting[:, k]).any())
            acting[:, k] = new
        if not changed:
            break
    return acting


def _participating(design: Design, acting: BoolArray) -> BoolArray:
    part = np.zeros((acting.shape[0], len(design.parties)), dtype=bool)
    for k, p in enumerate(design.pledge_party):
        part[:, p] |= acting[:, k]
    return part


def _success(
    design: Design,
    scenario: CompiledScenario,
    acting: BoolArray,
    arrival: FloatArray,
    triggered: BoolArray,
    decided: BoolArray,
    times: bool,
) -> Outcome:
    n = acting.shape[0]
    horizon = scenario.fait_accompli
    success = decided.copy()
    t_success = np.where(decided, 0.0, math.inf) if times else None
    for j, need in enumerate(scenario.requirement):
        cols = np.flatnonzero(scenario.pledge_cap == j)
        amount = design.amount[cols]
        on_time = acting[:, cols] & (arrival[:, cols] <= horizon)
        success &= (on_time @ amount >= need) if cols.size else bool(need <= 0)
        if t_success is not None:
            t_success = np.maximum(t_success, _time_to(acting[:, cols], arrival[:, cols], amount, need, n))
    return Outcome(triggered, decided, success, t_success)


def _time_to(acting: BoolArray, arrival: FloatArray, amount: FloatArray, need: float, n: int) -> FloatArray:
    """Earliest time the acting pledges' arrived amount reaches ``need`` (+inf if it never does)."""
    if need <= 0:
        return np.zeros(n)
    if amount.size == 0:
        return np.full(n, math.inf)
    t = np.where(acting, arrival, math.inf)
    order = np.argsort(t, axis=1)
    cum = np.cumsum(amount[order], axis=1)
    reached = cum >= need
    first = reached.argmax(axis=1)
    out: FloatArray = np.take_along_axis(t, order, axis=1)[np.arange(n), first]
    out[~reached[:, -1]] = math.inf
    return out
