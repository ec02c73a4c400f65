"""A spec's body on a date as a simple game: the one bridge from the spec to the games.

Analysis, simulation and runtime all call :func:`body_game`, so "did this body decide?" has one answer.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from fractions import Fraction

from guarantor.errors import NotFound
from guarantor.games.compile import game_from_rule, is_collective
from guarantor.games.game import SimpleGame
from guarantor.spec import Spec, body_members
from guarantor.spec.resolve import did_you_mean

__all__ = ["body_game", "body_is_collective", "body_voters"]


def _body(spec: Spec, body_id: str) -> None:
    if body_id not in spec.bodies:
        hint = did_you_mean(body_id, spec.bodies) or f"bodies in {spec.id}: {', '.join(spec.bodies) or 'none'}"
        raise NotFound(f"no body '{body_id}' in spec '{spec.id}'", hint=hint)


def body_voters(spec: Spec, body_id: str, day: date | None = None, interested: Collection[str] = ()) -> list[str]:
    """Who votes on ``body_id`` on ``day``: its members, less the interested parties if the body excludes them."""
    _body(spec, body_id)
    body = spec.bodies[body_id]
    members = body_members(spec, body_id, day)
    return [m for m in members if not (body.exclude_interested and m in set(interested))]


def body_is_collective(spec: Spec, body_id: str) -> bool:
    _body(spec, body_id)
    return is_collective(spec.bodies[body_id].rule)


def body_game(
    spec: Spec,
    body_id: str,
    day: date | None = None,
    *,
    interested: Collection[str] = (),
    members: Sequence[str] | None = None,
) -> SimpleGame:
    """The game of ``body_id`` on ``day`` (None: everyone who ever sat on it).

    ``interested`` are the parties to the dispute; they do not vote when the body says ``exclude_interested``.
    ``members`` replaces the spec's membership (the runtime's, after membership events).
    Raises NotCollectiveError for a unilateral body and QuorumNotMetError when too few are left to vote.
    """
    _body(spec, body_id)
    body = spec.bodies[body_id]
    members = list(members) if members is not None else body_members(spec, body_id, day)
    excluded = [m for m in members if body.exclude_interested and m in set(interested)]
    attributes = {a: dict(actor.attributes) for a in members if (actor := spec.actor(a)) is not None}
    quorum: int | Fraction | None = body.quorum
    return game_from_rule(body.rule, members, attributes=attributes, excluded=excluded, quorum=quorum)
