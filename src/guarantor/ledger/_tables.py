"""The ledger's tables as SQLAlchemy Core metadata: used by the PostgreSQL store and its migrations.

The SQLite store writes the same tables with plain SQL (see :mod:`guarantor.ledger.sqlite`).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Column, Integer, MetaData, Table, Text, UniqueConstraint

__all__ = ["VERSION_TABLE", "entries", "head", "metadata", "principals"]

VERSION_TABLE = "ledger_alembic_version"

metadata = MetaData()

entries = Table(
    "ledger_entries",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("recorded_at", Text, nullable=False),
    Column("principal", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("prev", Text, nullable=False),
    Column("hash", Text, nullable=False),
    Column("signature", Text, nullable=False),
    UniqueConstraint("hash", name="uq_ledger_entries_hash"),
    UniqueConstraint("signature", name="uq_ledger_entries_signature"),
)

head = Table(
    "ledger_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", Text, nullable=False),
    CheckConstraint("id = 1", name="ck_ledger_head_one_row"),
)

principals = Table(
    "ledger_principals",
    metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),
    Column("public_key", Text, nullable=False),
    Column("registered_seq", BigInteger, nullable=False),
)
