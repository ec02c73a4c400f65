"""Pledge conditions compiled into vectorised tests over "which parties take part" ([trials, parties] bool).

Only ``participates`` depends on the run. Events (``{event: ceasefire}``, ``held_for``) are taken as having
happened, since a simulation runs in the world where the guarantee is in force; ``after`` compares with the
run's date (None: holds). Named conditions are looked up in the spec's ``conditions`` table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from guarantor.errors import SimulationError
from guarantor.spec.conditions import Condition
from guarantor.spec.model import Spec

__all__ = ["Cond", "compile_conditions"]

BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Cond:
    """A compiled condition: ``op`` in const, participates, not, all, any."""

    op: str
    value: bool = True
    party: int = -1
    args: tuple[Cond, ...] = ()

    def evaluate(self, participating: BoolArray) -> BoolArray:
        n = participating.shape[0]
        if self.op == "const":
            return np.full(n, self.value)
        if self.op == "participates":
            return participating[:, self.party]
        if self.op == "not":
            return ~self.args[0].evaluate(participating)
        parts = [a.evaluate(participating) for a in self.args]
        if self.op == "all":
            return np.logical_and.reduce(parts) if parts else np.ones(n, dtype=bool)
        return np.logical_or.reduce(parts) if parts else np.zeros(n, dtype=bool)

    @property
    def parties(self) -> set[int]:
        own = {self.party} if self.op == "participates" else set()
        return own.union(*(a.parties for a in self.args))


def compile_conditions(spec: Spec, conditions: list[Condition], parties: list[str], day: date | None) -> Cond | None:
    """All of ``conditions`` as one compiled test (None when there are none)."""
    if not conditions:
        return None
    return Cond("all", args=tuple(_one(spec, c, parties, day, ()) for c in conditions))


def _one(spec: Spec, cond: Condition, parties: list[str], day: date | None, seen: tuple[str, ...]) -> Cond:
    if cond.participates is not None:
        if cond.participates not in parties:
            return Cond("const", value=False)  # a party that pledges nothing never takes part
        return Cond("participates", party=parties.index(cond.participates))
    if cond.not_ is not None:
        return Cond("not", args=(_one(spec, cond.not_, parties, day, seen),))
    if cond.all is not None:
        return Cond("all", args=tuple(_one(spec, c, parties, day, seen) for c in cond.all))
    if cond.any is not None:
        return Cond("any", args=tuple(_one(spec, c, parties, day, seen) for c in cond.any))
    if cond.after is not None:
        return Cond("const", value=day is None or day >= cond.after)
    if cond.ref is not None:
        if cond.ref in seen or cond.ref not in spec.conditions:
            raise SimulationError(
                f"condition '{cond.ref}' is {'circular' if cond.ref in seen else 'not defined'}",
                hint="define it once in the spec's 'conditions' table",
            )
        return _one(spec, spec.conditions[cond.ref], parties, day, (*seen, cond.ref))
    return Cond("const", value=True)  # event and held_for: the guarantee is in force
