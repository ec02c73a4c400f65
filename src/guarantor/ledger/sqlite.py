"""The embedded store: one SQLite file in WAL mode, written with the standard library's sqlite3.

Durability: WAL with ``synchronous=FULL``, so every commit fsyncs the WAL before ``write`` returns. With
``NORMAL`` a commit survives a crash of the process (the WAL is in the OS cache) but not a power loss or
an OS crash, which may roll back the last commits; an acknowledged entry must survive both, hence FULL.
Writers from several processes serialise on ``BEGIN IMMEDIATE`` (SQLite's single write lock), waiting up to
``busy_timeout``. Triggers refuse UPDATE and DELETE of entries, so the ledger is append-only through SQL too.
A damaged file (dropped or emptied tables, not a database at all) is a ``StoreError`` (E504) naming it.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from guarantor.errors import DuplicateEntry, StoreError
from guarantor.ledger.entry import GENESIS_PREV, Entry, Head
from guarantor.ledger.principals import Principal
from guarantor.ledger.registry import REGISTRATION_PATTERN, ChainRegistry
from guarantor.ledger.store import Build, Plan

__all__ = ["SCHEMA_VERSION", "SQLiteStore"]

SCHEMA_VERSION = 1
_PAGE = 2000

# One script per schema version; the same tables as the Alembic migrations for PostgreSQL.
_MIGRATIONS: dict[int, str] = {
    1: f"""
    CREATE TABLE ledger_entries (
        seq INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        principal TEXT NOT NULL,
        event TEXT NOT NULL,
        prev TEXT NOT NULL,
        hash TEXT NOT NULL,
        signature TEXT NOT NULL,
        CONSTRAINT uq_ledger_entries_hash UNIQUE (hash),
        CONSTRAINT uq_ledger_entries_signature UNIQUE (signature)
    );
    CREATE TABLE ledger_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
    );
    INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '{GENESIS_PREV}');
    CREATE TABLE ledger_principals (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        public_key TEXT NOT NULL,
        registered_seq INTEGER NOT NULL
    );
    CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
    CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
    """,
}

_NOT_A_LEDGER = (
    "--db names a SQLite ledger file (made by `guarantor ledger init`) or a new path for one; "
    "check the path, or that the file is not another kind of file"
)
_COLUMNS = "seq, recorded_at, principal, event, prev, hash, signature"
T = TypeVar("T")


class SQLiteStore:
    """A ledger in one SQLite file."""

    def __init__(self, path: Path, *, must_exist: bool = False, busy_timeout_ms: int = 30_000) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        self._lock = threading.Lock()
        self._registry = ChainRegistry()
        self._ready = False
        self._turns: int | None = None  # the writers' lock file, opened at the first write
        self._turns_closer: weakref.finalize[..., Any] | None = None  # closes it with the store, or when collected
        if must_exist and not path.is_file():
            raise StoreError(f"no ledger at {path}", hint=f"create one with `guarantor ledger init --db {path}`")
        try:
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite ledger {path}: {exc}", hint=_NOT_A_LEDGER) from None
        # A store dropped without close() (an error between open and close) still closes its file when collected.
        self._closer = weakref.finalize(self, self._db.close)
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self._db.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            self._db.close()
            raise StoreError(f"cannot open SQLite ledger {path}: {exc}", hint=_NOT_A_LEDGER) from None

    def create(self) -> None:
        with self._lock:
            self._guard(self._create)

    def _create(self) -> None:
        if self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise StoreError(
                f"cannot switch {self.path} to WAL mode", hint="keep the ledger on a local disk that supports locking"
            )
        version = self._version()
        for target in range(version + 1, SCHEMA_VERSION + 1):
            self._db.executescript(f"BEGIN IMMEDIATE; {_MIGRATIONS[target]} PRAGMA user_version = {target}; COMMIT;")

    def _version(self) -> int:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has ledger schema {version}; this guarantor knows up to {SCHEMA_VERSION}",
                hint="upgrade guarantor to read this ledger",
            )
        return version

    def _check_ready(self) -> None:
        if self._ready:  # once initialised, a damaged file shows as an sqlite3 error, which _guard reports
            return
        if self._version() < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} is not an initialised ledger (schema {self._version()})",
                hint=f"run `guarantor ledger init --db {self.path}`",
            )
        self._ready = True

    def _guard(self, action: Callable[[], T]) -> T:
        """Run ``action``; a damaged database becomes a StoreError naming the file."""
        try:
            return action()
        except sqlite3.Error as exc:
            raise StoreError(
                f"the ledger at {self.path} is damaged: {exc}",
                hint="its tables were dropped or edited, or it is not a ledger; restore it from a copy",
            ) from None

    def write(self, build: Build) -> Plan:
        with self._lock, self._writer_turn():
            return self._guard(lambda: self._write(build))

    @contextmanager
    def _writer_turn(self) -> Iterator[None]:
        """Writers in other processes (server workers) take turns on a lock file beside the ledger.

        SQLite's own busy handler polls a held write lock with sleeps that grow to 100 ms, so two busy writer
        processes waited tens of milliseconds for each other; a blocking ``flock`` hands the turn over at once.
        Writers that do not take the file lock (the sqlite3 shell) are still waited for by ``busy_timeout``."""
        if self._turns is None:
            try:
                self._turns = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                self._turns = -1  # a read-only folder: no turns, SQLite's busy handler alone
            else:
                self._turns_closer = weakref.finalize(self, os.close, self._turns)
        if self._turns < 0:
            yield
            return
        fcntl.flock(self._turns, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._turns, fcntl.LOCK_UN)

    def _write(self, build: Build) -> Plan:
        self._check_ready()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            head = self._head()
            plan = build(head, self._principals(head))
            self._insert(plan)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return plan

    def _insert(self, plan: Plan) -> None:
        rows = [(e.seq, e.recorded_at, e.principal, e.event, e.prev, e.hash, e.signature) for e in plan.entries]
        try:
            self._db.executemany(f"INSERT INTO ledger_entries ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.IntegrityError as exc:
            if "signature" in str(exc):
                raise DuplicateEntry("a submission in this batch is already recorded (same signature)") from None
            raise StoreError(
                f"cannot append to {self.path}: {exc}", hint="check that the file and its folder are writable"
            ) from None
        if plan.principals:
            self._db.executemany(
                "INSERT OR REPLACE INTO ledger_principals (name, role, public_key, registered_seq) VALUES (?, ?, ?, ?)",
                [(p.name, p.role.value, p.public_key, p.registered_seq) for p in plan.principals],
            )
        head = plan.head
        self._db.execute("UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1", (head.seq, head.hash))

    def head(self) -> Head:
        with self._lock:
            self._guard(self._check_ready)
            return self._guard(self._head)

    def _head(self) -> Head:
        row = self._db.execute("SELECT seq, hash FROM ledger_head WHERE id = 1").fetchone()
        if row is None:
            raise StoreError(f"the ledger at {self.path} has lost its head row", hint="restore it from a copy")
        return Head(int(row[0]), str(row[1]))

    def principals(self) -> dict[str, Principal]:
        with self._lock:
            self._guard(self._check_ready)
            return self._guard(self._principals)

    def _principals(self, head: Head | None = None) -> dict[str, Principal]:
        """From the signed registration entries, never from the editable ledger_principals table."""
        if head is None:  # outside an append: up to the last entry (the head row is not needed to read)
            row = self._db.execute("SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1").fetchone()
            head = Head(0, GENESIS_PREV) if row is None else Head(int(row[0]), str(row[1]))
        return self._registry.current(head, self._registrations_between, self._hash_at)

    def _registrations_between(self, after: int, upto: int) -> list[Entry]:
        query = f"SELECT {_COLUMNS} FROM ledger_entries WHERE seq > ? AND seq <= ? AND event LIKE ? ORDER BY seq"
        return [Entry(*row) for row in self._db.execute(query, (after, upto, REGISTRATION_PATTERN)).fetchall()]

    def _hash_at(self, seq: int) -> str | None:
        row = self._db.execute("SELECT hash FROM ledger_entries WHERE seq = ?", (seq,)).fetchone()
        return None if row is None else str(row[0])

    def scan(self, start: int = 1) -> Iterator[Entry]:
        with self._lock:
            self._guard(self._check_ready)
        after = start - 1
        while True:
            with self._lock:
                rows = self._guard(partial(self._page, after))
            for row in rows:
                yield Entry(*row)
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    def _page(self, after: int) -> list[tuple[int, str, str, str, str, str, str]]:
        query = f"SELECT {_COLUMNS} FROM ledger_entries WHERE seq > ? ORDER BY seq LIMIT {_PAGE}"
        return self._db.execute(query, (after,)).fetchall()

    def close(self) -> None:
        with self._lock:
            self._closer()
            if self._turns_closer is not None:
                self._turns_closer()
                self._turns = -1  # closed: its number may belong to another file now
