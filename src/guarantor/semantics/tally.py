"""A body's vote on a full tally: who was in favour, against, abstaining, present and silent, or absent.

The three ways of not voting are different things, and what each counts as comes from the body's
``counting`` rule (by default an abstention and a silence are present without a vote, an absence is absent;
a silence procedure is ``silent: in-favour``). Those counted in favour and against play the body's game;
thresholds are read against their stated base (all parties, all members, those entitled, those present, or
those casting a vote); a quorum of those present is checked first. The verdict states its threshold:
"15 of 22 needed, 17 in favour".

    >>> from guarantor.semantics import Tally
    >>> Tally(in_favour={"A", "B"}, against={"C"}).counted_members()
    ('A', 'B', 'C')
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from guarantor.errors import TallyError
from guarantor.games import AllOf, AnyOf, Node, Quota
from guarantor.semantics.bodies import body_of, game_of
from guarantor.semantics.decider import Decider
from guarantor.spec import ConsensusRule, Counting, CountRule, Rule, UnanimityRule, VetoRule, WeightedRule

__all__ = ["Tally", "Verdict", "decide"]

_BASE_WORDS = {
    "entitled": "entitled to vote",
    "voting": "entitled to vote",
    "members": "members",
    "parties": "parties",
    "present": "present",
    "casting": "casting a vote",
}


_SETS = ("in_favour", "against", "abstaining", "silent", "absent")


def _frozen(value: Collection[str]) -> frozenset[str]:
    return frozenset(value)


@dataclass(frozen=True, slots=True)
class Tally:
    """A vote as it happened. ``silent`` are present but cast no vote; ``absent`` are away; a member entitled to
    vote who is named nowhere is absent too. A member may be named in one set only."""

    in_favour: AbstractSet[str] = field(default_factory=frozenset)
    against: AbstractSet[str] = field(default_factory=frozenset)
    abstaining: AbstractSet[str] = field(default_factory=frozenset)
    silent: AbstractSet[str] = field(default_factory=frozenset)
    absent: AbstractSet[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        sets = {name: _frozen(getattr(self, name)) for name in _SETS}
        for name, value in sets.items():
            object.__setattr__(self, name, value)
        seen: dict[str, str] = {}
        for name, value in sets.items():
            for party in sorted(value):
                if party in seen:
                    raise TallyError(
                        f"'{party}' is counted twice in one vote: {seen[party]} and {name}",
                        hint="name each member once: in_favour, against, abstaining, silent or absent",
                    )
                seen[party] = name

    def counted_members(self) -> tuple[str, ...]:
        """Everyone the tally names, sorted."""
        return tuple(sorted(self.in_favour | self.against | self.abstaining | self.silent | self.absent))

    def raw(self, member: str) -> str:
        """How ``member`` voted: in-favour, against, abstaining, silent or absent (the default)."""
        for name, word in (("in_favour", "in-favour"), ("against", "against"), ("abstaining", "abstaining")):
            if member in getattr(self, name):
                return word
        return "silent" if member in self.silent else "absent"


Status = Literal["taken", "blocked"]
Cause = Literal["", "vote", "quorum", "cannot-decide"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a vote: ``passed``, and the counted sets, those who could have turned it, the threshold."""

    passed: bool
    cause: Cause
    voters: tuple[str, ...]
    excluded: tuple[str, ...]
    in_favour: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    abstaining: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    blockers: tuple[str, ...] = ()
    threshold: str = ""

    @property
    def status(self) -> Status:
        return "taken" if self.passed else "blocked"

    @property
    def explanation(self) -> str:
        head = (
            "agreed"
            if self.passed
            else {"quorum": "no quorum", "cannot-decide": "cannot decide"}.get(self.cause, "not agreed")
        )
        return f"{head}: {self.threshold}" if self.threshold else head


def decide(decider: Decider, tally: Tally) -> Verdict:
    """The decision of ``decider`` on ``tally``."""
    if decider.kind == "blocked":
        return Verdict(False, "cannot-decide", decider.voters, decider.excluded, threshold=decider.reason)
    if decider.game is None or decider.spec is None or decider.body is None:
        yes = tuple(sorted(tally.in_favour))
        return Verdict(True, "", decider.voters, decider.excluded, in_favour=yes, threshold=decider.reason)
    return _vote(decider, tally, decider.spec.bodies[decider.body].counting)


def _counts(decider: Decider, tally: Tally, counting: Counting) -> dict[str, str]:
    """Each voter's vote as the body counts it: in-favour, against, abstain or absent."""
    rule = {"in-favour": "in-favour", "against": "against"}
    rule |= {"abstaining": counting.abstaining, "silent": counting.silent, "absent": counting.absent}
    return {v: rule[tally.raw(v)] for v in decider.voters}


def _vote(decider: Decider, tally: Tally, counting: Counting) -> Verdict:
    assert decider.spec is not None and decider.body is not None and decider.game is not None
    body = body_of(decider.spec, decider.body)
    counts = _counts(decider, tally, counting)
    kinds = ("in-favour", "against", "abstain", "absent")
    sets = {k: tuple(v for v in decider.voters if counts[v] == k) for k in kinds}
    yes, no = sets["in-favour"], sets["against"]
    present = len(decider.voters) - len(sets["absent"])
    base = (decider.voters, decider.excluded, yes, no, sets["abstain"], sets["absent"])
    if body.quorum is not None and body.quorum_of == "present":
        needed = _quorum(body.quorum, len(decider.members))
        if present < needed:
            text = f"quorum: {needed} of {len(decider.members)} members must be present, {present} present"
            return Verdict(False, "quorum", *base, threshold=text)
    sizes = {"parties": decider.parties, "present": present, "casting": len(yes) + len(no)}
    game = game_of(decider.spec, decider.body, decider.members, decider.excluded, counted={*yes, *no}, bases=sizes)
    passed = game.wins(yes) and (bool(yes) or decider.game.wins([]))
    blockers = tuple(p for p in no if game.wins([*yes, p]))
    ctx = _Explain(set(yes), game.players, sizes | {"entitled": len(decider.voters), "members": len(decider.members)})
    text = ctx.rule(body.rule, game.root)
    return Verdict(passed, "" if passed else "vote", *base, blockers=blockers, threshold=text)


def _quorum(quorum: int | Fraction, members: int) -> int:
    return quorum if isinstance(quorum, int) else -(-quorum.numerator * members // quorum.denominator)


@dataclass(frozen=True, slots=True)
class _Explain:
    """States a rule's thresholds against the counted votes, walking the rule and its compiled game together."""

    yes: set[str]
    players: tuple[str, ...]
    sizes: dict[str, int]

    def weight(self, leaf: Quota) -> int:
        return sum(w for p, w in zip(self.players, leaf.weights, strict=True) if p in self.yes)

    def rule(self, rule: Rule, node: Node) -> str:
        if isinstance(rule, VetoRule):
            return self.veto(rule, node)
        if isinstance(node, AllOf | AnyOf):
            parts = getattr(rule, "rules", ())
            joint = " and " if isinstance(node, AllOf) else " or "
            return "(" + joint.join(self.rule(r, n) for r, n in zip(parts, node.parts, strict=True)) + ")"
        return self.leaf(rule, node)

    def veto(self, rule: VetoRule, node: Node) -> str:
        holders = [p for p in self.players if p in set(rule.holders)]
        then = node.parts[1] if isinstance(node, AllOf) else node
        missing = [h for h in holders if h not in self.yes]
        noun = "veto holder" if len(holders) == 1 else "veto holders"
        text = f"{len(holders)} {noun} voting must concur" if holders else "no veto holder voting"
        text += f" ({', '.join(missing)} did not)" if missing else ""
        return f"{text}; {self.rule(rule.then, then)}"

    def leaf(self, rule: Rule, leaf: Quota) -> str:
        got = self.weight(leaf)
        if isinstance(rule, ConsensusRule):
            objecting = len(self.players) - got
            return f"consensus of the {len(self.players)} casting a vote, {objecting} objecting"
        if isinstance(rule, WeightedRule):
            return f"weight {leaf.quota} of {sum(leaf.weights)} cast needed, {got} in favour"
        if isinstance(rule, CountRule):
            return f"{leaf.quota} of {self.sizes[rule.of]} {_BASE_WORDS[rule.of]} needed, {got} in favour"
        if isinstance(rule, UnanimityRule):
            return f"{leaf.quota} of {self.sizes['entitled']} entitled to vote needed, {got} in favour"
        return f"{leaf.quota} needed, {got} in favour"
