"""The runtime's one door to decision rules: ``guarantor.games`` answers "did this body decide?"."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from guarantor import games
from guarantor.games import SimpleGame, is_collective
from guarantor.spec import Spec

__all__ = ["BodyVote", "body_game"]


@dataclass(frozen=True, slots=True)
class BodyVote:
    """The members voting on a date and the outcome for a set of those in favour."""

    players: tuple[str, ...]
    game: SimpleGame | None  # None for a unilateral rule: each member decides for itself

    def wins(self, coalition: Collection[str]) -> bool:
        if self.game is None:
            return bool(set(coalition) & set(self.players))
        return self.game.wins([p for p in coalition if p in self.players])


def body_game(spec: Spec, body_id: str, members: Sequence[str], *, excluded: Collection[str] = ()) -> BodyVote:
    """The simple game of ``body_id``'s rule over ``members`` (as of the date) without the ``excluded``."""
    body = spec.bodies[body_id]
    if not is_collective(body.rule):
        return BodyVote(tuple(m for m in members if m not in set(excluded)), None)
    game = games.body_game(spec, body_id, members=members, interested=excluded)
    return BodyVote(tuple(game.players), game)
