"""Appending: who may record what, and a refused append stores nothing."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from guarantor.errors import (
    DuplicateEntry,
    GuarantorError,
    LedgerEventError,
    PermissionDenied,
    SignatureError,
    StoreError,
)
from guarantor.ledger import (
    Ledger,
    OwnerPolicy,
    Role,
    Signer,
    Submission,
    entry_hash,
    generate_private_key,
    signed_message,
)
from ledgerkit import StepClock, cast, event, populate

T = "2026-11-25T12:00:00Z"
REG = {"type": "principal_registered", "time": T, "principal": "X", "public_key": "0" * 64, "role": "admin"}
VOTES = OwnerPolicy({"vote_cast": "party"})  # the runtime hands the ledger this rule
VOTE = {"type": "vote_cast", "time": "2026-11-25T12:00:00Z", "party": "USA", "case": "c1", "vote": "yes"}


@pytest.fixture
def ledger(tmp_path: Path) -> Any:
    with Ledger.open(tmp_path / "l.sqlite", create=True, clock=StepClock(), policy=VOTES) as opened:
        yield opened


def test_receipts_follow_the_chain(ledger: Ledger) -> None:
    people = cast()
    populate(ledger, people)
    receipts = ledger.append_batch([(event(i), people.monitor) for i in range(3)])
    assert [r.seq for r in receipts] == [6, 7, 8]
    entries = list(ledger.entries())
    assert [e.seq for e in entries] == list(range(1, 9))
    assert receipts[-1].hash == entries[-1].hash == ledger.head().hash
    assert all(b.prev == a.hash for a, b in itertools.pairwise(entries))
    assert ledger.verify().ok


def test_hash_covers_every_field(ledger: Ledger) -> None:
    people = cast()
    ledger.genesis(people.admin)
    first = next(ledger.entries())
    assert first.prev == "0" * 64
    assert first.hash == entry_hash(1, first.prev, "admin", first.recorded_at, first.event, first.signature)
    assert first.recorded_at == "2026-11-25T09:00:02.000000Z"  # the event time read first
    assert entry_hash(2, first.prev, "admin", first.recorded_at, first.event, first.signature) != first.hash


def test_vote_by_its_party(ledger: Ledger) -> None:
    people = cast()
    populate(ledger, people)
    assert ledger.append(VOTE, people.usa).seq == 6


REFUSED = [
    # (event, signer name, key of, error, message)
    (VOTE, "FRA", "fra", PermissionDenied, "vote_cast for party 'USA' submitted by 'FRA'"),
    (VOTE, "USA", "fra", SignatureError, "does not verify with 'USA''s registered key"),
    (VOTE, "osce", "monitor", PermissionDenied, "vote_cast for party 'USA' submitted by 'osce' \\(monitor\\)"),
    (VOTE, "admin", "admin", PermissionDenied, "vote_cast for party 'USA' submitted by 'admin'"),
    (event(1), "press", "observer", PermissionDenied, "observer and may not record"),
    (event(1), "ghost", "usa", PermissionDenied, "'ghost' is not registered"),
    (event(1), "osce", "usa", SignatureError, "does not verify with 'osce''s registered key"),
    (REG, "USA", "usa", PermissionDenied, "may not register principals"),
    ({"type": "vote_cast", "time": T}, "USA", "usa", LedgerEventError, "needs a string `party`"),
    ({"time": "2026-11-25T12:00:00Z"}, "USA", "usa", LedgerEventError, "non-empty string `type`"),
    ({"type": "x"}, "USA", "usa", LedgerEventError, "time is missing"),
    ({"type": "x", "time": "2026-11-25 12:00"}, "USA", "usa", LedgerEventError, "UTC offset"),
    ({"type": "x", "time": T, "ratio": 0.5}, "USA", "usa", LedgerEventError, "not an integer"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "name", "key_of", "error", "message"), REFUSED)
def test_refused_appends_store_nothing(
    ledger: Ledger, payload: dict[str, Any], name: str, key_of: str, error: type[GuarantorError], message: str
) -> None:
    people = cast()
    populate(ledger, people)
    before = ledger.head()
    signer = Signer(name, getattr(people, key_of).key)
    with pytest.raises(error, match=message):
        ledger.append_batch([(event(100), people.monitor), (payload, signer)])
    assert ledger.head() == before
    assert len(list(ledger.entries())) == 5
    assert ledger.verify().ok


def test_first_entry_must_be_genesis(ledger: Ledger) -> None:
    people = cast()
    with pytest.raises(PermissionDenied, match="first entry must register an admin"):
        ledger.append(event(1), people.admin)
    with pytest.raises(PermissionDenied, match="register its own submitter as admin"):
        ledger.register("USA", people.usa.public_key, Role.PARTY, by=people.admin)
    with pytest.raises(SignatureError):
        ledger.register("admin", people.usa.public_key, Role.ADMIN, by=people.admin)
    assert ledger.head().seq == 0


def test_replayed_submission_is_refused(ledger: Ledger) -> None:
    people = cast()
    populate(ledger, people)
    vote = Submission.sign(VOTE, people.usa)
    ledger.submit(vote)
    with pytest.raises(DuplicateEntry):
        ledger.submit(vote)
    with pytest.raises(DuplicateEntry):
        ledger.submit_batch([Submission.sign(event(1), people.usa)] * 2)
    assert ledger.head().seq == 6


def test_presigned_submission(ledger: Ledger) -> None:
    people = cast()
    populate(ledger, people)
    text = '{"party":"USA","time":"2026-11-25T12:00:00Z","type":"vote_cast"}'
    signature = people.usa.sign(signed_message(text, "USA"))
    assert ledger.submit(Submission(text, "USA", signature)).seq == 6
    with pytest.raises(LedgerEventError, match="canonical"):
        ledger.submit(Submission(text.replace(",", ", "), "USA", signature))


def test_rekey_takes_effect_from_its_entry(ledger: Ledger) -> None:
    people = cast()
    populate(ledger, people)
    new = Signer.generate("USA")
    ledger.append(event(1), people.usa)
    ledger.register("USA", new.public_key, "party", by=people.admin)
    with pytest.raises(SignatureError):
        ledger.append(event(2), people.usa)
    ledger.append(event(3), new)
    assert ledger.principals()["USA"].public_key == new.public_key
    assert ledger.principal_for_key(new.public_key) == "USA"
    assert ledger.verify().ok


def test_entries_are_append_only_through_sql(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger.open(path, create=True) as ledger:
        ledger.genesis(cast().admin)
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE ledger_entries SET principal = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM ledger_entries")
    db.close()


def test_wal_and_full_sync(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite", create=True) as ledger:
        db = ledger.store._db  # type: ignore[attr-defined]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_uninitialised_and_unknown_urls(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ledger at"):
        Ledger.open(tmp_path / "x.sqlite")
    (tmp_path / "empty.sqlite").touch()
    with (
        pytest.raises(StoreError, match="not an initialised ledger"),
        Ledger.open(tmp_path / "empty.sqlite") as ledger,
    ):
        ledger.head()
    with pytest.raises(StoreError, match="unsupported ledger URL"):
        Ledger.open("mysql://x/y")


def test_closing_a_sqlite_ledger_closes_its_writers_lock_file(tmp_path: Path) -> None:
    def open_files() -> set[str]:
        found = set()
        for fd in Path("/proc/self/fd").iterdir():
            try:
                found.add(str(fd.readlink()))
            except OSError:
                continue
        return found

    db = tmp_path / "ledger.sqlite"
    store = Ledger.open(db, create=True)
    store.genesis(Signer("operator", generate_private_key()))
    assert f"{db}.lock" in open_files()  # the first write took its turn on the lock file
    store.close()
    assert f"{db}.lock" not in open_files() and str(db) not in open_files()
