"""`guarantor run` end to end on a realistic ACLED-layout file, on SQLite and on a throwaway PostgreSQL server.

tests/data/run/ holds synthetic rows in ACLED's real 31-column layout (ACLED's terms forbid sharing its
rows): battles, shelling, drone strikes (one by Ukraine in Belgorod), a protest, an agreement, then a second
export with an update and new rows (a drone strike, an intercepted attack) and ACLED's deleted list.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from guarantor.sources import ACLED_COLUMNS
from pgserver import missing_binaries, new_database, throwaway_postgres

DATA = Path(__file__).parent / "data" / "run"
SPEC = "ukraine-coalition-2025"
CEASEFIRE, FIRST, SECOND, DELETED = (
    DATA / n for n in ("ceasefire.jsonl", "acled_2026_03.csv", "acled_2026_03_b.csv", "acled_deleted.csv")
)


def guarantor(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "guarantor", *args], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def run(db: str, key: Path, *feeds: Path) -> dict:  # type: ignore[type-arg]
    args = [a for f in feeds for a in ("--feed", str(f))]
    done = guarantor("run", SPEC, *args, "--db", db, "--key", str(key), "--json")
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def incidents_with_cases(result: dict) -> set[str]:  # type: ignore[type-arg]
    """The incidents in a case: the one that opened it and those of the same attack that joined it."""
    return {i for c in result["final"]["cases"] for i in (c["incident"], *c["joined"])}


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "monitor.key"
    assert guarantor("ledger", "keygen", "monitor", "-o", str(path)).returncode == 0
    return path


def test_the_file_is_in_acleds_layout() -> None:
    for path in (FIRST, SECOND):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert tuple(header) == ACLED_COLUMNS and len(header) == 31


def check_runs(db: str, key: Path) -> None:
    first = run(db, key, CEASEFIRE, FIRST)
    feed = first["feeds"][1]
    assert (feed["format"], feed["new"], feed["not_hostile"], feed["rejected"]) == ("acled", 7, 2, [])
    # battles, shelling and drone strikes by Russian forces in Ukraine open a case (the first) or join it (the
    # same attack); the protest, the agreement and Ukraine's strike on Belgorod (attacker UKR) do not count
    assert incidents_with_cases(first) == {f"acled:UKR9000{n}" for n in (1, 2, 3, 7)}
    for case in first["final"]["cases"]:  # one attack, one case per clause
        assert case["incident"] == "acled:UKR90001" and set(case["joined"]) == {f"acled:UKR9000{n}" for n in (2, 3, 7)}
    opened = [t for t in first["transitions"] if t["kind"] == "case-opened"]
    assert opened and all(t["clause"] for t in opened)
    assert first["final"]["cases"][0]["by"] == "RUS" and first["final"]["cases"][0]["against"] == "UKR"

    again = run(db, key, CEASEFIRE, FIRST)
    assert again["appended"] == 0 and again["ledger"] == first["ledger"]

    second = run(db, key, CEASEFIRE, SECOND, DELETED)
    counts = second["feeds"][1]
    assert (counts["new"], counts["updated"], counts["unchanged"]) == (2, 1, 6)
    assert second["feeds"][2]["withdrawn"] == 1 and second["appended"] == 4
    assert second["ledger"]["head"] == first["ledger"]["head"] + 4
    # the deleted battle no longer counts; the new drone strike and the intercepted attack do
    assert incidents_with_cases(second) == {f"acled:UKR9000{n}" for n in (1, 2, 3, 8, 9)}
    assert guarantor("ledger", "verify", "--db", db).returncode == 0


def test_run_on_sqlite(tmp_path: Path, key: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    check_runs(f"sqlite:///{db}", key)
    anchor = tmp_path / "head.json"
    assert guarantor("ledger", "checkpoint", "--db", str(db), "--key", str(key), "-o", str(anchor)).returncode == 0
    assert guarantor("ledger", "verify", "--db", str(db), "--expect-head", str(anchor)).returncode == 0
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    # Cut the last entry and rewrite the head, as a writer of the file can ("with connect" would not close it).
    with closing(sqlite3.connect(copy, isolation_level=None)) as raw:
        raw.execute("DROP TRIGGER ledger_entries_no_delete")
        raw.execute("DELETE FROM ledger_entries WHERE seq = (SELECT max(seq) FROM ledger_entries)")
        raw.execute("UPDATE ledger_head SET seq = seq - 1, hash = (SELECT hash FROM ledger_entries ORDER BY seq DESC)")
    assert guarantor("ledger", "verify", "--db", str(copy)).returncode == 0  # the chain alone cannot tell
    cut = guarantor("ledger", "verify", "--db", str(copy), "--expect-head", str(anchor))
    assert cut.returncode == 1 and "checkpoint-missing" in cut.stderr


def test_text_output_names_clauses_and_counts(tmp_path: Path, key: Path) -> None:
    done = guarantor(
        "run",
        SPEC,
        "--feed",
        f"{CEASEFIRE}:events",
        "--feed",
        f"{FIRST}:acled",
        "--db",
        str(tmp_path / "l.sqlite"),
        "--key",
        str(key),
    )
    assert done.returncode == 0, done.stderr
    assert "7 new" in done.stdout and "2 not hostile" in done.stdout
    assert "consult    case-opened              consult/acled:UKR90001 -> open" in done.stdout


def test_bad_feeds_are_clean_errors(tmp_path: Path, key: Path) -> None:
    db = str(tmp_path / "l.sqlite")
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    done = guarantor("run", SPEC, "--feed", str(bad), "--db", db, "--key", str(key))
    assert done.returncode == 2 and "E401" in done.stderr and "FILE:FORMAT" in done.stderr
    done = guarantor("run", SPEC, "--feed", f"{tmp_path / 'none.csv'}", "--db", db, "--key", str(key))
    assert done.returncode == 2 and "no such file" in done.stderr


@pytest.mark.parametrize("fmt", ["acled", "events"])
def test_an_endless_feed_stops_with_exit_2(tmp_path: Path, key: Path, fmt: str) -> None:
    """A feed on standard input that never ends (``/dev/zero``: no line ever ends) stops at the line limit."""
    args = ["run", SPEC, "--feed", f"-:{fmt}", "--db", str(tmp_path / "l.sqlite"), "--key", str(key)]
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "guarantor", *args],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2 and "E401" in done.stderr and "a line longer than" in done.stderr, done.stderr


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with throwaway_postgres(fsync=False) as url:
        yield url


@pytest.mark.postgres
@pytest.mark.skipif(missing_binaries() is not None, reason=str(missing_binaries()))
def test_run_on_postgresql(server: str, key: Path) -> None:
    check_runs(new_database(server), key)


def test_a_feed_from_a_pipe_is_read_and_a_folder_or_device_is_refused_by_name(tmp_path: Path, key: Path) -> None:
    # `--feed <(curl ...):acled` hands the command /dev/fd/63, a pipe: it is a feed like a file
    fifo = tmp_path / "acled.pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(FIRST.read_bytes()))
    writer.start()
    piped = run(str(tmp_path / "piped.db"), key, CEASEFIRE, Path(f"{fifo}:acled"))
    writer.join(timeout=60)
    assert piped["feeds"][1]["new"] == 7 and piped["final"]["cases"]
    db = str(tmp_path / "refused.db")
    folder = guarantor("run", SPEC, "--feed", f"{tmp_path}:acled", "--db", db, "--key", str(key))
    assert folder.returncode == 2 and f"feed '{tmp_path}' is a folder" in folder.stderr
    endless = guarantor("run", SPEC, "--feed", "/dev/zero:acled", "--db", db, "--key", str(key))
    assert endless.returncode == 2 and "E401 /dev/zero: a line longer than" in endless.stderr
