"""The vectorised kernel: one scenario against one design over a batch of trials (times in days from the attack;
arrays are entity-major, ``[pledges or parties, trials]``).

Per trial: the attacked party's own forces defend it from the moment of attack (plus their readiness, if not in
place); a matched response clause needs detection, attribution where the trigger requires it, and the body's
decision only where that decision gates the response (a collective obligation). Each party then decides for
itself after its own delay (executive, parliamentary...). A party acts when its latent will
``z_i = sqrt(r) * common + sqrt(1 - r) * idio_i`` is below ``Phi^-1(reliability)`` (a Gaussian copula, ``r``
calibrated so that joint failure matches the record); conditional pledges by fixed point over who takes part;
forces in place count from the moment of attack, others after their party's decision plus readiness. Success:
every required capability's amount on hand by the fait-accompli time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from guarantor.simulation.compile import CompiledScenario, Design, LogNormal
from guarantor.simulation.streams import Draws

__all__ = ["HOLD_DAYS", "SHARES", "STAGES", "Outcome", "evaluate"]

FloatArray = NDArray[np.floating]
BoolArray = NDArray[np.bool_]

STAGES = ("shortfall", "trigger", "attribution", "decision", "will", "conditions", "timing")
"""Where a trial fails, in the order checked: even every pledge at once is not enough; the attack does not
trigger the guarantee; attribution fails; the body does not decide; the parties' will; their conditions; the
forces arrive too late."""
SHARES = (0.25, 0.5, 0.75, 1.0)
"""Shares of every requirement whose time to reach is reported (graded outcomes)."""
HOLD_DAYS = (30.0, 90.0)
"""Sustainment horizons: is the response still sufficient this many days after the attack?"""


@dataclass(frozen=True, slots=True)
class Outcome:
    """Per-trial results. With ``detail``: ``stage`` (0 success, else 1 + index in STAGES), ``short`` and
    ``share`` per required capability at the fait-accompli time, ``t_share`` per SHARES (+inf: never),
    ``holds`` per HOLD_DAYS."""

    triggered: BoolArray
    decided: BoolArray
    success: BoolArray
    stage: NDArray[np.int8] | None = None
    short: BoolArray | None = None
    share: FloatArray | None = None
    t_share: FloatArray | None = None
    holds: BoolArray | None = None

    @property
    def t_success(self) -> FloatArray | None:
        return None if self.t_share is None else self.t_share[-1]


def evaluate(
    design: Design,
    scenario: CompiledScenario,
    draws: Draws,
    *,
    allowed: BoolArray | None = None,
    certain: int | None = None,
    detail: bool = False,
) -> Outcome:
    """Run ``scenario`` on ``draws``. ``allowed`` ([parties, trials]) switches parties' capabilities off
    (criticality, Shapley); ``certain`` makes one party's will certain (the binding party); ``detail`` adds
    stages, shares, times and sustainment (slower)."""
    n = draws.n
    c = draws.common
    if scenario.matched:
        attributed = c["attributed"] < scenario.attributed_threshold if scenario.gate else np.ones(n, dtype=bool)
        t_gate = _sample(scenario.detection, c["detection"]) + _sample(scenario.attribution, c["attribution"])
        if scenario.threshold_delay:
            t_gate = np.maximum(t_gate, np.float32(scenario.threshold_delay))
    else:
        attributed, t_gate = np.zeros(n, dtype=bool), np.zeros(n, dtype=np.float32)
    will = _will(design, draws)
    decided = attributed
    if scenario.body_gates:
        votes = will[scenario.voter_index] < design.vote_threshold[scenario.voter_index, None]
        decided = attributed & scenario.decider.decides_many(np.ascontiguousarray(votes.T))
        t_gate = t_gate + np.minimum(_sample(scenario.decision_delay, c["decision"]), scenario.decision_deadline)
    party = design.pledge_party
    willing = will[party] < design.act_threshold[:, None].astype(np.float32)
    if allowed is not None:
        willing &= allowed[party]
    if certain is not None:
        willing[party == certain] = True
    gated = _gate(willing if not detail else willing.copy(), scenario, decided)
    acting = _acting(design, gated)
    arrival = _arrival(design, scenario, draws, t_gate)
    on_time = arrival <= np.float32(scenario.fait_accompli)
    on_time &= acting
    sums = _sums(design, scenario, on_time)
    success = np.logical_and.reduce(sums >= scenario.requirement[:, None], axis=0) if sums.size else np.ones(n, bool)
    if not detail:
        return Outcome(attributed, decided, success)
    stage = _stages(design, scenario, attributed, decided, gated, acting, success)
    need = scenario.requirement[:, None]
    share = np.where(need > 0, np.minimum(sums / np.where(need > 0, need, 1.0), 1.0), 1.0)
    return Outcome(
        attributed,
        decided,
        success,
        stage,
        sums < need,
        share,
        _time_to_shares(design, scenario, acting, arrival, n),
        _holds(design, scenario, draws, acting, arrival, success),
    )


def _sample(dist: LogNormal, z: FloatArray) -> FloatArray:
    if dist.median <= 0:
        return np.zeros(z.shape[0], dtype=np.float32)
    if dist.sigma == 0:
        return np.full(z.shape[0], dist.median, dtype=np.float32)
    out: FloatArray = np.exp(z * np.float32(dist.sigma)) * np.float32(dist.median)
    return out


def _will(design: Design, draws: Draws) -> FloatArray:
    r = min(max(design.latent_rho, 0.0), 1.0)
    if r == 0:
        return draws.will
    will: FloatArray = draws.will * np.float32(math.sqrt(1 - r))
    will += np.float32(math.sqrt(r)) * draws.common["will/common"][None, :]
    return will


def _gate(willing: BoolArray, scenario: CompiledScenario, decided: BoolArray) -> BoolArray:
    """``willing`` (changed in place) limited to pledges that may act: the attacked party's own always, a
    bearer's once the case is decided, no one else's."""
    own, bear = scenario.self_mask, scenario.bearer_mask
    dead = ~(own | bear)
    if dead.any():
        willing[dead] = False
    needs = bear & ~own
    if needs.all():
        willing &= decided[None, :]
    elif needs.any():
        rows = np.flatnonzero(needs)
        willing[rows] &= decided[None, :]
    return willing


def _arrival(design: Design, scenario: CompiledScenario, draws: Draws, t_gate: FloatArray) -> FloatArray:
    """Arrival of every pledge ([pledges, trials]): in place at 0; the attacked party's own after its readiness;
    others after their party's decision (the gate's time plus its own delay) plus readiness."""
    n_parties, n = len(design.parties), t_gate.shape[0]
    decided_at = np.empty((n_parties + 1, n), dtype=np.float32)
    decided_at[:n_parties] = t_gate[None, :]
    decided_at[:n_parties] += design.decide_median[:, None].astype(np.float32)
    random = np.flatnonzero(design.decide_sigma > 0)
    if random.size:
        med = design.decide_median[random, None].astype(np.float32)
        sig = design.decide_sigma[random, None].astype(np.float32)
        decided_at[random] += med * np.expm1(sig * draws.decide)
    decided_at[n_parties] = 0.0
    start_row = np.where(design.in_place | scenario.self_mask, n_parties, design.pledge_party)
    arrival: FloatArray = decided_at[start_row]
    moving = ~design.in_place & (design.ready_median > 0)
    lognormal = moving & (design.ready_sigma > 0)
    if lognormal.all():
        ready = draws.ready * design.ready_sigma[:, None].astype(np.float32)
        np.exp(ready, out=ready)
        ready *= design.ready_median[:, None].astype(np.float32)
        arrival += ready
    elif lognormal.any():
        rows = np.flatnonzero(lognormal)
        ready = draws.ready[rows] * design.ready_sigma[rows, None].astype(np.float32)
        np.exp(ready, out=ready)
        ready *= design.ready_median[rows, None].astype(np.float32)
        arrival[rows] += ready
    fixed = np.flatnonzero(moving & (design.ready_sigma == 0))
    if fixed.size:
        arrival[fixed] += design.ready_median[fixed, None].astype(np.float32)
    return arrival


def _sums(design: Design, scenario: CompiledScenario, mask: BoolArray) -> NDArray[np.float64]:
    """Per required capability, the amount of the pledges in ``mask`` ([capabilities, trials]): counts of the
    pledges of each distinct amount, so the boolean mask is never converted to floats."""
    out = np.zeros((len(scenario.capabilities), mask.shape[1]))
    whole = mask.view(np.uint8)
    for j in range(len(scenario.capabilities)):
        cols = np.flatnonzero(scenario.pledge_cap == j)
        amounts = design.amount[cols]
        for value in np.unique(amounts):
            rows = cols[amounts == value]
            part = whole if rows.size == whole.shape[0] else whole[rows]
            out[j] += value * part.sum(axis=0, dtype=np.uint32 if rows.size > 255 else np.uint8)
    return out


def _acting(design: Design, willing: BoolArray) -> BoolArray:
    """Which pledges act: willing (and gated), and their conditions met (least fixed point)."""
    conditional = [k for k, cond in enumerate(design.conditions) if cond is not None]
    if not conditional:
        return willing
    acting = willing.copy()
    acting[conditional] = False
    for _ in range(len(conditional) + 1):
        part = _participating(design, acting)
        changed = False
        for k in conditional:
            cond = design.conditions[k]
            assert cond is not None
            new = willing[k] & cond.evaluate(part.T)
            changed |= bool((new != acting[k]).any())
            acting[k] = new
        if not changed:
            break
    return acting


def _participating(design: Design, acting: BoolArray) -> BoolArray:
    part = np.zeros((len(design.parties), acting.shape[1]), dtype=bool)
    for k, p in enumerate(design.pledge_party):
        part[p] |= acting[k]
    return part


def _stages(
    design: Design,
    scenario: CompiledScenario,
    attributed: BoolArray,
    decided: BoolArray,
    willing: BoolArray,
    acting: BoolArray,
    success: BoolArray,
) -> NDArray[np.int8]:
    """The first stage at which each trial fails (0: success), checking ever more realistic sets of pledges."""
    n = success.shape[0]
    need = scenario.requirement[:, None]
    own = np.array(scenario.capacity_of(scenario.self_mask))[:, None]
    bear = np.array(scenario.capacity_of(scenario.bearer_mask))[:, None]

    def enough(extra: BoolArray) -> BoolArray:
        ok: BoolArray = np.all(own + bear * extra[None, :] >= need, axis=0)
        return ok

    checks = [
        np.full(n, bool(np.all(scenario.capacity >= scenario.requirement))),
        np.full(n, bool(scenario.matched) or bool(np.all(own[:, 0] >= scenario.requirement))),
        enough(attributed) if scenario.matched else np.ones(n, dtype=bool),
        enough(decided) if scenario.matched else np.ones(n, dtype=bool),
        np.all(_sums(design, scenario, willing) >= need, axis=0),
        np.all(_sums(design, scenario, acting) >= need, axis=0),
        success,
    ]
    stage = np.zeros(n, dtype=np.int8)
    passed = np.ones(n, dtype=bool)
    for i, ok in enumerate(checks, 1):
        stage[passed & ~ok] = i
        passed &= ok
    return stage


def _time_to_shares(
    design: Design, scenario: CompiledScenario, acting: BoolArray, arrival: FloatArray, n: int
) -> FloatArray:
    """Earliest time each share of every requirement is on hand ([len(SHARES), trials], +inf: never)."""
    out = np.zeros((len(SHARES), n))
    for j, need in enumerate(scenario.requirement):
        if need <= 0:
            continue
        cols = np.flatnonzero(scenario.pledge_cap == j)
        if cols.size == 0:
            out[:] = math.inf
            continue
        t = np.where(acting[cols], arrival[cols], np.float32(np.inf))
        order = np.argsort(t, axis=0)
        t_sorted = np.take_along_axis(t, order, axis=0)
        cum = np.cumsum(design.amount[cols][order], axis=0)
        for i, s in enumerate(SHARES):
            reached = cum >= s * need
            first = reached.argmax(axis=0)
            when = t_sorted[first, np.arange(n)].astype(np.float64)
            when[~reached[-1]] = math.inf
            out[i] = np.maximum(out[i], when)
    return out


def _holds(
    design: Design,
    scenario: CompiledScenario,
    draws: Draws,
    acting: BoolArray,
    arrival: FloatArray,
    success: BoolArray,
) -> BoolArray:
    """Sufficient at the fait-accompli time and still sufficient at each of HOLD_DAYS."""
    leave = np.full(arrival.shape, np.inf, dtype=np.float32)
    rows = np.flatnonzero(design.sustain_median < math.inf)
    if rows.size:
        med = design.sustain_median[rows, None].astype(np.float32)
        leave[rows] = arrival[rows] + med * np.exp(design.sustain_sigma[rows, None].astype(np.float32) * draws.sustain)
    out = np.empty((len(HOLD_DAYS), success.shape[0]), dtype=bool)
    for i, day in enumerate(HOLD_DAYS):
        present = acting & (arrival <= day) & (leave > day)
        out[i] = success & np.all(_sums(design, scenario, present) >= scenario.requirement[:, None], axis=0)
    return out
