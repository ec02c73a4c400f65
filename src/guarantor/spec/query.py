"""Questions about a spec on a given date: who is a party, who sits on a body, who is protected."""

from __future__ import annotations

from datetime import date

from guarantor.spec.clauses import OTHER_PARTIES, PartySet
from guarantor.spec.model import Spec
from guarantor.spec.parties import LifecycleEvent

__all__ = ["body_members", "expand", "in_force", "is_member", "parties_on", "suspended_towards"]


def is_member(spec: Spec, party_id: str, day: date | None) -> bool:
    """Is ``party_id`` a party on ``day`` (None: at any time), after withdrawals and terminations?"""
    party = spec.party(party_id)
    if party is None:
        return False
    if day is None:
        return True
    by_periods = party.member_on(day)
    if by_periods is not None:
        return by_periods and not (spec.terminated and day >= spec.terminated)
    joined = party.joined or (spec.entry_into_force.date if spec.entry_into_force else None) or spec.signed
    if joined and day < joined:
        return False
    if party.left and day >= party.left:
        return False
    if spec.terminated and day >= spec.terminated:
        return False
    withdrawn = (ev.party == party_id and ev.kind == "withdrawal" and day >= ev.effective for ev in spec.events)
    return not any(withdrawn)


def suspended_towards(spec: Spec, party: str, towards: str | None, day: date | None) -> LifecycleEvent | None:
    """The suspension in effect on ``day`` (None: after every dated event, as the spec stands) of ``party``'s
    obligations towards ``towards`` (the United States towards New Zealand under ANZUS from 17 September 1986),
    or None: none was made, a later reinstatement (towards that party, or towards everyone when it names no
    one) ended it, or no victim is known."""
    if towards is None:
        return None
    found = None
    for ev in sorted(spec.events, key=lambda e: e.effective):
        if ev.party != party or (day is not None and ev.effective > day):
            continue
        if ev.kind == "suspension" and towards in ev.towards:
            found = ev
        elif ev.kind == "reinstatement" and (not ev.towards or towards in ev.towards):
            found = None
    return found


def parties_on(spec: Spec, day: date | None) -> list[str]:
    """The parties on ``day`` in spec order (all parties when ``day`` is None)."""
    return [p.id for p in spec.parties if is_member(spec, p.id, day)]


def expand(spec: Spec, value: PartySet | None, day: date | None = None, *, victim: str | None = None) -> list[str]:
    """The actors a party set names, in spec order, without duplicates.

    ``victim`` is the party attacked in a case: ``all-other-parties`` and ``other-member-states`` leave it out
    (without a case they are every party).
    """
    if value is None:
        return []
    out: list[str] = []
    for name in [value] if isinstance(value, str) else value:
        if name in OTHER_PARTIES:
            out += [p for p in parties_on(spec, day) if p != victim]
            continue
        out += _expand_one(spec, name, day)
    order = {a: i for i, a in enumerate(spec.actor_ids)}
    return sorted(dict.fromkeys(out), key=lambda a: order.get(a, len(order)))


def _expand_one(spec: Spec, name: str, day: date | None) -> list[str]:
    if name in ("all-parties", "each-party", "any-party"):
        return parties_on(spec, day)
    if name == "protected":
        return [] if spec.protects == "protected" else expand(spec, spec.protects, day)
    if name == "potential-aggressors":
        return list(spec.potential_aggressors)
    if name in ("none", "any-state"):
        return []  # any-state is not a list: a trigger reads it as "anyone" (guarantor.semantics.trigger)
    if name in spec.roles:
        return list(spec.roles[name])
    holders = [p.id for p in spec.parties if name in p.roles]
    if holders:
        return [h for h in holders if day is None or is_member(spec, h, day)]
    return [name] if spec.actor(name) else []


def body_members(spec: Spec, body_id: str, day: date | None = None) -> list[str]:
    """Who sits on ``body_id`` on ``day``: dated seats, or the party set's members on that day."""
    body = spec.bodies[body_id]
    seats = body.seats()
    if seats is None:
        return expand(spec, body.members, day)  # type: ignore[arg-type]
    return [
        s.id
        for s in seats
        if day is None or ((s.joined is None or s.joined <= day) and (s.left is None or day < s.left))
    ]


def in_force(spec: Spec, day: date) -> bool:
    """In force on ``day`` when its entry date has passed (an event-based start is decided at run time)."""
    eif = spec.entry_into_force
    start = eif.date if eif and eif.date else spec.signed
    if start and day < start:
        return False
    return not (spec.terminated and day >= spec.terminated)
