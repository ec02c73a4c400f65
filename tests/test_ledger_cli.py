"""`guarantor ledger` end to end: init, keygen, register, append, verify, show, export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from guarantor.cli.main import _register, cli

_register()


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["ledger", *args], input=stdin)


@pytest.fixture
def world(tmp_path: Path) -> dict[str, str]:
    db = str(tmp_path / "l.sqlite")
    keys = {}
    for name in ("admin", "USA", "FRA"):
        result = run("keygen", name, "-o", str(tmp_path / f"{name}.key"), "--json")
        assert result.exit_code == 0, result.output
        keys[name] = json.loads(result.output)["public_key"]
    assert run("init", "--db", db, "--admin", "admin", "--key", str(tmp_path / "admin.key")).exit_code == 0
    for name in ("USA", "FRA"):
        result = run("register", name, keys[name], "--role", "party", "--db", db, "--key", str(tmp_path / "admin.key"))
        assert result.exit_code == 0, result.output
    return {"db": db, "dir": str(tmp_path)}


VOTE = '{"type": "vote_cast", "time": "2026-11-25T12:00:00Z", "party": "USA", "vote": "yes"}'


def test_append_verify_show_export(world: dict[str, str]) -> None:
    db, usa_key = world["db"], f"{world['dir']}/USA.key"
    result = run("append", "--db", db, "--key", usa_key, "--json", stdin=VOTE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["appended"][0]["seq"] == 4
    batch = json.dumps([{"type": "note", "time": "2026-11-25T12:00:00Z", "n": n} for n in range(3)])
    assert run("append", "--db", db, "--key", usa_key, stdin=batch).output.splitlines()[0].startswith("5 ")
    result = run("verify", "--db", db, "--json")
    assert result.exit_code == 0 and json.loads(result.output)["entries"] == 7
    shown = json.loads(run("show", "--db", db, "--from", "4", "--limit", "1", "--json").output)
    assert shown[0]["event"]["vote"] == "yes" and shown[0]["principal"] == "USA"
    lines = run("export", "--db", db).output.splitlines()
    assert [json.loads(line)["seq"] for line in lines] == list(range(1, 8))
    names = [p["name"] for p in json.loads(run("principals", "--db", db, "--json").output)]
    assert names == ["FRA", "USA", "admin"]


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (["--key", "{dir}/FRA.key"], VOTE, "E700", "vote_cast for party 'USA' submitted by 'FRA'"),
        (["--key", "{dir}/FRA.key", "--as", "USA"], VOTE, "E501", "does not verify"),
        (
            ["--key", "{dir}/USA.key"],
            '{"type": "x", "time": "2026-11-25T12:00:00Z", "p": 0.5}',
            "E503",
            "integer",
        ),
        (["--key", "{dir}/USA.key"], "[]", "E503", "non-empty array"),
    ],
)
def test_append_refusals_exit_2(world: dict[str, str], args: list[str], stdin: str, code: str, message: str) -> None:
    full = [a.format(**world) for a in args]
    result = run("append", "--db", world["db"], *full, "--json", stdin=stdin)
    assert result.exit_code == 2
    error = json.loads(result.output)["error"]
    assert error["code"] == code and message in error["message"]
    assert json.loads(run("verify", "--db", world["db"], "--json").output)["entries"] == 3


def test_verify_fails_with_exit_1_naming_the_entry(world: dict[str, str]) -> None:
    db = sqlite3.connect(world["db"], isolation_level=None)
    db.execute("DROP TRIGGER ledger_entries_no_delete")
    db.execute("DELETE FROM ledger_entries WHERE seq = 2")
    db.close()
    result = run("verify", "--db", world["db"], "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)["problem"] == {
        "seq": 2,
        "kind": "missing",
        "message": "entry 2 is missing: the next stored entry is 3",
    }
    plain = run("verify", "--db", world["db"])
    assert plain.exit_code == 1 and "entry 2: missing" in plain.stderr


def test_bad_input_exit_codes(tmp_path: Path) -> None:
    assert run("verify", "--db", str(tmp_path / "none.sqlite")).exit_code == 2
    key = tmp_path / "k.key"
    assert run("keygen", "k", "-o", str(key)).exit_code == 0
    again = run("keygen", "k", "-o", str(key), "--json")
    assert again.exit_code == 2 and "already exists" in json.loads(again.output)["error"]["message"]
    assert run("init", "--db", str(tmp_path / "x.sqlite"), "--admin", "a").exit_code == 2
