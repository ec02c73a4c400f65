"""Results of a run: per scenario and over the weighted mix, recorded with (spec hash, scenarios hash, seed).

The JSON shape (``to_dict``) is documented in docs/simulation.md ("Outputs") and kept stable: report and
design build on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from guarantor.display import html_table
from guarantor.simulation.compile import CompiledScenario, Design
from guarantor.simulation.deterrence import deterrence
from guarantor.simulation.kernel import HOLD_DAYS, SHARES, STAGES
from guarantor.simulation.stats import HORIZON_DAYS, Z95, Tally, wilson

__all__ = ["SimulationResult"]


@dataclass
class SimulationResult:
    """What ``simulate`` returns; ``to_dict`` is the ``--json`` output."""

    design: Design
    seed: int
    trials: int
    scenarios_sha256: str
    tallies: dict[str, Tally]
    exact: dict[str, float | None] = field(default_factory=dict)
    criticality: dict[str, dict[str, dict[str, object]]] = field(default_factory=dict)
    binding_party: dict[str, dict[str, object] | None] = field(default_factory=dict)
    band: dict[str, dict[str, float]] = field(default_factory=dict)
    sensitivity: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def p_success(self, scenario: str) -> float:
        t = self.tallies[scenario]
        return t.success / t.n if t.n else 0.0

    @property
    def weights(self) -> dict[str, float]:
        total = sum(sc.weight for sc in self.design.scenarios.values())
        return {sid: sc.weight / total for sid, sc in self.design.scenarios.items()} if total > 0 else {}

    def _mix(self, value: dict[str, float], n: dict[str, int]) -> dict[str, object]:
        """Weighted over the scenario mix; each scenario is a stratum, so the interval is the stratified one."""
        est, var = 0.0, 0.0
        for sid, w in self.weights.items():
            p = value[sid]
            est += w * p
            var += w * w * p * (1 - p) / max(n[sid], 1)
        half = Z95 * math.sqrt(var)
        return {"estimate": est, "ci95": [max(0.0, est - half), min(1.0, est + half)]}

    def overall(self, attr: str) -> dict[str, object]:
        n = {sid: t.n for sid, t in self.tallies.items()}
        return self._mix({sid: getattr(t, attr) / t.n if t.n else 0.0 for sid, t in self.tallies.items()}, n)

    def stage_losses(self, sid: str) -> dict[str, float]:
        """P(the trial fails first at each stage); they add up to 1 - p_success."""
        t = self.tallies[sid]
        return {name: int(t.stages[i + 1]) / t.n if t.n else 0.0 for i, name in enumerate(STAGES)}

    def binding(self, sid: str) -> dict[str, object]:
        """The capability most often short when the response fails, and the party whose certain will would
        help most."""
        t, sc = self.tallies[sid], self.design.scenarios[sid]
        failed = t.n - t.success
        out: dict[str, object] = {"capability": None, "short_in_failures": None}
        if failed and t.short.size:
            j = int(t.short.argmax())
            out = {"capability": sc.capabilities[j], "short_in_failures": int(t.short[j]) / failed}
        out.update(self.binding_party.get(sid) or {"party": None, "gain_if_certain": None})
        return out

    def graded(self, sid: str) -> dict[str, object]:
        t, sc = self.tallies[sid], self.design.scenarios[sid]
        share = {c: float(t.share_sum[j]) / t.n if t.n else 0.0 for j, c in enumerate(sc.capabilities)}
        reach = {
            f"{round(s * 100)}%": {
                "p_by_fait_accompli": t.by_time(sc.fait_accompli, i) / t.n if t.n else 0.0,
                "p_ever": t.by_time(HORIZON_DAYS, i) / t.n if t.n else 0.0,
                "median_days_if_reached": t.median_if_reached(i),
            }
            for i, s in enumerate(SHARES)
        }
        holds = {f"{int(d)}d": t.rate(int(t.holds[i])) for i, d in enumerate(HOLD_DAYS)}
        return {"share_met": share, "reach": reach, "holds": holds}

    def scenario_dict(self, sid: str) -> dict[str, object]:
        t, sc = self.tallies[sid], self.design.scenarios[sid]
        return {
            "weight": sc.weight,
            "clause": sc.clause,
            "matched": sc.reason,
            "decision": sc.decider.kind,
            "body_gates": sc.body_gates,
            "fait_accompli_days": sc.fait_accompli,
            "impossible": _impossible(sc),
            "p_trigger": t.rate(t.triggered),
            "p_decision": t.rate(t.decided),
            "p_success": t.rate(t.success),
            "p_success_exact": self.exact.get(sid),
            "reliability_band": self.band.get(sid),
            "stage_losses": self.stage_losses(sid),
            "binding": self.binding(sid),
            "graded": self.graded(sid),
            "time_to_success_quantiles": t.quantiles(),
            "criticality": self.criticality.get(sid, {}),
        }

    def overall_criticality(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for sid, w in self.weights.items():
            for party, row in self.criticality.get(sid, {}).items():
                acc = out.setdefault(party, {"drop": 0.0, "shapley": 0.0})
                acc["drop"] += w * float(row["drop"])  # type: ignore[arg-type]
                acc["shapley"] += w * float(row["shapley"])  # type: ignore[arg-type]
        return dict(sorted(out.items(), key=lambda kv: -kv[1]["shapley"]))

    def to_json(self) -> dict[str, object]:
        """The ``guarantor simulate --json`` output."""
        return self.to_dict()

    def _repr_html_(self) -> str:
        def shown(count: int, n: int) -> str:
            lo, hi = wilson(count, n)
            return f"{count / n:.3f} [{lo:.3f}, {hi:.3f}]" if n else "-"

        rows = [
            [sid, shown(t.triggered, t.n), shown(t.decided, t.n), shown(t.success, t.n), self.exact.get(sid)]
            for sid, t in self.tallies.items()
        ]
        title = f"{self.design.spec_id}: {self.trials:,} trials per scenario, seed {self.seed}"
        return html_table(title, ["scenario", "P(trigger)", "P(decision)", "P(success)", "exact"], rows)

    def overall_dict(self) -> dict[str, object]:
        w = self.weights
        losses = {name: sum(w[s] * self.stage_losses(s)[name] for s in w) for name in STAGES}
        n = {sid: t.n for sid, t in self.tallies.items()}
        holds = {
            f"{int(d)}d": self._mix({s: int(t.holds[i]) / t.n if t.n else 0.0 for s, t in self.tallies.items()}, n)
            for i, d in enumerate(HOLD_DAYS)
        }
        return {
            "p_trigger": self.overall("triggered"),
            "p_decision": self.overall("decided"),
            "p_success": self.overall("success"),
            "stage_losses": losses,
            "holds": holds,
            "impossible_weight": sum(w[s] for s in w if _impossible(self.design.scenarios[s])),
            "criticality": self.overall_criticality(),
        }

    def deterrence(self) -> dict[str, object]:
        mix: Any = self.overall("success")["estimate"]
        return deterrence({s: self.p_success(s) for s in self.tallies}, float(mix), self.design.params)

    def to_dict(self) -> dict[str, object]:
        d = self.design
        return {
            "spec": d.spec_id,
            "spec_sha256": d.spec_sha256,
            "scenarios_sha256": self.scenarios_sha256,
            "seed": self.seed,
            "trials": self.trials,
            "params": {**d.params.to_dict(), "latent_rho": d.latent_rho},
            "reliability": self.reliabilities(),
            "scenarios": {sid: self.scenario_dict(sid) for sid in self.tallies},
            "overall": self.overall_dict(),
            "deterrence": self.deterrence(),
            "sensitivity": self.sensitivity,
            "notes": self.notes,
        }

    def reliabilities(self) -> list[dict[str, object]]:
        """Each pledge's reliability, whether the spec states it, and the basis of a default."""
        d = self.design
        return [
            {
                "pledge": key,
                "value": float(d.reliability[k]),
                "stated": bool(d.reliability_stated[k]),
                "range": [float(d.reliability_low[k]), float(d.reliability_high[k])],
                "basis": d.reliability_basis[k],
            }
            for k, key in enumerate(d.pledge_keys)
        ]


def _impossible(sc: CompiledScenario) -> list[str]:
    return sc.impossible
