"""Which attacks a trigger type covers: the one definition, used by check, simulate and replay.

An attack (an incident's ``kind``, a scenario's attack) is classified by the narrowest kind it is: a nuclear
attack is an armed attack, an armed attack is armed aggression, armed aggression is aggression, and
aggression is a (carried-out) threat. A trigger type covers the kinds up to its place in that chain;
``aggression-not-armed-attack`` (Rio Art 6: "an aggression which is not an armed attack") covers aggression
less what an armed attack covers; ``breach`` covers a breach of an undertaking; ``request`` covers no attack
by itself: the clause applies when a party asks (the attacked party, in the simulation's scenarios).
"""

from __future__ import annotations

from guarantor.spec.clauses import TriggerType

__all__ = ["ATTACK_KINDS", "KIND_CHAIN", "attack_kind", "covered_kinds", "covers"]

# Attack kinds from the narrowest to the broadest.
KIND_CHAIN: tuple[str, ...] = ("nuclear-use", "armed-attack", "armed-aggression", "aggression", "threat")
ATTACK_KINDS: tuple[str, ...] = (*KIND_CHAIN, "breach")


def _up_to(kind: str) -> frozenset[str]:
    return frozenset(KIND_CHAIN[: KIND_CHAIN.index(kind) + 1])


def _table() -> dict[TriggerType, frozenset[str]]:
    table = {t: _up_to(t.value) for t in TriggerType if t.value in KIND_CHAIN}
    table[TriggerType.AGGRESSION_NOT_ARMED_ATTACK] = _up_to("aggression") - _up_to("armed-attack")
    table[TriggerType.BREACH] = frozenset({"breach"})
    table[TriggerType.REQUEST] = frozenset()
    missing = set(TriggerType) - set(table)
    if missing:  # a new trigger type must say what it covers here, never by default
        raise AssertionError(f"trigger types without coverage: {sorted(missing)}")
    return table


_COVERS = _table()


def covered_kinds(types: list[TriggerType] | tuple[TriggerType, ...]) -> frozenset[str]:
    """Every attack kind that some of ``types`` covers."""
    return frozenset().union(*(_COVERS[t] for t in types))


def covers(trigger_type: TriggerType, kind: str) -> bool:
    """Does a trigger of ``trigger_type`` cover an attack of ``kind``?"""
    return kind in _COVERS[trigger_type]


def attack_kind(attack: TriggerType, nuclear: bool = False) -> str:
    """The kind of a scenario's attack: a nuclear attack is nuclear use whatever its type says."""
    if nuclear:
        return "nuclear-use"
    if attack is TriggerType.AGGRESSION_NOT_ARMED_ATTACK:
        return "aggression"
    return attack.value
