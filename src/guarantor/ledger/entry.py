"""The records of the ledger: a signed submission, a stored entry, the chain head and a receipt.

An entry's hash is SHA-256 over the canonical JSON of
``{"event", "prev", "principal", "recorded_at", "seq", "signature", "v"}``, so it covers every stored
field, including the submitter's signature and the previous entry's hash (the chain). The submitter signs
the canonical JSON of ``{"event", "principal", "purpose"}``: the signature does not depend on the position
in the chain, so several writers can append without re-signing, and a replayed submission is refused as a
duplicate.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from guarantor.errors import LedgerEventError
from guarantor.ledger.canonical import canonical_text, parse_json
from guarantor.ledger.keys import Signer

__all__ = [
    "FORMAT_VERSION",
    "GENESIS_PREV",
    "PURPOSE",
    "Entry",
    "Head",
    "Receipt",
    "Submission",
    "entry_hash",
    "signed_message",
]

FORMAT_VERSION = 1
PURPOSE = "guarantor.ledger.entry/1"
GENESIS_PREV = "0" * 64


def signed_message(event: str, principal: str) -> bytes:
    """The bytes a principal signs: canonical JSON of its event (already canonical text) and its name."""
    return f'{{"event":{event},"principal":{_string(principal)},"purpose":"{PURPOSE}"}}'.encode()


def entry_hash(seq: int, prev: str, principal: str, recorded_at: str, event: str, signature: str) -> str:
    """SHA-256 (hex) of the canonical JSON of an entry; ``event`` is its canonical text."""
    text = (
        f'{{"event":{event},"prev":{_string(prev)},"principal":{_string(principal)},'
        f'"recorded_at":{_string(recorded_at)},"seq":{seq},"signature":{_string(signature)},'
        f'"v":{FORMAT_VERSION}}}'
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Submission:
    """An event in canonical JSON, signed by the principal who submits it."""

    event: str
    principal: str
    signature: str

    @classmethod
    def sign(cls, event: Mapping[str, Any], signer: Signer) -> Submission:
        text = canonical_text(event)
        return cls(text, signer.principal, signer.sign(signed_message(text, signer.principal)))

    @property
    def message(self) -> bytes:
        return signed_message(self.event, self.principal)

    def event_object(self) -> dict[str, Any]:
        value = parse_json(self.event)
        if not isinstance(value, dict):
            raise LedgerEventError(f"an event must be a JSON object, not {type(value).__name__}")
        return value


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored entry of the ledger; ``seq`` starts at 1."""

    seq: int
    recorded_at: str
    principal: str
    event: str
    prev: str
    hash: str
    signature: str

    def computed_hash(self) -> str:
        return entry_hash(self.seq, self.prev, self.principal, self.recorded_at, self.event, self.signature)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "recorded_at": self.recorded_at,
            "principal": self.principal,
            "event": json.loads(self.event),
            "prev": self.prev,
            "hash": self.hash,
            "signature": self.signature,
        }


@dataclass(frozen=True, slots=True)
class Head:
    """The last entry's sequence number and hash; ``Head(0, GENESIS_PREV)`` for an empty ledger."""

    seq: int = 0
    hash: str = GENESIS_PREV


@dataclass(frozen=True, slots=True)
class Receipt:
    """The acknowledgement of one appended entry, given only after its transaction committed."""

    seq: int
    hash: str
    recorded_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash, "recorded_at": self.recorded_at}
