"""The ledger's permission policy for runtime events, built from the event registry.

An event class that names an ``owner`` field (``VoteCast.owner == "party"``) may be recorded only under the
key of the party that field names: only a party's key casts that party's vote. The ledger itself names no
runtime event; whoever opens a ledger for the runtime (the CLI, the server) hands it this policy.
"""

from __future__ import annotations

from guarantor.ledger.principals import OwnerPolicy
from guarantor.runtime.events import EVENT_TYPES

__all__ = ["runtime_policy"]


def runtime_policy() -> OwnerPolicy:
    """Who may submit which runtime event: ``{event type: owner field}`` from the registry."""
    return OwnerPolicy({name: cls.owner for name, cls in EVENT_TYPES.items() if cls.owner is not None})
