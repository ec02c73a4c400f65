"""What would raise the chance of a sufficient response most: changed versions of the spec, run with the spec
itself on the same scenarios and the same random numbers, ranked by their effect on the weighted chance.

The changes are made to the spec before it is compiled (as ``simulate --without/--set`` does): a party withdraws
its pledges; a party's forces are pre-positioned (in place before an attack); the deciding clause gets a
shorter deadline; a second provider offers the capability most often short. Every change runs in one
``compare`` with the unchanged spec, so its difference comes with the interval of the paired difference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from guarantor.simulation import SimParams, SimulationResult, compare
from guarantor.simulation.whatif import without_party
from guarantor.spec import Scenario, Spec, expand, parse_duration, spec_from_data, spec_to_data

__all__ = ["SHORT_DEADLINE", "WhatIf", "what_ifs"]

SHORT_DEADLINE = "PT72H"  # the shortened deadline for the deciding clause, where it has none or a longer one

Ticks = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class WhatIf:
    """One change: ``effect`` is the change in the weighted chance of a sufficient response in time (changed
    minus unchanged, on the same trials) with its paired 95% interval; ``scenarios`` the same per scenario."""

    kind: str
    label: str
    party: str | None
    p_base: float
    p_new: float
    effect: float
    ci95: tuple[float, float]
    scenarios: dict[str, dict[str, object]]

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "label": self.label,
            "party": self.party,
            "p_base": self.p_base,
            "p_new": self.p_new,
            "effect": self.effect,
            "ci95": list(self.ci95),
            "scenarios": self.scenarios,
        }


Change = tuple[str, str, str | None, Spec]


def what_ifs(
    spec: Spec,
    base: SimulationResult,
    scenarios: dict[str, Scenario],
    *,
    params: SimParams | None = None,
    stage: Callable[[str, int], None] | None = None,
    progress: Ticks | None = None,
) -> list[WhatIf]:
    """Every change of ``spec`` with its effect, largest gain first; ``base`` is the unchanged run (its trials
    and seed are used again, so the unchanged design's numbers are the same)."""
    changes = _changes(spec, base)
    if stage is not None:
        stage("what-ifs", base.trials * (1 + len(changes)) if changes else 0)
    if not changes:
        return []
    runs = compare(
        [spec, *(c[3] for c in changes)],
        scenarios,
        trials=base.trials,
        seed=base.seed,
        params=params,
        progress=progress,
        with_criticality=False,
    )
    p_base = float(runs.base.overall("success")["estimate"])  # type: ignore[arg-type]
    rows = []
    for (kind, label, party, _), diff in zip(changes, runs.differences(), strict=True):
        overall: Any = diff["overall"]
        effect = float(overall["estimate"])
        ci = (float(overall["ci95"][0]), float(overall["ci95"][1]))
        per: Any = diff["scenarios"]
        rows.append(WhatIf(kind, label, party, p_base, p_base + effect, effect, ci, per))
    return sorted(rows, key=lambda w: -w.effect)


def _changes(spec: Spec, base: SimulationResult) -> list[Change]:
    out: list[Change] = []
    for party in dict.fromkeys(p.party for p in spec.pledges):
        out.append(("withdraws", f"{party} withdraws its pledges", party, without_party(spec, party)))
        moved = _pre_positioned(spec, party)
        if moved is not None:
            out.append(("pre-positioned", f"{party}'s forces pre-positioned (in place before an attack)", party, moved))
    out += _deadline(spec, base)
    out += _second_provider(spec, base)
    return out


def _pre_positioned(spec: Spec, party: str) -> Spec | None:
    """``party``'s pledges that must still deploy, put in place before the attack; None when all already are."""
    data = spec_to_data(spec)
    changed = False
    for p in data.get("pledges", []):
        if p.get("party") == party and p.get("readiness") is not None and not p.get("in_place"):
            p["in_place"] = True
            changed = True
    return spec_from_data(data, f"{spec.id} with {party} pre-positioned") if changed else None


def _deciding_clause(base: SimulationResult) -> str | None:
    """The clause whose decision the weightiest share of scenarios waits for."""
    weights: dict[str, float] = {}
    for sc in base.design.scenarios.values():
        if sc.clause:
            weights[sc.clause] = weights.get(sc.clause, 0.0) + sc.weight
    return max(weights, key=lambda c: weights[c]) if weights else None


def _deadline(spec: Spec, base: SimulationResult) -> list[Change]:
    cid = _deciding_clause(base)
    if cid is None or cid not in spec.clauses:
        return []
    current = spec.clauses[cid].deadline
    short = parse_duration(SHORT_DEADLINE)
    if current is not None and current.is_numeric and current.duration.approx_days <= short.approx_days:
        return []
    data = spec_to_data(spec)
    data["clauses"][cid]["deadline"] = SHORT_DEADLINE
    was = f"not {current}" if current is not None else "none today"
    label = f"a deadline of 72 hours to decide under {cid} ({was})"
    return [("deadline", label, None, spec_from_data(data, f"{spec.id} with a deadline on {cid}"))]


def _second_provider(spec: Spec, base: SimulationResult) -> list[Change]:
    """A second party offers, on the same terms, the largest pledge of the capability most often short."""
    short: dict[str, float] = {}
    for sid in base.tallies:
        binding = base.binding(sid)
        cap, share = binding.get("capability"), binding.get("short_in_failures")
        if isinstance(cap, str) and isinstance(share, float):
            short[cap] = short.get(cap, 0.0) + base.weights.get(sid, 0.0) * share
    if not short:
        return []
    cap = max(short, key=lambda c: short[c])
    protected = set(expand(spec, spec.protects))
    offers = [p for p in spec.pledges if p.capability == cap and p.party not in protected]
    if not offers:
        return []
    model = max(offers, key=lambda p: p.amount)
    providers = {p.party for p in spec.pledges if p.capability == cap}
    excluded = providers | protected | set(spec.potential_aggressors)
    others = list(dict.fromkeys(p.party for p in spec.pledges if p.party not in excluded))
    if not others:
        return []
    second = max(others, key=lambda q: max(p.reliability or 0.0 for p in spec.pledges if p.party == q))
    data = spec_to_data(spec)
    pledge = dict(data["pledges"][spec.pledges.index(model)])
    pledge.update({"id": f"{model.id or cap}-second-provider", "party": second, "conditions": []})
    data["pledges"].append(pledge)
    what = f"{model.amount:,g} {model.unit}" if model.unit else f"{model.amount:,g}"
    terms = f" ({model.id})" if model.id else ""
    label = f"a second provider: {second} also offers {what} of {cap} on {model.party}'s terms{terms}, unconditionally"
    return [("second-provider", label, second, spec_from_data(data, f"{spec.id} with a second {cap} provider"))]
