"""Who decides a clause, compiled once: automatic, each party for itself, a body's vote, or blocked.

``compile_decider(spec, clause_id, ...)`` reads the clause's decision and its body on a date, leaves out the
members excluded as interested (:mod:`guarantor.semantics.interest`), applies the quorum, and returns a
``Decider``. Its scalar :meth:`Decider.decides` (a set of those in favour), its vectorised
:meth:`Decider.decides_many` (a [trials, voters] array, for the simulation) and :meth:`Decider.decide` (a full
tally with abstentions, silences and absences, for the runtime) are one rule read three ways.

Kinds: ``automatic`` (no vote, no delay), ``national`` (no collective decision: each bearer decides),
``unilateral`` (a body whose rule leaves each member to decide for itself), ``vote`` (the body's rule as a
simple game over ``voters``), ``blocked`` (too few members may vote, below the quorum once interested parties
leave: the body cannot decide, and every reader of the clause says so instead of raising).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

from guarantor.errors import QuorumNotMetError
from guarantor.games import SimpleGame, is_collective
from guarantor.semantics.bodies import body_of, game_of
from guarantor.semantics.interest import excluded_members
from guarantor.spec import AutomaticRule, Spec, body_members, parties_on

if TYPE_CHECKING:
    from guarantor.semantics.tally import Tally, Verdict

__all__ = ["Decider", "DecisionKind", "body_decider", "compile_decider", "stand_in"]

DecisionKind = Literal["automatic", "national", "unilateral", "vote", "blocked"]


@dataclass(frozen=True, eq=False)
class Decider:
    """How one decision is taken on one date, for one attack (which fixes who is excluded as interested)."""

    kind: DecisionKind
    body: str | None = None
    voters: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    game: SimpleGame | None = None
    reason: str = ""
    parties: int = 0
    spec: Spec | None = None

    @property
    def collective(self) -> bool:
        """Does a body's vote decide (or fail to, when blocked)? Then a case waits for that decision."""
        return self.kind in ("vote", "blocked")

    def decides(self, in_favour: Collection[str]) -> bool:
        """Is the decision taken when ``in_favour`` agree and every other voter present votes against?"""
        if self.kind == "blocked":
            return False
        if self.game is None:
            return True
        return self.game.wins([p for p in self.voters if p in set(in_favour)])

    def decides_many(self, votes: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """The vectorised :meth:`decides`: ``votes`` is [trials, voters] (True: in favour), in ``voters`` order."""
        if self.kind == "blocked":
            return np.zeros(votes.shape[0], dtype=bool)
        if self.game is None:
            return np.ones(votes.shape[0], dtype=bool)
        won: NDArray[np.bool_] = np.asarray(self.game.wins_mask(votes), dtype=bool)
        return won

    def decide(self, tally: Tally) -> Verdict:
        """The decision on a full tally, with an explanation stating the threshold."""
        from guarantor.semantics.tally import decide

        return decide(self, tally)


def compile_decider(
    spec: Spec,
    clause_id: str,
    *,
    day: date | None = None,
    against: str | None = None,
    by: Collection[str] = (),
    members: Sequence[str] | None = None,
    body: str | None = None,
) -> Decider:
    """The decider of ``clause_id`` on ``day`` for an attack by ``by`` on ``against``. ``members`` replaces the
    body's membership (the runtime's, after membership events); ``body`` names a provisional organ acting for
    the clause's body (see :func:`stand_in`)."""
    decision = spec.clauses[clause_id].decision
    if decision is None:
        return Decider("national", reason="no collective decision: each bearer decides for itself")
    return body_decider(spec, body or decision.body, day=day, clause=clause_id, against=against, by=by, members=members)


def body_decider(
    spec: Spec,
    body_id: str,
    *,
    day: date | None = None,
    clause: str | None = None,
    against: str | None = None,
    by: Collection[str] = (),
    members: Sequence[str] | None = None,
    parties: int | None = None,
) -> Decider:
    """The decider of a body's vote, whatever clause (if any) it decides under."""
    body = body_of(spec, body_id)
    seated = tuple(members) if members is not None else tuple(body_members(spec, body_id, day))
    count = parties if parties is not None else len(parties_on(spec, day))
    if isinstance(body.rule, AutomaticRule):
        return Decider("automatic", body_id, seated, (), seated, reason=f"{body_id} decides automatically")
    excluded = excluded_members(body, seated, clause=clause, against=against, by=by)
    voters = tuple(m for m in seated if m not in set(excluded))
    if not is_collective(body.rule):
        why = f"each member of {body_id} decides for itself"
        return Decider("unilateral", body_id, voters, excluded, seated, reason=why, parties=count)
    try:
        game = game_of(spec, body_id, seated, excluded, bases={"parties": count})
    except QuorumNotMetError as exc:
        return Decider("blocked", body_id, voters, excluded, seated, reason=f"{body_id}: {exc.message}", spec=spec)
    return Decider("vote", body_id, voters, excluded, seated, game, f"{body.rule.kind} in {body_id}", count, spec)


def stand_in(spec: Spec, body_id: str) -> str | None:
    """The body that acts provisionally for ``body_id`` until it meets, if the spec names one."""
    return next((bid for bid, b in spec.bodies.items() if b.provisional and b.provisional.acts_for == body_id), None)
