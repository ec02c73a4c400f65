"""End-to-end runs of `guarantor sources`: output, JSON and exit codes (0 ok, 1 rejected, 2 bad input)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from guarantor.cli.main import _register, cli

_register()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_read_reports_rejections_and_exits_1(data: Path) -> None:
    code, out = run("sources", "read", str(data / "acled_current.csv"), "--format", "acled")
    assert code == 1
    assert "12 rows: 4 new, 0 unchanged, 0 superseded, 0 outdated, 8 rejected" in out
    assert "acled_current.csv:4 [event_date]: '2024-13-45' is not a date" in out


def test_read_json_and_clean_file_exits_0(data: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    args = (
        "sources",
        "read",
        str(data / "acled_update.csv"),
        "--format",
        "acled",
        "--json",
        "--output",
        str(output),
    )
    code, out = run(*args)
    assert code == 0
    payload = json.loads(out)
    assert payload["counts"]["new"] == 2 and payload["rejected"] == []
    assert len(output.read_text().splitlines()) == 2


def test_bad_input_exits_2(data: Path, tmp_path: Path) -> None:
    code, out = run("sources", "read", str(tmp_path / "nope.csv"), "--format", "acled", "--json")
    assert code == 2 and json.loads(out)["error"]["code"] == "E401"
    code, out = run("sources", "read", str(data / "acled_legacy.csv"), "--format", "acled")
    assert code == 2 and "E401" in out and "acled-legacy" in out
    code, out = run("sources", "read", str(data / "monitor.csv"), "--format", "csv", "--json")
    assert code == 2 and json.loads(out)["error"]["code"] == "E402"
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: x\n")
    code, out = run("sources", "read", str(data / "monitor.csv"), "--format", "csv", "--mapping", str(bad))
    assert code == 2 and "E402" in out


def test_ingest_twice_then_update_then_fix(data: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    code, out = run("sources", "ingest", str(data / "acled_current.csv"), "--format", "acled", "--store", store)
    assert code == 1 and "4 new" in out
    code, out = run("sources", "ingest", str(data / "acled_current.csv"), "--format", "acled", "--store", store)
    assert code == 1 and "0 new, 4 unchanged" in out
    code, out = run("sources", "ingest", str(data / "acled_update.csv"), "--format", "acled", "--store", store)
    assert code == 0 and "1 new, 0 unchanged, 1 superseded" in out

    code, out = run("sources", "quarantine", "list", "--store", store, "--json")
    entries = json.loads(out)["entries"]
    assert code == 1 and len(entries) == 8
    first = entries[0]
    assert (first["row"], first["column"]) == (4, "event_date")

    code, out = run("sources", "quarantine", "resubmit", first["id"], "--store", store, "--set", "event_date=x")
    assert code == 1 and "still rejected" in out
    fixed = ("--set", "event_date=2024-03-02")
    code, out = run("sources", "quarantine", "resubmit", first["id"], "--store", store, *fixed, "--json")
    assert code == 0 and json.loads(out)["incident"]["source_id"] == "UKR1003"

    code, out = run("sources", "quarantine", "list", "--store", store)
    assert "7 entries" in out
    code, out = run("sources", "quarantine", "list", "--store", store, "--all")
    assert "resolved" in out and "-> acled:UKR1003" in out
    code, out = run("sources", "quarantine", "resubmit", "nope", "--store", store)
    assert code == 2 and "E800" in out
    code, out = run("sources", "quarantine", "resubmit", first["id"], "--store", store, "--set", "oops")
    assert code == 2 and "expected COLUMN=VALUE" in out


def test_resubmit_can_drop_an_extra_cell(tmp_path: Path, data: Path) -> None:
    extra = tmp_path / "extra.csv"
    lines = (data / "acled_update.csv").read_text().splitlines()
    extra.write_text("\n".join([lines[0], lines[1] + ",surplus"]) + "\n")
    store = str(tmp_path / "store")
    assert run("sources", "ingest", str(extra), "--format", "acled", "--store", store)[0] == 1
    entry = json.loads(run("sources", "quarantine", "list", "--store", store, "--json")[1])["entries"][0]
    assert entry["reason"] == "expected 31 cells, found 32"
    code, out = run("sources", "quarantine", "resubmit", entry["id"], "--store", store)
    assert code == 1 and "unexpected extra cell #32" in out
    assert run("sources", "quarantine", "resubmit", entry["id"], "--store", store, "--unset", "#32")[0] == 0
