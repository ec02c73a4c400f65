"""Who attacked whom: attacker and target states derived from an incident's actors and place, by stated rules.

Feeds rarely say who attacked. ACLED's codebook gives actor order a meaning only in *Violence against
civilians* (actor 2 is the victim); UCDP only in one-sided violence. A guarantee's trigger asks for states
("by RUS against UKR"), so the rules below turn actors into states. The first rule that decides wins, and
its name is recorded on the incident event:

1. ``feed-roles``: the feed marks an attacker (and maybe a target). The attacker's state is the state whose
   forces or government the actor is; the target is the target actor's state, or, for a target that is not a
   state (civilians), the state where it happened.
2. ``foreign-forces``: exactly one state acting in the incident is foreign to the country where it happened,
   and every other state acting there is that country. Using force on another state's territory makes the
   foreign state the attacker and the territorial state the target (Russian forces fighting or shelling in
   Ukraine: attacker RUS, target UKR; Ukrainian drones over Belgorod: attacker UKR, target RUS).
3. ``undetermined``: no rule decides; attacker and target stay unknown and no trigger naming them fires.

An actor is a state when its name is "Military/Police/... Forces of X", "Government of X" or "Air Force/Navy
of X", with X a country name (``guarantor.countries``), and, where the feed gives an actor type, that type is
state or external forces. Rebels, militias, protesters and unidentified groups are never a state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from guarantor.countries import iso3_from_name
from guarantor.sources.model import Actor, ActorKind, Incident, Role

__all__ = ["RULES", "RoleReading", "actor_state", "derive_roles"]

RULES = ("feed-roles", "foreign-forces", "undetermined")

_STATE_NAME = re.compile(
    r"^(?:(?:Military|Police|Naval|Security|Armed|Border|Special|Government)\s+Forces|Government|Air\s+Force|Navy)"
    r"\s+of\s+(?:the\s+)?(?P<country>.+?)\s*(?:\(\d{4}-(?:\d{4})?\))?(?:\s+-\s+.*)?$",
    re.IGNORECASE,
)
_STATE_KINDS = (ActorKind.STATE, ActorKind.EXTERNAL)


@dataclass(frozen=True, slots=True)
class RoleReading:
    """Attacker and target (ISO alpha-3 codes where a state, else the actor's name), and the rule that decided."""

    attacker: str | None
    target: str | None
    rule: str
    why: str


@cache
def _state_of_name(name: str) -> str | None:
    match = _STATE_NAME.match(name.strip())
    return iso3_from_name(match["country"]) if match else None


def actor_state(actor: Actor) -> str | None:
    """The ISO alpha-3 code of the state an actor is (its forces or government), or ``None``."""
    if actor.kind is not None and actor.kind not in _STATE_KINDS:
        return None
    return _state_of_name(actor.name)


def derive_roles(incident: Incident) -> RoleReading:
    """Attacker and target of ``incident`` by the first rule that decides (see the module docstring)."""
    return _feed_roles(incident) or _foreign_forces(incident) or RoleReading(None, None, "undetermined", _why(incident))


def _feed_roles(incident: Incident) -> RoleReading | None:
    attacker = next((a for a in incident.actors if a.role is Role.ATTACKER), None)
    if attacker is None:
        return None
    target = next((a for a in incident.actors if a.role is Role.TARGET), None)
    by = actor_state(attacker) or attacker.name
    against = (actor_state(target) if target else None) or incident.place.iso3
    whom = target.name if target else "no target actor"
    return RoleReading(by, against, "feed-roles", f"the feed marks {attacker.name} as attacker ({whom} as target)")


def _foreign_forces(incident: Incident) -> RoleReading | None:
    home = incident.place.iso3
    if home is None:
        return None
    states = {s for s in (actor_state(a) for a in incident.actors) if s is not None}
    foreign = states - {home}
    if len(foreign) != 1:
        return None
    (by,) = foreign
    return RoleReading(by, home, "foreign-forces", f"forces of {by} acted on the territory of {home}")


def _why(incident: Incident) -> str:
    states = sorted({s for s in (actor_state(a) for a in incident.actors) if s is not None})
    where = incident.place.iso3 or incident.place.country
    if not states:
        return f"no actor is a state's forces or government (in {where})"
    return f"states {', '.join(states)} in {where}: not exactly one foreign state"
