"""guarantor design: the search finds what enumeration finds, its choice holds up on fresh random numbers,
the chosen spec checks clean, limits are never broken, bad design files are refused with the place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.analysis.run import check_file
from guarantor.design import DesignResult, Evaluation, design, hypervolume, load_space, pareto_front
from guarantor.design.candidate import build_spec, validate_against, violations
from guarantor.design.space import DesignSpace, Limit, NewPledge, Objective, Variable, space_from_data
from guarantor.errors import DesignSpaceError
from guarantor.simulation import simulate
from guarantor.spec.base import Node
from guarantor.spec.library import load_library_spec
from guarantor.spec.model import Spec

ROOT = Path(__file__).parents[1]
SMALL = ROOT / "tests/data/design/small.design.yaml"
EXAMPLE = ROOT / "examples/designs/ukraine-coalition-2026.design.yaml"


@cache
def coalition() -> Spec:
    return load_library_spec("ukraine-coalition-2026")


@cache
def enumerated() -> DesignResult:
    return design(coalition(), load_space(SMALL), budget=500, seed=3)


def test_small_space_is_enumerated_and_the_optimum_is_the_best_of_all() -> None:
    result = enumerated()
    assert result.method == "exhaustive"
    space = load_space(SMALL)
    feasible_total = len(result.evaluations)
    assert feasible_total + result.skipped_infeasible == space.size()
    assert result.chosen is not None
    assert result.chosen.p == max(e.p for e in result.evaluations)


def test_optimiser_finds_the_enumerated_optimum_on_a_fraction_of_the_budget() -> None:
    best = enumerated().chosen
    assert best is not None
    found = design(coalition(), load_space(SMALL), budget=25, seed=3, method="optuna")
    assert found.chosen is not None
    assert len(found.evaluations) <= 25 < len(enumerated().evaluations)
    # Same seed, same trials: the optimum's number is exact, so finding it means matching it.
    assert found.chosen.p == pytest.approx(best.p)


def test_chosen_design_holds_on_fresh_random_numbers_and_checks_clean(tmp_path: Path) -> None:
    result = enumerated()
    assert result.chosen is not None and result.chosen_spec is not None
    fresh = simulate(result.chosen_spec, trials=load_space(SMALL).trials, seed=12345, with_criticality=False)
    p_fresh: Any = fresh.overall("success")["estimate"]
    lo, hi = result.chosen.ci95
    half = (hi - lo) / 2
    # Two independent estimates: their difference has sqrt(2) times one estimate's standard error.
    assert abs(p_fresh - result.chosen.p) <= half * 2**0.5
    out = tmp_path / "chosen.yaml"
    out.write_text(result.spec_yaml(), encoding="utf-8")
    assert _errors(str(out)) == []


def test_no_simulated_design_breaks_a_limit_and_the_us_sends_no_ground_troops() -> None:
    result = enumerated()
    space = load_space(SMALL)
    for e in result.evaluations:
        assert e.feasible and not violations(space, coalition(), e.values)
        assert e.values["usa-ground"] == 0
        assert e.cost <= 12 + 1e-9
    assert result.chosen_spec is not None
    assert not [p for p in result.chosen_spec.pledges if p.party == "USA" and p.domain == "land"]


def test_binding_limit_names_what_relaxing_it_would_buy() -> None:
    result = enumerated()
    assert result.chosen is not None
    names = {r.limit for r in result.binding}
    assert names <= {"us-no-ground-troops", "budget"}
    for r in result.binding:
        assert r.gain == pytest.approx(r.p - result.chosen.p)
        assert r.move and all(k in load_space(SMALL).variables for k in r.move)


def test_process_pool_gives_the_same_answer_as_one_process() -> None:
    space = load_space(SMALL).model_copy(update={"trials": 200})
    one = design(coalition(), space, budget=6, seed=5, method="random")
    two = design(coalition(), space, budget=6, seed=5, method="random", workers=2)
    assert [(e.values, e.p) for e in one.evaluations] == [(e.values, e.p) for e in two.evaluations]


def test_zero_amount_withdraws_the_pledge_and_new_pledges_are_added() -> None:
    space = load_space(SMALL)
    values = {"gbr-troops": 0, "fra-troops": 2500, "gbr-air": 0, "usa-air": 1, "usa-ground": 5000}
    built = build_spec(space, coalition(), values)
    ids = {p.id for p in built.pledges}
    assert "gbr-mnfu" not in ids and "gbr-air" not in ids
    assert next(p for p in built.pledges if p.id == "fra-mnfu").amount == 2500
    assert next(p for p in built.pledges if p.id == "design-usa-ground").amount == 5000
    assert violations(space, coalition(), values) == {"us-no-ground-troops": 5000}


BAD = [
    ({}, "variables"),
    ({"variables": {}}, "nothing to search over"),
    ({"variables": {"x": {"pledge": "gbr-air"}}}, "range"),
    ({"variables": {"x": {"pledge": "gbr-air", "range": [3, 1]}}}, "low <= high"),
    ({"variables": {"x": {"pledge": "gbr-air", "range": [0, 1], "cost": float("nan")}}}, "finite"),
    ({"variables": {"x": {"pledge": "gbr-air", "path": "a.b", "range": [0, 1]}}}, "exactly one of"),
    ({"variables": {"x": {"path": "a", "choices": [1, 2], "cost": [1]}}}, "one cost per choice"),
    ({"variables": {"x": {"pledge": "gbr-air", "range": [0, 1]}}, "limits": {"l": {"max": 1, "cost": 2}}}, "one of"),
    ({"variables": {"x": {"pledge": "gbr-air", "range": [0, 1]}}, "objective": {"kind": "target"}}, "target"),
    ({"variables": {"x": {"pledge": "gbr-air", "range": [0, 1]}}, "trials": 5}, "trials"),
]


@pytest.mark.parametrize(("data", "words"), BAD)
def test_bad_design_files_are_refused_naming_the_problem(data: dict[str, Any], words: str) -> None:
    with pytest.raises(DesignSpaceError) as err:
        space_from_data(data, "d.yaml")
    assert words in str(err.value)
    assert err.value.code == "E310"


@pytest.mark.parametrize(
    ("variables", "words"),
    [
        ({"x": {"pledge": "no-such-pledge", "range": [0, 1]}}, "no pledge 'no-such-pledge'"),
        ({"x": {"new_pledge": {"party": "ATL", "capability": "a"}, "range": [0, 1]}}, "party 'ATL'"),
        ({"x": {"path": "pledges.nowhere.amount", "choices": [1]}}, "no item 'nowhere'"),
    ],
)
def test_space_that_does_not_fit_the_spec_is_refused(variables: dict[str, Any], words: str) -> None:
    with pytest.raises(DesignSpaceError) as err:
        design(coalition(), space_from_data({"variables": variables}), budget=1)
    assert words in str(err.value)


def _errors(path: str) -> list[dict[str, object]]:
    checked = check_file(path)
    assert checked.valid
    return [f.to_dict() for f in checked.findings if f.to_dict()["severity"] == "error"]


def _ev(cost: float, p: float, feasible: bool = True) -> Evaluation:
    return Evaluation(values={"c": cost, "p": p}, cost=cost, p=p, ci95=(p, p), violated={} if feasible else {"l": 1})


def test_hypervolume_of_a_known_front() -> None:
    evals = [_ev(0, 0.1), _ev(2, 0.5), _ev(4, 0.4), _ev(6, 0.9), _ev(1, 0.99, feasible=False)]
    assert [e.cost for e in pareto_front(evals)] == [0, 2, 6]
    # area: 0.1*2 + 0.5*4 + 0.9*2 = 4.0 over the box 8 x 1
    assert hypervolume(evals, 8) == pytest.approx(4.0 / 8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 100), st.booleans()), min_size=1, max_size=30))
def test_front_is_exactly_the_non_dominated_feasible_designs(points: list[tuple[int, int, bool]]) -> None:
    evals = [_ev(c, p / 100, f) for c, p, f in points]
    front = pareto_front(evals)
    feasible = [e for e in evals if e.feasible]
    for e in front:
        assert e.feasible
        assert not any(o.cost <= e.cost and o.p >= e.p and (o.cost, o.p) != (e.cost, e.p) for o in feasible)
    for e in feasible:
        assert any(f.cost <= e.cost and f.p >= e.p for f in front)
    assert 0.0 <= hypervolume(evals, 20) <= 1.0


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "guarantor", *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_cli_design_writes_json_spec_and_svg(tmp_path: Path) -> None:
    out, svg = tmp_path / "chosen.yaml", tmp_path / "front.svg"
    proc = run(
        "design", "ukraine-coalition-2026", "--space", str(EXAMPLE), "--budget", "4", "--trials", "300",
        "-o", str(out), "--svg", str(svg), "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["simulated"] <= 4 and data["chosen"]["feasible"]
    assert {row["party"] for row in data["roles"]} >= {"UKR", "GBR", "FRA", "USA", "EU"}
    assert data["chosen"]["values"]["usa-ground"] == 0
    assert "Traceback" not in proc.stderr
    assert _errors(str(out)) == []
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and 'aria-label="The best design found gives' in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--space", "/nonexistent.yaml"], "no such file: /nonexistent.yaml"),
        (["--space", str(SMALL), "--budget", "0"], "'--budget': 0 is not in the range x>=1"),
        (["--space", str(SMALL), "--seed", "-1"], "'--seed': -1 is not in the range 0<=x<="),
        (["--space", str(SMALL), "-o", "/no/such/folder/x.yaml"], "does not exist"),
        (["--space", "/dev/zero"], "the design file is larger than the limit of 2 MiB"),
    ],
)
def test_cli_bad_input_exits_2_without_traceback(args: list[str], words: str) -> None:
    proc = run("design", "ukraine-coalition-2026", *args)
    assert proc.returncode == 2
    assert words in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("cls", [DesignSpace, Variable, NewPledge, Limit, Objective], ids=lambda c: c.__name__)
def test_every_design_file_key_is_documented(cls: type[Node]) -> None:
    text = (ROOT / "docs/design.md").read_text(encoding="utf-8")
    for name in cls.model_fields:
        assert f"`{name}`" in text, f"{cls.__name__}.{name} is not in docs/design.md"


def test_bundled_design_files_fit_their_specs() -> None:
    for path in sorted((ROOT / "examples/designs").glob("*.design.yaml")):
        spec_id = path.name.removesuffix(".design.yaml")
        space = load_space(path)
        validate_against(space, load_library_spec(spec_id))
        assert space.limits and all(lim.text for lim in space.limits.values()), path.name
