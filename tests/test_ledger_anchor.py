"""The ledger anchored outside itself: checkpoints, keys from the chain, damaged stores, the handed-in policy."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from guarantor.errors import ChainError, PermissionDenied, SignatureError, StoreError
from guarantor.ledger import OPEN, Ledger, Signer, check_checkpoint, entry_hash, make_checkpoint, signed_message
from guarantor.runtime.permissions import runtime_policy
from ledgerkit import event, filled, raw

ROOT = Path(__file__).parents[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guarantor", *args], capture_output=True, text=True, timeout=120)


def truncate(path: Path, keep: int) -> None:
    """Cut entries after ``keep`` and rewrite the head, as someone with write access to the file can."""
    for db in raw(path):
        db.run("DELETE FROM ledger_entries WHERE seq > ?", keep)
        db.run("UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1", keep, db.row(keep)[5])


def test_truncation_passes_plain_verify_but_not_the_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    ledger, people = filled(path, 10)
    anchor = make_checkpoint(ledger, people.admin)
    assert (anchor.seq, anchor.signed()) == (15, True)
    ledger.close()
    copy = tmp_path / "copy.sqlite"
    shutil.copy(path, copy)
    truncate(copy, 12)
    with Ledger.open(copy) as cut:
        plain = cut.verify()
        assert plain.ok and plain.entries == 12  # the chain alone cannot tell
        checked = check_checkpoint(cut, anchor, plain)
    assert checked.problem is not None and checked.problem.kind == "checkpoint-missing"


def test_rewritten_history_and_foreign_signers_fail_the_checkpoint(tmp_path: Path) -> None:
    ledger, people = filled(tmp_path / "a.sqlite", 3)
    anchor = make_checkpoint(ledger, people.admin)
    other, _ = filled(tmp_path / "b.sqlite", 3)  # the same history rebuilt under other keys
    result = check_checkpoint(other, anchor, other.verify())
    assert result.problem is not None and result.problem.kind == "checkpoint-mismatch"
    stranger = make_checkpoint(other, Signer.generate("admin"))  # a key the chain never registered
    result = check_checkpoint(other, stranger, other.verify())
    assert result.problem is not None and result.problem.kind == "checkpoint-signer"


def test_checkpoint_cli_round_trip_and_tampered_file(tmp_path: Path) -> None:
    db, key, anchor = tmp_path / "l.sqlite", tmp_path / "admin.key", tmp_path / "head.json"
    assert cli("ledger", "keygen", "admin", "-o", str(key)).returncode == 0
    assert cli("ledger", "init", "--db", str(db), "--admin", "admin", "--key", str(key)).returncode == 0
    done = cli("ledger", "checkpoint", "--db", f"sqlite:///{db}", "--key", str(key), "-o", str(anchor))
    assert done.returncode == 0, done.stderr
    verified = cli("ledger", "verify", "--db", str(db), "--expect-head", str(anchor), "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["ok"]
    data = json.loads(anchor.read_text())
    anchor.write_text(json.dumps({**data, "seq": data["seq"] + 1}))
    refused = cli("ledger", "verify", "--db", str(db), "--expect-head", str(anchor))
    assert refused.returncode == 2 and "E501" in refused.stderr and "Traceback" not in refused.stderr


def test_an_edited_principals_table_gives_no_receipt(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    ledger, people = filled(path, 1)
    mallory = Signer.generate("USA")
    for db in raw(path):  # the editable cache now says USA's key is mallory's
        db.run("UPDATE ledger_principals SET public_key = ? WHERE name = 'USA'", mallory.public_key)
    with pytest.raises(SignatureError):
        ledger.append(event(99), mallory)
    assert ledger.head().seq == 6 and ledger.principals()["USA"].public_key == people.usa.public_key


def test_an_open_ledger_sees_a_truncated_chain_and_forgets_cut_principals(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    ledger, people = filled(path, 3)  # the store has replayed registrations 1..5 for these appends
    assert set(ledger.principals()) == {"admin", "USA", "FRA", "osce", "press"}
    truncate(path, 3)  # cut osce's and press's registrations under the open ledger
    assert set(ledger.principals()) == {"admin", "USA", "FRA"}
    with pytest.raises(PermissionDenied):
        ledger.append(event(50), people.monitor)
    assert ledger.append(event(51), people.usa).seq == 4
    ledger.close()


def test_a_forged_registration_entry_stops_appends(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    ledger, people = filled(path, 1)
    mallory = Signer.generate("mallory")
    text = json.dumps(
        {
            "principal": "mallory",
            "public_key": mallory.public_key,
            "role": "admin",
            "time": "2026-11-25T11:00:00Z",
            "type": "principal_registered",
        },
        separators=(",", ":"),
    )
    head = ledger.head()
    signature = mallory.sign(signed_message(text, "mallory"))
    digest = entry_hash(head.seq + 1, head.hash, "mallory", "2026-11-25T11:00:00.000000Z", text, signature)
    for db in raw(path):  # a well-formed entry, self-signed by a key no admin registered
        db.run(
            "INSERT INTO ledger_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
            head.seq + 1,
            "2026-11-25T11:00:00.000000Z",
            "mallory",
            text,
            head.hash,
            digest,
            signature,
        )
        db.run("UPDATE ledger_head SET seq = ?, hash = ?", head.seq + 1, digest)
    with pytest.raises(ChainError, match="registration entry 7"):
        ledger.append(event(100), mallory)
    with pytest.raises(ChainError):
        ledger.append(event(101), people.monitor)


@pytest.mark.parametrize(
    "damage",
    [
        "DROP TABLE ledger_entries",
        "DROP TABLE ledger_head",
        "DELETE FROM ledger_head",
        "DROP TABLE ledger_principals",
    ],
)
def test_damaged_stores_give_e504_never_a_traceback(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "l.sqlite"
    ledger, people = filled(path, 2)
    ledger.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute(damage)
    if "principals" in damage:  # nothing reads that table: the ledger still works
        with Ledger.open(path) as again:
            assert again.verify().ok and again.append(event(7), people.monitor).seq == 8
        return
    with Ledger.open(path) as again, pytest.raises(StoreError):
        again.append(event(7), people.monitor)
    result = cli("ledger", "verify", "--db", str(path))
    assert result.returncode == 2 and "E504" in result.stderr and "Traceback" not in result.stderr
    for args in (["show"], ["principals"], ["export"]):  # these read entries only: fine, or E504 without them
        result = cli("ledger", *args, "--db", str(path))
        assert result.returncode == (2 if "entries" in damage else 0), (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_emptied_entries_are_missing_and_junk_is_no_ledger(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    ledger, _ = filled(path, 2)
    ledger.close()
    for db in raw(path):
        db.run("DELETE FROM ledger_entries")
    result = cli("ledger", "verify", "--db", str(path))
    assert result.returncode == 1 and "missing" in result.stderr
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    result = cli("ledger", "verify", "--db", str(junk))
    assert result.returncode == 2 and "E504" in result.stderr and "Traceback" not in result.stderr


def test_the_ledger_names_no_runtime_event(tmp_path: Path) -> None:
    source = (ROOT / "src" / "guarantor" / "ledger" / "principals.py").read_text(encoding="utf-8")
    assert "vote_cast" not in source.split('"""', 2)[2]  # only the docstring mentions it
    ledger, people = filled(tmp_path / "l.sqlite", 0)
    ledger.close()
    vote = {"type": "vote_cast", "time": "2026-11-25T12:00:00Z", "party": "USA", "vote": "yes"}
    with Ledger.open(tmp_path / "l.sqlite") as plain:  # no policy handed in: the ledger has no opinion
        assert plain.policy is OPEN and plain.append(vote, people.fra).seq == 6
    with Ledger.open(tmp_path / "l.sqlite", policy=runtime_policy()) as strict, pytest.raises(PermissionDenied):
        strict.append({**vote, "time": "2026-11-25T12:01:00Z"}, people.fra)
