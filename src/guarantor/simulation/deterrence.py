"""Deterrence as its own layer: given the response the simulation expects, the chance the attacker is deterred,
reported apart from the chance the guarantee holds if it is attacked.

The attacker knows the guarantee and picks its best option: the scenario with the lowest chance of a sufficient
response (a loophole is where deterrence fails). It is deterred when that chance exceeds its resolve, drawn
uniformly between ``resolve_low`` and ``resolve_high``. The record (reliability.md section 3) gives the direction
(capable, credible defence pacts reduce attacks: Johnson, Leeds & Wu 2015; a local capability to deny a quick
victory matters: Huth 1988) and no magnitude, so the resolve bounds are a judgement, shown with the result.
"""

from __future__ import annotations

from guarantor.simulation.params import BASIS, SimParams

__all__ = ["deterrence", "p_deterred"]


def p_deterred(p_response: float, params: SimParams) -> float:
    """P(resolve < p_response) for a resolve uniform on [resolve_low, resolve_high]."""
    lo, hi = params.resolve_low, params.resolve_high
    if hi <= lo:
        return 1.0 if p_response > lo else 0.0
    return min(max((p_response - lo) / (hi - lo), 0.0), 1.0)


def deterrence(p_success: dict[str, float], p_mix: float, params: SimParams) -> dict[str, object]:
    """The deterrence layer from per-scenario success probabilities and the weighted mix."""
    if not p_success:
        return {}
    best = min(p_success, key=lambda s: p_success[s])
    return {
        "attacker_best_option": best,
        "p_response_on_best_option": p_success[best],
        "p_deterred": p_deterred(p_success[best], params),
        "p_deterred_if_attacker_cannot_choose": p_deterred(p_mix, params),
        "p_holds_if_attacked": p_mix,
        "resolve": [params.resolve_low, params.resolve_high],
        "basis": BASIS["resolve_low"],
    }
