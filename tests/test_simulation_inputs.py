"""Every numeric and file input of simulate and sweep is checked before any work starts: exit 2, the value and
its allowed range named, no traceback; results are printed before a file is written."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from guarantor.cli.main import _register as register
from guarantor.cli.main import cli

DATA = Path(__file__).parent / "data" / "simulate"
COALITION = str(DATA / "coalition.yaml")
GRID = str(DATA / "grid.yaml")
register()


def _run(args: list[str]) -> tuple[int, str]:
    out = CliRunner().invoke(cli, args)
    assert "Traceback" not in out.output
    if out.exception is not None and not isinstance(out.exception, SystemExit):
        raise AssertionError(f"{args} raised {out.exception!r}")
    return out.exit_code, out.output


@pytest.mark.parametrize(
    ("extra", "text"),
    [
        (["--rho", "nan"], "nan is not a finite number in [0, 1]"),
        (["--rho", "inf"], "inf is not a finite number in [0, 1]"),
        (["--rho", "1.5"], "1.5 is not a finite number in [0, 1]"),
        (["--seed", "-1"], "-1 is not in the range"),
        (["--trials", "-5"], "-5 is not in the range"),
        (["--trials", "0"], "0 is not in the range"),
    ],
)
def test_simulate_refuses_bad_numbers(extra: list[str], text: str) -> None:
    code, output = _run(["simulate", COALITION, "--trials", "100", *extra])
    assert code == 2 and text in output


def test_binary_scenario_posture_and_grid_files(tmp_path: Path) -> None:
    blob = tmp_path / "blob.yaml"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    for args in (
        ["simulate", COALITION, "--scenarios", str(blob)],
        ["simulate", COALITION, "--posture", str(blob)],
        ["sweep", COALITION, "--grid", str(blob)],
    ):
        code, output = _run(args)
        assert code == 2 and "binary" in output and str(blob) in output
    code, output = _run(["simulate", COALITION, "--scenarios", str(tmp_path / "missing.yaml")])
    assert code == 2 and "missing.yaml" in output


def test_plot_and_output_into_a_missing_folder_are_refused_before_work(tmp_path: Path) -> None:
    for option, name in (("--plot", "x.png"), ("-o", "x.json")):
        code, output = _run(["simulate", COALITION, "--trials", "100", option, str(tmp_path / "nope" / name)])
        assert code == 2 and "does not exist" in output and "sufficient in time" not in output
    code, output = _run(["simulate", COALITION, "--plot", str(tmp_path / "x.gif")])
    assert code == 2 and ".png or .svg" in output


def test_output_file_gets_the_json_after_the_table(tmp_path: Path) -> None:
    target = tmp_path / "run.json"
    code, output = _run(["simulate", COALITION, "--trials", "500", "-o", str(target)])
    assert code == 0 and "sufficient in time" in output
    assert json.loads(target.read_text())["trials"] == 500


@pytest.mark.parametrize(
    ("grid", "text"),
    [
        ("trials: -5\nparameters: {rho: [0.5]}\n", "grid trials -5 must be a whole number from 1"),
        ("seed: -1\nparameters: {rho: [0.5]}\n", "grid seed -1"),
        ("parameters: {reliability.USA: [-1]}\n", "-1.0 is outside [0, 1]"),
        ("parameters: {reliability.USA: [2]}\n", "2.0 is outside [0, 1]"),
        ("parameters: {rho: [.nan]}\n", "grid.yaml:1:20: E300 the value '.nan' is not a finite number"),
        ("parameters: {readiness.GBR: [-3]}\n", "-3.0 is outside [0, 3650]"),
        ("parameters: {rho: [high]}\n", "every value must be a number"),
        ("parameters: {speed: [1]}\n", "unknown sweep parameter 'speed'"),
        ("[1, 2]\n", "a mapping with 'parameters'"),
    ],
)
def test_sweep_refuses_bad_grids(tmp_path: Path, grid: str, text: str) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text(grid)
    code, output = _run(["sweep", COALITION, "--grid", str(path)])
    assert code == 2 and text in output


def test_sweep_refuses_an_unreachable_address() -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, output = _run(["sweep", COALITION, "--grid", GRID, "--address", f"127.0.0.1:{port}"])
    assert code == 2 and "nothing answers there" in output
    code, output = _run(["sweep", COALITION, "--grid", GRID, "--address", "no-port"])
    assert code == 2 and "HOST:PORT" in output


def test_sweep_defaults_to_a_process_pool_and_reports_per_scenario() -> None:
    out = CliRunner().invoke(cli, ["sweep", COALITION, "--grid", GRID, "--json"])
    assert out.exit_code == 0, out.output
    points = json.loads(out.stdout)["points"]  # a progress bar may go to stderr on a slow machine
    assert len(points) == 4 and set(points[0]["scenarios"]) == {"land-grab", "air-campaign", "hybrid"}
    code, text = _run(["sweep", COALITION, "--grid", GRID])
    assert code == 0, text
    assert "land-grab" in text and "mix" in text


def test_set_refuses_non_finite_and_unknown_paths() -> None:
    code, output = _run(["simulate", COALITION, "--set", "rho=.nan"])
    assert code == 2 and "finite" in output
    code, output = _run(["simulate", COALITION, "--set", "pledges.nobody.reliability=0.3"])
    assert code == 2 and "no item 'nobody'" in output
    code, output = _run(["simulate", COALITION, "--without", "CHN"])
    assert code == 2 and "CHN pledges nothing" in output


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    """The installed entry point, end to end: a bad seed exits 2 with a message, never a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "guarantor", "simulate", COALITION, "--seed", "-1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "-1" in proc.stderr


@pytest.mark.parametrize(
    ("setting", "text"),
    [
        ("rho=5", "rho = 5.0 is outside [0, 1]"),
        ("block=0", "block = 0 is outside [1, 65536]"),
        ("chunk=2.5", "a whole number is needed"),
        ("resolve_low=0.9", "resolve_low 0.9 is above resolve_high 0.8"),
        ("decision_median=-1", "decision_median = -1.0 is outside [0, 3650]"),
        ("p_vote=yes", "a number is needed"),
    ],
)
def test_set_refuses_parameters_out_of_range(setting: str, text: str) -> None:
    code, output = _run(["simulate", COALITION, "--trials", "100", "--set", setting])
    assert code == 2 and text in output


def test_without_and_set_are_compared_with_the_design_as_written() -> None:
    out = CliRunner().invoke(cli, ["simulate", COALITION, "--trials", "4000", "--without", "USA", "--json"])
    assert out.exit_code == 0, out.output
    diff = json.loads(out.stdout)["differences"][0]
    assert diff["scenarios"]["air-campaign"]["estimate"] < 0 and diff["scenarios"]["air-campaign"]["only_here"] == 0
    args = ["simulate", COALITION, "--trials", "4000", "--set", "pledges.0.reliability=1.0", "--json"]
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 0, out.output
    diff = json.loads(out.stdout)["differences"][0]
    assert diff["scenarios"]["land-grab"]["estimate"] > 0 and diff["scenarios"]["land-grab"]["only_in_base"] == 0


def test_progress_lines_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Off a terminal, progress is a line every few seconds with the rate and the time left."""
    from guarantor.cli.simulate import _progress

    with _progress(100, "simulating", every=0.0) as tick:
        tick(10)  # within the first second: silent
        time.sleep(1.05)
        tick(40)
        tick(50)
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(",")[0] for line in lines] == ["simulating: 50/100", "simulating: 100/100"]
    assert lines[-1].endswith("about 0 s left")


def test_progress_lines_in_a_real_process() -> None:
    # Progress shows once a run has taken over a second: 3,000,000 trials take several seconds on any machine.
    proc = subprocess.run(
        [sys.executable, "-m", "guarantor", "simulate", COALITION, "--trials", "3000000", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("simulating:")]
    assert lines and "/s, about" in lines[-1] and lines[-1].startswith("simulating: 3000000/3000000")


def test_posture_and_scenarios_from_standard_input() -> None:
    posture = (Path(__file__).parents[1] / "examples" / "postures" / "ukraine-2026.yaml").read_text()
    args = ["simulate", "ukraine-coalition-2025", "--posture", "-", "--trials", "500", "--json"]
    out = CliRunner().invoke(cli, args, input=posture)
    assert out.exit_code == 0, out.output
    assert set(json.loads(out.stdout)["scenarios"]) == {"full-scale-offensive", "limited-incursion"}
    out = CliRunner().invoke(cli, ["simulate", COALITION, "--scenarios", "-", "--trials", "100"], input="\0" * 10)
    assert out.exit_code == 2 and "binary" in out.output


def test_memory_stays_bounded_for_large_designs(tmp_path: Path) -> None:
    """Too many pledges are refused; many parties shrink the chunk instead of growing memory."""
    from guarantor.simulation.compile import MAX_PLEDGES
    from guarantor.simulation.runner import MEMORY_BUDGET, blocks_per_chunk
    from guarantor.spec import load_spec

    pledge = "  - {party: GBR, capability: brigade, amount: 1, reliability: 0.5}\n"
    posture = tmp_path / "many.yaml"
    posture.write_text(
        "pledges:\n" + pledge * (MAX_PLEDGES + 1) + "scenarios:\n  s: {requires: {brigade: 1}, fait_accompli: P3D}\n"
    )
    code, output = _run(["simulate", COALITION, "--posture", str(posture), "--trials", "100"])
    assert code == 2 and f"at most {MAX_PLEDGES}" in output
    from guarantor.simulation import SimParams, compile_design

    spec = load_spec(COALITION)
    design = compile_design(spec, spec.scenarios, SimParams())
    big = compile_design(spec, spec.scenarios, SimParams(chunk=1 << 24))
    assert blocks_per_chunk([design]) == 8
    entities = len(big.parties) + len(big.pledge_keys) + 1
    assert blocks_per_chunk([big]) * big.params.block * entities * 4 <= MEMORY_BUDGET
