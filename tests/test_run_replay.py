"""`guarantor replay` reads what guarantor itself writes: ledger exports and `sources ingest` files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "run"
SPEC = "ukraine-coalition-2025"


def guarantor(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "guarantor", *args], capture_output=True, text=True, timeout=300, cwd=cwd
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def cases(output: str) -> set[str]:
    return {c["id"] for c in json.loads(output)["final"]["cases"]}


def test_replay_of_a_ledger_export_gives_the_runs_state(tmp_path: Path) -> None:
    key, db, export = tmp_path / "m.key", tmp_path / "l.sqlite", tmp_path / "export.jsonl"
    assert guarantor("ledger", "keygen", "monitor", "-o", str(key)).returncode == 0
    feeds = ["--feed", str(DATA / "ceasefire.jsonl"), "--feed", str(DATA / "acled_2026_03.csv")]
    feeds += ["--feed", str(DATA / "acled_2026_03_b.csv"), "--feed", str(DATA / "acled_deleted.csv")]
    ran = guarantor("run", SPEC, *feeds, "--db", str(db), "--key", str(key), "--json")
    assert ran.returncode == 0, ran.stderr
    assert guarantor("ledger", "export", "--db", str(db), "-o", str(export)).returncode == 0
    replayed = guarantor("replay", SPEC, str(export), "--json")
    assert replayed.returncode == 0, replayed.stderr
    assert cases(replayed.stdout) == cases(ran.stdout) and "backstop/acled:UKR90007" not in cases(ran.stdout)
    again = guarantor("run", SPEC, "--feed", str(export), "--db", str(tmp_path / "copy.sqlite"), "--key", str(key))
    assert again.returncode == 0 and "(ledger)" in again.stdout  # an export is a feed too


def test_replay_of_ingested_incidents(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for name in ("acled_2026_03.csv", "acled_2026_03_b.csv"):
        done = guarantor("sources", "ingest", str(DATA / name), "--format", "acled", "--store", str(store))
        assert done.returncode == 0, done.stderr
    replayed = guarantor("replay", SPEC, str(store / "incidents.jsonl"), "--json")
    assert replayed.returncode == 0, replayed.stderr
    subjects = {t["subject"] for t in json.loads(replayed.stdout)["transitions"]}
    # hostile rows of both exports are read (no ceasefire here, so not in force: no case opens); protests are not
    assert "consult/acled:UKR90008" in subjects and "consult/acled:UKR90001" in subjects
    assert not any("UKR90004" in s for s in subjects) and cases(replayed.stdout) == set()
