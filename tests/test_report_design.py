"""report --design: a real design search, saved by `guarantor design --json`, read back into the report's
section "Design search" in HTML and Markdown; a result that cannot be used (no file, not JSON, another layout
version, a result for another spec or another version of it) is refused with E710, exit 2, before any work."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from guarantor.design import DesignResult, design
from guarantor.design.space import space_from_data
from guarantor.errors import ReportError
from guarantor.report.design_chart import front_chart
from guarantor.report.design_file import design_data, read_design_file
from guarantor.report.design_section import design_section
from guarantor.spec import spec_to_data
from guarantor.spec.library import load_library_spec
from reportkit import Cell, Page, markdown_rows, parse

SPEC = "ukraine-coalition-2026"
# 4 x 2 designs, 3 within the limits: enumerated in a second or two. The recommended design spends the whole
# budget, so one step further is forbidden by the budget alone (more air) or by the US limit alone (ground troops).
SPACE: dict[str, Any] = {
    "trials": 300,
    "objective": {"kind": "maximise"},
    "variables": {
        "gbr-air": {"pledge": "gbr-air", "range": [0, 3], "step": 1, "cost": 2},
        "usa-ground": {
            "new_pledge": {
                "party": "USA",
                "capability": "land-forces",
                "domain": "land",
                "unit": "troops",
                "readiness": {"median": "P7D", "p90": "P21D"},
            },
            "range": [0, 20000],
            "step": 20000,
        },
    },
    "limits": {"us-no-ground-troops": {"party": "USA", "domain": "land", "max": 0}, "budget": {"cost": 4}},
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "guarantor", *args], capture_output=True, text=True, timeout=300, env=env
    )


@cache
def searched() -> DesignResult:
    return design(load_library_spec(SPEC), space_from_data(SPACE), budget=20, seed=2)


@pytest.fixture(scope="module")
def result_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `guarantor design --json` writes, saved as a user would."""
    folder = tmp_path_factory.mktemp("design")
    space = folder / "space.yaml"
    space.write_text(yaml.safe_dump(SPACE), encoding="utf-8")
    proc = run("design", SPEC, "--space", str(space), "--budget", "20", "--seed", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    out = folder / "result.json"
    out.write_text(proc.stdout, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def result(result_file: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def html(result_file: Path) -> tuple[str, Page, dict[str, Any]]:
    out = result_file.with_name("report.html")
    proc = run("report", SPEC, "--design", str(result_file), "--trials", "200", "-o", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    return text, parse(text), json.loads(proc.stdout)


@pytest.fixture(scope="module")
def markdown(result_file: Path) -> str:
    proc = run("report", SPEC, "--design", str(result_file), "--trials", "200", "--format", "md", "-o", "-")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _table(page: Page, first: str, last: str) -> list[list[Cell]]:
    """The body rows of the one table whose head runs from ``first`` to ``last``."""
    found = [rows for _, rows in page.tables if rows and rows[0][0].text == first and rows[0][-1].text == last]
    assert len(found) == 1, f"one table headed {first}...{last}"
    return found[0][1:]


def _values(values: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


def test_the_search_is_small_and_has_a_binding_limit(result: dict[str, Any]) -> None:
    assert result["schema_version"] == 1 and result["method"] == "exhaustive"
    assert len(result["front"]) >= 2 and result["chosen"]["values"]["usa-ground"] == 0
    assert result["binding_limits"], "the test needs a limit that binds"


def test_html_section_asks_the_question_searched(
    html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]
) -> None:
    _, page, summary = html
    section = page.sections["design"]
    assert "the most likely design" in section and f"{result['simulated']} designs simulated" in section
    settings = {row[0].text: row[1] for row in _table(page, "item", "value")}
    for item, key in [("budget (designs)", "budget"), ("seed", "seed"), ("designs simulated", "simulated")]:
        assert float(settings[item].attrs["data-value"]) == result[key]
    assert settings["objective"].text == "maximise"
    assert "design-front" in summary["figures"] and summary["provenance"]["design"].endswith("result.json")
    assert "--design" in summary["provenance"]["command"]


def test_html_front_table_is_the_results_front(html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]) -> None:
    rows = _table(html[1], "cost", "recommended")
    assert len(rows) == len(result["front"])
    for row, point in zip(rows, result["front"], strict=True):
        assert float(row[0].attrs["data-value"]) == point["cost"]
        assert float(row[1].attrs["data-value"]) == point["p_success"]
        assert row[3].text == _values(point["values"])
        assert (row[4].text == "yes") == (point["values"] == result["chosen"]["values"])


def test_json_summary_carries_the_design_figures(
    html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]
) -> None:
    design = html[2]["design"]
    assert design["source"].endswith("result.json") and design["chosen"]["values"] == result["chosen"]["values"]
    assert [row["cost"] for row in design["front"]] == [point["cost"] for point in result["front"]]
    assert [row["p_success"] for row in design["front"]] == [point["p_success"] for point in result["front"]]
    assert [row["design"] for row in design["front"]] == [_values(point["values"]) for point in result["front"]]
    assert design["binding_limits"] and design["binds_most"] and design["question"] and design["recommended"]
    assert len(design["roles"]) == len(result["roles"])


def test_html_front_chart_is_inline_well_formed_svg(
    html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]
) -> None:
    text, page, _ = html
    figure = page.figures["design-front"]
    assert figure["svg"] == 1 and figure["role"] == "img" and int(figure["marks"]) > 5  # type: ignore[call-overload]
    assert str(figure["caption"]).strip().endswith("designs simulated).")
    top = result["front"][-1]
    assert f"cost {top['cost']:g}" in str(figure["desc"])
    match = re.search(r'<figure id="fig-design-front"[^>]*>\s*(<svg.*?</svg>)', text, re.S)
    assert match is not None
    root = ET.fromstring(match.group(1))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title") is not None


def test_html_role_table_names_the_recommended_pledges(
    html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]
) -> None:
    rows = {row[0].text: row for row in _table(html[1], "party", "pledges")}
    assert len(rows) == len(result["roles"])
    gbr = next(r for r in rows.values() if "(GBR)" in r[0].text)
    assert f"gbr-air: {result['chosen']['values']['gbr-air']:g} squadron" in gbr[2].text
    for party in result["roles"]:
        row = next(r for name, r in rows.items() if f"({party['party']})" in name)
        assert row[1].text == (", ".join(party["roles"]) or "-")
        for pledge in party["pledges"]:
            assert f"{pledge['id']}: {pledge['amount']:g}" in row[2].text
    assert "usa-ground" not in " ".join(r[2].text for r in rows.values()), "0 ground troops: no such pledge"


def test_html_names_the_limit_that_binds_most(html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]) -> None:
    _, page, _ = html
    rows = _table(page, "limit relaxed", "the step it allows")
    assert [r[0].text for r in rows] == [b["limit"] for b in result["binding_limits"]]
    assert [float(r[1].attrs["data-value"]) for r in rows] == [b["gain"] for b in result["binding_limits"]]
    top = result["binding_limits"][0]
    if top["gain"] > 0:
        assert f"The limit that binds most is {top['limit']}" in page.sections["design"]


def test_html_says_how_the_recommended_design_differs(
    html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]
) -> None:
    rows = _table(html[1], "party", "in the recommended design")
    spec_air = next(p for p in load_library_spec(SPEC).pledges if p.id == "gbr-air").amount
    chosen_air = result["chosen"]["values"]["gbr-air"]
    changed = {r[1].text: r for r in rows}
    assert ("gbr-air" in changed) == (chosen_air != spec_air)
    if chosen_air != spec_air:
        assert changed["gbr-air"][2].text.startswith(f"gbr-air: {spec_air:g} ")
        assert changed["gbr-air"][3].text.startswith(f"gbr-air: {chosen_air:g} ")


def test_markdown_has_the_same_section(
    markdown: str, html: tuple[str, Page, dict[str, Any]], result: dict[str, Any]
) -> None:
    assert "## 7. Design search" in markdown and "## 8. Provenance" in markdown
    section = markdown.split("## 7. Design search", 1)[1].split("## 8. Provenance", 1)[0]
    rows = markdown_rows(section)
    html_rows = [[c.text for c in r] for r in _table(html[1], "cost", "recommended")]
    front = [r for r in rows if r and r[0] != "cost" and len(r) == 5 and r[3] and "=" in r[3]]
    assert front == html_rows
    assert len(front) == len(result["front"])
    assert "*Design search: cost against probability.* The front" in section
    assert f"The limit that binds most is {result['binding_limits'][0]['limit']}" in section or (
        result["binding_limits"][0]["gain"] <= 0
    )
    assert "gbr-air: " in section and "| design search |" in markdown


def test_a_result_in_memory_reads_as_its_saved_json(result: dict[str, Any]) -> None:
    spec = load_library_spec(SPEC)
    memory = design_data(searched(), spec)
    saved = design_data(result, spec, source="result.json")
    assert memory.model_dump(exclude={"source"}) == saved.model_dump(exclude={"source"})
    assert design_section(memory, spec).front == design_section(saved, spec).front


def test_no_feasible_design_is_said_in_words() -> None:
    space = {**SPACE, "variables": {"usa-ground": {**SPACE["variables"]["usa-ground"], "range": [20000, 20000]}}}
    spec = load_library_spec(SPEC)
    found = design(spec, space_from_data(space), budget=4, seed=1)
    section = design_section(design_data(found, spec), spec)
    assert found.chosen is None and not section.front.rows and front_chart(section.data) is None
    assert section.recommended.startswith("No feasible design was found")


def _other_version(folder: Path) -> Path:
    data = spec_to_data(load_library_spec(SPEC))
    data["pledges"][0]["amount"] = data["pledges"][0]["amount"] + 1
    out = folder / "changed.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return out


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


FROM_FILE: list[tuple[str, Any, str]] = [
    ("not-an-object", "[1, 2]", "is not a JSON object"),
    ("version-2", {"schema_version": 2}, "has schema_version 2; this guarantor reads version 1"),
    ("version-true", {"schema_version": True}, "has schema_version True"),
    ("no-version", {"schema_version": None}, "has no schema_version"),
    ("layout", {"front": [{"cost": 1}]}, "front.0.values: Field required"),
    ("probability", {"chosen": {"values": {}, "cost": 1, "p_success": 2, "ci95": [0, 1]}}, "chosen.p_success"),
]


@pytest.mark.parametrize(("case", "change", "words"), FROM_FILE, ids=[b[0] for b in FROM_FILE])
def test_file_that_is_not_a_design_result_is_refused(
    case: str, change: Any, words: str, result: dict[str, Any], tmp_path: Path
) -> None:
    if isinstance(change, dict):
        change = json.dumps({k: v for k, v in {**result, **change}.items() if v is not None})
    path = _write(tmp_path, f"{case}.json", change)
    with pytest.raises(ReportError, match=re.escape(words)) as caught:
        design_data(read_design_file(str(path)), load_library_spec(SPEC), source=str(path))
    assert caught.value.location is not None and caught.value.location.file == str(path)
    assert caught.value.hint and "guarantor design" in caught.value.hint


CLI_BAD: list[tuple[str, str]] = [
    ("missing", "does not exist"),
    ("malformed", "is not valid JSON"),
    ("version-2", "has schema_version 2"),
    ("other-spec", "was made for spec 'ukraine-coalition-2026', not for 'nato-1949'"),
    ("other-version", "was made from another version of 'ukraine-coalition-2026'"),
]


@pytest.mark.parametrize(("case", "words"), CLI_BAD, ids=[b[0] for b in CLI_BAD])
def test_cli_refuses_an_unusable_result_naming_the_file(
    case: str, words: str, result: dict[str, Any], tmp_path: Path
) -> None:
    spec, path = SPEC, tmp_path / f"{case}.json"
    if case == "malformed":
        _write(tmp_path, path.name, '{"schema_version": 1, "spec": ')
    elif case == "version-2":
        _write(tmp_path, path.name, json.dumps({**result, "schema_version": 2}))
    elif case != "missing":
        _write(tmp_path, path.name, json.dumps(result))
        spec = "nato-1949" if case == "other-spec" else str(_other_version(tmp_path))
    proc = run("report", spec, "--design", str(path), "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 2, proc.stderr
    assert "E710" in proc.stderr and words in proc.stderr and str(path) in proc.stderr
    assert "guarantor design" in proc.stderr, "the message gives the fix"
    assert "Traceback" not in proc.stderr and not (tmp_path / "r.html").exists()


def test_refusal_in_json_names_the_file(result: dict[str, Any], tmp_path: Path) -> None:
    path = _write(tmp_path, "v9.json", json.dumps({**result, "schema_version": 9}))
    proc = run("report", SPEC, "--design", str(path), "-o", str(tmp_path / "r.html"), "--json")
    assert proc.returncode == 2
    error = json.loads(proc.stdout)["error"]
    assert error["code"] == "E710" and error["file"] == str(path) and "hint" in error


def test_library_refuses_a_result_for_another_spec() -> None:
    with pytest.raises(ReportError, match="not for 'nato-1949'"):
        design_data(searched(), load_library_spec("nato-1949"))
