"""The principals of a ledger, derived from the signed registration entries in its chain.

The stores keep a ``ledger_principals`` table, but anyone with write access to the database can edit it, so
no decision reads it: the append path and ``principals()`` replay the ``principal_registered`` entries, each
checked as ``verify`` checks it (its hash matches its content, an admin known at that point signed it, or it
is the self-signed genesis). A forged or edited registration makes the ledger refuse to append (E502).
"""

from __future__ import annotations

from collections.abc import Iterable

from guarantor.errors import ChainError, GuarantorError
from guarantor.ledger.canonical import parse_json
from guarantor.ledger.entry import Entry, signed_message
from guarantor.ledger.keys import verify_signature
from guarantor.ledger.principals import REGISTRATION, Principal, check_permission, registered

__all__ = ["REGISTRATION_PATTERN", "principals_from_chain"]

REGISTRATION_PATTERN = f'%"type":"{REGISTRATION}"%'
"""A SQL LIKE pattern that every registration entry's canonical event text matches (a superset)."""

_HINT = "the ledger's principal entries were edited: run `guarantor ledger verify` and restore from a copy"


def principals_from_chain(entries: Iterable[Entry]) -> dict[str, Principal]:
    """Replay registration entries (in seq order; other entries are skipped) into the current principals."""
    registry: dict[str, Principal] = {}
    for entry in entries:
        event = parse_json(entry.event)
        if not isinstance(event, dict) or event.get("type") != REGISTRATION:
            continue
        if entry.computed_hash() != entry.hash:
            raise ChainError(f"registration entry {entry.seq} does not match its hash", hint=_HINT)
        try:
            signer = check_permission(event, entry.principal, registry, genesis=entry.seq == 1)
        except GuarantorError as exc:
            raise ChainError(f"registration entry {entry.seq}: {exc.message}", hint=_HINT) from None
        if not verify_signature(signer.public_key, entry.signature, signed_message(entry.event, entry.principal)):
            raise ChainError(f"registration entry {entry.seq} is not signed by {signer.name!r}'s key", hint=_HINT)
        new = registered(event, entry.seq)
        registry[new.name] = new
    return registry
