"""Votes on each motion as they arrive, against the body's rule, decided by the one decider of a vote.

``guarantor.semantics`` decides for the runtime too, so "would this pass?" here and the runtime's decision
agree. Two readings are shown: ``on_votes`` counts the votes cast and everyone else as absent (a roll call now),
``unless_objection`` counts every member that has not voted otherwise as in favour (how the runtime reads a
decision recorded without a roll call, and how a consensus body decides). Each carries the threshold in words
("15 of 22 needed, 17 in favour"). The first vote of a party on a motion stands, as in the runtime.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from guarantor.runtime.events import Event, VoteCast
from guarantor.semantics import Tally as Cast
from guarantor.semantics import Verdict, body_decider
from guarantor.spec import Spec, body_members, parties_on

__all__ = ["MotionTally", "tallies"]


@dataclass(frozen=True, slots=True)
class MotionTally:
    body: str
    motion: str
    rule: str
    members: tuple[str, ...]
    votes: Mapping[str, str]
    on_votes: Verdict
    unless_objection: Verdict
    last_vote: str

    def _with(self, choice: str) -> list[str]:
        return sorted(p for p, v in self.votes.items() if v == choice)

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "motion": self.motion,
            "rule": self.rule,
            "members": list(self.members),
            "yes": self._with("yes"),
            "no": self._with("no"),
            "abstain": self._with("abstain"),
            "present_not_voting": self._with("present-not-voting"),
            "not_voted": [m for m in self.members if m not in self.votes],
            "passes_on_votes": self.on_votes.passed,
            "on_votes": self.on_votes.explanation,
            "passes_unless_objection": self.unless_objection.passed,
            "unless_objection": self.unless_objection.explanation,
            "blocking": list(self.unless_objection.blockers),
            "last_vote": self.last_vote,
        }


def tallies(spec: Spec, events: Sequence[Event]) -> list[MotionTally]:
    """One tally per (body, motion) that has votes, in the order their first vote arrived."""
    votes: dict[tuple[str, str], dict[str, VoteCast]] = {}
    for event in events:
        if isinstance(event, VoteCast) and event.body in spec.bodies:
            votes.setdefault((event.body, event.motion), {}).setdefault(event.party, event)
    return [_tally(spec, body, motion, cast) for (body, motion), cast in votes.items()]


def _tally(spec: Spec, body: str, motion: str, cast: dict[str, VoteCast]) -> MotionTally:
    last = max(v.time for v in cast.values())
    day = last.date()
    members = tuple(body_members(spec, body, day))
    decider = body_decider(spec, body, day=day, members=members, parties=len(parties_on(spec, day)))
    chosen = {p: v.vote for p, v in cast.items() if p in members}
    by = {c: {p for p, v in chosen.items() if v == c} for c in ("yes", "no", "abstain", "present-not-voting")}
    listed = set(chosen)
    roll_call = Cast(by["yes"], by["no"], by["abstain"], by["present-not-voting"], set(members) - listed)
    silence = Cast(set(members) - (listed - by["yes"]), by["no"], by["abstain"], by["present-not-voting"])
    return MotionTally(
        body,
        motion,
        spec.bodies[body].rule.kind,
        members,
        chosen,
        decider.decide(roll_call),
        decider.decide(silence),
        last.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
