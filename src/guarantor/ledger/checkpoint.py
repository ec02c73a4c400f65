"""Checkpoints: the ledger anchored outside itself.

A chain verifies on its own, so whoever can write the database can cut entries from its end and rewrite the
recorded head, or rebuild the whole chain under keys of their own: ``verify`` alone cannot tell. A
checkpoint is a small signed file, kept elsewhere (mailed, printed, published), that states "entry N has hash
H", signed by a registered principal. ``verify`` with a checkpoint also requires entry N to exist with hash H
(``checkpoint-missing``: truncated; ``checkpoint-mismatch``: rewritten) and the checkpoint's signer to be
registered with its key in the chain (``checkpoint-signer``). The signature covers the canonical JSON of
``{"hash", "principal", "public_key", "purpose", "seq", "time"}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import Any

from guarantor.bounded import read_bounded
from guarantor.errors import LedgerEventError, SignatureError
from guarantor.ledger.canonical import canonical_bytes
from guarantor.ledger.keys import Signer, verify_signature
from guarantor.ledger.ledger import Ledger, format_time
from guarantor.ledger.registry import principals_from_chain
from guarantor.ledger.verify import Problem, Verification

__all__ = ["PURPOSE", "Checkpoint", "check_checkpoint", "load_checkpoint", "make_checkpoint"]

PURPOSE = "guarantor.ledger.checkpoint/1"
CHECKPOINT_LIMIT = 64 * 1024  # a checkpoint is a few hundred bytes
_FIELDS = ("seq", "hash", "time", "principal", "public_key", "signature")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed statement that entry ``seq`` of a ledger has hash ``hash``."""

    seq: int
    hash: str
    time: str
    principal: str
    public_key: str
    signature: str

    def body(self) -> dict[str, Any]:
        return {
            "hash": self.hash,
            "principal": self.principal,
            "public_key": self.public_key,
            "purpose": PURPOSE,
            "seq": self.seq,
            "time": self.time,
        }

    def signed(self) -> bool:
        return verify_signature(self.public_key, self.signature, canonical_bytes(self.body()))

    def to_json(self) -> dict[str, Any]:
        return {**self.body(), "signature": self.signature}


def make_checkpoint(ledger: Ledger, signer: Signer) -> Checkpoint:
    """Verify ``ledger`` and sign a checkpoint of its head; a ledger that does not verify gets none (E502)."""
    result = ledger.verify()
    result.raise_for_problem()
    head = result.head
    draft = Checkpoint(head.seq, head.hash, format_time(ledger.now()), signer.principal, signer.public_key, "")
    signature = signer.sign(canonical_bytes(draft.body()))
    return Checkpoint(draft.seq, draft.hash, draft.time, draft.principal, draft.public_key, signature)


def load_checkpoint(path: str | Path) -> Checkpoint:
    """Read a checkpoint file; a malformed one is E503, a bad signature E501."""
    raw = read_bounded(path, CHECKPOINT_LIMIT, error=LedgerEventError, what="a checkpoint file")
    try:
        data = json.loads(raw.decode("utf-8"))
        checkpoint = Checkpoint(**{name: data[name] for name in _FIELDS})
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, KeyError, TypeError) as exc:
        raise LedgerEventError(
            f"{path}: not a ledger checkpoint ({exc})", hint="write one with `guarantor ledger checkpoint`"
        ) from None
    if data.get("purpose") != PURPOSE or not isinstance(checkpoint.seq, int) or checkpoint.seq < 1:
        raise LedgerEventError(f"{path}: not a ledger checkpoint (purpose or seq)")
    if not checkpoint.signed():
        raise SignatureError(f"{path}: the checkpoint's signature does not verify", hint="it was edited after signing")
    return checkpoint


def check_checkpoint(ledger: Ledger, checkpoint: Checkpoint, verified: Verification) -> Verification:
    """``verified`` with the checkpoint's verdict added: the first problem wins."""
    if verified.problem is not None and verified.problem.seq <= checkpoint.seq:
        return verified
    problem = _problem(ledger, checkpoint)
    return verified if problem is None else Verification(verified.entries, verified.head, problem)


def _problem(ledger: Ledger, checkpoint: Checkpoint) -> Problem | None:
    seq = checkpoint.seq
    entries = list(takewhile(lambda e: e.seq <= seq, ledger.entries()))
    if not entries or entries[-1].seq != seq:
        have = entries[-1].seq if entries else 0
        return Problem(seq, "checkpoint-missing", f"the checkpoint names entry {seq}, the ledger ends at {have}")
    if entries[-1].hash != checkpoint.hash:
        return Problem(seq, "checkpoint-mismatch", f"entry {seq} is not the one checkpointed: it was rewritten")
    known = principals_from_chain(entries).get(checkpoint.principal)
    if known is None or known.public_key != checkpoint.public_key:
        return Problem(
            seq, "checkpoint-signer", f"{checkpoint.principal!r} is not registered with the checkpoint's key"
        )
    return None
