"""Who may submit what through the server, and which submissions must carry the party's own signature.

| event | roles | signed by the party's key |
| --- | --- | --- |
| ``incident_reported``, ``attribution_assessed`` | monitor, admin | no |
| ``undertaking_breached``, ``ceasefire_declared`` | monitor, admin | no |
| ``decision_taken``, ``consultation_held``, ``membership_changed`` | monitor, admin (the secretariat) | no |
| ``consultation_requested``, ``assistance_requested``, ``obligation_acknowledged`` | party (as itself) | no |
| ``vote_cast``, ``action_reported`` | party (as itself) | yes, with a fresh nonce |

Any other runtime event (statements, meetings ended, determinations, ...) is recorded by a monitor or an admin.
Observers read and never write. Loading guarantees, issuing tokens and checkpoints are for admins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guarantor.errors import PermissionDenied
from guarantor.ledger import Role
from guarantor.runtime.events import EVENT_TYPES
from guarantor.server.tokens import Caller

__all__ = ["ACTS_AS_ITSELF", "ROLES", "SIGNED", "check_role", "check_submitter"]

_DESK = frozenset({Role.MONITOR, Role.ADMIN})
_PARTY = frozenset({Role.PARTY})
ROLES: dict[str, frozenset[Role]] = {
    "incident_reported": _DESK,
    "attribution_assessed": _DESK,
    "undertaking_breached": _DESK,
    "ceasefire_declared": _DESK,
    "decision_taken": _DESK,
    "consultation_held": _DESK,
    "membership_changed": _DESK,
    "consultation_requested": _PARTY,
    "assistance_requested": _PARTY,
    "obligation_acknowledged": _PARTY,
    "vote_cast": _PARTY,
    "action_reported": _PARTY,
}
SIGNED = frozenset({"vote_cast", "action_reported"})
ACTS_AS_ITSELF = frozenset(kind for kind, roles in ROLES.items() if roles == _PARTY)


def check_role(caller: Caller, allowed: frozenset[Role], what: str) -> None:
    if caller.role not in allowed:
        roles = " or ".join(sorted(r.value for r in allowed))
        raise PermissionDenied(f"{caller.name!r} ({caller.role}) may not {what}", hint=f"this needs a {roles} token")


def check_submitter(caller: Caller, event: Mapping[str, Any]) -> None:
    """Refuse ``event`` unless ``caller``'s role may submit it, and a party submits only in its own name."""
    kind = str(event.get("type"))
    allowed = ROLES.get(kind, _DESK if kind in EVENT_TYPES else None)
    if allowed is None:
        known = ", ".join(sorted(EVENT_TYPES))
        raise PermissionDenied(f"event type {kind!r} cannot be submitted to the server", hint=f"one of {known}")
    check_role(caller, allowed, f"submit {kind} events")
    if kind not in ACTS_AS_ITSELF:
        return
    named = event.get("party") if kind == "vote_cast" else event.get("actor")
    if named != caller.name:
        field = "party" if kind == "vote_cast" else "actor"
        raise PermissionDenied(
            f"{caller.name!r} submitted a {kind} event with {field} {named!r}",
            hint=f"a party acts only in its own name: set {field} to {caller.name!r}",
        )
