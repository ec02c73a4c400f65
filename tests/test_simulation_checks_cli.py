"""Bad simulation parameters (G3xx), the simulate and sweep commands, and the sweep backends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from guarantor.analysis.simulation_checks import SIMULATION_CODES, check_simulation
from guarantor.cli.main import _register as register
from guarantor.cli.main import cli
from guarantor.simulation import Grid, load_scenarios, sweep
from guarantor.spec import load_spec, spec_from_data, spec_to_data

DATA = Path(__file__).parent / "data" / "simulate"
COALITION = str(DATA / "coalition.yaml")
register()


def _with(change: dict[str, Any]) -> Any:
    data = spec_to_data(load_spec(COALITION))
    scenario = {"fait_accompli": "P10D", "requires": {"brigade": 1}, **change.pop("scenario", {})}
    pledge = change.pop("pledge", None)
    data["scenarios"] = {"s": scenario}
    if pledge:
        data["pledges"] = [*data["pledges"], pledge]
    return spec_from_data(data)


@pytest.mark.parametrize(
    ("change", "code", "text"),
    [
        ({"pledge": {"party": "GBR", "capability": "brigade", "reliability": 1.4}}, "G301", "reliability 1.4"),
        ({"scenario": {"p_attributed": -0.1}}, "G301", "p_attributed -0.1"),
        ({"scenario": {"requires": {"submarine": 1}}}, "G302", "no party pledges"),
        ({"scenario": {"weight": 0}}, "G303", "weight 0"),
        ({"scenario": {"weight": -2}}, "G303", "weight -2"),
        ({"scenario": {"fait_accompli": "PT0S"}}, "G304", "fait_accompli"),
        ({"scenario": {"detection": {"median": "PT0S", "p90": "P1D"}}}, "G304", "median 0"),
        ({"scenario": {"requires": {"brigade": 50}}}, "G305", "can never succeed"),
        ({"scenario": {"requires": {"brigade": 0}}}, "G306", "amount > 0"),
        ({"scenario": {"attack": "threat"}}, "G307", "never triggers"),
    ],
)
def test_bad_parameters_are_findings(change: dict[str, Any], code: str, text: str) -> None:
    findings = check_simulation(_with(change))
    assert [f.code for f in findings] == [code]
    assert text in findings[0].message and findings[0].name == SIMULATION_CODES[code]


def test_good_spec_has_no_simulation_findings() -> None:
    findings = check_simulation(load_spec(COALITION))
    assert [f.code for f in findings] == ["G307"]  # the hybrid scenario, on purpose


def test_findings_are_documented() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "findings.md").read_text()
    assert "## Simulation parameters (G3xx)" in docs
    for code, name in SIMULATION_CODES.items():
        assert f"{code} {name}" in docs


def test_cli_json_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "sim.png"
    out = CliRunner().invoke(
        cli, ["simulate", COALITION, "--trials", "3000", "--seed", "9", "--json", "--plot", str(png)]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert {"spec_sha256", "seed", "trials"} <= set(data) and data["seed"] == 9
    row = data["scenarios"]["land-grab"]
    for key in ("p_trigger", "p_decision", "p_success", "time_to_success_quantiles", "criticality"):
        assert key in row
    assert len(row["p_success"]["ci95"]) == 2
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_compare_and_scenario_file() -> None:
    scenarios = str(DATA / "scenarios.yaml")
    args = ["simulate", COALITION, "--compare", COALITION, "--scenarios", scenarios, "--trials", "2000", "--json"]
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    designs = payload["designs"]
    diff = payload["differences"][0]
    assert diff["overall"]["estimate"] == 0.0 and diff["scenarios"]["quick-strike"]["ci95"] == [0.0, 0.0]
    assert [set(d["scenarios"]) for d in designs] == [{"quick-strike", "slow-squeeze"}] * 2
    assert designs[0]["scenarios"] == designs[1]["scenarios"]  # same design, same streams


def test_cli_refuses_bad_parameters(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("s: {weight: 0, fait_accompli: P1D, requires: {submarine: 1}}\n")
    out = CliRunner().invoke(cli, ["simulate", COALITION, "--scenarios", str(bad), "--json"])
    assert out.exit_code == 2
    codes = {f["code"] for f in json.loads(out.stdout)["findings"]}
    assert codes == {"G302", "G303"}


def test_scenario_file_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("s: {fait_accompli: soon}\n")
    with pytest.raises(ValueError, match="fait_accompli"):
        load_scenarios(bad)


def test_sweep_serial_and_process_agree() -> None:
    spec = load_spec(COALITION)
    grid = Grid({"reliability.USA": [0.3, 0.7], "rho": [0.5]}, trials=3000, seed=5)
    serial = sweep(spec, grid, backend="serial")
    assert [r["point"] for r in serial] == grid.points()
    assert serial[0]["p_success"] < serial[1]["p_success"]
    assert sweep(spec, grid, backend="process", workers=2) == serial


def test_sweep_on_local_ray_equals_serial() -> None:
    pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'guarantor[ray]'")
    grid_file = DATA / "grid.yaml"
    runner = CliRunner()
    args = ["sweep", COALITION, "--grid", str(grid_file), "--backend", "ray", "--workers", "2", "--json"]
    ray_out = runner.invoke(cli, args)
    assert ray_out.exit_code == 0, ray_out.output
    serial = runner.invoke(cli, ["sweep", COALITION, "--grid", str(grid_file), "--backend", "serial", "--json"])
    assert json.loads(ray_out.stdout)["points"] == json.loads(serial.stdout)["points"]
    assert len(json.loads(serial.stdout)["points"]) == 4
