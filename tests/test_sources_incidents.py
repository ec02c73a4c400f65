"""IncidentSet (no duplicates, supersede, history), quarantine stores, re-submission, NumPy columns."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from guarantor.errors import NotFound
from guarantor.sources import (
    EntryStatus,
    Incident,
    IncidentSet,
    JsonlQuarantine,
    MemoryQuarantine,
    Outcome,
    QuarantineStore,
    Rejection,
    load_incidents,
    load_mapping,
    read_acled,
    read_jsonl,
    resubmit,
    save_incidents,
    to_columns,
)


def test_rereading_changes_nothing_and_an_update_supersedes(data: Path) -> None:
    incidents = IncidentSet()
    first = incidents.ingest(read_acled(data / "acled_current.csv"))
    assert first.counts() == {"new": 4, "unchanged": 0, "superseded": 0, "outdated": 0, "rejected": 8}
    again = incidents.ingest(read_acled(data / "acled_current.csv"))
    assert again.counts() == {"new": 0, "unchanged": 4, "superseded": 0, "outdated": 0, "rejected": 8}
    update = incidents.ingest(read_acled(data / "acled_update.csv"))
    assert update.superseded == (("acled", "UKR1001"),) and update.new == (("acled", "UKR1013"),)
    assert len(incidents) == 5
    old, new = incidents.history(("acled", "UKR1001"))
    assert (old.fatalities, new.fatalities) == (4, 6)
    assert incidents[("acled", "UKR1001")] is new
    assert incidents.history(("acled", "nope")) == () and incidents.get(("acled", "nope")) is None


def test_an_older_upload_does_not_roll_back(data: Path) -> None:
    incidents = IncidentSet(r for r in read_acled(data / "acled_update.csv") if isinstance(r, Incident))
    current = incidents[("acled", "UKR1001")]
    assert current.uploaded is not None
    stale = replace(current, fatalities=1, uploaded=current.uploaded - timedelta(days=1))
    assert incidents.add(stale) is Outcome.OUTDATED
    assert incidents[("acled", "UKR1001")] is current
    assert incidents.history(("acled", "UKR1001")) == (stale, current)


def test_save_and_load_keep_every_version(tmp_path: Path, data: Path) -> None:
    incidents = IncidentSet()
    incidents.ingest(read_acled(data / "acled_current.csv"))
    incidents.ingest(read_acled(data / "acled_update.csv"))
    save_incidents(incidents, tmp_path / "incidents.jsonl")
    loaded = load_incidents(tmp_path / "incidents.jsonl")
    assert list(loaded.versions()) == list(incidents.versions())
    assert loaded.history(("acled", "UKR1001")) == incidents.history(("acled", "UKR1001"))
    assert len(load_incidents(tmp_path / "absent.jsonl")) == 0


@pytest.fixture(params=["memory", "jsonl"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> QuarantineStore:
    return MemoryQuarantine() if request.param == "memory" else JsonlQuarantine(tmp_path / "q.jsonl")


def test_quarantine_keeps_one_entry_per_bad_row(store: QuarantineStore, data: Path) -> None:
    incidents = IncidentSet()
    incidents.ingest(read_acled(data / "acled_current.csv"), store)
    incidents.ingest(read_acled(data / "acled_current.csv"), store)
    entries = store.entries()
    assert len(entries) == 8
    assert [e.rejection.row for e in entries] == [4, 5, 6, 7, 8, 10, 11, 13]
    with pytest.raises(NotFound):
        store.get("no-such-id")


def test_resubmit_after_fix(store: QuarantineStore, data: Path) -> None:
    incidents = IncidentSet()
    incidents.ingest(read_acled(data / "acled_current.csv"), store)
    bad_date = store.entries()[0]
    still = resubmit(store, bad_date.id, incidents, {"event_date": "2024-13-01"})
    assert isinstance(still, Rejection) and still.reason.startswith("'2024-13-01' is not a date")
    assert store.get(bad_date.id).rejection.record["event_date"] == "2024-13-01"  # the fix so far is kept
    fixed = resubmit(store, bad_date.id, incidents, {"event_date": "2024-03-02"})
    assert isinstance(fixed, Incident) and fixed.key == ("acled", "UKR1003")
    assert ("acled", "UKR1003") in incidents
    entry = store.get(bad_date.id)
    assert entry.status is EntryStatus.RESOLVED and entry.resolved_as == ("acled", "UKR1003")
    assert len(store.entries()) == 7 and len(store.entries(include_resolved=True)) == 8


def test_resubmit_a_row_with_a_missing_cell(store: QuarantineStore, data: Path) -> None:
    incidents = IncidentSet()
    incidents.ingest(read_acled(data / "acled_current.csv"), store)
    short = next(e for e in store.entries() if e.rejection.column is None)
    assert isinstance(resubmit(store, short.id, incidents, {"timestamp": "1709510400"}), Incident)


def test_resubmit_jsonl_row_that_was_not_json(store: QuarantineStore, data: Path) -> None:
    incidents = IncidentSet()
    incidents.ingest(read_jsonl(data / "monitor.jsonl", load_mapping(data / "monitor_jsonl.yaml")), store)
    broken = next(e for e in store.entries() if e.rejection.row == 4)
    fixes = {"id": "J-3", "when": "2024-06-02", "type": "shelling", "place.country": "Ukraine", "killed": "2"}
    result = resubmit(store, broken.id, incidents, fixes)
    assert isinstance(result, Incident) and result.key == ("monitor-json", "J-3")


def test_jsonl_quarantine_survives_reopening(tmp_path: Path, data: Path) -> None:
    path = tmp_path / "q.jsonl"
    incidents = IncidentSet()
    incidents.ingest(read_acled(data / "acled_current.csv"), JsonlQuarantine(path))
    first = JsonlQuarantine(path).entries()[0]
    resubmit(JsonlQuarantine(path), first.id, incidents, {"event_date": "2024-03-02"})
    reopened = JsonlQuarantine(path)
    assert reopened.get(first.id).status is EntryStatus.RESOLVED
    assert len(reopened.entries()) == 7


def test_to_columns(data: Path) -> None:
    incidents = IncidentSet()
    incidents.ingest(read_acled(data / "acled_current.csv"))
    cols = to_columns(incidents)
    assert len(cols) == 4 and cols.keys[0] == ("acled", "UKR1001")
    assert cols.time.dtype == np.int64 and cols.time[0] == 1709251200  # 2024-03-01T00:00Z
    assert cols.fatalities.tolist() == [4, 2, 4, 0]
    assert [cols.country_table[c] for c in cols.country] == ["UKR", "UKR", "UKR", "POL"]
    vac = cols.event_type == cols.code("event_type", "Violence against civilians")
    assert vac.tolist() == [False, True, False, False]
    # roles by guarantor.sources.roles: the civilians' state, and Russian forces in Ukraine as the attacker
    assert cols.actor_table[cols.target[1]] == "UKR"
    assert cols.actor_table[cols.attacker[0]] == "RUS" and cols.code("event_type", "Riots") == -1
    assert cols.attacker.tolist()[3] == -1  # Polish forces in Poland: no foreign state, no attacker
    assert cols.civilian_targeting.tolist() == [False, True, False, False]
    with pytest.raises(ValueError, match="read-only"):
        cols.fatalities[0] = 9


def test_to_columns_of_nothing() -> None:
    cols = to_columns([])
    assert len(cols) == 0 and cols.time.shape == (0,) and cols.event_type_table == ()
