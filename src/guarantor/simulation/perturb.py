"""What-if changes to a compiled design (reforms, in OpenFisca's word): one parameter moved, all else kept."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from guarantor.errors import SimulationError
from guarantor.simulation.compile import Design, LogNormal

__all__ = ["PARAMETER_FORMS", "current_value", "scale_parameter", "set_parameter", "with_reliability"]

PARAMETER_FORMS = (
    "rho",
    "p_vote",
    "decision_median",
    "reliability.<party>",
    "readiness.<party> (median, days)",
)


def set_parameter(design: Design, name: str, value: float) -> Design:
    """``design`` with parameter ``name`` set to ``value`` (see PARAMETER_FORMS)."""
    if name == "rho":
        return replace(design, rho=min(max(value, 0.0), 1.0)).with_latent_rho()
    if name == "p_vote":
        return replace(design, params=replace(design.params, p_vote=min(max(value, 0.0), 1.0)))
    if name == "decision_median":
        return _decision_median(design, value)
    kind, _, party = name.partition(".")
    if kind not in ("reliability", "readiness") or party not in design.parties:
        raise SimulationError(
            f"unknown simulation parameter {name!r}",
            hint="write one of " + ", ".join(PARAMETER_FORMS) + f"; parties: {', '.join(design.parties)}",
        )
    mask = design.pledge_party == design.parties.index(party)
    if kind == "reliability":
        rel = design.reliability.copy()
        rel[mask] = min(max(value, 0.0), 1.0)
        vote = design.vote_reliability.copy()
        vote[design.parties.index(party)] = rel[mask].max(initial=0.0)
        return replace(design, reliability=rel, vote_reliability=vote).with_latent_rho()
    median = design.ready_median.copy()
    median[mask] = max(value, 0.0)
    return replace(design, ready_median=median)


def scale_parameter(design: Design, name: str, factor: float) -> Design:
    """``design`` with parameter ``name`` multiplied by ``factor`` (the sensitivity table's +-10%); a party's
    pledges are each scaled (reliability capped at 1)."""
    kind, _, party = name.partition(".")
    if kind not in ("reliability", "readiness"):
        return set_parameter(design, name, current_value(design, name) * factor)
    mask = design.pledge_party == design.parties.index(party)
    if kind == "readiness":
        median = design.ready_median.copy()
        median[mask] *= factor
        return replace(design, ready_median=median)
    rel = design.reliability.copy()
    rel[mask] = np.minimum(rel[mask] * factor, 1.0)
    vote = design.vote_reliability.copy()
    vote[design.parties.index(party)] = rel[mask].max(initial=0.0)
    return replace(design, reliability=rel, vote_reliability=vote).with_latent_rho()


def with_reliability(design: Design, which: str) -> Design:
    """``design`` with every unstated reliability at the record's ``low`` or ``high`` end (the band)."""
    ends = design.reliability_low if which == "low" else design.reliability_high
    rel = np.where(design.reliability_stated, design.reliability, ends)
    vote = np.array([rel[design.pledge_party == p].max(initial=0.0) for p in range(len(design.parties))])
    return replace(design, reliability=rel, vote_reliability=vote).with_latent_rho()


def current_value(design: Design, name: str) -> float:
    if name == "rho":
        return design.rho
    if name == "p_vote":
        return design.params.p_vote
    if name == "decision_median":
        return design.params.decision_median
    kind, _, party = name.partition(".")
    mask = design.pledge_party == design.parties.index(party)
    values = design.reliability[mask] if kind == "reliability" else design.ready_median[mask]
    return float(np.max(values, initial=0.0))


def _decision_median(design: Design, value: float) -> Design:
    scenarios = {}
    for sid, sc in design.scenarios.items():
        old = sc.decision_delay
        if old.median > 0:
            sigma = old.sigma
            scenarios[sid] = replace(sc, decision_delay=LogNormal(max(value, 0.0), sigma))
        else:
            scenarios[sid] = sc
    params = replace(design.params, decision_median=value)
    return replace(design, scenarios=scenarios, params=params)
