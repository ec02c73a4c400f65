"""A spec's body on a date as a simple game: the one bridge from the spec to ``guarantor.games``.

Analysis, simulation and runtime all build a body's game here, so membership, attributes, the exclusion
of interested parties and the quorum are read in one place.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from guarantor.errors import NotFound
from guarantor.games import SimpleGame, game_from_rule, is_collective
from guarantor.semantics.interest import excluded_members
from guarantor.spec import Body, Spec, body_members
from guarantor.spec.resolve import did_you_mean

__all__ = ["body_game", "body_is_collective", "body_of", "body_voters", "game_of"]


def body_of(spec: Spec, body_id: str) -> Body:
    """The body ``body_id`` of ``spec``, or a NotFound naming the bodies there are."""
    if body_id not in spec.bodies:
        hint = did_you_mean(body_id, spec.bodies) or f"bodies in {spec.id}: {', '.join(spec.bodies) or 'none'}"
        raise NotFound(f"no body '{body_id}' in spec '{spec.id}'", hint=hint)
    return spec.bodies[body_id]


def body_is_collective(spec: Spec, body_id: str) -> bool:
    """False when the body's rule leaves each member to decide for itself."""
    return is_collective(body_of(spec, body_id).rule)


def body_voters(
    spec: Spec, body_id: str, day: date | None = None, *, against: str | None = None, by: Collection[str] = ()
) -> list[str]:
    """Who votes on ``body_id`` on ``day`` about an attack by ``by`` on ``against``: its members, less those
    excluded as interested."""
    members = body_members(spec, body_id, day)
    out = set(excluded_members(body_of(spec, body_id), members, against=against, by=by))
    return [m for m in members if m not in out]


def game_of(
    spec: Spec,
    body_id: str,
    members: Sequence[str],
    excluded: Collection[str],
    *,
    counted: Collection[str] | None = None,
    bases: Mapping[str, int] | None = None,
) -> SimpleGame:
    """The game of ``body_id``'s rule over ``members`` less ``excluded``, with its quorum of those entitled.

    Raises NotCollectiveError for a unilateral body and QuorumNotMetError when too few are entitled to vote.
    """
    body = body_of(spec, body_id)
    attributes = {a: dict(actor.attributes) for a in members if (actor := spec.actor(a)) is not None}
    # Those present are among those entitled, so too few entitled is too few present as well.
    return game_from_rule(
        body.rule, members, attributes=attributes, excluded=excluded, quorum=body.quorum, counted=counted, bases=bases
    )


def body_game(
    spec: Spec,
    body_id: str,
    day: date | None = None,
    *,
    clause: str | None = None,
    against: str | None = None,
    by: Collection[str] = (),
    members: Sequence[str] | None = None,
) -> SimpleGame:
    """The game of ``body_id`` on ``day`` (None: everyone who ever sat on it) deciding about an attack by
    ``by`` on ``against`` under ``clause``; ``members`` replaces the spec's membership (the runtime's)."""
    body = body_of(spec, body_id)
    seated = list(members) if members is not None else body_members(spec, body_id, day)
    excluded = excluded_members(body, seated, clause=clause, against=against, by=by)
    return game_of(spec, body_id, seated, excluded)
