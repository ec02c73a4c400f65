"""The PostgreSQL store behaves like the SQLite one, and is safe under concurrent appenders."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from guarantor.cli.main import _register, cli
from guarantor.errors import DuplicateEntry, PermissionDenied, StoreError
from guarantor.ledger import Ledger, Submission
from ledgerkit import StepClock, cast, crash_and_check, event, filled, populate
from pgserver import missing_binaries, new_database, throwaway_postgres

_register()

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(missing_binaries() is not None, reason=str(missing_binaries())),
]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with throwaway_postgres() as url:
        yield url


@pytest.fixture
def url(server: str) -> str:
    return new_database(server)


def test_append_and_verify(url: str) -> None:
    ledger, people = filled(url, 20)
    with ledger:
        assert ledger.head().seq == 25
        assert ledger.verify().ok
        with pytest.raises(PermissionDenied):
            ledger.append({"type": "vote_cast", "time": "2026-11-25T12:00:00Z", "party": "USA"}, people.fra)
        vote = Submission.sign({"type": "vote_cast", "time": "2026-11-25T12:00:00Z", "party": "USA"}, people.usa)
        assert ledger.submit(vote).seq == 26
        with pytest.raises(DuplicateEntry):
            ledger.submit(vote)
        assert ledger.head().seq == 26
        assert ledger.principals()["USA"].public_key == people.usa.public_key


def test_create_is_idempotent_and_open_needs_it(url: str) -> None:
    with pytest.raises(StoreError, match="holds no ledger"), Ledger.open(url) as ledger:
        ledger.head()
    Ledger.open(url, create=True).close()
    Ledger.open(url, create=True).close()


def test_same_schema_as_sqlite(url: str, tmp_path: Path) -> None:
    Ledger.open(url, create=True).close()
    Ledger.open(tmp_path / "l.sqlite", create=True).close()
    lite = sqlite3.connect(tmp_path / "l.sqlite")
    with psycopg.connect(url) as conn:
        for table in ("ledger_entries", "ledger_head", "ledger_principals"):
            query = "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position"
            pg_cols = [r[0] for r in conn.execute(query, (table,))]
            assert pg_cols == [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
    lite.close()


def test_entries_are_append_only(url: str) -> None:
    filled(url, 1)[0].close()
    with psycopg.connect(url) as conn:
        for sql in (
            "UPDATE ledger_entries SET principal = 'x'",
            "DELETE FROM ledger_entries",
            "TRUNCATE ledger_entries",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(sql)
            conn.rollback()


def test_tampering_is_found(url: str) -> None:
    filled(url, 10)[0].close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ALTER TABLE ledger_entries DISABLE TRIGGER USER")
        conn.execute("UPDATE ledger_entries SET event = replace(event, '\"n\":3', '\"n\":4') WHERE seq = 9")
        conn.execute("DELETE FROM ledger_entries WHERE seq = 12")
    with Ledger.open(url) as ledger:
        problem = ledger.verify().problem
    assert problem is not None and (problem.seq, problem.kind) == (9, "hash-mismatch")


def test_concurrent_appenders(url: str) -> None:
    people = cast()
    with Ledger.open(url, create=True, clock=StepClock()) as ledger:
        populate(ledger, people)
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        try:
            with Ledger.open(url) as mine:
                for batch in range(10):
                    mine.append_batch([(event(worker * 1000 + batch * 10 + i), people.monitor) for i in range(5)])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with Ledger.open(url) as ledger:
        result = ledger.verify()
    assert result.ok and result.entries == 5 + 6 * 10 * 5


@pytest.mark.slow
def test_sigkill_keeps_every_acknowledged_entry_postgres(url: str, tmp_path: Path) -> None:
    crash_and_check(url, tmp_path)


@pytest.mark.parametrize(
    ("sql", "exit_code", "expected"),
    [
        (["DROP TABLE ledger_entries CASCADE"], 2, ("E504", 'relation "ledger_entries" does not exist')),
        (["DROP TABLE ledger_head CASCADE"], 2, ("E504", 'relation "ledger_head" does not exist')),
        (
            ["ALTER TABLE ledger_entries DISABLE TRIGGER USER", "DELETE FROM ledger_entries"],
            1,
            ("missing", "entries 1..8 are missing: the store's head is 8"),
        ),
    ],
    ids=["entries-dropped", "head-dropped", "entries-emptied"],
)
def test_verify_of_a_gutted_ledger_is_an_error_not_a_traceback(
    url: str, sql: list[str], exit_code: int, expected: tuple[str, str]
) -> None:
    """`guarantor ledger verify` on a PostgreSQL ledger whose tables were dropped or emptied behind its back:
    a dropped table is E504 (exit 2), an emptied one a failed verification naming the entries (exit 1)."""
    filled(url, 3)[0].close()
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in sql:
            conn.execute(statement)  # type: ignore[arg-type]  # literals of this test
    result = CliRunner().invoke(cli, ["ledger", "verify", "--db", url, "--json"])
    assert result.exit_code == exit_code and not isinstance(result.exception, Exception), result.output
    out = json.loads(result.output)
    if exit_code == 2:
        said = (out["error"]["code"], out["error"]["message"])
        assert "dropped or edited" in out["error"]["hint"]
    else:
        said = (out["problem"]["kind"], out["problem"]["message"])
        assert out["ok"] is False and out["entries"] == 0
    assert said[0] == expected[0] and expected[1] in said[1], said
