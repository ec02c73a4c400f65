"""Helpers shared by the ledger tests: a fixed clock, principals with keys, and raw tampering."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from guarantor.ledger import Ledger, OwnerPolicy, Signer, save_private_key

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
VOTES = OwnerPolicy({"vote_cast": "party"})  # the rule the runtime hands the ledger (runtime_policy)


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
    ledger = Ledger.open(path, create=True, clock=StepClock(), policy=VOTES)
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


# The crash test, shared by the SQLite and PostgreSQL test modules.

INGEST = Path(__file__).with_name("ledger_ingest.py")


def start_ingest(db: str, key: Path, count: int, batch: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(INGEST), db, str(key), "osce", str(count), str(batch)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def kill_midway(process: subprocess.Popen[str], after: int) -> list[int]:
    """Read acknowledgements until ``after`` arrived, SIGKILL the writer, and return all acknowledged seqs."""
    acked: list[int] = []
    with process:
        assert process.stdout is not None
        for line in process.stdout:
            acked.append(int(line))
            if len(acked) >= after:
                process.send_signal(signal.SIGKILL)
                break
        # Anything already written to the pipe before the kill was acknowledged too.
        acked += [int(line) for line in process.stdout.read().split()]
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the writer finished before it could be killed"
    return acked


def crash_and_check(db: str, tmp_path: Path) -> None:
    people = cast()
    with Ledger.open(db, create=True) as ledger:
        populate(ledger, people)
    key = tmp_path / "osce.key"
    save_private_key(people.monitor.key, key)
    acked = kill_midway(start_ingest(db, key, count=20_000, batch=25), after=1500)
    with Ledger.open(db) as ledger:
        stored = {entry.seq for entry in ledger.entries()}
        result = ledger.verify()
    assert acked == list(range(6, 6 + len(acked)))
    assert set(acked) <= stored
    assert result.ok, result.problem
    assert result.entries == len(stored) < 5 + 20_000
