"""A candidate design: one value per variable, turned into a spec, priced and checked against the limits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guarantor.design.space import DesignSpace, Limit, Variable
from guarantor.errors import DesignSpaceError, GuarantorError
from guarantor.simulation.params import SimParams
from guarantor.simulation.whatif import apply_set
from guarantor.spec.dump import spec_to_data
from guarantor.spec.loader import spec_from_data
from guarantor.spec.model import Spec

__all__ = [
    "Values",
    "build_spec",
    "cost",
    "fixed_amount",
    "key",
    "neighbours",
    "pledge_of",
    "validate_against",
    "violations",
]

Values = Mapping[str, Any]


def key(values: Values) -> tuple[Any, ...]:
    """A hashable identity for a candidate (its values in variable order)."""
    return tuple((k, _norm(values[k])) for k in sorted(values))


def _norm(v: Any) -> Any:
    if isinstance(v, float):
        return round(v, 9)
    if isinstance(v, list | dict):
        return repr(v)
    return v


def cost(space: DesignSpace, values: Values) -> float:
    return sum(var.cost_of(values[name]) for name, var in space.variables.items())


def pledge_of(spec: Spec, var: Variable) -> tuple[str, str, str]:
    """(party, domain, capability) of an amount variable."""
    if var.new_pledge is not None:
        return var.new_pledge.party, var.new_pledge.domain, var.new_pledge.capability
    for p in spec.pledges:
        if p.id == var.pledge:
            return p.party, p.domain, p.capability
    raise DesignSpaceError(f"no pledge {var.pledge!r} in spec {spec.id}")


def _matches(limit: Limit, party: str, domain: str, capability: str) -> bool:
    return (
        (limit.party is None or limit.party == party)
        and (limit.domain is None or limit.domain == domain)
        and (limit.capability is None or limit.capability == capability)
    )


def violations(space: DesignSpace, spec: Spec, values: Values) -> dict[str, float]:
    """How far each limit is exceeded (only the violated ones; empty means the candidate is feasible)."""
    out: dict[str, float] = {}
    for lid, limit in space.limits.items():
        if limit.cost is not None:
            excess = cost(space, values) - limit.cost
        else:
            excess = _amount_excess(space, spec, values, limit)
        if excess > 1e-9:
            out[lid] = excess
    return out


def _amount_excess(space: DesignSpace, spec: Spec, values: Values, limit: Limit) -> float:
    """The amount a limit counts (the design's variables and the spec's other pledges alike) above its max."""
    total, banned = fixed_amount(space, spec, limit), 0.0
    for name, var in space.variables.items():
        if not var.is_amount:
            continue
        party, domain, capability = pledge_of(spec, var)
        amount = float(values[name])
        if limit.domains is not None:
            if party == limit.party and domain not in limit.domains:
                banned += amount
        elif _matches(limit, party, domain, capability):
            total += amount
    if limit.domains is not None:
        return banned
    assert limit.max is not None
    return total - limit.max


def fixed_amount(space: DesignSpace, spec: Spec, limit: Limit) -> float:
    """What the spec's pledges that no variable changes already put under ``limit``."""
    if limit.max is None:
        return 0.0
    varied = {v.pledge for v in space.variables.values() if v.pledge}
    return sum(
        p.amount for p in spec.pledges if p.id not in varied and _matches(limit, p.party, p.domain, p.capability)
    )


def build_spec(space: DesignSpace, spec: Spec, values: Values, params: SimParams | None = None) -> Spec:
    """``spec`` with the candidate's values in place: pledge amounts set (0 withdraws the pledge), new pledges
    added, path values overridden."""
    params = params or SimParams()
    data = spec_to_data(spec)
    pledges: list[dict[str, Any]] = list(data.get("pledges", []))
    drop: set[str] = set()
    for name, var in space.variables.items():
        value = values[name]
        if var.pledge is not None:
            _set_amount(pledges, var.pledge, float(value), drop)
        elif var.new_pledge is not None and float(value) > 0:
            new = var.new_pledge.model_dump(mode="json", by_alias=True, exclude_none=True)
            pledges.append({"id": f"design-{name}", **new, "amount": _num(value), "assumption": True})
    data["pledges"] = pledges
    try:
        built = spec_from_data(data, f"{spec.id} (design)")
        for name, var in space.variables.items():
            if var.path is not None:
                built, _ = apply_set(built, params, var.path, values[name])
        if drop:  # pledges set to 0 are withdrawn last, so a path may still name them
            data = spec_to_data(built)
            data["pledges"] = [p for p in data.get("pledges", []) if p.get("id") not in drop]
            built = spec_from_data(data, f"{spec.id} (design)")
    except GuarantorError as exc:
        raise DesignSpaceError(f"the design {dict(values)} does not make a valid spec: {exc}") from None
    return built


def _set_amount(pledges: list[dict[str, Any]], pid: str, amount: float, drop: set[str]) -> None:
    for p in pledges:
        if p.get("id") == pid:
            p["amount"] = _num(amount)
            if amount <= 0:
                drop.add(pid)
            return
    raise DesignSpaceError(f"no pledge {pid!r} in the spec", hint="name a pledge by its 'id'")


def _num(v: Any) -> int | float:
    f = float(v)
    return int(f) if f.is_integer() else f


def validate_against(space: DesignSpace, spec: Spec) -> None:
    """Refuse a space that does not fit the spec: unknown pledges, parties or paths, a path no value of which
    loads."""
    ids = {p.id for p in spec.pledges if p.id}
    parties = {p.id for p in spec.parties}
    for name, var in space.variables.items():
        if var.pledge is not None and var.pledge not in ids:
            raise DesignSpaceError(
                f"variable {name!r}: no pledge {var.pledge!r} in {spec.id}",
                hint=f"pledge ids: {', '.join(sorted(ids)) or 'none'}",
            )
        if var.new_pledge is not None and var.new_pledge.party not in parties:
            raise DesignSpaceError(
                f"variable {name!r}: party {var.new_pledge.party!r} is not a party of {spec.id}",
                hint=f"parties: {', '.join(sorted(parties))}",
            )
    for lid, limit in space.limits.items():
        if limit.party is not None and limit.party not in parties:
            raise DesignSpaceError(
                f"limit {lid!r}: party {limit.party!r} is not a party of {spec.id}",
                hint=f"parties: {', '.join(sorted(parties))}",
            )
    first = {name: _first(var) for name, var in space.variables.items()}
    build_spec(space, spec, first)


def _first(var: Variable) -> Any:
    levels = var.levels()
    if levels is not None:
        return levels[0]
    assert var.range is not None
    return var.range[0]


def neighbours(space: DesignSpace, values: Values) -> list[dict[str, Any]]:
    """Every design one level up or down on one variable (a tenth of the range for a continuous one)."""
    out: list[dict[str, Any]] = []
    for name, var in space.variables.items():
        levels = var.levels()
        here = values[name]
        if levels is None:
            assert var.range is not None
            lo, hi = var.range
            d = (hi - lo) / 10
            options = [min(hi, here + d), max(lo, here - d)]
        else:
            i = levels.index(here) if here in levels else 0
            options = [levels[j] for j in (i - 1, i + 1) if 0 <= j < len(levels)]
        out.extend({**values, name: o} for o in options if o != here)
    return out
