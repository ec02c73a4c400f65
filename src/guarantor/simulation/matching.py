"""Does an attack scenario match a clause's trigger at all? (Type, nuclear use, scope, aggressor, target.)"""

from __future__ import annotations

from dataclasses import dataclass

from guarantor.spec.clauses import Clause, Strength, TriggerType
from guarantor.spec.forces import Scenario
from guarantor.spec.model import Spec
from guarantor.spec.query import expand

__all__ = ["Match", "match_scenario", "response_clauses", "type_covers"]

# Nested trigger types: each covers every type before it (an armed attack is also aggression, a threat...).
_CHAIN = (
    TriggerType.NUCLEAR_USE,
    TriggerType.ARMED_ATTACK,
    TriggerType.ARMED_AGGRESSION,
    TriggerType.AGGRESSION,
    TriggerType.THREAT,
)
# Obligations weaker than this deliver no capability: consultation, seeking external action, none.
_WEAKEST_RESPONSE = Strength.INTENT_TO_ASSIST


@dataclass(frozen=True, slots=True)
class Match:
    """The clause a scenario engages, or why none does."""

    clause: str | None
    reason: str
    also: tuple[str, ...] = ()
    """Further response clauses the attack also matches: their bearers' pledges count too."""


def type_covers(trigger_type: TriggerType, scenario: Scenario) -> bool:
    """Does a trigger of ``trigger_type`` cover the scenario's attack? Nuclear use only covers nuclear attacks."""
    attack = TriggerType.NUCLEAR_USE if scenario.nuclear else scenario.attack
    if trigger_type is TriggerType.NUCLEAR_USE:
        return attack is TriggerType.NUCLEAR_USE
    if trigger_type is TriggerType.REQUEST:
        return True
    if trigger_type in _CHAIN and attack in _CHAIN:
        return _CHAIN.index(attack) <= _CHAIN.index(trigger_type)
    return trigger_type is attack


def response_clauses(spec: Spec) -> list[str]:
    """Clauses that can deliver capabilities: a trigger and an obligation at least 'intent to assist'."""
    return [cid for cid, clause in spec.clauses.items() if clause.trigger and _delivers(clause)]


def _delivers(clause: Clause) -> bool:
    strengths = [o.strength for o in clause.obligations]
    return any(s is None or s.at_least(_WEAKEST_RESPONSE) for s in strengths)


def match_scenario(spec: Spec, scenario: Scenario) -> Match:
    """The response clauses whose trigger the scenario meets; the first (in spec order) sets the attribution
    gate and the decision, and every matched clause's bearers deliver."""
    clauses = response_clauses(spec)
    if not clauses:
        return Match(None, "no clause with a trigger obliges a response stronger than consultation")
    if not scenario.in_scope:
        return Match(None, "the attack happens outside the guarantee's scope")
    reasons: list[str] = []
    matched: list[str] = []
    for cid in clauses:
        trigger = spec.clauses[cid].trigger
        assert trigger is not None
        if not any(type_covers(t, scenario) for t in trigger.types):
            names = ", ".join(t.value for t in trigger.types)
            reasons.append(f"{cid}: the attack ({_attack_name(scenario)}) does not match its trigger ({names})")
            continue
        if scenario.by and trigger.by is not None and scenario.by not in expand(spec, trigger.by):
            reasons.append(f"{cid}: the attacker {scenario.by} is not among those the trigger names")
            continue
        if scenario.against and not _target_ok(spec, trigger.against, scenario.against):
            reasons.append(f"{cid}: {scenario.against} is not protected by this clause")
            continue
        matched.append(cid)
    if matched:
        return Match(matched[0], "matches " + ", ".join(matched), tuple(matched[1:]))
    return Match(None, "; ".join(reasons))


def _attack_name(scenario: Scenario) -> str:
    return "nuclear attack" if scenario.nuclear else scenario.attack.value


def _target_ok(spec: Spec, against: str | list[str], target: str) -> bool:
    protected = expand(spec, against)
    # 'protected' with an unresolvable set (a design naming no one) is not a reason to reject the scenario.
    return not protected or target in protected
