"""Verify names the first bad entry after raw edits, deletions, reorderings and insertions."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.errors import ChainError
from guarantor.ledger import Entry, Head, Ledger, Signer, Submission, entry_hash, verify_entries
from ledgerkit import Cast, Raw, StepClock, cast, event, filled, populate, raw

COUNT = 10  # incidents after the 5 registrations: entries 1..15
K = 9


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Cast]:
    target = tmp_path / "l.sqlite"
    ledger, people = filled(target, COUNT)
    ledger.close()
    return target, people


@pytest.fixture
def path(made: tuple[Path, Cast]) -> Path:
    return made[0]


@pytest.fixture
def sql(path: Path) -> Iterator[Raw]:
    yield from raw(path)


def problem(path: Path) -> tuple[int, str]:
    with Ledger.open(path) as ledger:
        result = ledger.verify()
    assert result.problem is not None
    assert result.entries == result.problem.seq - 1 or result.problem.kind == "head-mismatch"
    return result.problem.seq, result.problem.kind


def forged_row(sql: Raw, seq: int, prev: str, signer: Signer) -> tuple[Any, ...]:
    sub = Submission.sign(event(999), signer)
    stamp = "2026-11-25T09:00:09.000000Z"
    digest = entry_hash(seq, prev, sub.principal, stamp, sub.event, sub.signature)
    return (seq, stamp, sub.principal, sub.event, prev, digest, sub.signature)


def test_untouched_ledger_verifies(path: Path) -> None:
    with Ledger.open(path) as ledger:
        result = ledger.verify()
    assert result.ok and result.entries == 15
    result.raise_for_problem()


def test_edited_event(path: Path, sql: Raw) -> None:
    sql.run("UPDATE ledger_entries SET event = replace(event, '\"n\":3', '\"n\":4') WHERE seq = ?", K)
    assert problem(path) == (K, "hash-mismatch")


def test_edited_event_with_recomputed_hash(path: Path, sql: Raw) -> None:
    _, stamp, who, text, prev, _, sig = sql.row(K)
    text = text.replace('"n":3', '"n":4')
    sql.run(
        "UPDATE ledger_entries SET event = ?, hash = ? WHERE seq = ?",
        text,
        entry_hash(K, prev, who, stamp, text, sig),
        K,
    )
    assert problem(path) == (K, "bad-signature")


def test_deleted_entry(path: Path, sql: Raw) -> None:
    sql.run("DELETE FROM ledger_entries WHERE seq = ?", K)
    assert problem(path) == (K, "missing")


def test_deleted_and_renumbered(path: Path, sql: Raw) -> None:
    sql.run("DELETE FROM ledger_entries WHERE seq = ?", K)
    sql.run("UPDATE ledger_entries SET seq = seq + 1000 WHERE seq > ?", K)
    sql.run("UPDATE ledger_entries SET seq = seq - 1001 WHERE seq > 1000")
    assert problem(path) == (K, "broken-link")


def test_deleted_last_entry(path: Path, sql: Raw) -> None:
    sql.run("DELETE FROM ledger_entries WHERE seq = 15")
    assert problem(path) == (15, "missing")


def test_reordered_entries(path: Path, sql: Raw) -> None:
    sql.run("UPDATE ledger_entries SET seq = -1 WHERE seq = ?", K)
    sql.run("UPDATE ledger_entries SET seq = ? WHERE seq = ?", K, K + 1)
    sql.run("UPDATE ledger_entries SET seq = ? WHERE seq = -1", K + 1)
    assert problem(path) == (K, "broken-link")


def _make_room(sql: Raw) -> str:
    prev = str(sql.row(K - 1)[5])
    sql.run("UPDATE ledger_entries SET seq = seq + 1000 WHERE seq >= ?", K)
    sql.run("UPDATE ledger_entries SET seq = seq - 999 WHERE seq > 1000")
    return prev


def test_inserted_forged_entry(path: Path, sql: Raw) -> None:
    prev = _make_room(sql)
    sql.run(
        "INSERT INTO ledger_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
        *forged_row(sql, K, prev, Signer.generate("osce")),
    )
    assert problem(path) == (K, "bad-signature")


def test_inserted_validly_signed_entry_breaks_the_next_link(made: tuple[Path, Cast], sql: Raw) -> None:
    # With a stolen registered key the inserted entry itself is well formed; its successor no longer links.
    path, people = made
    prev = _make_room(sql)
    thief = people.monitor
    sql.run("INSERT INTO ledger_entries VALUES (?, ?, ?, ?, ?, ?, ?)", *forged_row(sql, K, prev, thief))
    assert problem(path) == (K + 1, "broken-link")


def test_inserted_unregistered_principal(path: Path, sql: Raw) -> None:
    prev = _make_room(sql)
    sql.run(
        "INSERT INTO ledger_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
        *forged_row(sql, K, prev, Signer.generate("eve")),
    )
    assert problem(path) == (K, "not-permitted")


def test_raise_for_problem_names_the_entry(path: Path, sql: Raw) -> None:
    sql.run("DELETE FROM ledger_entries WHERE seq = ?", K)
    with Ledger.open(path) as ledger, pytest.raises(ChainError, match=f"entry {K}: missing") as caught:
        ledger.verify().raise_for_problem()
    assert caught.value.exit_code == 1


# Properties, on entries held in memory.

FIELDS = ["event", "prev", "hash", "signature", "principal", "recorded_at"]


@pytest.fixture(scope="module")
def chain() -> tuple[list[Entry], Head]:
    with tempfile.TemporaryDirectory() as tmp:
        ledger, _ = filled(Path(tmp) / "l.sqlite", 7)
        entries, head = list(ledger.entries()), ledger.head()
        ledger.close()
    return entries, head


@given(data=st.data())
def test_any_single_character_edit_is_found_at_its_entry(chain: tuple[list[Entry], Head], data: st.DataObject) -> None:
    entries, head = chain
    index = data.draw(st.integers(0, len(entries) - 1))
    field = data.draw(st.sampled_from(FIELDS))
    value: str = getattr(entries[index], field)
    at = data.draw(st.integers(0, len(value) - 1))
    char = data.draw(st.characters(codec="utf-8").filter(lambda c: c != value[at]))
    edited = list(entries)
    edited[index] = dataclasses.replace(entries[index], **{field: value[:at] + char + value[at + 1 :]})
    result = verify_entries(edited, head)
    assert result.problem is not None and result.problem.seq == index + 1


@given(data=st.data())
def test_any_deletion_is_found_at_its_place(chain: tuple[list[Entry], Head], data: st.DataObject) -> None:
    entries, head = chain
    index = data.draw(st.integers(0, len(entries) - 1))
    renumber = data.draw(st.booleans())
    rest = entries[:index] + [dataclasses.replace(e, seq=e.seq - 1) if renumber else e for e in entries[index + 1 :]]
    result = verify_entries(rest, head)
    assert result.problem is not None and result.problem.seq == index + 1


@given(data=st.data())
def test_any_swap_is_found_at_the_first_place(chain: tuple[list[Entry], Head], data: st.DataObject) -> None:
    entries, head = chain
    i = data.draw(st.integers(0, len(entries) - 2))
    j = data.draw(st.integers(i + 1, len(entries) - 1))
    swapped = list(entries)
    swapped[i] = dataclasses.replace(entries[j], seq=i + 1)
    swapped[j] = dataclasses.replace(entries[i], seq=j + 1)
    result = verify_entries(swapped, head)
    assert result.problem is not None and result.problem.seq == i + 1


@settings(max_examples=25, deadline=None)
@given(
    batches=st.lists(st.lists(st.sampled_from(["monitor", "usa", "fra", "vote"]), min_size=1, max_size=5), max_size=6)
)
def test_any_sequence_of_appends_verifies(batches: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        people = cast()
        with Ledger.open(Path(tmp) / "l.sqlite", create=True, clock=StepClock()) as ledger:
            populate(ledger, people)
            n = 0
            for batch in batches:
                items = []
                for who in batch:
                    n += 1
                    if who == "vote":
                        items.append(({**event(n), "type": "vote_cast", "party": "FRA"}, people.fra))
                    else:
                        items.append((event(n), getattr(people, who)))
                ledger.append_batch(items)
            result = ledger.verify()
    assert result.ok and result.entries == 5 + n


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_raw_sqlite_edit_delete_swap(data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    template = tmp_path_factory.getbasetemp() / "template.sqlite"
    if not template.exists():
        filled(template, 7)[0].close()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "l.sqlite"
        shutil.copy(template, path)
        seq = data.draw(st.integers(1, 12))
        how = data.draw(st.sampled_from(["edit", "delete", "swap"]))
        for sql in raw(path):
            if how == "edit":
                column = data.draw(st.sampled_from(FIELDS))
                sql.run(f"UPDATE ledger_entries SET {column} = {column} || ' ' WHERE seq = ?", seq)
            elif how == "delete":
                sql.run("DELETE FROM ledger_entries WHERE seq = ?", seq)
            else:
                sql.run("UPDATE ledger_entries SET seq = -1 WHERE seq = ?", seq)
                sql.run("UPDATE ledger_entries SET seq = ? WHERE seq = ?", seq, seq + 1)
                sql.run("UPDATE ledger_entries SET seq = ? WHERE seq = -1", seq + 1)
        assert problem(path)[0] == seq
