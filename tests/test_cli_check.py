"""End-to-end runs of the CLI as a user would type them (a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spec_cases import DATA, MINIMAL


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "guarantor", *args], capture_output=True, text=True, timeout=60, env=env, input=stdin
    )


def test_check_valid_spec_exits_0() -> None:
    proc = run("check", str(DATA / "minimal.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert "valid; 0 errors" in proc.stdout


def test_check_json_shape_for_load_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("body: council", "body: cuncil"), encoding="utf-8")
    proc = run("check", str(bad), "--json")
    assert proc.returncode == 2
    out = json.loads(proc.stdout)
    assert out["valid"] is False
    (f,) = out["findings"]
    assert {k: f[k] for k in ("code", "severity", "file", "line", "column")} == {
        "code": "E103",
        "severity": "error",
        "file": str(bad),
        "line": 16,
        "column": 22,
    }
    assert "did you mean 'council'" in f["message"]


def test_check_findings_exit_1(tmp_path: Path) -> None:
    spec = tmp_path / "g.yaml"
    spec.write_text(MINIMAL.replace("bearer: each-party, ", ""), encoding="utf-8")
    proc = run("check", str(spec), "--json")
    assert proc.returncode == 1
    assert [f["code"] for f in json.loads(proc.stdout)["findings"]] == ["G001"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"[1, 2", "not valid YAML"),
        (b"id: x\ntitle: y\nparties: []\nbogus: 1\n", "unknown key 'bogus'"),
    ],
)
def test_bad_files_exit_2_with_message(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(content)
    proc = run("check", str(path))
    assert proc.returncode == 2
    assert words in proc.stdout


def test_missing_file_exits_2() -> None:
    proc = run("check", "/nonexistent/spec.yaml", "--json")
    assert proc.returncode == 2
    assert "no such file" in json.loads(proc.stdout)["findings"][0]["message"]


def test_schema_is_json_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "guarantor spec, version 1"
    assert {"parties", "bodies", "clauses", "pledges", "scenarios"} <= set(schema["properties"])
    assert "Trigger" in schema["$defs"] and "VetoRule" in schema["$defs"]


def test_schema_validates_the_minimal_spec() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run("schema").stdout)
    data = json.loads(json.dumps(yaml.safe_load(MINIMAL), default=str))
    jsonschema.validate(data, schema)
