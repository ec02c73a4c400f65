"""FALLBACK ONLY: a minimal winning test for decision rules, used while ``guarantor.games`` is not installed.

The one implementation of "did this body decide?" is ``guarantor.games.game_from_rule``; the runtime calls
it through ``guarantor.runtime._games``. This module covers consensus, unanimity, counts (majorities), veto
and their combinations so the runtime works before that branch lands, and goes away once it has.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction

from guarantor.errors import GameError
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
)

__all__ = ["FallbackGame", "fallback_game"]


@dataclass(frozen=True, slots=True)
class FallbackGame:
    """The members who vote and the rule they vote under."""

    players: tuple[str, ...]
    rule: Rule

    def wins(self, coalition: Collection[str]) -> bool:
        yes = set(coalition) & set(self.players)
        return _wins(self.rule, self.players, yes)


def _wins(rule: Rule, players: Sequence[str], yes: set[str]) -> bool:
    n = len(players)
    if isinstance(rule, ConsensusRule | AutomaticRule | UnilateralRule):
        return len(yes) == n
    if isinstance(rule, UnanimityRule):
        return len(yes) >= n - rule.minus
    if isinstance(rule, CountRule):
        ok = rule.at_least is None or len(yes) >= rule.at_least
        return ok and (rule.fraction is None or Fraction(len(yes)) >= rule.fraction * n)
    if isinstance(rule, VetoRule):
        holders = [h for h in rule.holders if h in players]
        return all(h in yes for h in holders) and _wins(rule.then, players, yes)
    if isinstance(rule, AllOfRule):
        return all(_wins(r, players, yes) for r in rule.rules)
    if isinstance(rule, AnyOfRule):
        return any(_wins(r, players, yes) for r in rule.rules)
    raise GameError(f"the fallback cannot evaluate a '{rule.kind}' rule", hint="install guarantor.games")


def fallback_game(rule: Rule, members: Sequence[str], *, excluded: Collection[str] = ()) -> FallbackGame:
    return FallbackGame(tuple(m for m in members if m not in set(excluded)), rule)
