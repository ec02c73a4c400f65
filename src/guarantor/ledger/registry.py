"""The principals of a ledger, derived from the signed registration entries in its chain.

The stores keep a ``ledger_principals`` table, but anyone with write access to the database can edit it, so
no decision reads it: the append path and ``principals()`` replay the ``principal_registered`` entries, each
checked as ``verify`` checks it (its hash matches its content, an admin known at that point signed it, or it
is the self-signed genesis). A forged or edited registration makes the ledger refuse to append (E502).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping

from guarantor.errors import ChainError, GuarantorError
from guarantor.ledger.canonical import parse_json
from guarantor.ledger.entry import GENESIS_PREV, Entry, Head, signed_message
from guarantor.ledger.keys import verify_signature
from guarantor.ledger.principals import REGISTRATION, Principal, check_permission, registered

__all__ = ["REGISTRATION_PATTERN", "ChainRegistry", "principals_from_chain"]

REGISTRATION_PATTERN = f'%"type":"{REGISTRATION}"%'
"""A SQL LIKE pattern that every registration entry's canonical event text matches (a superset)."""

_HINT = "the ledger's principal entries were edited: run `guarantor ledger verify` and restore from a copy"


def principals_from_chain(
    entries: Iterable[Entry], start: Mapping[str, Principal] | None = None
) -> dict[str, Principal]:
    """Replay registration entries (in seq order; other entries are skipped) into the current principals.

    ``start`` is the registry replayed from the entries before these (none: the chain from its first entry)."""
    registry: dict[str, Principal] = dict(start or {})
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


class ChainRegistry:
    """``principals_from_chain`` kept between appends: each call replays only the entries added since.

    A store asks for its principals on every append; replaying the whole chain each time verifies every
    registration signature again. This keeps the replayed registry and the head it was replayed up to. Each
    call first checks that entry is still in the chain with the same hash (a truncated or rewritten chain is
    replayed from the start, and fails there if it was forged), then replays the registration entries up to
    the current head. An edit to an earlier registration entry does not change the keys used here (they are
    the ones verified when first read); ``verify`` reports the edit.
    """

    def __init__(self) -> None:
        self._registry: dict[str, Principal] = {}
        self._seen = Head(0, GENESIS_PREV)
        self._lock = threading.Lock()

    def current(
        self, head: Head, between: Callable[[int, int], Iterable[Entry]], hash_at: Callable[[int], str | None]
    ) -> dict[str, Principal]:
        """The principals at ``head``: ``between(a, b)`` yields the registration entries with a < seq <= b in
        seq order (a superset is fine), ``hash_at(seq)`` gives the stored hash of entry ``seq`` or None."""
        with self._lock:
            seen = self._seen
            if seen.seq and (head.seq < seen.seq or hash_at(seen.seq) != seen.hash):
                self._registry, seen = {}, Head(0, GENESIS_PREV)
            if head.seq > seen.seq:  # principals_from_chain skips what is not a registration
                self._registry = principals_from_chain(between(seen.seq, head.seq), self._registry)
            self._seen = head
            return dict(self._registry)
