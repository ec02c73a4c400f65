"""Exact probability of a sufficient response by time T, where decisions and delays allow it.

Applies when the parties decide independently (rho = 0), no pledge is conditional, no body's vote gates the
response, and the common delays (detection, attribution, decision) and the parties' own decision delays are
fixed. Then P(success by T) = P(trigger) * P(sufficient | triggered) + (1 - P(trigger)) * P(the attacked party
alone is sufficient), and each factor is a
generating-function product over parties: amounts are scaled to exact integers (Fractions), each party's
contribution distribution is convolved in, with states saturating at the requirement. A party's own pledges
share one uniform (they act together by reliability level) and arrive independently (log-normal readiness).
"""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction
from statistics import NormalDist

from guarantor.simulation.compile import CompiledScenario, Design, LogNormal

__all__ = ["exact_applies", "exact_success"]

State = tuple[int, ...]


def exact_applies(design: Design, scenario: CompiledScenario) -> bool:
    """Whether the exact evaluation covers this scenario."""
    active = [k for k in range(len(design.pledge_keys)) if scenario.active[k]]
    parties = {int(design.pledge_party[k]) for k in active}
    return (
        design.latent_rho == 0
        and all(design.conditions[k] is None for k in active)
        and not (scenario.body_gates and scenario.decider.kind == "vote")
        and scenario.detection.sigma == 0
        and scenario.attribution.sigma == 0
        and scenario.decision_delay.sigma == 0
        and all(design.decide_sigma[p] == 0 for p in parties)
    )


def exact_success(design: Design, scenario: CompiledScenario, at: float | None = None) -> float | None:
    """P(a sufficient response has arrived by ``at`` days; default the fait-accompli time), or None when the
    model is outside the exact case (see ``exact_applies``). The attacked party's own forces count whether or
    not the guarantee triggers."""
    if not exact_applies(design, scenario):
        return None
    horizon = scenario.fait_accompli if at is None else at
    p_trigger = 0.0
    if scenario.matched and not (scenario.body_gates and scenario.decider.kind == "blocked"):
        p_trigger = NormalDist().cdf(scenario.attributed_threshold) if scenario.gate else 1.0
    t0 = max(scenario.detection.median + scenario.attribution.median, scenario.threshold_delay)
    if scenario.body_gates:
        t0 += min(scenario.decision_delay.median, scenario.decision_deadline)
    windows = {}
    for k in range(len(design.pledge_keys)):
        if design.in_place[k]:
            windows[k] = math.inf
        elif scenario.self_mask[k]:
            windows[k] = horizon
        else:
            windows[k] = horizon - t0 - float(design.decide_median[design.pledge_party[k]])
    units, need = _integer_units(design, scenario)
    triggered = _sufficient(design, scenario.active, units, need, windows)
    alone = _sufficient(design, scenario.self_mask, units, need, windows)
    return p_trigger * triggered + (1 - p_trigger) * alone


def _sufficient(
    design: Design, mask: object, units: dict[int, tuple[int, int]], need: State, windows: dict[int, float]
) -> float:
    dist: dict[State, float] = {tuple(0 for _ in need): 1.0}
    for party in range(len(design.parties)):
        pledges = [
            k
            for k in range(len(design.pledge_keys))
            if design.pledge_party[k] == party and units.get(k) and mask[k]  # type: ignore[index]
        ]
        if pledges:
            dist = _convolve(dist, _party_distribution(design, pledges, units, need, windows), need)
    return dist.get(need, 0.0)


def _integer_units(design: Design, scenario: CompiledScenario) -> tuple[dict[int, tuple[int, int]], State]:
    """Each active pledge's (capability, amount) and the requirements, in one exact integer unit."""
    caps = [k for k in range(len(design.pledge_keys)) if scenario.active[k] and scenario.pledge_cap[k] >= 0]
    values = [Fraction(float(design.amount[k])).limit_denominator(10**6) for k in caps]
    needs = [Fraction(float(r)).limit_denominator(10**6) for r in scenario.requirement]
    scale = math.lcm(*(v.denominator for v in [*values, *needs]), 1)
    units = {k: (int(scenario.pledge_cap[k]), int(v * scale)) for k, v in zip(caps, values, strict=True)}
    return units, tuple(max(0, math.ceil(r * scale)) for r in needs)


def _arrives(median: float, sigma: float, window: float) -> float:
    """P(readiness delay <= window)."""
    if window < 0:
        return 0.0
    if median <= 0 or sigma == 0:
        return 1.0 if median <= window else 0.0
    if window == 0:
        return 0.0
    return NormalDist().cdf(math.log(window / median) / sigma)


def _party_distribution(
    design: Design, pledges: list[int], units: dict[int, tuple[int, int]], need: State, windows: dict[int, float]
) -> dict[State, float]:
    """One party's contribution: its pledges act while its uniform is below their reliability."""
    ordered = sorted(pledges, key=lambda k: -float(design.reliability[k]))
    rel = [min(max(float(design.reliability[k]), 0.0), 1.0) for k in ordered] + [0.0]
    out: dict[State, float] = defaultdict(float)
    out[tuple(0 for _ in need)] += 1 - rel[0]
    for j in range(len(ordered)):
        weight = rel[j] - rel[j + 1]
        if weight <= 0:
            continue
        level: dict[State, float] = {tuple(0 for _ in need): 1.0}
        for k in ordered[: j + 1]:
            cap, amount = units[k]
            ready = LogNormal(float(design.ready_median[k]), float(design.ready_sigma[k]))
            q = 1.0 if windows[k] == math.inf else _arrives(ready.median, ready.sigma, windows[k])
            delta = tuple(amount if i == cap else 0 for i in range(len(need)))
            level = _convolve(level, {tuple(0 for _ in need): 1 - q, delta: q}, need)
        for state, p in level.items():
            out[state] += weight * p
    return dict(out)


def _convolve(a: dict[State, float], b: dict[State, float], need: State) -> dict[State, float]:
    out: dict[State, float] = defaultdict(float)
    for sa, pa in a.items():
        for sb, pb in b.items():
            if pa * pb:
                out[tuple(min(x + y, r) for x, y, r in zip(sa, sb, need, strict=True))] += pa * pb
    return dict(out)
