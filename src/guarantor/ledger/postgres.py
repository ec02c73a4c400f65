"""The shared store: PostgreSQL through SQLAlchemy 2 and psycopg 3, schema by Alembic migrations.

Writers serialise on the single ``ledger_head`` row (``SELECT ... FOR UPDATE``): each transaction reads the
head, chains its entries to it, inserts them and moves the head, then commits. The primary key on ``seq``
backs this up; a transaction that still collides (unique violation, serialisation failure, deadlock) is
retried from the start. With PostgreSQL's default ``synchronous_commit = on`` a commit returns only after
its WAL is flushed to disk, so an acknowledged entry survives a crash of the client, the server or the OS.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, insert, inspect, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, Row, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from guarantor.errors import DuplicateEntry, StoreError
from guarantor.ledger._tables import VERSION_TABLE, entries, head, principals
from guarantor.ledger.entry import GENESIS_PREV, Entry, Head
from guarantor.ledger.principals import Principal
from guarantor.ledger.registry import REGISTRATION_PATTERN, ChainRegistry
from guarantor.ledger.store import Build, Plan

__all__ = ["MIGRATIONS", "PostgresStore"]

MIGRATIONS = Path(__file__).with_name("migrations")
_PAGE = 2000
_RETRY_STATES = {"40001", "40P01", "23505"}  # serialization failure, deadlock, unique violation
_MIGRATION_LOCK = 0x6775617261  # an advisory lock id, so that two processes never migrate at once


def driver_url(url: str) -> str:
    """``postgresql://`` URLs use psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


_REACH = "check that the server runs and that the URL's user, host, port and database are right"


class PostgresStore:
    """A ledger in a PostgreSQL database, safe under concurrent appenders."""

    def __init__(self, url: str, *, retries: int = 10) -> None:
        try:
            self._engine = create_engine(driver_url(url), pool_pre_ping=True)
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"bad PostgreSQL URL: {exc}", hint="write postgresql://USER@HOST:PORT/DB") from None
        self.url = make_url(driver_url(url)).render_as_string(hide_password=True)
        self.retries = retries
        self._ready = False
        self._registry = ChainRegistry()

    def create(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self._engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK})
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot create the ledger schema in {self.url}: {exc}", hint=_REACH) from None
        self._ready = True

    def _check_ready(self, conn: Connection) -> None:
        if self._ready:
            return
        if not inspect(conn).has_table(VERSION_TABLE):
            raise StoreError(f"{self.url} holds no ledger", hint=f"run `guarantor ledger init --db {self.url}`")
        self._ready = True

    def write(self, build: Build) -> Plan:
        for attempt in range(self.retries):
            try:
                return self._write_once(build)
            except DBAPIError as exc:
                state = getattr(exc.orig, "sqlstate", None)
                constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
                if constraint == "uq_ledger_entries_signature":
                    raise DuplicateEntry("a submission in this batch is already recorded (same signature)") from None
                if state not in _RETRY_STATES or attempt == self.retries - 1:
                    raise StoreError(f"cannot append to {self.url}: {exc.orig}", hint=_REACH) from None
            except SQLAlchemyError as exc:
                raise StoreError(f"the ledger at {self.url} is damaged: {exc}", hint="restore it from a copy") from None
        raise AssertionError("unreachable")

    def _write_once(self, build: Build) -> Plan:
        with self._engine.begin() as conn:
            self._check_ready(conn)
            row = conn.execute(select(head.c.seq, head.c.hash).where(head.c.id == 1).with_for_update()).one()
            at = Head(int(row.seq), str(row.hash))
            plan = build(at, self._principals(conn, at))
            conn.execute(insert(entries), [_row(e) for e in plan.entries])
            if plan.principals:
                upsert = pg_insert(principals)
                conn.execute(
                    upsert.on_conflict_do_update(
                        index_elements=[principals.c.name],
                        set_={c: upsert.excluded[c] for c in ("role", "public_key", "registered_seq")},
                    ),
                    [p.to_dict() for p in plan.principals],
                )
            last = plan.head
            conn.execute(update(head).where(head.c.id == 1).values(seq=last.seq, hash=last.hash))
        return plan

    def head(self) -> Head:
        with self._connect() as conn, self._guard():
            row = conn.execute(select(head.c.seq, head.c.hash).where(head.c.id == 1)).one_or_none()
        if row is None:
            raise StoreError(f"the ledger at {self.url} has lost its head row", hint="restore it from a copy")
        return Head(int(row.seq), str(row.hash))

    def principals(self) -> dict[str, Principal]:
        with self._connect() as conn, self._guard():
            return self._principals(conn)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """A damaged database (dropped or edited tables) becomes a StoreError naming it."""
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(
                f"the ledger at {self.url} is damaged: {getattr(exc, 'orig', exc)}",
                hint="its tables were dropped or edited; restore it from a copy",
            ) from None

    def _principals(self, conn: Connection, at: Head | None = None) -> dict[str, Principal]:
        """From the signed registration entries, never from the editable ledger_principals table."""
        if at is None:  # outside an append: up to the last entry (the head row is not needed to read)
            last = select(entries.c.seq, entries.c.hash).order_by(entries.c.seq.desc()).limit(1)
            row = conn.execute(last).one_or_none()
            at = Head(0, GENESIS_PREV) if row is None else Head(int(row.seq), str(row.hash))

        def between(low: int, high: int) -> list[Entry]:
            where = (entries.c.seq > low, entries.c.seq <= high, entries.c.event.like(REGISTRATION_PATTERN))
            return [_entry(row) for row in conn.execute(select(entries).where(*where).order_by(entries.c.seq)).all()]

        def hash_at(seq: int) -> str | None:
            return conn.execute(select(entries.c.hash).where(entries.c.seq == seq)).scalar_one_or_none()

        return self._registry.current(at, between, hash_at)

    def scan(self, start: int = 1) -> Iterator[Entry]:
        after = start - 1
        while True:
            with self._connect() as conn, self._guard():
                query = select(entries).where(entries.c.seq > after).order_by(entries.c.seq).limit(_PAGE)
                rows = conn.execute(query).all()
            for row in rows:
                yield _entry(row)
            if len(rows) < _PAGE:
                return
            after = rows[-1].seq

    def _connect(self) -> Connection:
        try:
            conn = self._engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot connect to {self.url}: {exc}", hint=_REACH) from None
        try:
            self._check_ready(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self._engine.dispose()


def _entry(row: Row[Any]) -> Entry:
    return Entry(row.seq, row.recorded_at, row.principal, row.event, row.prev, row.hash, row.signature)


def _row(entry: Entry) -> dict[str, object]:
    return {
        "seq": entry.seq,
        "recorded_at": entry.recorded_at,
        "principal": entry.principal,
        "event": entry.event,
        "prev": entry.prev,
        "hash": entry.hash,
        "signature": entry.signature,
    }
