"""Naive, definition-level references for the games tests: loops over every coalition, no cleverness."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import combinations
from math import factorial

from guarantor.spec.rules import (
    AllOfRule,
    AnyOfRule,
    AutomaticRule,
    ConsensusRule,
    CountRule,
    Rule,
    UnanimityRule,
    VetoRule,
    WeightedRule,
)

Coalition = frozenset[str]


def coalitions(players: Sequence[str]) -> list[Coalition]:
    return [frozenset(c) for r in range(len(players) + 1) for c in combinations(players, r)]


def _normalise(values: list[Fraction]) -> list[Fraction]:
    total = sum(values, Fraction(0))
    return [v / total if total else Fraction(0) for v in values]


def naive_report(players: Sequence[str], wins: Callable[[Coalition], bool]) -> dict[str, object]:
    """Every quantity of a PowerReport, straight from the definitions."""
    n = len(players)
    everyone = frozenset(players)
    table = {s: wins(s) for s in coalitions(players)}
    swings = [[s for s in table if p not in s and table[s | {p}] and not table[s]] for p in players]
    mwc = [s for s, w in table.items() if w and all(not table[s - {p}] for p in s)]
    blocking = [s for s in table if not table[everyone - s]]
    mbc = [b for b in blocking if all(table[everyone - (b - {p})] for p in b)]
    johnston = [Fraction(0)] * n
    for s, w in table.items():
        critical = [i for i, p in enumerate(players) if p in s and w and not table[s - {p}]]
        for i in critical:
            johnston[i] += Fraction(1, len(critical))
    holler = [Fraction(sum(1 for s in mwc if p in s)) for p in players]
    return {
        "winning": sum(table.values()),
        "minimal_winning": len(mwc),
        "minimal_blocking": len(mbc),
        "veto_players": [p for p in players if not table[everyone - {p}]],
        "null_players": [p for p, sw in zip(players, swings, strict=True) if not sw],
        "banzhaf": _normalise([Fraction(len(sw)) for sw in swings]),
        "banzhaf_absolute": [Fraction(len(sw), 2 ** (n - 1)) for sw in swings],
        "shapley_shubik": [
            sum(
                (Fraction(factorial(len(s)) * factorial(n - len(s) - 1), factorial(n)) for s in sw),
                Fraction(0),
            )
            for sw in swings
        ],
        "deegan_packel": [
            sum((Fraction(1, len(s)) for s in mwc if p in s), Fraction(0)) / len(mwc) if mwc else Fraction(0)
            for p in players
        ],
        "holler": _normalise(holler),
        "johnston": _normalise(johnston),
    }


def _share_met(part: Fraction, whole: Fraction, share: Fraction) -> bool:
    return part * share.denominator >= share.numerator * whole


def rule_wins(
    rule: Rule,
    members: Sequence[str],
    voters: Sequence[str],
    yes: Coalition,
    attrs: dict[str, dict[str, int]],
) -> bool:
    """Whether ``yes`` carries ``rule``, evaluated directly on the spec model."""
    k = len(yes)
    if isinstance(rule, AutomaticRule):
        return True
    if isinstance(rule, ConsensusRule):
        return k >= len(voters)
    if isinstance(rule, UnanimityRule):
        return k >= len(voters) - rule.minus
    if isinstance(rule, CountRule):
        ok = rule.at_least is None or k >= rule.at_least
        base = len(members) if rule.of == "members" else len(voters)
        return ok and (rule.fraction is None or _share_met(Fraction(k), Fraction(base), rule.fraction))
    if isinstance(rule, WeightedRule):
        w = rule.weights
        weight = {v: Fraction(w[v] if isinstance(w, dict) else attrs[v][w]) for v in voters}
        got = sum((weight[v] for v in yes), Fraction(0))
        if isinstance(rule.quota, Fraction):
            return _share_met(got, sum(weight.values(), Fraction(0)), rule.quota)
        return got >= rule.quota
    if isinstance(rule, VetoRule):
        holders_ok = all(h in yes for h in rule.holders if h in voters)
        return holders_ok and rule_wins(rule.then, members, voters, yes, attrs)
    if isinstance(rule, AllOfRule):
        return all(rule_wins(r, members, voters, yes, attrs) for r in rule.rules)
    if isinstance(rule, AnyOfRule):
        return any(rule_wins(r, members, voters, yes, attrs) for r in rule.rules)
    raise AssertionError(f"no reference for {rule!r}")
