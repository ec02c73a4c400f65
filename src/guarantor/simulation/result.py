"""Results of a run: per scenario and over the weighted mix, recorded with (spec hash, scenarios hash, seed)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from guarantor.display import html_table
from guarantor.simulation.compile import Design
from guarantor.simulation.stats import Z95, Tally, wilson

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
    sensitivity: list[dict[str, object]] = field(default_factory=list)

    def p_success(self, scenario: str) -> float:
        t = self.tallies[scenario]
        return t.success / t.n if t.n else 0.0

    @property
    def weights(self) -> dict[str, float]:
        total = sum(sc.weight for sc in self.design.scenarios.values())
        return {sid: sc.weight / total for sid, sc in self.design.scenarios.items()} if total > 0 else {}

    def overall(self, attr: str) -> dict[str, object]:
        """Weighted over the scenario mix; each scenario is a stratum of ``trials`` trials, so the interval is
        the stratified normal one."""
        est, var = 0.0, 0.0
        for sid, w in self.weights.items():
            t = self.tallies[sid]
            p = getattr(t, attr) / t.n if t.n else 0.0
            est += w * p
            var += w * w * p * (1 - p) / max(t.n, 1)
        half = Z95 * math.sqrt(var)
        return {"estimate": est, "ci95": [max(0.0, est - half), min(1.0, est + half)]}

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

    def to_dict(self) -> dict[str, object]:
        d = self.design
        scenarios: dict[str, object] = {}
        for sid, t in self.tallies.items():
            sc = d.scenarios[sid]
            scenarios[sid] = {
                "weight": sc.weight,
                "clause": sc.clause,
                "matched": sc.reason,
                "decision": sc.decider.kind,
                "fait_accompli_days": sc.fait_accompli,
                "p_trigger": t.rate(t.triggered),
                "p_decision": t.rate(t.decided),
                "p_success": t.rate(t.success),
                "p_success_exact": self.exact.get(sid),
                "time_to_success_quantiles": t.quantiles(),
                "criticality": self.criticality.get(sid, {}),
            }
        return {
            "spec": d.spec_id,
            "spec_sha256": d.spec_sha256,
            "scenarios_sha256": self.scenarios_sha256,
            "seed": self.seed,
            "trials": self.trials,
            "params": d.params.to_dict(),
            "scenarios": scenarios,
            "overall": {
                "p_trigger": self.overall("triggered"),
                "p_decision": self.overall("decided"),
                "p_success": self.overall("success"),
                "criticality": self.overall_criticality(),
            },
            "sensitivity": self.sensitivity,
        }
