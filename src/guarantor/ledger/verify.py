"""Verification: walk the chain from the first entry and name the first entry that is wrong.

The walk stops at the first failure, since everything after a broken entry is untrustworthy. Each entry
is checked in this order (the problem kind in brackets):

1. its sequence number follows the previous one (``missing``, ``out-of-order``);
2. its ``prev`` is the previous entry's hash (``broken-link``: an entry was deleted, inserted or moved);
3. its hash matches its content (``hash-mismatch``: it was edited);
4. its event is canonical JSON with ``type`` and ``time`` (``bad-event``);
5. its submitter was allowed to record it (``not-permitted``);
6. its signature verifies with the submitter's key at that point of the chain (``bad-signature``);
7. it is not a replay of an earlier submission (``duplicate``).

Finally the last entry must be the head the store recorded with its last commit (``missing`` or
``head-mismatch``: entries were cut from the end).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from guarantor.errors import ChainError, GuarantorError
from guarantor.ledger.canonical import canonical_text, parse_json
from guarantor.ledger.entry import GENESIS_PREV, Entry, Head, signed_message
from guarantor.ledger.keys import verify_signature
from guarantor.ledger.principals import (
    OPEN,
    REGISTRATION,
    Policy,
    Principal,
    check_event,
    check_permission,
    registered,
)

__all__ = ["Problem", "Verification", "verify_entries"]


@dataclass(frozen=True, slots=True)
class Problem:
    """The first bad entry: its sequence number, a stable kind and a message."""

    seq: int
    kind: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "message": self.message}


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of verifying a ledger: ``entries`` good entries up to ``head``, then maybe a problem."""

    entries: int
    head: Head
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def raise_for_problem(self) -> None:
        """Raise ChainError naming the first bad entry, if there is one."""
        if self.problem is not None:
            raise ChainError(
                f"entry {self.problem.seq}: {self.problem.kind}: {self.problem.message}",
                hint="restore the ledger from a copy; entries from this one on cannot be trusted",
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": {"seq": self.head.seq, "hash": self.head.hash},
            "problem": self.problem.to_dict() if self.problem else None,
        }


class _Bad(Exception):
    def __init__(self, seq: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(seq, kind, message)


def verify_entries(
    entries: Iterable[Entry], recorded_head: Head | None = None, *, policy: Policy = OPEN
) -> Verification:
    """Verify ``entries`` (in stored order) as a complete ledger, and its end against ``recorded_head``."""
    walk = _Walk(policy)
    try:
        for entry in entries:
            walk.check(entry)
        if recorded_head is not None:
            walk.check_end(recorded_head)
    except _Bad as bad:
        return Verification(walk.head.seq, walk.head, bad.problem)
    return Verification(walk.head.seq, walk.head)


class _Walk:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.head = Head(0, GENESIS_PREV)
        self.registry: dict[str, Principal] = {}
        self.signatures: set[str] = set()

    def check(self, entry: Entry) -> None:
        seq = self.head.seq + 1
        self._check_position(entry, seq)
        if entry.computed_hash() != entry.hash:
            raise _Bad(seq, "hash-mismatch", "its content does not match its hash: the entry was edited")
        event = _event(entry, seq)
        try:
            principal = check_permission(event, entry.principal, self.registry, genesis=seq == 1, policy=self.policy)
        except GuarantorError as exc:
            raise _Bad(seq, "not-permitted", exc.message) from None
        if not verify_signature(principal.public_key, entry.signature, _message(entry)):
            raise _Bad(seq, "bad-signature", f"its signature does not verify with {principal.name!r}'s key")
        if entry.signature in self.signatures:
            raise _Bad(seq, "duplicate", "it replays an earlier submission (same signature)")
        if event["type"] == REGISTRATION:
            new = registered(event, seq)
            self.registry[new.name] = new
        self.signatures.add(entry.signature)
        self.head = Head(seq, entry.hash)

    def _check_position(self, entry: Entry, seq: int) -> None:
        if entry.seq > seq:
            raise _Bad(seq, "missing", f"entry {seq} is missing: the next stored entry is {entry.seq}")
        if entry.seq != seq:
            raise _Bad(seq, "out-of-order", f"entry {entry.seq} is stored where entry {seq} belongs")
        if entry.prev != self.head.hash:
            raise _Bad(
                seq,
                "broken-link",
                f"its prev hash is not the hash of entry {seq - 1}: an entry was deleted, inserted or moved here",
            )

    def check_end(self, recorded: Head) -> None:
        if recorded.seq > self.head.seq:
            first = self.head.seq + 1
            raise _Bad(
                first,
                "missing",
                f"entries {first}..{recorded.seq} are missing: the store's head is {recorded.seq}",
            )
        if recorded != self.head:
            raise _Bad(self.head.seq, "head-mismatch", f"the store's head is entry {recorded.seq} with another hash")


def _event(entry: Entry, seq: int) -> dict[str, Any]:
    try:
        value = parse_json(entry.event)
        if not isinstance(value, dict):
            raise _Bad(seq, "bad-event", "its event is not a JSON object")
        if canonical_text(value) != entry.event:
            raise _Bad(seq, "bad-event", "its event is not in canonical JSON form")
        check_event(value)
    except (GuarantorError, TypeError) as exc:
        raise _Bad(seq, "bad-event", str(exc)) from None
    return value


def _message(entry: Entry) -> bytes:
    return signed_message(entry.event, entry.principal)
