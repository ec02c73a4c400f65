"""Helpers shared by the ledger tests: a fixed clock, principals with keys, and raw tampering."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from guarantor.ledger import Ledger, Signer

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class StepClock:
    """A clock that advances one second per reading: deterministic recorded times."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class Cast:
    admin: Signer
    usa: Signer
    fra: Signer
    monitor: Signer
    observer: Signer


def cast() -> Cast:
    return Cast(
        Signer.generate("admin"),
        Signer.generate("USA"),
        Signer.generate("FRA"),
        Signer.generate("osce"),
        Signer.generate("press"),
    )


def populate(ledger: Ledger, people: Cast) -> None:
    """Genesis plus the four other principals: entries 1..5."""
    ledger.genesis(people.admin)
    ledger.register("USA", people.usa.public_key, "party", by=people.admin)
    ledger.register("FRA", people.fra.public_key, "party", by=people.admin)
    ledger.register("osce", people.monitor.public_key, "monitor", by=people.admin)
    ledger.register("press", people.observer.public_key, "observer", by=people.admin)


def event(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "type": "incident_reported",
        "time": f"2026-11-25T10:{n // 60 % 60:02d}:{n % 60:02d}Z",
        "n": n,
        **extra,
    }


def filled(path: Path | str, count: int) -> tuple[Ledger, Cast]:
    """A SQLite or PostgreSQL ledger with 5 registrations and ``count`` incident entries (seq 6..)."""
    people = cast()
    ledger = Ledger.open(path, create=True, clock=StepClock())
    populate(ledger, people)
    ledger.append_batch([(event(i), people.monitor) for i in range(count)])
    return ledger, people


@dataclass
class Raw:
    """Direct SQL on a SQLite ledger file, as an attacker with file access would do it."""

    db: sqlite3.Connection

    def run(self, sql: str, *args: Any) -> None:
        self.db.execute(sql, args)

    def row(self, seq: int) -> tuple[Any, ...]:
        found = self.db.execute("SELECT * FROM ledger_entries WHERE seq = ?", (seq,)).fetchone()
        assert found is not None
        return tuple(found)


def raw(path: Path) -> Iterator[Raw]:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TRIGGER IF EXISTS ledger_entries_no_update")
    db.execute("DROP TRIGGER IF EXISTS ledger_entries_no_delete")
    try:
        yield Raw(db)
    finally:
        db.close()
