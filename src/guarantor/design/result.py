"""What ``guarantor design`` returns: every scored design, the front, the recommended design with its role
table per party, the limits that bind, and the recommended design as a spec file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from guarantor.design.binding import Relaxation
from guarantor.design.evaluate import Evaluation
from guarantor.design.front import hypervolume, pareto_front
from guarantor.spec.dump import spec_hash, spec_to_yaml
from guarantor.spec.model import Spec

__all__ = ["SCHEMA_VERSION", "DesignResult", "role_table"]

SCHEMA_VERSION = 1
"""The version of ``to_dict``'s layout: readers of a saved result (``report --design``) refuse any other."""


@dataclass
class DesignResult:
    """The outcome of one search; ``to_dict`` is the ``--json`` output (documented in docs/design.md)."""

    spec_id: str
    spec_sha256: str
    method: str
    budget: int
    seed: int
    trials: int
    objective: str
    target: float | None
    evaluations: list[Evaluation]
    chosen: Evaluation | None
    chosen_spec: Spec | None
    why_chosen: str
    binding: list[Relaxation] = field(default_factory=list)
    skipped_infeasible: int = 0
    notes: list[str] = field(default_factory=list)
    source_sha256: str = ""
    """The SHA-256 of the spec as it was given, before any posture (``spec_sha256`` is after it)."""
    posture: str | None = None

    @property
    def front(self) -> list[Evaluation]:
        return pareto_front(self.evaluations)

    @property
    def max_cost(self) -> float:
        return max((e.cost for e in self.evaluations), default=0.0)

    def hypervolume(self, max_cost: float | None = None) -> float:
        return hypervolume(self.evaluations, self.max_cost if max_cost is None else max_cost)

    def roles(self) -> list[dict[str, object]]:
        return role_table(self.chosen_spec) if self.chosen_spec is not None else []

    def spec_yaml(self) -> str:
        if self.chosen_spec is None:
            return ""
        head = (
            f"# Chosen by 'guarantor design' from {self.spec_id} (sha256 {self.spec_sha256[:12]}): {self.why_chosen}\n"
            f"# method {self.method}, {len(self.evaluations)} designs simulated, seed {self.seed}, "
            f"{self.trials} trials each.\n"
        )
        return head + spec_to_yaml(self.chosen_spec)

    def to_dict(self) -> dict[str, object]:
        return {
            "schema_version": SCHEMA_VERSION,
            "spec": self.spec_id,
            "spec_sha256": self.spec_sha256,
            "source_spec_sha256": self.source_sha256,
            "posture": self.posture,
            "method": self.method,
            "budget": self.budget,
            "simulated": len(self.evaluations),
            "skipped_infeasible": self.skipped_infeasible,
            "seed": self.seed,
            "trials": self.trials,
            "objective": {"kind": self.objective, "target": self.target},
            "chosen": self.chosen.to_dict() if self.chosen else None,
            "why_chosen": self.why_chosen,
            "chosen_spec_sha256": spec_hash(self.chosen_spec) if self.chosen_spec else None,
            "roles": self.roles(),
            "binding_limits": [r.to_dict() for r in self.binding],
            "front": [e.to_dict() for e in self.front],
            "hypervolume": self.hypervolume(),
            "evaluations": [e.to_dict() for e in self.evaluations],
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, default=str)


def role_table(spec: Spec) -> list[dict[str, object]]:
    """One row per party: its roles in the spec and what it pledges (amount, capability, domain, where, and
    whether it is in place or how fast it arrives)."""
    rows: list[dict[str, object]] = []
    for party in spec.parties:
        pledges = [_pledge_row(p) for p in spec.pledges if p.party == party.id]
        roles = list(getattr(party, "roles", []) or [])
        rows.append({"party": party.id, "name": getattr(party, "name", None), "roles": roles, "pledges": pledges})
    return rows


def _pledge_row(p: Any) -> dict[str, object]:
    in_place = p.in_place if p.in_place is not None else p.readiness is None
    arrival = "in place" if in_place else (f"arrives in {p.readiness.median}" if p.readiness else "")
    return {
        "id": p.id,
        "capability": p.capability,
        "amount": p.amount,
        "unit": p.unit,
        "domain": p.domain,
        "where": p.where,
        "arrival": arrival,
        "reliability": p.reliability,
    }
