"""End-to-end runs of ``guarantor power``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from guarantor.cli.main import _register, cli

_register()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_power_json_is_the_report() -> None:
    code, out = run("power", "--weights", "4,4,4,2,2,1", "--quota", "12", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["exact"]["shapley_shubik"] == ["7/30"] * 3 + ["3/20"] * 2 + ["0"]
    assert (data["winning"], data["minimal_winning"], data["null_players"]) == (14, 4, ["P6"])
    assert "minimal_winning_coalitions" not in data


def test_power_table_marks_veto_and_null_players() -> None:
    code, out = run("power", "--weights", "4,4,4,2,2,1", "--quota", "12", "--names", "FRA,DEU,ITA,BEL,NLD,LUX")
    assert code == 0
    lux = next(line for line in out.splitlines() if line.startswith("LUX"))
    assert lux.endswith("null") and "0.0000" in lux
    assert "winning coalitions: 14 of 64" in out
    assert "{FRA, DEU, ITA}" in out


def test_power_intersection_and_share_quota_with_listed_coalitions() -> None:
    args = ["power", "--weights", "1,1,1", "--quota", "2", "--weights", "3,1,1", "--quota", "60%"]
    code, out = run(*args, "--json", "--limit", "1")
    data = json.loads(out)
    assert code == 0
    assert data["veto_players"] == ["P1"]
    assert len(data["minimal_winning_coalitions"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weights", "4,x", "--quota", "12"], "comma-separated integers"),
        (["--weights", "4,4", "--quota", "twelve"], "integer or a share"),
        (["--weights", "4,4"], "in pairs"),
        (["--weights", "1,2", "--quota", "2", "--weights", "1", "--quota", "1"], "same number of players"),
        (["--weights", "1,2", "--quota", "2", "--names", "A"], "--names gives 1 name for 2 weights"),
    ],
)
def test_power_bad_input_exits_2_with_the_error_shape(args: list[str], message: str) -> None:
    code, out = run("power", *args, "--json")
    assert code == 2
    error = json.loads(out)["error"]
    assert error["code"] == "E200" and message in error["message"]
