"""One attack, one case: the open case an incident that meets a clause's trigger belongs to.

A case under a clause answers an attack on one target by one attacker. An incident that meets the same
clause's trigger, against the same target, by the same attacker, while that case is open is part of the same
attack: it joins the case instead of opening another one. NATO invoked Article 5 once for the four aircraft of
11 September 2001, and the nineteen Russian drones over Poland on 9-10 September 2025 gave one Article 4
consultation, not nineteen. A new case opens only when no case of that situation is open (the earlier one was
closed, its attribution answered no or its clause repealed, or its measures ended for every bearer).

The runtime applies this rule when it folds incidents; a simulated scenario is one attack and so one case by
construction.
"""

from __future__ import annotations

__all__ = ["SituationKey", "situation_of"]

# (clause, target, attacker); an unnamed target or attacker is "".
SituationKey = tuple[str, str, str]


def situation_of(clause: str, against: str | None, by: str | None) -> SituationKey:
    """The situation an incident against ``against`` by ``by`` opens or joins under ``clause``."""
    return (clause, against or "", by or "")
