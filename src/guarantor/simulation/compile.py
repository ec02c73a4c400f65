"""Compile a spec plus scenarios into arrays the kernel runs on (times in days)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from guarantor.errors import SimulationError
from guarantor.semantics import Decider, compile_decider, match_scenario
from guarantor.simulation.calibration import default_reliability, latent_correlation
from guarantor.simulation.conditions import Cond, compile_conditions
from guarantor.simulation.params import SimParams
from guarantor.spec.clauses import Clause
from guarantor.spec.dump import spec_hash
from guarantor.spec.forces import Delay, Pledge, Scenario
from guarantor.spec.model import Spec
from guarantor.spec.query import expand, suspended_towards

__all__ = ["CompiledScenario", "Design", "LogNormal", "compile_design", "lognormal", "probit"]

BoolArray = NDArray[np.bool_]

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


def lognormal(delay: Delay | None, default: LogNormal | None = None) -> LogNormal:
    if delay is None:
        return default or LogNormal()
    median = delay.median.approx_days
    p90 = delay.p90.approx_days if delay.p90 is not None else median
    return LogNormal(median, math.log(p90 / median) / Z90 if median > 0 else 0.0)


@dataclass(frozen=True)
class CompiledScenario:
    """One attack scenario against one design. ``self_mask``: the attacked party's own pledges (no trigger, no
    decision: it defends itself); ``bearer_mask``: pledges of parties bearing a matched response clause."""

    id: str
    weight: float
    fait_accompli: float
    clause: str | None
    reason: str
    gate: bool
    attributed_threshold: float
    detection: LogNormal
    attribution: LogNormal
    threshold_delay: float
    """Days an attack must go on before a 'sustained' threshold is met (0 without one)."""
    body_gates: bool
    decision_delay: LogNormal
    decision_deadline: float
    decider: Decider
    voter_index: NDArray[np.intp]
    self_mask: BoolArray
    bearer_mask: BoolArray
    capabilities: tuple[str, ...]
    pledge_cap: NDArray[np.intp]
    requirement: FloatArray
    capacity: FloatArray
    """Per required capability: the most the attacked party and the bearers could bring together (every pledge
    when the attack triggers nothing: then the trigger, not the pledges, is what fails)."""
    amounts: FloatArray
    """The design's pledged amounts (for capacity checks)."""

    @property
    def matched(self) -> bool:
        return self.clause is not None

    @property
    def active(self) -> BoolArray:
        out: BoolArray = self.self_mask | self.bearer_mask
        return out

    @property
    def impossible(self) -> list[str]:
        """Why no trial can succeed, by construction (empty when some can)."""
        out = [
            f"requires {need:g} {cap} but at most {have:g} is pledged by those who would act"
            for cap, need, have in zip(self.capabilities, self.requirement, self.capacity, strict=True)
            if have < need
        ]
        own = self.capacity_of(self.self_mask)
        if not self.matched and any(o < r for o, r in zip(own, self.requirement, strict=True)):
            out.append(f"never triggers the guarantee ({self.reason}) and the attacked party alone falls short")
        return out

    def capacity_of(self, mask: BoolArray) -> list[float]:
        return [float(self.amounts[(self.pledge_cap == j) & mask].sum()) for j in range(len(self.capabilities))]


@dataclass(frozen=True)
class Design:
    """A spec compiled for simulation: parties, pledges as arrays, scenarios. Times in days."""

    spec_id: str
    spec_sha256: str
    parties: tuple[str, ...]
    pledge_party: NDArray[np.intp]
    pledge_capability: tuple[str, ...]
    amount: FloatArray
    reliability: FloatArray
    reliability_low: FloatArray
    reliability_high: FloatArray
    reliability_stated: BoolArray
    reliability_basis: tuple[str, ...]
    ready_median: FloatArray
    ready_sigma: FloatArray
    in_place: BoolArray
    sustain_median: FloatArray
    sustain_sigma: FloatArray
    decide_median: FloatArray
    decide_sigma: FloatArray
    pledge_keys: tuple[str, ...]
    pending_ratification: tuple[str, ...]
    conditions: tuple[Cond | None, ...]
    vote_reliability: FloatArray
    rho: float
    latent_rho: float
    params: SimParams
    scenarios: dict[str, CompiledScenario] = field(default_factory=dict)

    @property
    def act_threshold(self) -> FloatArray:
        return np.array([probit(r) for r in self.reliability], dtype=np.float64)

    @property
    def vote_threshold(self) -> FloatArray:
        return np.array([probit(max(self.params.p_vote, r)) for r in self.vote_reliability], dtype=np.float64)

    @property
    def decide_keys(self) -> tuple[str, ...]:
        """Parties whose own decision delay is random: they draw a stream ``decide/<party>``."""
        return tuple(f"decide/{p}" for p, s in zip(self.parties, self.decide_sigma, strict=True) if s > 0)

    @property
    def sustain_keys(self) -> tuple[str, ...]:
        """Pledges kept for a limited time: they draw a stream ``sustain/<pledge key>``."""
        return tuple(f"sustain/{k}" for k, m in zip(self.pledge_keys, self.sustain_median, strict=True) if m < math.inf)

    def with_latent_rho(self) -> Design:
        """This design with the copula's latent correlation solved from ``rho`` (after a what-if change)."""
        return replace(self, latent_rho=_latent(self))


MAX_PLEDGES = 2000
"""More pledges than this are refused: one random block then needs over 100 MB per array."""


def compile_design(spec: Spec, scenarios: dict[str, Scenario], params: SimParams) -> Design:
    """Arrays for the kernel. Pledges keep spec order; stream keys name what they draw for (CRN across designs)."""
    if len(spec.pledges) > MAX_PLEDGES:
        raise SimulationError(
            f"{spec.id} has {len(spec.pledges)} pledges; the simulation takes at most {MAX_PLEDGES}",
            hint="merge pledges of one party and capability into one amount",
        )
    voters = _all_voters(spec, scenarios, params)
    parties = list(dict.fromkeys([*(p.party for p in spec.pledges), *voters]))
    keys: list[str] = []
    for pledge in spec.pledges:
        stem = f"ready/{pledge.party}/{pledge.capability}"
        keys.append(f"{stem}/{sum(k.startswith(stem + '/') for k in keys)}")
    readiness = [lognormal(p.readiness) for p in spec.pledges]
    sustain = [lognormal(p.sustain, LogNormal(math.inf)) for p in spec.pledges]
    rel = [default_reliability(spec, p) for p in spec.pledges]
    party_rel = {
        p: max((r.value for q, r in zip(spec.pledges, rel, strict=True) if q.party == p), default=0.0) for p in parties
    }
    decide = [_party_decision(spec, p, params) for p in parties]
    design = Design(
        spec_id=spec.id,
        spec_sha256=spec_hash(spec),
        parties=tuple(parties),
        pledge_party=np.array([parties.index(p.party) for p in spec.pledges], dtype=np.intp),
        pledge_capability=tuple(p.capability for p in spec.pledges),
        amount=np.array([p.amount for p in spec.pledges], dtype=np.float64),
        reliability=_floats(r.value for r in rel),
        reliability_low=_floats(r.low for r in rel),
        reliability_high=_floats(r.high for r in rel),
        reliability_stated=np.array([r.stated for r in rel], dtype=bool),
        reliability_basis=tuple(r.basis for r in rel),
        ready_median=_floats(r.median for r in readiness),
        ready_sigma=_floats(r.sigma for r in readiness),
        in_place=np.array([_in_place(p) for p in spec.pledges], dtype=bool),
        sustain_median=_floats(s.median for s in sustain),
        sustain_sigma=_floats(s.sigma for s in sustain),
        decide_median=_floats(d.median for d in decide),
        decide_sigma=_floats(d.sigma for d in decide),
        pledge_keys=tuple(keys),
        pending_ratification=_pending(spec),
        conditions=tuple(compile_conditions(spec, p.conditions, parties, params.day) for p in spec.pledges),
        vote_reliability=_floats(party_rel[p] for p in parties),
        rho=min(max(params.rho, 0.0), 1.0),
        latent_rho=0.0,
        params=params,
    )
    for sid, scenario in scenarios.items():
        design.scenarios[sid] = _scenario(spec, design, sid, scenario, params)
    return design.with_latent_rho()


CALIBRATION_P = 0.5
"""The reliability at which the latent correlation is calibrated (reliability.md 6A: central p0 0.50)."""


def _pending(spec: Spec) -> tuple[str, ...]:
    eif = spec.entry_into_force
    return tuple(
        f"{r.party}" + (f" ({r.by})" if r.by else "")
        for r in (eif.ratification if eif else [])
        if r.status == "pending"
    )


def _floats(values: Iterable[float]) -> FloatArray:
    return np.fromiter(values, dtype=np.float64)


def _in_place(pledge: Pledge) -> bool:
    return pledge.in_place if pledge.in_place is not None else pledge.readiness is None


def _party_decision(spec: Spec, party: str, params: SimParams) -> LogNormal:
    """A party's own decision delay: the first of its pledges that states one, else an executive decision."""
    for pledge in spec.pledges:
        if pledge.party == party and pledge.decision is not None:
            return lognormal(pledge.decision)
    return LogNormal(params.executive_decision)


def _latent(design: Design) -> float:
    """Latent correlation for the guarantors (pledging parties never attacked in the scenarios), calibrated at
    the record's central reliability 0.5 so that adding a pledge to a party never changes it."""
    attacked = np.zeros(len(design.pledge_keys), dtype=bool)
    for sc in design.scenarios.values():
        attacked |= sc.self_mask
    others = np.flatnonzero(~attacked)
    if others.size == 0:
        return design.rho
    n = len({int(design.pledge_party[k]) for k in others})
    return latent_correlation(design.rho, CALIBRATION_P, n)


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


def body_gates(clause: Clause | None, decider: Decider) -> bool:
    """Does the body's decision gate the response? Only a collective obligation waits for it: where each bearer
    acts individually ("such action as it deems necessary"), the body classifies the case and each party
    decides for itself."""
    if clause is None or not decider.collective:
        return False
    return any(not o.individual for o in clause.obligations)


def _scenario(spec: Spec, design: Design, sid: str, scenario: Scenario, params: SimParams) -> CompiledScenario:
    match = match_scenario(spec, scenario, params.day)
    clause = spec.clauses[match.clause] if match.clause else None
    decider = _decider(spec, match.clause, scenario, params)
    gate = bool(clause and clause.trigger and clause.trigger.attribution and clause.trigger.attribution.required)
    deadline = clause.deadline if clause else None
    capabilities = tuple(scenario.requires)
    cap_index = {c: i for i, c in enumerate(capabilities)}
    own = _self_defence_mask(spec, design, scenario)
    bearers = (
        np.logical_or.reduce(
            [np.zeros(len(design.pledge_keys), dtype=bool)]
            + [
                _bearer_mask(spec, design, c, scenario.against, params.day)
                for c in [clause, *(spec.clauses[a] for a in match.also)]
            ]
        )
        & ~own
    )
    pledge_cap = np.array([cap_index.get(c, -1) for c in design.pledge_capability], dtype=np.intp)
    possible = own | bearers if clause else np.ones(len(design.pledge_keys), dtype=bool)
    capacity = _floats(float(design.amount[(pledge_cap == j) & possible].sum()) for j in range(len(capabilities)))
    gates = body_gates(clause, decider)
    return CompiledScenario(
        id=sid,
        weight=scenario.weight,
        fait_accompli=scenario.fait_accompli.approx_days,
        clause=match.clause,
        reason=match.reason,
        gate=gate,
        attributed_threshold=probit(scenario.p_attributed) if gate else math.inf,
        threshold_delay=_threshold_delay(clause),
        detection=lognormal(scenario.detection),
        attribution=lognormal(scenario.attribution) if gate else LogNormal(),
        body_gates=gates,
        decision_delay=_decision_delay(params) if gates else LogNormal(),
        decision_deadline=deadline.duration.approx_days if deadline and deadline.is_numeric else math.inf,
        decider=decider,
        voter_index=np.array([design.parties.index(v) for v in _voters(decider)], dtype=np.intp),
        self_mask=own,
        bearer_mask=bearers,
        capabilities=capabilities,
        pledge_cap=pledge_cap,
        requirement=_floats(scenario.requires[c] for c in capabilities),
        capacity=capacity,
        amounts=design.amount,
    )


def _threshold_delay(clause: Clause | None) -> float:
    threshold = clause.trigger.threshold if clause and clause.trigger else None
    return threshold.sustained.approx_days if threshold and threshold.sustained else 0.0


def _decision_delay(params: SimParams) -> LogNormal:
    median, p90 = params.decision_median, max(params.decision_p90, params.decision_median)
    return LogNormal(median, math.log(p90 / median) / Z90 if median > 0 else 0.0)


def _self_defence_mask(spec: Spec, design: Design, scenario: Scenario) -> BoolArray:
    """The attacked party's own pledges: it defends itself whatever the guarantee's clauses say (UN Art 51)."""
    attacked = {scenario.against} if scenario.against else set(expand(spec, spec.protects))
    return np.array([design.parties[i] in attacked for i in design.pledge_party], dtype=bool)


def _bearer_mask(spec: Spec, design: Design, clause: Clause | None, victim: str | None, day: date | None) -> BoolArray:
    """Pledges whose party bears an obligation of the matched clause (every pledge when no bearer is named),
    less those of a party whose obligations towards the victim are suspended on ``day`` (``suspended_towards``:
    the United States towards New Zealand under ANZUS from 1986)."""
    n = len(design.pledge_keys)
    if clause is None:
        return np.zeros(n, dtype=bool)
    named = [o.bearer for o in clause.obligations if o.bearer is not None]
    if named:
        bearers: set[str] = set()
        for value in named:
            bearers.update(expand(spec, value))
        mask = np.array([design.parties[i] in bearers for i in design.pledge_party], dtype=bool)
    else:
        mask = np.ones(n, dtype=bool)
    held = {p for p in design.parties if suspended_towards(spec, p, victim, day)}
    if held:
        mask &= np.array([design.parties[i] not in held for i in design.pledge_party], dtype=bool)
    return mask
