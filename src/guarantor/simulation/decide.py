"""The decision step of a clause: no vote, each party for itself, or a body's vote decided through games."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from guarantor.errors import QuorumNotMetError
from guarantor.games import body_game, is_collective
from guarantor.spec.clauses import Clause
from guarantor.spec.model import Spec
from guarantor.spec.rules import AutomaticRule

__all__ = ["Decider", "build_decider"]

DecisionKind = Literal["automatic", "national", "unilateral", "vote", "blocked"]


@dataclass(frozen=True, slots=True)
class Decider:
    """``kind``: automatic (no vote, no delay), national (no collective decision: each bearer decides), unilateral
    (a body whose rule leaves it to each member), vote (a body's rule, as a simple game over ``voters``), blocked
    (too few members may vote: below the quorum once interested parties are excluded, so it never decides)."""

    kind: DecisionKind
    body: str | None = None
    voters: tuple[str, ...] = ()
    game: Any = None

    def decides(self, votes: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """Which trials the body decides in, given each voter's yes ([trials, voters] bool)."""
        if self.kind == "blocked":
            return np.zeros(votes.shape[0], dtype=bool)
        if self.kind != "vote":
            return np.ones(votes.shape[0], dtype=bool)
        won: NDArray[np.bool_] = np.asarray(self.game.wins_mask(votes), dtype=bool)
        return won


def build_decider(spec: Spec, clause: Clause, excluded: tuple[str, ...] = (), day: Any = None) -> Decider:
    """The decider of ``clause`` on ``day``; ``excluded`` are interested parties a body leaves out."""
    if clause.decision is None:
        return Decider("national")
    body = spec.bodies[clause.decision.body]
    if isinstance(body.rule, AutomaticRule):
        return Decider("automatic", clause.decision.body)
    if not is_collective(body.rule):
        return Decider("unilateral", clause.decision.body)
    try:
        game = body_game(spec, clause.decision.body, day, interested=excluded)
    except QuorumNotMetError:
        return Decider("blocked", clause.decision.body)
    return Decider("vote", clause.decision.body, tuple(game.players), game)
