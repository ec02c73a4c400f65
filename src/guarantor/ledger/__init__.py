"""The ledger: every accepted input as an append-only, hash-chained, Ed25519-signed entry.

Stores: SQLite (WAL, embedded default) and PostgreSQL (``pip install 'guarantor-spec[postgres]'``).
See ``docs/ledger.md`` for the entry format, canonical JSON, signing rules and crash guarantees.
"""

from guarantor.ledger.canonical import canonical_bytes, canonical_text, parse_json
from guarantor.ledger.checkpoint import Checkpoint, check_checkpoint, load_checkpoint, make_checkpoint
from guarantor.ledger.entry import GENESIS_PREV, Entry, Head, Receipt, Submission, entry_hash, signed_message
from guarantor.ledger.keys import (
    Signer,
    decode_public_key,
    generate_private_key,
    load_private_key,
    public_key_text,
    save_private_key,
    verify_signature,
)
from guarantor.ledger.ledger import Clock, Ledger, format_time, utc_now
from guarantor.ledger.principals import OPEN, OwnerPolicy, Policy, Principal, Role, registration_event
from guarantor.ledger.registry import principals_from_chain
from guarantor.ledger.sqlite import SQLiteStore
from guarantor.ledger.store import Plan, Store, open_store
from guarantor.ledger.verify import Problem, Verification, verify_entries

__all__ = [
    "GENESIS_PREV",
    "OPEN",
    "Checkpoint",
    "Clock",
    "Entry",
    "Head",
    "Ledger",
    "OwnerPolicy",
    "Plan",
    "Policy",
    "Principal",
    "Problem",
    "Receipt",
    "Role",
    "SQLiteStore",
    "Signer",
    "Store",
    "Submission",
    "Verification",
    "canonical_bytes",
    "canonical_text",
    "check_checkpoint",
    "decode_public_key",
    "entry_hash",
    "format_time",
    "generate_private_key",
    "load_checkpoint",
    "load_private_key",
    "make_checkpoint",
    "open_store",
    "parse_json",
    "principals_from_chain",
    "public_key_text",
    "registration_event",
    "save_private_key",
    "signed_message",
    "utc_now",
    "verify_entries",
    "verify_signature",
]
