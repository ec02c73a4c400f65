"""Streams that never end and outputs that cannot be written, in a subprocess under a time and memory limit.

- ``/dev/zero`` as each kind of input file, and an endless pipe on standard input: every reader stops at its
  size limit (exit 2, the input named), in far less memory than the stream (``RLIMIT_AS`` of 1.5 GiB).
- ``> /dev/full`` for every command that prints (E010, exit 2), and ``-o /dev/full`` or ``-o`` into a
  missing folder for every output option (the command's own error, exit 2; the folder is checked before the
  work starts).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostilekit import Outcome, Workspace, assert_refused, invoke, run

pytestmark = pytest.mark.usefixtures("elsewhere")

SPEC = "ukraine-coalition-2025"
LEDGER = ["--db", "{DB}", "--key", "{KEY}"]


@pytest.fixture(autouse=True)
def _full_stays_a_device() -> Iterator[None]:
    yield
    # A command that renamed a file over its output (an "atomic" write) would replace the device itself.
    assert Path("/dev/full").is_char_device(), "a command replaced /dev/full with a file: restore it (mknod)"


# /dev/zero, one case per reader -----------------------------------------------------------------------------

ZERO = "/dev/zero"
ZERO_CASES = [
    pytest.param(["check", "{X}"], id="spec"),
    pytest.param(["simulate", SPEC, "--scenarios", "{X}"], id="scenarios"),
    pytest.param(["simulate", SPEC, "--posture", "{X}"], id="posture"),
    pytest.param(["sweep", SPEC, "--grid", "{X}"], id="grid"),
    pytest.param(["design", SPEC, "--space", "{X}"], id="design file"),
    pytest.param(["replay", "nato-1949", "{X}"], id="timeline"),
    pytest.param(["report", "nato-1949", "--design", "{X}", "-o", "-"], id="design result"),
    pytest.param(["read", "{X}"], id="news report"),
    pytest.param(["ledger", "append", "{X}", *LEDGER], id="events to append"),
    pytest.param(["ledger", "verify", "--db", "{DB}", "--expect-head", "{X}"], id="checkpoint"),
    pytest.param(["ledger", "init", "--db", "{ROOT}/k.db", "--admin", "a", "--key", "{X}"], id="private key"),
    pytest.param(["ledger", "verify", "--db", "{X}"], id="ledger store"),
    pytest.param(["import", "atop", "--alliances", "{X}", "--members", "{MEMBERS}", "-o", "out"], id="atop"),
    pytest.param(
        ["import", "atop", "--alliances", "{ALLIANCES}", "--members", "{MEMBERS}", "--states", "{X}", "-o", "o"],
        id="cow",
    ),
    pytest.param(["sources", "read", "{X}", "--format", "acled"], id="feed"),
    pytest.param(["run", SPEC, "--feed", "{X}:acled", *LEDGER], id="run feed"),
    pytest.param(["run", SPEC, "--feed", "{CSV_FEED}:acled", "--vocabulary", "{X}", *LEDGER], id="vocabulary"),
    pytest.param(
        ["sources", "read", "{CSV_FEED}", "--format", "csv", "--mapping", "{X}"],
        id="mapping",
    ),
]


@pytest.mark.parametrize("template", ZERO_CASES)
def test_dev_zero_stops_at_the_limit(ws: Workspace, template: list[str], tmp_path: Path) -> None:
    outcome = run(ws.fill(template, ZERO), cwd=tmp_path)
    assert_refused(outcome, place=ZERO)


# An endless pipe on standard input ------------------------------------------------------------------------

STDIN_CASES = [
    pytest.param(["check", "-"], id="spec"),
    pytest.param(["report", "-", "-o", "-"], id="report spec"),
    pytest.param(["simulate", SPEC, "--scenarios", "-"], id="scenarios"),
    pytest.param(["replay", "nato-1949", "-"], id="timeline"),
    pytest.param(["read", "-"], id="news report"),
    pytest.param(["ledger", "append", "-", *LEDGER], id="events to append"),
]


@pytest.fixture
def endless() -> Iterator[subprocess.Popen[bytes]]:
    """A pipe that never closes: lines of text, forever (``yes``)."""
    with subprocess.Popen(["yes", "a: [1, 2, 3]"], stdout=subprocess.PIPE) as proc:
        yield proc
        proc.kill()


@pytest.mark.parametrize("template", STDIN_CASES)
def test_an_endless_pipe_stops_at_the_limit(
    ws: Workspace, template: list[str], endless: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    outcome = run(ws.fill(template, "-"), cwd=tmp_path, stdin=endless.stdout.fileno() if endless.stdout else None)
    assert_refused(outcome, place=["<stdin>", "standard input"])
    assert "limit" in outcome.output or "larger than" in outcome.output, outcome.output


# Standard output that cannot be written: every command that prints ---------------------------------------------

PRINTING = [
    ["check", "nato-1949"],
    ["check", "nato-1949", "--json"],
    ["schema"],
    ["library", "list"],
    ["library", "show", "nato-1949"],
    ["power", "--weights", "4,4,4,2,2,1", "--quota", "12"],
    ["power", "nato-1949", "--body", "nac", "--json"],
    ["simulate", SPEC, "--trials", "1000"],
    ["sweep", SPEC, "--grid", "{GRID}", "--backend", "serial"],
    ["replay", "nato-1949", "{EVENTS}"],
    ["report", "nato-1949", "--trials", "1000", "-o", "-"],
    ["read", "{NEWS}"],
    ["sources", "read", "{CSV_FEED}", "--format", "csv", "--mapping", "{MAPPING}"],
    ["sources", "quarantine", "list", "--store", "{STORE}"],
    ["ledger", "verify", "--db", "{DB}"],
    ["ledger", "show", "--db", "{DB}"],
    ["ledger", "export", "--db", "{DB}"],
    ["ledger", "principals", "--db", "{DB}"],
    ["ledger", "checkpoint", *LEDGER],
    ["export", "atop", "nato-1949"],
    ["docs", "errors"],
    ["docs"],
    ["--help"],
    ["--version"],
]


def _full_stdout(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Outcome:
    """``guarantor ARGS > /dev/full`` through the real entry point, in this process."""
    from guarantor.cli.main import main

    monkeypatch.setattr(sys, "argv", ["guarantor", *args])
    with Path("/dev/full").open("w") as full:
        monkeypatch.setattr(sys, "stdout", full)
        with pytest.raises(SystemExit) as exit_:
            main()
    code = exit_.value.code
    return Outcome(code if isinstance(code, int) else 1, capsys.readouterr().err)


@pytest.mark.parametrize("template", PRINTING, ids=" ".join)
def test_a_full_standard_output_is_e010(
    ws: Workspace, template: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = _full_stdout(ws.fill(template, ""), capsys, monkeypatch)
    assert_refused(outcome, place="standard output")
    assert "E010" in outcome.output and "see guarantor docs errors#e010" in outcome.output


@pytest.mark.parametrize("args", [["schema"], ["library", "show", "nato-1949"], ["check", "nato-1949", "--json"]])
def test_a_full_standard_output_in_a_real_process(args: list[str], tmp_path: Path) -> None:
    with Path("/dev/full").open("wb") as full:
        outcome = run(args, cwd=tmp_path, stdout=full.fileno())
    assert_refused(outcome, place="standard output")
    assert "E010" in outcome.output and "Exception ignored" not in outcome.output


def test_a_closed_standard_output_is_e010_not_silence(tmp_path: Path) -> None:
    """`guarantor check nato-1949 >&-`: the report has nowhere to go, and the exit code says so."""
    command = f"{shlex.quote(sys.executable)} -m guarantor check nato-1949 >&-"
    done = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "E010 cannot write to standard output: standard output is closed" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_pipe_closed_by_its_reader_ends_quietly(tmp_path: Path) -> None:
    """`guarantor library show nato-1949 | head -1`: exit 1 as click does, no traceback and no E010."""
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    outcome = run(["docs", "spec-reference"], cwd=tmp_path, stdout=reader.stdin.fileno())
    reader.stdin.close()
    reader.wait()
    assert outcome.exit_code in (0, 1) and "Traceback" not in outcome.output and "E010" not in outcome.output


# Output options: into a missing folder (refused before the work) and onto a full device -----------------------

OUTPUTS = [
    pytest.param(["simulate", SPEC, "--trials", "1000", "-o", "{X}"], "--output", id="simulate -o"),
    pytest.param(["simulate", SPEC, "--trials", "1000", "--plot", "{X}.png"], "--plot", id="simulate --plot"),
    pytest.param(["sweep", SPEC, "--grid", "{GRID}", "--backend", "serial", "-o", "{X}"], "--output", id="sweep -o"),
    pytest.param(
        ["design", "ukraine-coalition-2026", "--space", "{SPACE}", "--budget", "2", "-o", "{X}"], "-o", id="design -o"
    ),
    pytest.param(
        ["design", "ukraine-coalition-2026", "--space", "{SPACE}", "--budget", "2", "--svg", "{X}.svg"],
        "--svg",
        id="design --svg",
    ),
    pytest.param(["report", "nato-1949", "--trials", "1000", "-o", "{X}"], "-o", id="report -o"),
    pytest.param(["read", "{NEWS}", "-o", "{X}"], "-o", id="read -o"),
    pytest.param(
        ["sources", "read", "{CSV_FEED}", "--format", "csv", "--mapping", "{MAPPING}", "-o", "{X}"],
        "-o",
        id="sources read -o",
    ),
    pytest.param(["ledger", "keygen", "p", "-o", "{X}"], "-o", id="ledger keygen -o"),
    pytest.param(["ledger", "checkpoint", *LEDGER, "-o", "{X}"], "-o", id="ledger checkpoint -o"),
    pytest.param(["ledger", "export", "--db", "{DB}", "-o", "{X}"], "-o", id="ledger export -o"),
    pytest.param(["export", "atop", "nato-1949", "-o", "{X}"], "-o", id="export atop -o"),
]


@pytest.mark.parametrize(("template", "option"), OUTPUTS)
def test_an_output_into_a_missing_folder_is_refused_first(
    ws: Workspace, template: list[str], option: str, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out"
    outcome = invoke(ws.fill(template, target))
    assert_refused(outcome, place=[str(target), f"{option} "])
    assert "does not exist" in outcome.output
    assert not any(marker in outcome.output for marker in ("IN BRIEF", "sufficient in time", "rows:")), outcome.output


@pytest.mark.parametrize(("template", "option"), OUTPUTS)
def test_an_output_onto_a_full_device_is_the_commands_error(ws: Workspace, template: list[str], option: str) -> None:
    if option in ("--plot", "--svg"):
        pytest.skip(f"{option} needs a file name ending in its format's suffix")
    outcome = invoke(ws.fill(template, "/dev/full"))
    assert_refused(outcome, place="/dev/full")


def test_demo_refuses_a_missing_folder_before_the_work(tmp_path: Path) -> None:
    outcome = invoke(["demo", "-o", str(tmp_path / "gone" / "demo.html")])
    assert_refused(outcome, place=str(tmp_path / "gone" / "demo.html"))
    assert "IN BRIEF" not in outcome.output and "guarantor check" not in outcome.output


def test_import_atop_into_a_file_is_refused(ws: Workspace, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    args = ["import", "atop", "--alliances", str(ws.alliances), "--members", str(ws.members), "--states"]
    outcome = invoke([*args, str(ws.states), "-o", str(a_file / "sub")])
    assert_refused(outcome, place=str(a_file))


def test_admin_key_out_into_a_missing_folder(ws: Workspace, tmp_path: Path) -> None:
    db = tmp_path / "server.db"
    assert invoke(["admin", "init", "--db", str(db)]).exit_code == 0
    target = tmp_path / "gone" / "fra.pem"
    outcome = invoke(["admin", "add", "FRA", "--role", "party", "--key-out", str(target), "--db", str(db)])
    assert_refused(outcome, place=str(target))
