"""Setting a server up and managing its principals, without a running server (``guarantor admin``).

``init`` creates the ledger schema, the token table and the server's key (the admin principal ``server``
whose key signs what token holders submit), and issues the first admin token. ``add`` creates a principal
with a role, registers its public key in the ledger when it has one (parties need one to sign votes), and
issues its token. A token is shown once: only its hash is stored. ``revoke`` deletes a principal's tokens
(running workers stop accepting them within their token cache time, 5 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guarantor.errors import LedgerError, RequestError
from guarantor.ledger import Clock, Ledger, Role, Signer, generate_private_key, save_private_key, utc_now
from guarantor.ledger.principals import check_name
from guarantor.runtime.permissions import runtime_policy
from guarantor.server.tokens import TokenDirectory

__all__ = ["SERVER_PRINCIPAL", "Issued", "add_principal", "init_server", "preflight", "revoke_tokens"]

SERVER_PRINCIPAL = "server"


@dataclass(frozen=True, slots=True)
class Issued:
    name: str
    role: Role
    token: str
    public_key: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"principal": self.name, "role": self.role.value, "token": self.token, "public_key": self.public_key}


def init_server(db: str, key_file: Path, *, admin: str = "admin", clock: Clock = utc_now) -> Issued:
    """Create the store and the server key (both idempotent) and issue a token to admin principal ``admin``."""
    if not key_file.exists():
        save_private_key(generate_private_key(), key_file)
    signer = Signer.from_file(SERVER_PRINCIPAL, key_file)
    with Ledger.open(db, create=True, clock=clock, policy=runtime_policy()) as ledger:
        known = ledger.principals().get(SERVER_PRINCIPAL)
        if ledger.head().seq == 0:
            ledger.genesis(signer)
        elif known is None or known.public_key != signer.public_key:
            raise LedgerError(
                f"the ledger at {db} already has a genesis, and {key_file} is not the key of {SERVER_PRINCIPAL!r}",
                hint="pass the --key the ledger was initialised with",
            )
    tokens = TokenDirectory(db)
    try:
        tokens.create()
        return Issued(check_name(admin), Role.ADMIN, tokens.issue(admin, Role.ADMIN, clock()), None)
    finally:
        tokens.close()


def add_principal(
    db: str, key_file: Path, name: str, role: Role, public_key: str | None, *, clock: Clock = utc_now
) -> Issued:
    """Create principal ``name`` (registering ``public_key`` in the ledger when given) and issue its token."""
    check_name(name)
    if name == SERVER_PRINCIPAL:
        raise RequestError(f"{SERVER_PRINCIPAL!r} is the server's own principal", hint="choose another name")
    if public_key is not None:
        signer = Signer.from_file(SERVER_PRINCIPAL, key_file)
        with Ledger.open(db, clock=clock, policy=runtime_policy()) as ledger:
            ledger.register(name, public_key, role, by=signer)
    tokens = TokenDirectory(db)
    try:
        tokens.create()
        return Issued(name, role, tokens.issue(name, role, clock()), public_key)
    finally:
        tokens.close()


def preflight(db: str, key_file: Path) -> None:
    """Fail early, with the fix, when ``db`` has no server ledger or ``key_file`` is not its server key."""
    if not key_file.is_file():
        raise LedgerError(f"no server key at {key_file}", hint=f"run `guarantor admin init --db {db}` first")
    signer = Signer.from_file(SERVER_PRINCIPAL, key_file)
    with Ledger.open(db, policy=runtime_policy()) as ledger:
        known = ledger.principals().get(SERVER_PRINCIPAL)
    if known is None or known.public_key != signer.public_key:
        raise LedgerError(
            f"{key_file} is not the key of the server principal of {db}",
            hint=f"pass the --key given to `guarantor admin init`, or run `guarantor admin init --db {db}`",
        )


def revoke_tokens(db: str, name: str) -> int:
    """Delete every token of principal ``name``; its key, if registered, stays in the ledger. Returns the count."""
    tokens = TokenDirectory(db)
    try:
        return tokens.revoke(name, listed_by=f"`guarantor admin list --db {db}`")
    finally:
        tokens.close()
