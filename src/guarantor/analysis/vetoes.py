"""Veto players of a decision rule over its voting members (a player whose "no" always blocks)."""

from __future__ import annotations

import math
from fractions import Fraction

from guarantor.spec import Spec
from guarantor.spec.rules import (
    AllOfRule,
    AnyOfRule,
    ConsensusRule,
    CountRule,
    Rule,
    UnanimityRule,
    VetoRule,
    WeightedRule,
)

__all__ = ["veto_players"]


def veto_players(rule: Rule, voting: list[str], spec: Spec) -> list[str]:
    """The members of ``voting`` without whom ``rule`` can never be met."""
    if not voting:
        return []
    if isinstance(rule, ConsensusRule) or (isinstance(rule, UnanimityRule) and rule.minus == 0):
        return list(voting)
    if isinstance(rule, UnanimityRule):
        return [] if rule.minus > 0 else list(voting)
    if isinstance(rule, VetoRule):
        held = [h for h in rule.holders if h in voting]
        return sorted(set(held) | set(veto_players(rule.then, voting, spec)))
    if isinstance(rule, AllOfRule):
        return sorted({v for sub in rule.rules for v in veto_players(sub, voting, spec)})
    if isinstance(rule, AnyOfRule):
        parts = [set(veto_players(sub, voting, spec)) for sub in rule.rules]
        return sorted(set.intersection(*parts))
    if isinstance(rule, CountRule):
        return list(voting) if len(voting) - 1 < _count_needed(rule, len(voting)) else []
    if isinstance(rule, WeightedRule):
        weights = _weights(rule, voting, spec)
        total = sum(weights.values())
        quota = rule.quota * total if isinstance(rule.quota, Fraction) else Fraction(rule.quota)
        return [m for m in voting if total - weights[m] < quota]
    return []


def _count_needed(rule: CountRule, n: int) -> int:
    need = rule.at_least or 0
    if rule.fraction is not None:
        need = max(need, math.ceil(rule.fraction * n))
    return need


def _weights(rule: WeightedRule, voting: list[str], spec: Spec) -> dict[str, Fraction]:
    if isinstance(rule.weights, dict):
        return {m: Fraction(rule.weights.get(m, 0)) for m in voting}
    out: dict[str, Fraction] = {}
    for m in voting:
        actor = spec.actor(m)
        out[m] = Fraction(actor.attributes.get(rule.weights, 0)) if actor else Fraction(0)
    return out
