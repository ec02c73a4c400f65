"""A writer killed with SIGKILL mid-ingest loses no acknowledged entry, and the chain still verifies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from guarantor.ledger import Ledger, save_private_key
from ledgerkit import cast, populate

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


@pytest.mark.slow
def test_sigkill_keeps_every_acknowledged_entry_sqlite(tmp_path: Path) -> None:
    crash_and_check(str(tmp_path / "crash.sqlite"), tmp_path)
