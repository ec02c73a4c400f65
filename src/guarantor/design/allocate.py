"""A starting point for the search: the allocation that meets the largest share of the scenarios' requirements
in expectation (each pledge counted at its reliability), and among those the cheapest, within the limits,
solved exactly by CP-SAT.

It is a linear stand-in for the simulation (no timing, no correlation, no conditions), so it only seeds the
optimiser; every design is still scored by the simulation."""

from __future__ import annotations

from typing import Any

from guarantor.design.candidate import fixed_amount, pledge_of
from guarantor.design.space import DesignSpace, Variable
from guarantor.simulation.calibration import default_reliability
from guarantor.spec.forces import Pledge
from guarantor.spec.model import Spec

__all__ = ["cheapest_cover", "cover_front"]

SCALE = 1000  # amounts and requirements in thousandths, so CP-SAT works on integers


def cover_front(space: DesignSpace, spec: Spec, *, points: int = 4, seconds: float = 2.0) -> list[dict[str, Any]]:
    """Warm starts spread along the cost axis: the best cover within 1/points, 2/points, ... of the largest
    cost the space allows (distinct allocations only). Empty without OR-Tools or discrete amounts."""
    top = max_cost(space)
    out: list[dict[str, Any]] = []
    for i in range(points, 0, -1):
        found = cheapest_cover(space, spec, cap=top * i / points, seconds=seconds)
        if found is not None and found not in out:
            out.append(found)
    return out


def max_cost(space: DesignSpace) -> float:
    """The cost limit if the space has one, else the cost of the dearest design."""
    caps = [lim.cost for lim in space.limits.values() if lim.cost is not None]
    if caps:
        return min(caps)
    total = 0.0
    for var in space.variables.values():
        levels = var.levels()
        ends = levels if levels is not None else list(var.range or (0.0, 0.0))
        total += max(var.cost_of(v) for v in ends)
    return total


def cheapest_cover(
    space: DesignSpace, spec: Spec, *, cap: float | None = None, seconds: float = 5.0
) -> dict[str, Any] | None:
    """The warm start (within a total cost of ``cap`` if given), or None when OR-Tools is not installed, the
    space has no discrete amounts or nothing fits."""
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        return None
    model = cp_model.CpModel()
    picks = {n: _one_hot(model, n, v) for n, v in space.variables.items() if v.levels() is not None}
    if not any(space.variables[n].is_amount for n in picks):
        return None
    amounts = {n: _amount_expr(space.variables[n], picks[n]) for n in picks if space.variables[n].is_amount}
    cost = sum(_cost_expr(space.variables[n], picks[n]) for n in picks)
    _limits(model, space, spec, amounts, cost)
    if cap is not None:
        model.add(cost <= round(cap * SCALE))
    shares = _coverage(model, space, spec, amounts)
    model.maximize(sum(round(w * 1000) * y for w, y in shares) * 10**5 - cost)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    out: dict[str, Any] = {}
    for name, var in space.variables.items():
        levels = var.levels()
        if levels is None:
            assert var.range is not None
            out[name] = var.range[0]
        else:
            out[name] = next(lv for lv, b in zip(levels, picks[name], strict=True) if solver.value(b))
    return out


def _one_hot(model: Any, name: str, var: Variable) -> list[Any]:
    levels = var.levels() or []
    bits = [model.new_bool_var(f"{name}[{i}]") for i in range(len(levels))]
    model.add_exactly_one(bits)
    return bits


def _amount_expr(var: Variable, bits: list[Any]) -> Any:
    return sum(round(float(lv) * SCALE) * b for lv, b in zip(var.levels() or [], bits, strict=True))


def _cost_expr(var: Variable, bits: list[Any]) -> Any:
    return sum(round(var.cost_of(lv) * SCALE) * b for lv, b in zip(var.levels() or [], bits, strict=True))


def _limits(model: Any, space: DesignSpace, spec: Spec, amounts: dict[str, Any], cost: Any) -> None:
    for limit in space.limits.values():
        if limit.cost is not None:
            model.add(cost <= round(limit.cost * SCALE))
            continue
        terms = []
        for name, expr in amounts.items():
            party, domain, capability = pledge_of(spec, space.variables[name])
            if limit.domains is not None:
                if party == limit.party and domain not in limit.domains:
                    model.add(expr == 0)
            elif (
                (limit.party is None or limit.party == party)
                and (limit.domain is None or limit.domain == domain)
                and (limit.capability is None or limit.capability == capability)
            ):
                terms.append(expr)
        if terms and limit.max is not None:
            model.add(sum(terms) <= round((limit.max - fixed_amount(space, spec, limit)) * SCALE))


def _coverage(model: Any, space: DesignSpace, spec: Spec, amounts: dict[str, Any]) -> list[tuple[float, Any]]:
    """The share of each scenario's requirement met in expectation, in thousandths and capped at 1, weighted
    by the scenario's weight over its capabilities (so partial cover counts, as in the graded outcomes)."""
    varied = {space.variables[n].pledge for n in amounts if space.variables[n].pledge}
    out: list[tuple[float, Any]] = []
    for sid, sc in spec.scenarios.items():
        for capability, need in sc.requires.items():
            if need <= 0:
                continue
            fixed = sum(_expected(spec, p) for p in spec.pledges if p.capability == capability and p.id not in varied)
            expected = round(fixed * SCALE * 1000) + sum(
                round(_reliability(spec, space.variables[n]) * 1000) * expr
                for n, expr in amounts.items()
                if pledge_of(spec, space.variables[n])[2] == capability
            )
            share = model.new_int_var(0, 1000, f"share[{sid},{capability}]")
            model.add(share * round(need * SCALE) <= expected)
            out.append((sc.weight / len(sc.requires), share))
    return out


def _expected(spec: Spec, pledge: Pledge) -> float:
    return pledge.amount * default_reliability(spec, pledge).value


def _reliability(spec: Spec, var: Variable) -> float:
    if var.new_pledge is not None:
        if var.new_pledge.reliability is not None:
            return var.new_pledge.reliability
        probe = Pledge(party=var.new_pledge.party, capability=var.new_pledge.capability, domain=var.new_pledge.domain)
        return default_reliability(spec, probe).value
    pledge = next(p for p in spec.pledges if p.id == var.pledge)
    return default_reliability(spec, pledge).value
