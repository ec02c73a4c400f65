"""Which limit binds most: each limit relaxed in turn, the chosen design moved one step at a time in the
directions only that limit forbade, and the best such move scored on the same random numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guarantor.design.candidate import neighbours, violations
from guarantor.design.evaluate import Evaluation
from guarantor.design.search import Searcher
from guarantor.design.space import DesignSpace

__all__ = ["Relaxation", "binding_limits"]


@dataclass(frozen=True)
class Relaxation:
    """What relaxing one limit would buy: the best design one step away that only this limit forbade."""

    limit: str
    gain: float
    p: float
    cost: float
    move: dict[str, Any]

    def to_dict(self) -> dict[str, object]:
        return {"limit": self.limit, "gain": self.gain, "p_success": self.p, "cost": self.cost, "move": self.move}


def binding_limits(searcher: Searcher, chosen: Evaluation, *, extra_budget: int) -> list[Relaxation]:
    """Relaxations ranked by what they buy (most first); limits that block no neighbouring step are left out.
    Uses at most ``extra_budget`` more simulations in all, on the search's seed and trials."""
    space, spec = searcher.space, searcher.spec
    out: list[Relaxation] = []
    left = extra_budget
    for lid in space.limits:
        blocked = [n for n in neighbours(space, chosen.values) if set(violations(space, spec, n)) == {lid}]
        blocked = blocked[: max(0, left)]
        if not blocked:
            continue
        left -= len(blocked)
        relaxed = _without(space, lid).model_dump(mode="json", exclude_none=True)
        jobs = [(relaxed, searcher.spec_data, n, searcher.seed, space.trials) for n in blocked]
        best = max(searcher.run(jobs), key=lambda e: (e.p, -e.cost))
        move = {k: v for k, v in best.values.items() if v != chosen.values[k]}
        out.append(Relaxation(lid, best.p - chosen.p, best.p, best.cost, move))
    return sorted(out, key=lambda r: -r.gain)


def _without(space: DesignSpace, lid: str) -> DesignSpace:
    return space.model_copy(update={"limits": {k: v for k, v in space.limits.items() if k != lid}})
