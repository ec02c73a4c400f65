"""Simulation parameters that the spec does not state, each with its default and the fact it comes from.

Every default is a judgement on the calibration facts in ``reference/readiness.md`` and
``reference/reliability.md`` (see docs/simulation.md); a run records the values it used.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date

from guarantor.errors import SimulationError

__all__ = ["BASIS", "SimParams"]


@dataclass(frozen=True, slots=True)
class SimParams:
    """Parameters of one simulation run (times in days)."""

    rho: float = 0.7
    """Pairwise correlation of the parties' acts (the record's beta-binomial figure); the copula's latent
    correlation is solved from it so that joint failure matches (see calibration.py)."""
    p_vote: float = 0.9
    """Probability that a member of a deciding body votes yes, before its own reliability is considered (used
    only where the body's decision gates the response)."""
    decision_median: float = 2.0
    decision_p90: float = 14.0
    """Trigger -> decision of a body that gates the response (log-normal)."""
    executive_decision: float = 0.25
    """A party's own decision when its pledge states none: an executive decision within hours (days)."""
    resolve_low: float = 0.2
    resolve_high: float = 0.8
    """The attacker's resolve: it is deterred when the chance of a sufficient response on its best option
    exceeds its resolve, drawn uniformly between these bounds (deterrence layer)."""
    block: int = 1 << 14
    """Trials per random block: the unit of the random streams; results do not depend on ``chunk``."""
    chunk: int = 1 << 17
    """Trials evaluated at once (rounded up to whole blocks): bounds memory, never changes results."""
    antithetic: bool = False
    """Pair every block with its mirror image (z, -z; u, 1-u): variance reduction for monotone outputs."""
    criticality_trials: int = 20_000
    """Trials per scenario for party criticality and Shapley values (common random numbers)."""
    sensitivity_trials: int = 20_000
    """Trials per scenario for the sensitivity table (common random numbers)."""
    day: date | None = None
    """The date on which body membership is read (None: every party)."""

    def validate(self) -> SimParams:
        """Refuse a value outside its range, naming it (exit 2 before any work starts)."""
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise SimulationError(
                    f"parameter {name} must be a number in [{low:.10g}, {high:.10g}], got {value!r}",
                    hint=f"give {name} a number from {low:.10g} to {high:.10g}",
                )
            if not math.isfinite(value) or not low <= value <= high:
                raise SimulationError(
                    f"parameter {name} = {value} is outside [{low:.10g}, {high:.10g}]",
                    hint=f"give {name} a number from {low:.10g} to {high:.10g}",
                )
        for name in ("block", "chunk", "criticality_trials", "sensitivity_trials"):
            if not isinstance(getattr(self, name), int):
                raise SimulationError(
                    f"parameter {name} must be a whole number, got {getattr(self, name)!r}", hint="drop the decimals"
                )
        if self.resolve_low > self.resolve_high:
            raise SimulationError(
                f"resolve_low {self.resolve_low} is above resolve_high {self.resolve_high}", hint="give low <= high"
            )
        return self

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["day"] = self.day.isoformat() if self.day else None
        return out


_RANGES: dict[str, tuple[float, float]] = {
    "rho": (0, 1),
    "p_vote": (0, 1),
    "decision_median": (0, 3650),
    "decision_p90": (0, 3650),
    "executive_decision": (0, 3650),
    "resolve_low": (0, 1),
    "resolve_high": (0, 1),
    "block": (1, 1 << 16),
    "chunk": (1, 1 << 24),
    "criticality_trials": (0, 10_000_000),
    "sensitivity_trials": (0, 10_000_000),
}

BASIS: dict[str, str] = {
    "rho": (
        "reliability.md 6.C: within one guarantee all guarantors face the same casus foederis; default pairwise "
        "0.7 between acts, range 0.4-0.9 (only 2/30 multilateral invocations had mixed member behaviour); the "
        "latent correlation is solved so that P(all guarantors fail) equals the beta-binomial value"
    ),
    "p_vote": (
        "readiness.md 6: consensus case with mix weight 0.7-0.8 against a contested case 0.2-0.3; Art. 5 "
        "invoked in under 24 h in 2001"
    ),
    "decision_median": "readiness.md, suggested defaults: alliance political decision, consensus case, m = 2 d",
    "decision_p90": "readiness.md, suggested defaults: alliance political decision, consensus case, p90 = 14 d",
    "executive_decision": (
        "readiness.md, suggested defaults: executive-led states (UK, FR, US) decide in 0-1 d (point mass at 0 "
        "with p 0.7): a fixed 6 hours"
    ),
    "resolve_low": (
        "a judgement: reliability.md 3 gives the direction (capable, credible defence pacts deter: Johnson, Leeds "
        "& Wu 2015; a local capability to deny a quick victory matters: Huth 1988) but no magnitude"
    ),
    "resolve_high": "as resolve_low",
    "block": "a fixed unit of randomness so that chunking never changes results",
    "chunk": "memory bound: about 100 bytes per trial and party",
    "antithetic": "off by default: it helps for monotone outputs only (see `guarantor docs performance`)",
    "criticality_trials": "enough for a +-0.01 drop at p = 0.5 with common random numbers",
    "sensitivity_trials": "as for criticality",
    "day": "membership on a date: body_members(spec, body, day)",
}
