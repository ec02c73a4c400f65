"""Compile a spec plus scenarios into arrays the kernel runs on (times in days)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from guarantor.semantics import Decider, compile_decider, match_scenario
from guarantor.simulation.conditions import Cond, compile_conditions
from guarantor.simulation.params import SimParams
from guarantor.spec.clauses import Clause
from guarantor.spec.dump import spec_hash
from guarantor.spec.forces import Delay, Scenario
from guarantor.spec.model import Spec
from guarantor.spec.query import expand

__all__ = ["CompiledScenario", "Design", "LogNormal", "compile_design", "lognormal", "probit"]

Z90 = NormalDist().inv_cdf(0.9)  # 1.2816: sigma = ln(p90 / median) / Z90
FloatArray = NDArray[np.float64]


def probit(p: float) -> float:
    """Phi^-1(p), with 0 and 1 mapped to -inf and +inf (never and always)."""
    if p <= 0:
        return -math.inf
    if p >= 1:
        return math.inf
    return NormalDist().inv_cdf(p)


@dataclass(frozen=True, slots=True)
class LogNormal:
    """A log-normal delay in days from its median and spread; sigma 0 is a fixed delay."""

    median: float = 0.0
    sigma: float = 0.0

    def sample(self, z: FloatArray) -> FloatArray:
        if self.median <= 0:
            return np.zeros_like(z)
        if self.sigma == 0:
            return np.full_like(z, self.median)
        out: FloatArray = self.median * np.exp(self.sigma * z)
        return out


def lognormal(delay: Delay | None) -> LogNormal:
    if delay is None:
        return LogNormal()
    median = delay.median.approx_days
    p90 = delay.p90.approx_days if delay.p90 is not None else median
    return LogNormal(median, math.log(p90 / median) / Z90 if median > 0 else 0.0)


@dataclass(frozen=True)
class CompiledScenario:
    """One attack scenario against one design."""

    id: str
    weight: float
    fait_accompli: float
    clause: str | None
    reason: str
    gate: bool
    attributed_threshold: float
    detection: LogNormal
    attribution: LogNormal
    decision_delay: LogNormal
    decision_deadline: float
    decider: Decider
    voter_index: NDArray[np.intp]
    active: NDArray[np.bool_]
    capabilities: tuple[str, ...]
    pledge_cap: NDArray[np.intp]
    requirement: FloatArray

    @property
    def matched(self) -> bool:
        return self.clause is not None


@dataclass(frozen=True)
class Design:
    """A spec compiled for simulation: parties, pledges as arrays, scenarios."""

    spec_id: str
    spec_sha256: str
    parties: tuple[str, ...]
    pledge_party: NDArray[np.intp]
    pledge_capability: tuple[str, ...]
    amount: FloatArray
    reliability: FloatArray
    ready_median: FloatArray
    ready_sigma: FloatArray
    pledge_keys: tuple[str, ...]
    conditions: tuple[Cond | None, ...]
    vote_reliability: FloatArray
    rho: float
    params: SimParams
    scenarios: dict[str, CompiledScenario] = field(default_factory=dict)

    @property
    def act_threshold(self) -> FloatArray:
        return np.array([probit(r) for r in self.reliability], dtype=np.float64)

    @property
    def vote_threshold(self) -> FloatArray:
        return np.array([probit(max(self.params.p_vote, r)) for r in self.vote_reliability], dtype=np.float64)


def compile_design(spec: Spec, scenarios: dict[str, Scenario], params: SimParams) -> Design:
    """Arrays for the kernel. Pledges keep spec order; stream keys name what they draw for (CRN across designs)."""
    voters = _all_voters(spec, scenarios, params)
    parties = list(dict.fromkeys([*(p.party for p in spec.pledges), *voters]))
    keys: list[str] = []
    for pledge in spec.pledges:
        stem = f"ready/{pledge.party}/{pledge.capability}"
        keys.append(f"{stem}/{sum(k.startswith(stem + '/') for k in keys)}")
    readiness = [lognormal(p.readiness) for p in spec.pledges]
    party_rel = {p: max((q.reliability for q in spec.pledges if q.party == p), default=0.0) for p in parties}
    design = Design(
        spec_id=spec.id,
        spec_sha256=spec_hash(spec),
        parties=tuple(parties),
        pledge_party=np.array([parties.index(p.party) for p in spec.pledges], dtype=np.intp),
        pledge_capability=tuple(p.capability for p in spec.pledges),
        amount=np.array([p.amount for p in spec.pledges], dtype=np.float64),
        reliability=np.array([p.reliability for p in spec.pledges], dtype=np.float64),
        ready_median=np.array([r.median for r in readiness], dtype=np.float64),
        ready_sigma=np.array([r.sigma for r in readiness], dtype=np.float64),
        pledge_keys=tuple(keys),
        conditions=tuple(compile_conditions(spec, p.conditions, parties, params.day) for p in spec.pledges),
        vote_reliability=np.array([party_rel[p] for p in parties], dtype=np.float64),
        rho=params.rho,
        params=params,
    )
    for sid, scenario in scenarios.items():
        design.scenarios[sid] = _scenario(spec, design, sid, scenario, params)
    return design


def _all_voters(spec: Spec, scenarios: dict[str, Scenario], params: SimParams) -> list[str]:
    out: list[str] = []
    for scenario in scenarios.values():
        match = match_scenario(spec, scenario, params.day)
        if match.clause is not None:
            out += _voters(_decider(spec, match.clause, scenario, params))
    return out


def _voters(decider: Decider) -> tuple[str, ...]:
    """Those whose votes the kernel draws: only a body's vote needs them."""
    return decider.voters if decider.kind == "vote" else ()


def _decider(spec: Spec, clause_id: str | None, scenario: Scenario, params: SimParams) -> Decider:
    if clause_id is None:
        return Decider("national")
    by = (scenario.by,) if scenario.by else ()
    return compile_decider(spec, clause_id, day=params.day, against=scenario.against, by=by)


def _scenario(spec: Spec, design: Design, sid: str, scenario: Scenario, params: SimParams) -> CompiledScenario:
    match = match_scenario(spec, scenario, params.day)
    clause = spec.clauses[match.clause] if match.clause else None
    decider = _decider(spec, match.clause, scenario, params)
    gate = bool(clause and clause.trigger and clause.trigger.attribution and clause.trigger.attribution.required)
    deadline = clause.deadline if clause else None
    capabilities = tuple(scenario.requires)
    cap_index = {c: i for i, c in enumerate(capabilities)}
    return CompiledScenario(
        id=sid,
        weight=scenario.weight,
        fait_accompli=scenario.fait_accompli.approx_days,
        clause=match.clause,
        reason=match.reason,
        gate=gate,
        attributed_threshold=probit(scenario.p_attributed) if gate else math.inf,
        detection=lognormal(scenario.detection),
        attribution=lognormal(scenario.attribution) if gate else LogNormal(),
        decision_delay=_decision_delay(decider, params),
        decision_deadline=deadline.duration.approx_days if deadline and deadline.is_numeric else math.inf,
        decider=decider,
        voter_index=np.array([design.parties.index(v) for v in _voters(decider)], dtype=np.intp),
        active=np.logical_or.reduce(
            [
                _self_defence_mask(spec, design, scenario),
                *(_bearer_mask(spec, design, c) for c in [clause, *(spec.clauses[a] for a in match.also)]),
            ]
        ),
        capabilities=capabilities,
        pledge_cap=np.array([cap_index.get(c, -1) for c in design.pledge_capability], dtype=np.intp),
        requirement=np.array([scenario.requires[c] for c in capabilities], dtype=np.float64),
    )


def _decision_delay(decider: Decider, params: SimParams) -> LogNormal:
    if decider.kind == "automatic":
        return LogNormal()
    median, p90 = params.decision_median, max(params.decision_p90, params.decision_median)
    return LogNormal(median, math.log(p90 / median) / Z90 if median > 0 else 0.0)


def _self_defence_mask(spec: Spec, design: Design, scenario: Scenario) -> NDArray[np.bool_]:
    """The attacked party's own pledges: it defends itself whatever the guarantee's clauses say (UN Art 51)."""
    attacked = {scenario.against} if scenario.against else set(expand(spec, spec.protects))
    return np.array([design.parties[i] in attacked for i in design.pledge_party], dtype=bool)


def _bearer_mask(spec: Spec, design: Design, clause: Clause | None) -> NDArray[np.bool_]:
    """Pledges whose party bears an obligation of the matched clause (every pledge when no bearer is named)."""
    n = len(design.pledge_keys)
    if clause is None:
        return np.zeros(n, dtype=bool)
    named = [o.bearer for o in clause.obligations if o.bearer is not None]
    if not named:
        return np.ones(n, dtype=bool)
    bearers: set[str] = set()
    for value in named:
        bearers.update(expand(spec, value))
    return np.array([design.parties[i] in bearers for i in design.pledge_party], dtype=bool)
