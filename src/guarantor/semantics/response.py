"""Which clauses answer an attack with a response, and why the others do not.

A response clause has a trigger and obliges more than consultation (at least "intent to assist"). An attack
engages every response clause whose compiled trigger it meets; the first in spec order sets the attribution
gate and the decision, and every engaged clause's bearers deliver. Check (G307), simulate and replay read
the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from guarantor.semantics.coverage import attack_kind
from guarantor.semantics.gravity import short_of, voided
from guarantor.semantics.trigger import compile_trigger
from guarantor.spec import Clause, Scenario, Spec, Strength

__all__ = ["Match", "match_attack", "match_scenario", "narrow", "response_clauses"]

# Obligations weaker than this deliver no capability: consultation, seeking external action, none.
_WEAKEST_RESPONSE = Strength.INTENT_TO_ASSIST


@dataclass(frozen=True, slots=True)
class Match:
    """The clause an attack engages, or why none does."""

    clause: str | None
    reason: str
    also: tuple[str, ...] = ()
    """Further response clauses the attack also matches: their bearers' pledges count too."""


def response_clauses(spec: Spec) -> list[str]:
    """Clauses that can deliver capabilities: a trigger and an obligation at least 'intent to assist'."""
    return [cid for cid, clause in spec.clauses.items() if clause.trigger and _delivers(clause)]


def _delivers(clause: Clause) -> bool:
    strengths = [o.strength for o in clause.obligations]
    return any(s is None or s.at_least(_WEAKEST_RESPONSE) for s in strengths)


def match_attack(
    spec: Spec, kind: str, *, against: str | None, by: str | None, in_scope: bool = True, day: date | None = None
) -> Match:
    """The response clauses an attack of ``kind`` by ``by`` on ``against`` engages on ``day``."""
    clauses = response_clauses(spec)
    if not clauses:
        return Match(None, "no clause with a trigger obliges a response stronger than consultation")
    reasons: list[str] = []
    matched: list[str] = []
    for cid in clauses:
        why = compile_trigger(spec, cid, day).check_attack(kind, against, by, in_scope)
        if why is None:
            matched.append(cid)
        else:
            reasons.append(f"{cid}: {why}")
    if matched:
        return Match(matched[0], "matches " + ", ".join(matched), tuple(matched[1:]))
    if not in_scope:
        return Match(None, "the attack happens outside the guarantee's scope")
    return Match(None, "; ".join(reasons))


def match_scenario(spec: Spec, scenario: Scenario, day: date | None = None) -> Match:
    """The response clauses a simulation scenario's attack engages: its trigger, then the clause's threshold
    (significant, deliberate, sustained, across a line) and the spec's voidances."""
    kind = attack_kind(scenario.attack, scenario.nuclear)
    match = match_attack(spec, kind, against=scenario.against, by=scenario.by, in_scope=scenario.in_scope, day=day)
    return narrow(spec, scenario, match, day)


def narrow(spec: Spec, scenario: Scenario, match: Match, day: date | None) -> Match:
    """``match`` without the clauses whose threshold the attack misses or that a voidance removes."""
    if match.clause is None:
        return match
    kept: list[str] = []
    dropped: dict[str, list[str]] = {}  # one reason, the clauses it drops
    for cid in (match.clause, *match.also):
        trigger = spec.clauses[cid].trigger
        why = short_of(trigger.threshold if trigger else None, scenario) or voided(spec, scenario, cid, day)
        if why:
            dropped.setdefault(why, []).append(cid)
        else:
            kept.append(cid)
    reasons = "; ".join(f"{', '.join(cids)}: {why}" for why, cids in dropped.items())
    if not kept:
        return Match(None, reasons)
    if not dropped:
        return match
    return Match(kept[0], f"matches {', '.join(kept)} (not {reasons})", tuple(kept[1:]))
