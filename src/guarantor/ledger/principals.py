"""Principals, their roles, and the rules that say who may record what.

A principal is registered by a ``principal_registered`` entry: the first entry of every ledger (genesis)
registers an admin and is signed by the key it registers; later registrations (new principals, new keys,
new roles) must be signed by an admin. The rules, checked on append and again on verify:

| event | who may submit it |
| --- | --- |
| ``principal_registered`` | an admin (or, as the genesis entry, the admin it registers) |
| an event the policy ties to a field | only the party that field names, with that party's registered key |
| anything else | any registered party, monitor or admin; never an observer |

The ledger names no event of the runtime: the runtime hands it a ``Policy`` built from its event registry
(``guarantor.runtime.permissions``: a ``vote_cast`` only by the party in its ``party`` field).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from guarantor.errors import LedgerEventError, PermissionDenied
from guarantor.ledger.keys import decode_public_key

__all__ = [
    "OPEN",
    "REGISTRATION",
    "OwnerPolicy",
    "Policy",
    "Principal",
    "Role",
    "check_event",
    "check_permission",
    "registration_event",
]

REGISTRATION = "principal_registered"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}")


class Role(StrEnum):
    PARTY = "party"
    MONITOR = "monitor"
    OBSERVER = "observer"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    """A registered principal: its name, role, public key and the entry that registered it."""

    name: str
    role: Role
    public_key: str
    registered_seq: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role.value,
            "public_key": self.public_key,
            "registered_seq": self.registered_seq,
        }


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise LedgerEventError(
            f"principal name {name!r} is not valid",
            hint="use 1-128 characters: letters, digits and _ . : @ -, starting with a letter or digit",
        )
    return name


def registration_event(name: str, public_key: str, role: Role | str, time: str) -> dict[str, Any]:
    """The event that registers ``name`` with ``public_key`` and ``role``."""
    return {
        "type": REGISTRATION,
        "time": time,
        "principal": name,
        "public_key": public_key,
        "role": str(role),
    }


def check_event(event: Mapping[str, Any]) -> None:
    """Check the fields the ledger itself relies on: ``type``, ``time`` and those of its own events."""
    kind = event.get("type")
    if not isinstance(kind, str) or not kind:
        raise LedgerEventError("an event needs a non-empty string `type`", hint='e.g. {"type": "incident_reported"}')
    _check_time(event.get("time"))
    if kind == REGISTRATION:
        registered(event, 0)


def _check_time(time: object) -> None:
    problem = "is missing" if time is None else f"{time!r} is not an RFC 3339 time with a UTC offset"
    if isinstance(time, str):
        try:
            if datetime.fromisoformat(time).tzinfo is not None:
                return
        except ValueError:
            pass
    raise LedgerEventError(f"event time {problem}", hint='write e.g. "time": "2026-11-25T09:30:00Z"')


def registered(event: Mapping[str, Any], seq: int) -> Principal:
    """The principal a registration event declares."""
    name, key, role = event.get("principal"), event.get("public_key"), event.get("role")
    if not isinstance(name, str) or not isinstance(key, str) or role not in set(Role):
        raise LedgerEventError(
            "a principal_registered event needs string `principal`, `public_key` and `role`",
            hint=f"role is one of {', '.join(r.value for r in Role)}",
        )
    decode_public_key(key)
    return Principal(check_name(name), Role(role), key, seq)


class Policy(Protocol):
    """Event-specific rules on top of the ledger's own: raise ``PermissionDenied`` to refuse an event."""

    def check(self, event: Mapping[str, Any], principal: Principal) -> None: ...


@dataclass(frozen=True, slots=True)
class OwnerPolicy:
    """Events whose ``owners[type]`` field names the one party whose key may submit them (a vote: its voter)."""

    owners: Mapping[str, str] = field(default_factory=dict)

    def check(self, event: Mapping[str, Any], principal: Principal) -> None:
        kind = event["type"]
        name = self.owners.get(kind)
        if name is None:
            return
        owner = event.get(name)
        if not isinstance(owner, str):
            raise LedgerEventError(f"a {kind} event needs a string `{name}`: the party it belongs to")
        if principal.role is not Role.PARTY or owner != principal.name:
            raise PermissionDenied(
                f"{kind} for {name} {owner!r} submitted by {principal.name!r} ({principal.role})",
                hint=f"only the key registered for that party may submit its {kind}",
            )


OPEN = OwnerPolicy()
"""No event-specific rules: what a ledger enforces when nobody hands it a policy."""


def check_permission(
    event: Mapping[str, Any],
    submitter: str,
    registry: Mapping[str, Principal],
    *,
    genesis: bool,
    policy: Policy = OPEN,
) -> Principal:
    """The principal whose key must have signed ``event``; raises PermissionDenied if it may not submit it."""
    kind = event["type"]
    if genesis:
        return _genesis(event, submitter)
    principal = registry.get(submitter)
    if principal is None:
        raise PermissionDenied(
            f"principal {submitter!r} is not registered",
            hint="an admin registers it with `guarantor ledger register`",
        )
    if principal.role is Role.OBSERVER:
        raise PermissionDenied(f"principal {submitter!r} is an observer and may not record entries")
    if kind == REGISTRATION and principal.role is not Role.ADMIN:
        raise PermissionDenied(f"principal {submitter!r} ({principal.role}) may not register principals; admins only")
    policy.check(event, principal)
    return principal


def _genesis(event: Mapping[str, Any], submitter: str) -> Principal:
    if event["type"] != REGISTRATION:
        raise PermissionDenied(
            f"the first entry must register an admin, not be a {event['type']!r} event",
            hint="start the ledger with `guarantor ledger init --admin NAME --key FILE`",
        )
    principal = registered(event, 1)
    if principal.role is not Role.ADMIN or principal.name != submitter:
        raise PermissionDenied(
            f"the genesis entry must register its own submitter as admin, not {principal.name!r} as {principal.role}"
        )
    return principal
