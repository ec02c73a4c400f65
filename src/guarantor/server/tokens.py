"""Bearer tokens: issued once, stored only as their SHA-256, looked up on every request.

A token is 32 random bytes (``gt_`` + URL-safe base64), so a plain SHA-256 is enough to make the stored
form useless to a reader of the database: there is nothing to brute-force. The table lives in the same
database as the ledger (SQLite or PostgreSQL), so several stateless workers share it.

Revoking a principal's tokens deletes their rows. A worker keeps a token it has looked up for at most
``cache_seconds`` (5 s by default) before asking the table again, so a revocation made by another worker or by
``guarantor admin revoke`` holds everywhere within that time; the worker that revokes forgets them at once.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, Engine, MetaData, String, Table, create_engine, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from guarantor.errors import NotFound, StoreError, Unauthenticated
from guarantor.ledger import Role, format_time

__all__ = ["Caller", "TokenDirectory", "hash_token", "sqlalchemy_url"]

_META = MetaData()
_TOKENS = Table(
    "server_tokens",
    _META,
    Column("token_hash", String(64), primary_key=True),
    Column("principal", String(128), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
)


def sqlalchemy_url(db: str) -> str:
    """The SQLAlchemy URL of a ledger URL (``postgresql://`` uses psycopg 3)."""
    for prefix in ("postgresql://", "postgres://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db.removeprefix(prefix)
    if db.startswith(("postgresql+psycopg://", "sqlite:///")):
        return db
    return f"sqlite:///{db}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Caller:
    """The principal a request acts as, and its role."""

    name: str
    role: Role


class TokenDirectory:
    """Issue and check bearer tokens."""

    def __init__(self, db: str, *, cache_seconds: float = 5.0) -> None:
        try:
            self._engine: Engine = create_engine(sqlalchemy_url(db), pool_pre_ping=True)
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot open the token table at {db}: {exc}") from None
        self._cache: dict[str, tuple[Caller, float]] = {}  # token hash: (caller, when it stops being trusted)
        self._cache_seconds = cache_seconds

    def create(self) -> None:
        try:
            _META.create_all(self._engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot create the token table: {exc}") from None

    def issue(self, principal: str, role: Role, now: datetime) -> str:
        """A new token for ``principal``; the only time it is ever shown."""
        token = "gt_" + secrets.token_urlsafe(32)
        row = {"token_hash": hash_token(token), "principal": principal, "role": role.value}
        with self._engine.begin() as conn:
            conn.execute(insert(_TOKENS).values(**row, created_at=format_time(now)))
        return token

    def caller(self, token: str) -> Caller:
        """The principal holding ``token``; raises Unauthenticated for an unknown one."""
        digest = hash_token(token)
        known = self._cache.get(digest)
        now = time.monotonic()
        if known is not None and now < known[1]:
            return known[0]
        query = select(_TOKENS.c.principal, _TOKENS.c.role).where(_TOKENS.c.token_hash == digest)
        try:
            with self._engine.connect() as conn:
                row = conn.execute(query).first()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the token table: {exc}", hint="run `guarantor admin init`") from None
        if row is None:
            self._cache.pop(digest, None)
            raise Unauthenticated(
                "the bearer token is not known or was revoked", hint="ask an admin for a token (`guarantor admin add`)"
            )
        caller = Caller(str(row[0]), Role(row[1]))
        self._cache[digest] = (caller, now + self._cache_seconds)
        return caller

    def revoke(self, principal: str, *, listed_by: str) -> int:
        """Delete every token of ``principal``; returns how many there were. A principal that holds none is
        ``NotFound``, its hint naming what lists those who do (``listed_by``)."""
        try:
            with self._engine.begin() as conn:
                count = conn.execute(delete(_TOKENS).where(_TOKENS.c.principal == principal)).rowcount
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot write the token table: {getattr(exc, 'orig', exc)}", hint="run `guarantor admin init`"
            ) from None
        for digest, (caller, _) in list(self._cache.items()):
            if caller.name == principal:
                self._cache.pop(digest, None)
        if not count:
            raise NotFound(f"principal {principal!r} holds no token", hint=f"{listed_by} shows who does")
        return int(count)

    def principals(self) -> dict[str, Role]:
        try:
            with self._engine.connect() as conn:
                rows = conn.execute(select(_TOKENS.c.principal, _TOKENS.c.role)).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the token table: {exc}", hint="run `guarantor admin init`") from None
        return {str(name): Role(role) for name, role in rows}

    def close(self) -> None:
        self._engine.dispose()
