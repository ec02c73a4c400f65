"""What a party's client does before it posts a vote or an action report: add a nonce, sign, wrap.

The signature is the ledger's: Ed25519 over the canonical JSON of ``{"event", "principal", "purpose"}``
(``guarantor.ledger.signed_message``), made with the party's own private key, which never leaves it.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from guarantor.ledger import Signer, Submission

__all__ = ["new_nonce", "signed_body"]


def new_nonce() -> str:
    return secrets.token_hex(16)


def signed_body(event: Mapping[str, Any], signer: Signer, *, nonce: str | None = None) -> dict[str, Any]:
    """The JSON body for ``POST .../votes`` or ``.../actions``: the event with a nonce, and its signature."""
    full = {**event, "nonce": nonce or event.get("nonce") or new_nonce()}
    submission = Submission.sign(full, signer)
    return {"event": full, "signature": submission.signature}
