"""Ed25519 keys: generate, store, load, and the text form of a public key.

A public key is written as 64 lowercase hex digits (the raw 32 bytes); a private key file is PKCS#8 PEM,
unencrypted, created with mode 0600. A :class:`Signer` pairs a principal's name with its private key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from guarantor.bounded import read_bounded
from guarantor.errors import LedgerError, Location, SignatureError

__all__ = [
    "Signer",
    "decode_public_key",
    "generate_private_key",
    "load_private_key",
    "public_key_text",
    "save_private_key",
    "verify_signature",
]

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")
KEY_FILE_LIMIT = 64 * 1024  # a PEM Ed25519 key is 119 bytes

# Signatures made or checked in this process that verify: (public key, signature, message). A verification
# is a pure function of the three, so a hit needs no elliptic-curve work. A server signs each incident and
# the ledger then checks that signature, and every append replays the registration signatures: with this
# each is computed once. Bounded: cleared when full; long messages (loaded specs) are not kept.
_VERIFIED: set[tuple[str, str, bytes]] = set()
_VERIFIED_MAX = 20_000
_VERIFIED_MESSAGE_MAX = 4096


def _remember(public_key: str, signature: str, message: bytes) -> None:
    if len(message) <= _VERIFIED_MESSAGE_MAX:
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        _VERIFIED.add((public_key, signature, message))


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public key as 64 lowercase hex digits."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def decode_public_key(text: str) -> Ed25519PublicKey:
    if not _HEX64.fullmatch(text):
        raise SignatureError(
            f"public key {text[:80]!r} is not 64 lowercase hex digits",
            hint="use the key printed by `guarantor ledger keygen`",
        )
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))


def save_private_key(key: Ed25519PrivateKey, path: Path) -> None:
    """Write ``key`` as PKCS#8 PEM to a new file readable only by its owner; never overwrite."""
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise LedgerError(
            f"key file {path} already exists", hint="choose another path; keys are never overwritten"
        ) from None
    except OSError as exc:
        raise LedgerError(
            f"cannot create key file {path}: {exc.strerror or exc}", hint="give a writable path"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
    except OSError as exc:
        path.unlink(missing_ok=True)  # never leave half a key behind
        raise LedgerError(f"cannot write key file {path}: {exc.strerror or exc}", hint="give a writable path") from None


def load_private_key(path: Path) -> Ed25519PrivateKey:
    raw = read_bounded(path, KEY_FILE_LIMIT, error=SignatureError, what="a private key file")
    try:
        key = serialization.load_pem_private_key(raw, password=None)
    except (ValueError, TypeError) as exc:
        raise SignatureError(
            f"cannot read an Ed25519 private key from {path}: {exc}",
            hint="name the file written by `guarantor ledger keygen`",
            location=Location(str(path)),
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError(
            f"{path} holds a {type(key).__name__}, not an Ed25519 private key",
            hint="name the file written by `guarantor ledger keygen`",
            location=Location(str(path)),
        )
    return key


def verify_signature(public_key: str, signature: str, message: bytes) -> bool:
    """True when ``signature`` (128 hex digits) is ``public_key``'s signature of ``message``."""
    if (public_key, signature, message) in _VERIFIED:
        return True
    if not _HEX128.fullmatch(signature) or not _HEX64.fullmatch(public_key):
        return False
    try:
        decode_public_key(public_key).verify(bytes.fromhex(signature), message)
    except InvalidSignature:
        return False
    _remember(public_key, signature, message)
    return True


@dataclass(frozen=True, slots=True)
class Signer:
    """A principal and its private key: signs submissions in that principal's name."""

    principal: str
    key: Ed25519PrivateKey
    public_key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "public_key", public_key_text(self.key))

    def sign(self, message: bytes) -> str:
        signature = self.key.sign(message).hex()
        _remember(self.public_key, signature, message)
        return signature

    @classmethod
    def generate(cls, principal: str) -> Signer:
        return cls(principal, generate_private_key())

    @classmethod
    def from_file(cls, principal: str, path: Path) -> Signer:
        return cls(principal, load_private_key(path))
