"""End-to-end runs of ``guarantor replay`` on the bundled examples and on broken timelines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from guarantor.cli.main import _register, cli
from guarantor.runtime import dump_jsonl, load_timeline

_register()

REPLAYS = Path(__file__).resolve().parents[1] / "examples" / "replays"
EXAMPLES: dict[str, str | list[str]] = {
    "nato-2001-article5.yaml": "nato-1949",
    "nato-2003-turkiye-article4.yaml": "nato-1949",
    "budapest-2014-crimea.yaml": "budapest-1994",
    "nato-2012-turkiye-article4.yaml": "nato-1949",
    "nato-2014-poland-article4.yaml": "nato-1949",
    "nato-2015-turkiye-article4.yaml": "nato-1949",
    "nato-2022-eight-allies-article4.yaml": "nato-1949",
    "nato-2022-przewodow.yaml": "nato-1949",
    "unsc-1950-korea.yaml": "examples/replays/specs/un-charter-1950.yaml",
    "warsaw-pact-1968-czechoslovakia.yaml": "examples/replays/specs/warsaw-pact-1955.yaml",
    "anzus-2001-australia.yaml": "examples/replays/specs/anzus-1951.yaml",
    "eu-2015-france-42-7.yaml": ["eu-teu-42-7", "nato-1949"],
    "rio-2019-venezuela.yaml": "examples/replays/specs/rio-treaty-1947.yaml",
}
ROOT = REPLAYS.parents[1]


def test_every_replay_file_is_listed() -> None:
    assert sorted(p.name for p in REPLAYS.glob("*.yaml")) == sorted(EXAMPLES)
    assert len(EXAMPLES) >= 10


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(("file", "spec"), sorted(EXAMPLES.items()))
def test_every_bundled_replay_runs(file: str, spec: str | list[str]) -> None:
    timeline = load_timeline(REPLAYS / file)
    assert timeline.header["spec"] == spec
    specs = [spec] if isinstance(spec, str) else spec
    code, out = run("replay", *(str(ROOT / s) if s.endswith(".yaml") else s for s in specs), str(REPLAYS / file))
    assert code == 0, out
    assert "Final state" in out


def test_json_shape() -> None:
    code, out = run("replay", "nato-1949", str(REPLAYS / "nato-2001-article5.yaml"), "--json")
    data = json.loads(out)
    assert code == 0
    first = data["transitions"][0]
    assert set(first) >= {"time", "clause", "kind", "state", "explanation"}
    assert first["explanation"]["inputs"] == ["#1 incident_reported 911"]
    confirmed = [t for t in data["transitions"] if t["kind"] == "decision-confirmed"]
    assert confirmed[0]["time"] == "2001-10-02T12:00:00Z"
    assert len(data["final"]["obligations"]) == 19


def test_as_of_a_date_includes_that_whole_day() -> None:
    code, out = run("replay", "nato-1949", str(REPLAYS / "nato-2001-article5.yaml"), "--as-of", "2001-09-12", "--json")
    data = json.loads(out)
    assert code == 0
    assert [t["kind"] for t in data["transitions"]][-1] == "decision-conditional"
    assert data["final"]["obligations"] == []


def test_jsonl_timeline_gives_the_same_replay(tmp_path: Path) -> None:
    src = REPLAYS / "budapest-2014-crimea.yaml"
    jsonl = tmp_path / "crimea.jsonl"
    jsonl.write_text(dump_jsonl(load_timeline(src).events))
    assert run("replay", "budapest-1994", str(jsonl), "--json") == run("replay", "budapest-1994", str(src), "--json")


def test_malformed_event_names_file_entry_line_and_fix(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "events:\n  - {type: incident_reported, time: 2020-01-01, id: a}\n  - {type: vote_cast, time: 2020-01-02}\n"
    )
    code, out = run("replay", "nato-1949", str(bad), "--json")
    error = json.loads(out)["error"]
    assert code == 2
    assert error["code"] == "E601"
    assert "entry 2 (line 3)" in error["message"] and "field 'party': Field required" in error["message"]
    assert "vote_cast event needs" in error["hint"]
    assert error["line"] == 3


def test_event_that_does_not_fit_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "decision_taken", "time": "2020-01-01T00:00:00Z", "body": "unsc", "question": "q"}\n')
    code, out = run("replay", "nato-1949", str(bad))
    assert code == 2
    assert "E600" in out and "entry 1" in out and "unknown body 'unsc'" in out


def test_bad_as_of_and_missing_file() -> None:
    code, out = run("replay", "nato-1949", str(REPLAYS / "nato-2001-article5.yaml"), "--as-of", "soon")
    assert code == 2 and "--as-of" in out
    code, out = run("replay", "nato-1949", "no/such/file.yaml")
    assert code == 2 and "no such file: no/such/file.yaml" in out


TWO = """
events:
  - {type: incident_reported, time: 2015-11-13T20:20:00Z, id: paris, kind: armed-aggression, against: FRA,
     country: FRA, region: europe}
  - {type: invocation_declined, time: 2015-11-16T15:00:00Z, party: FRA, clause: art5, reason: chose the EU clause}
  - {type: statement_made, time: 2015-11-16T15:00:00Z, party: FRA, stance: announce, text: invoke 42(7),
     instrument: eu-teu-42-7}
"""


def test_one_timeline_two_instruments_subprocess(tmp_path: Path) -> None:
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "guarantor", "replay", "nato-1949", "eu-teu-42-7", "-", "--json"]
    done = subprocess.run(cmd, input=TWO, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    nato, eu = data["instruments"]
    assert (nato["spec"], eu["spec"]) == ("nato-1949", "eu-teu-42-7")
    art5 = next(c for c in nato["final"]["clauses"] if c["clause"] == "art5")
    assert art5["status"] == "declined"
    assert eu["transitions"][0]["kind"] == "case-opened"
    assert "statement-made" in [t["kind"] for t in eu["transitions"]]
    assert "statement-made" not in [t["kind"] for t in nato["transitions"]]
    assert nato["transitions"][-1]["explanation"]["inputs"] == ["#2 invocation_declined"]


def test_event_naming_a_clause_no_spec_has_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {type: consultation_requested, time: 2014-03-03, actor: POL, clause: art44}\n")
    code, out = run("replay", "nato-1949", "eu-teu-42-7", str(bad), "--json")
    assert code == 2
    assert "field 'clause': no spec replayed defines 'art44'" in json.loads(out)["error"]["message"]
