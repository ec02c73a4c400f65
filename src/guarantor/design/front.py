"""The Pareto front of cost against probability, and its hypervolume (the quality measure of a front)."""

from __future__ import annotations

from collections.abc import Sequence

from guarantor.design.evaluate import Evaluation

__all__ = ["hypervolume", "pareto_front"]


def pareto_front(evals: Sequence[Evaluation]) -> list[Evaluation]:
    """Feasible designs no other feasible design beats on both counts (cheaper or as cheap, and more likely
    or as likely, strictly better on one), cheapest first."""
    feasible = sorted((e for e in evals if e.feasible), key=lambda e: (e.cost, -e.p))
    front: list[Evaluation] = []
    best = -1.0
    for e in feasible:
        if e.p > best + 1e-12:
            front.append(e)
            best = e.p
    return front


def hypervolume(evals: Sequence[Evaluation], max_cost: float) -> float:
    """The area dominated by the front between cost 0..``max_cost`` and probability 0..1, as a share of that
    box (1 would be certain success at no cost). Designs above ``max_cost`` add nothing."""
    if max_cost <= 0:
        return 0.0
    area, prev_cost, level = 0.0, 0.0, 0.0
    for e in pareto_front(evals):
        if e.cost > max_cost:
            break
        area += (e.cost - prev_cost) * level
        prev_cost, level = e.cost, e.p
    area += (max_cost - prev_cost) * level
    return area / max_cost
