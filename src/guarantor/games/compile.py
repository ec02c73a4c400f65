"""Compile a spec decision rule, plus the members voting on a date, into a simple game.

Choices, each documented in docs/power.md:

- Interested parties (``excluded``) do not vote: the game is over the remaining members, in their order.
  ``quorum`` is the least number (an int) or share (a Fraction of all members) of members left to vote;
  below it the body cannot decide at all and ``QuorumNotMetError`` is raised.
- A fractional quota is a share of the total weight of the voting members, compared exactly
  (``weight * den >= num * total``), so it becomes the integer quota ``ceil(num * total / den)``.
- ``CountRule.fraction`` (at least that share) or ``more_than`` (strictly more than that share: an absolute
  majority is ``more_than: 1/2``) is a share of a base: ``of: entitled`` (alias ``voting``, the default: the
  members left to vote), ``members`` (all members), ``parties`` (all parties of the instrument), ``present``
  (those present) or ``casting`` (those voting yes or no). Without a tally, everyone entitled is present and
  casts a vote; ``bases`` gives the sizes a tally found. With both ``at_least`` and a share, both must hold.
- ``counted`` (a subset of the voters): only they take part in the game; the others entitled to vote are
  present and abstain, or absent. Thresholds still read their bases, so an abstainer does not lower a
  unanimity (every entitled member must agree) but does not block a consensus (no member counted objects).
- ``UnilateralRule`` is not a collective game (each member decides for itself): ``NotCollectiveError``.
  Check with :func:`is_collective` first; the analysis treats each member as deciding alone.
- ``AutomaticRule``: the empty coalition wins, i.e. the decision is always taken; every index is 0.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from guarantor.errors import GameError, NotCollectiveError, QuorumNotMetError
from guarantor.games.game import AllOf, AnyOf, Node, Quota, SimpleGame
from guarantor.spec.rules import (
    AllOfRule,
    AnyOfRule,
    AutomaticRule,
    ConsensusRule,
    CountRule,
    Rule,
    UnanimityRule,
    UnilateralRule,
    VetoRule,
    WeightedRule,
)

__all__ = ["game_from_rule", "is_collective"]

Attributes = Mapping[str, Mapping[str, float | int]]


@dataclass(frozen=True, slots=True)
class _Context:
    members: tuple[str, ...]
    voters: tuple[str, ...]
    players: tuple[str, ...]
    attributes: Attributes
    bases: Mapping[str, int]


def is_collective(rule: Rule) -> bool:
    """False when the rule, or any part of it, lets each member decide alone (``unilateral``)."""
    if isinstance(rule, UnilateralRule):
        return False
    if isinstance(rule, VetoRule):
        return is_collective(rule.then)
    if isinstance(rule, AllOfRule | AnyOfRule):
        return all(is_collective(r) for r in rule.rules)
    return True


def game_from_rule(
    rule: Rule,
    members: Sequence[str],
    *,
    attributes: Attributes | None = None,
    excluded: Collection[str] = (),
    quorum: int | Fraction | None = None,
    counted: Collection[str] | None = None,
    bases: Mapping[str, int] | None = None,
) -> SimpleGame:
    """The simple game of ``rule`` over ``members`` minus the ``excluded`` (interested) parties.

    ``counted`` narrows the players to those whose vote counts (a tally's yes and no); ``bases`` gives the
    sizes of ``parties``, ``present`` and ``casting`` for shares stated against them.
    """
    if len(set(members)) != len(members):
        raise GameError(f"members must be distinct, got {list(members)}")
    out = set(excluded)
    voters = tuple(m for m in members if m not in out)
    _check_quorum(len(voters), len(members), quorum)
    if not voters:
        raise QuorumNotMetError("no member is left to vote", hint=f"excluded: {sorted(out)}")
    players = voters if counted is None else tuple(v for v in voters if v in set(counted))
    sizes = {"parties": len(members), "present": len(voters), "casting": len(players), **(bases or {})}
    sizes |= {"members": len(members), "entitled": len(voters), "voting": len(voters)}
    ctx = _Context(tuple(members), voters, players, attributes or {}, sizes)
    return SimpleGame(players, _node(rule, ctx))


def _check_quorum(voting: int, members: int, quorum: int | Fraction | None) -> None:
    if quorum is None:
        return
    needed = quorum if isinstance(quorum, int) else -(-quorum.numerator * members // quorum.denominator)
    if voting < needed:
        raise QuorumNotMetError(
            f"only {voting} of {members} members may vote, below the quorum of {needed}",
            hint="fewer interested parties must be excluded, or the body cannot decide",
        )


def _node(rule: Rule, ctx: _Context) -> Node:
    n = len(ctx.players)
    ones = (1,) * n
    if isinstance(rule, ConsensusRule):
        return Quota(ones, n)
    if isinstance(rule, UnanimityRule):
        return Quota(ones, max(len(ctx.voters) - rule.minus, 0))
    if isinstance(rule, AutomaticRule):
        return Quota(ones, 0)
    if isinstance(rule, UnilateralRule):
        raise NotCollectiveError(
            f"a unilateral rule ({rule.process}) is not a collective decision: each member decides alone",
            hint="check guarantor.games.is_collective(rule) before building a game",
        )
    if isinstance(rule, CountRule):
        return Quota(ones, _count_threshold(rule, ctx))
    if isinstance(rule, WeightedRule):
        return _weighted(rule, ctx)
    if isinstance(rule, VetoRule):
        mask = tuple(1 if v in set(rule.holders) else 0 for v in ctx.players)
        then = _node(rule.then, ctx)
        return AllOf((Quota(mask, sum(mask)), then)) if any(mask) else then
    parts = tuple(_node(r, ctx) for r in rule.rules)
    return AllOf(parts) if isinstance(rule, AllOfRule) else AnyOf(parts)


def _count_threshold(rule: CountRule, ctx: _Context) -> int:
    """The least number in favour: ``at_least``, a share of the base (ceiling), or more than a share."""
    needed = rule.at_least or 0
    base = ctx.bases[rule.of]
    if rule.fraction is not None:
        share = Fraction(rule.fraction)
        needed = max(needed, -(-share.numerator * base // share.denominator))
    if rule.more_than is not None:
        share = Fraction(rule.more_than)
        needed = max(needed, share.numerator * base // share.denominator + 1)
    return needed


def _weighted(rule: WeightedRule, ctx: _Context) -> Quota:
    """A share quota is of the total weight of those entitled to vote, counted or not."""
    raw = {v: _raw_weight(rule.weights, v, ctx) for v in ctx.voters}
    scale = lcm(*(w.denominator for w in raw.values()))
    weights = tuple(int(raw[p] * scale) for p in ctx.players)
    if isinstance(rule.quota, Fraction):
        total = sum(int(w * scale) for w in raw.values())
        quota = -(-rule.quota.numerator * total // rule.quota.denominator)
    else:
        quota = rule.quota * scale
    return Quota(weights, quota)


def _raw_weight(weights: dict[str, int] | str, voter: str, ctx: _Context) -> Fraction:
    if isinstance(weights, dict):
        if voter not in weights:
            raise GameError(f"no weight for voting member {voter!r}", hint="give every member a weight")
        return Fraction(weights[voter])
    value = ctx.attributes.get(voter, {}).get(weights)
    if value is None or isinstance(value, bool):
        raise GameError(
            f"member {voter!r} has no numeric attribute {weights!r} to weigh its vote",
            hint=f"supply attributes[{voter!r}][{weights!r}]",
        )
    result = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    if result < 0:
        raise GameError(f"weight {weights!r} of {voter!r} is negative: {value!r}")
    return result
