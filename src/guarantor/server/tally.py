"""Votes on each motion as they arrive, against the body's rule on the day of the latest vote.

The rule is the one ``guarantor.games`` compiles for the runtime, so "would this pass?" here and the
runtime's decision agree: ``passes_on_yes`` counts only explicit yes votes, ``passes_unless_objection`` also
counts members that have not objected (how a consensus body decides: silence is assent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from guarantor.errors import GameError
from guarantor.games import body_game, body_voters
from guarantor.runtime.events import Event, VoteCast
from guarantor.spec import Spec

__all__ = ["Tally", "tallies"]


@dataclass(frozen=True, slots=True)
class Tally:
    body: str
    motion: str
    rule: str
    members: tuple[str, ...]
    yes: tuple[str, ...]
    no: tuple[str, ...]
    abstain: tuple[str, ...]
    passes_on_yes: bool | None
    passes_unless_objection: bool | None
    blocking: tuple[str, ...]
    last_vote: str

    @property
    def not_voted(self) -> tuple[str, ...]:
        cast = {*self.yes, *self.no, *self.abstain}
        return tuple(m for m in self.members if m not in cast)

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "motion": self.motion,
            "rule": self.rule,
            "members": list(self.members),
            "yes": list(self.yes),
            "no": list(self.no),
            "abstain": list(self.abstain),
            "not_voted": list(self.not_voted),
            "passes_on_yes": self.passes_on_yes,
            "passes_unless_objection": self.passes_unless_objection,
            "blocking": list(self.blocking),
            "last_vote": self.last_vote,
        }


def tallies(spec: Spec, events: Sequence[Event]) -> list[Tally]:
    """One tally per (body, motion) that has votes, in the order their first vote arrived."""
    votes: dict[tuple[str, str], dict[str, VoteCast]] = {}
    for event in events:
        if isinstance(event, VoteCast) and event.body in spec.bodies:
            votes.setdefault((event.body, event.motion), {})[event.party] = event
    return [_tally(spec, body, motion, cast) for (body, motion), cast in votes.items()]


def _tally(spec: Spec, body: str, motion: str, cast: dict[str, VoteCast]) -> Tally:
    last = max(v.time for v in cast.values())
    members = tuple(body_voters(spec, body, last.date()))
    by = {
        vote: tuple(sorted(p for p, v in cast.items() if v.vote == vote and p in members))
        for vote in ("yes", "no", "abstain")
    }
    silent_yes = {m for m in members if m not in by["no"] and m not in by["abstain"]}
    try:
        game = body_game(spec, body, last.date())
    except GameError:
        # Unilateral rules (each member decides for itself) and bodies left without a quorum: no joint outcome.
        passes_yes = passes_silent = None
        blocking: tuple[str, ...] = ()
    else:
        voters = set(game.players)
        passes_yes = game.wins([p for p in by["yes"] if p in voters])
        passes_silent = game.wins([p for p in silent_yes if p in voters])
        blocking = tuple(p for p in by["no"] if p in voters and game.wins([*silent_yes & voters, p]))
    return Tally(
        body,
        motion,
        spec.bodies[body].rule.kind,
        members,
        by["yes"],
        by["no"],
        by["abstain"],
        passes_yes,
        passes_silent,
        blocking,
        last.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
