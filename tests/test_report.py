"""guarantor report: a report for every bundled instrument, alone and compared, read back and checked against
`simulate --json`; the Markdown form renders the same numbers; the CLI's files, exit codes and errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from guarantor.report import Report, build_report, render_html, render_markdown
from guarantor.spec import library_names, load_library_spec
from reportkit import Page, markdown_rows, number_cells, parse, table_rows

TRIALS = 2000
SEED = 7
DAY = date(2026, 12, 2)
DESIGN = "ukraine-coalition-2025"
NAMES = library_names()


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "guarantor", *args], capture_output=True, text=True, timeout=300, env=env, input=stdin
    )


@cache
def built(name: str, *others: str) -> tuple[Report, str, Page]:
    spec = load_library_spec(name)
    report = build_report(spec, [load_library_spec(o) for o in others], trials=TRIALS, seed=SEED, day=DAY)
    html = render_html(report)
    return report, html, parse(html)


CASES = [(n,) for n in NAMES] + [(DESIGN, *(n for n in NAMES if n != DESIGN)), ("nato-1949", DESIGN)]


def _id(case: tuple[str, ...]) -> str:
    return case[0] + (f"+{len(case) - 1}" if len(case) > 1 else "")


def test_there_are_bundled_instruments() -> None:
    assert DESIGN in NAMES and len(NAMES) >= 5


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_every_figure_is_present_drawn_and_described(case: tuple[str, ...]) -> None:
    report, _, page = built(*case)
    expected = {f.id for f in report.all_figures()}
    assert expected == set(page.figures), "every figure built is on the page, and nothing else"
    for fig_id, fig in page.figures.items():
        assert fig["svg"] == 1 and fig["role"] == "img", fig_id
        assert int(fig["marks"]) > 5, f"{fig_id} draws nothing"  # type: ignore[call-overload]
        assert len(str(fig["title"]).strip()) > 3, fig_id
        assert len(str(fig["desc"]).strip()) > 20, f"{fig_id} has no text alternative"
        assert str(fig["caption"]).strip().endswith("."), f"{fig_id}'s caption is not a sentence"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_expected_figures_for_what_the_spec_holds(case: tuple[str, ...]) -> None:
    report, _, page = built(*case)
    voting = [b.id for b in report.powers[case[0]] if b.power is not None]
    assert {f"power-{b}" for b in voting} <= set(page.figures)
    if report.spec.scenarios:
        for kind in ("success", "stages", "time", "criticality", "sensitivity", "whatif"):
            assert f"{kind}-{case[0]}" in page.figures, kind
        assert ("compare" in page.figures) == (len(case) > 1)
        for other in case[1:]:
            assert f"stages-{other}" in page.figures, "each compared design has its own waterfall"
    else:
        assert report.no_simulation and report.no_simulation in page.sections["hold"]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_page_is_self_contained(case: tuple[str, ...]) -> None:
    _, html, page = built(*case)
    assert page.scripts == 0 and page.external == []
    assert "<link" not in html and "@import" not in html
    assert not re.search(r"url\((?!#)", html), "only references inside the page"
    assert len(page.ids) == len(set(page.ids)), "every id once"
    for section in ("summary", "how", "loopholes", "power", "hold", "raise", "compare", "provenance", "texts"):
        assert section in page.sections, section


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_summary_names_every_party_and_body(case: tuple[str, ...]) -> None:
    report, _, page = built(*case)
    summary = page.sections["summary"]
    for party in report.spec.parties:
        assert f"({party.id})" in summary or party.id in summary, party.id
        if party.name:
            assert party.name in summary, party.name
    for bid, body in report.spec.bodies.items():
        assert f"({bid})" in summary and (body.name or bid) in summary, bid


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_every_reference_resolves_to_a_text(case: tuple[str, ...]) -> None:
    report, html, page = built(*case)
    targets = set(page.ids)
    for _, sentences in report.how:
        for s in sentences:
            assert s.traces, s.text
            for t in s.traces:
                assert t.anchor in targets and f'href="#{t.anchor}"' in html, t.anchor
    for cid, clause in report.spec.clauses.items():
        if clause.text:
            assert f"clause-{cid}" in targets


@cache
def _simulate_payload(*names: str) -> dict[str, Any]:
    args = ["simulate", names[0], *(a for n in names[1:] for a in ("--compare", n))]
    proc = run(*args, "--trials", str(TRIALS), "--seed", str(SEED), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _simulate_json(*names: str) -> list[dict[str, Any]]:
    payload = _simulate_payload(*names)
    return payload.get("designs", [payload])  # type: ignore[no-any-return]


@pytest.mark.parametrize("case", [(DESIGN,), (DESIGN, "nato-1949", "budapest-1994")], ids=_id)
def test_numbers_equal_simulate_json(case: tuple[str, ...]) -> None:
    _, _, page = built(*case)
    checked = 0
    for design in _simulate_json(*case):
        cells = number_cells(page, str(design["spec"]))
        for sid, row in design["scenarios"].items():  # type: ignore[attr-defined]
            for key in ("p_trigger", "p_decision", "p_success"):
                assert cells[(sid, key)] == row[key]["estimate"], (design["spec"], sid, key)
            q = row["time_to_success_quantiles"]
            for key in ("p50", "p90"):
                assert cells.get((sid, key)) == q[key], (design["spec"], sid, key)
            if design["spec"] == case[0]:
                for stage, value in row["stage_losses"].items():
                    assert cells[(sid, f"loss.{stage}")] == value, (sid, stage)
            checked += 1
        overall = design["overall"]["p_success"]  # type: ignore[index]
        assert cells[("weighted mix", "p_success")] == overall["estimate"]
    assert checked == 4 * len(case)
    if len(case) > 1:
        for diff in _simulate_payload(*case)["differences"]:
            cells = number_cells(page, "all")
            assert cells[(diff["design"], "difference")] == diff["overall"]["estimate"]


def test_deterrence_equals_simulate_json() -> None:
    _, _, page = built(DESIGN)
    (design,) = _simulate_json(DESIGN)
    cells = number_cells(page, DESIGN)
    for key in ("p_deterred", "p_response_on_best_option", "p_deterred_if_attacker_cannot_choose"):
        assert cells[(_DETERRENCE_ROWS[key], key)] == design["deterrence"][key]


_DETERRENCE_ROWS = {
    "p_deterred": "chance the attacker is deterred",
    "p_response_on_best_option": "chance of a sufficient response there",
    "p_deterred_if_attacker_cannot_choose": "deterred if it cannot choose its attack",
}


def test_criticality_and_sensitivity_equal_simulate_json() -> None:
    _, _, page = built(DESIGN)
    (design,) = _simulate_json(DESIGN)
    cells = number_cells(page, DESIGN)
    for party, row in design["overall"]["criticality"].items():  # type: ignore[index]
        assert cells[(party, "shapley")] == row["shapley"] and cells[(party, "drop")] == row["drop"]
    for row in design["sensitivity"][:10]:  # type: ignore[index]
        assert cells[(row["parameter"], "p_low")] == row["p_low"]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_markdown_renders_the_same_numbers(case: tuple[str, ...]) -> None:
    report, _, page = built(*case)
    md = render_markdown(report)
    md_rows = markdown_rows(md)
    number_tables = [(a, rows) for a, rows in page.tables if "data-design" in a]
    sub = Page(tables=number_tables)
    for row in table_rows(sub):
        assert row in md_rows, row
    for line in report.provenance.command, *report.provenance.spec_hashes.values():
        assert line in md


def test_what_ifs_are_paired_and_ranked() -> None:
    report, _, _ = built(DESIGN)
    effects = [w.effect for w in report.what_ifs]
    assert effects == sorted(effects, reverse=True)
    kinds = {w.kind for w in report.what_ifs}
    assert {"withdraws", "pre-positioned", "deadline", "second-provider"} <= kinds
    for w in report.what_ifs:
        assert w.ci95[0] <= w.effect + 1e-12 and w.effect <= w.ci95[1] + 1e-12
        assert w.p_new == pytest.approx(w.p_base + w.effect)
    # A party's withdrawal cannot raise the chance: it only removes capability (monotone model).
    assert all(w.effect <= 1e-12 for w in report.what_ifs if w.kind == "withdraws")


def test_same_seed_same_page() -> None:
    spec = load_library_spec(DESIGN)
    a = render_html(build_report(spec, trials=TRIALS, seed=SEED, day=DAY))
    b = render_html(build_report(spec, trials=TRIALS, seed=SEED, day=DAY))
    assert a == b


def test_provenance_records_what_fixes_the_numbers() -> None:
    report, html, _ = built(DESIGN, "nato-1949")
    prov = report.provenance
    assert set(prov.spec_hashes) == {DESIGN, "nato-1949"} and prov.seed == SEED and prov.trials == TRIALS
    assert prov.command == (
        f"guarantor report {DESIGN} --compare nato-1949 --trials {TRIALS} --seed {SEED} -o report.html"
    )
    assert prov.scenarios == tuple(report.spec.scenarios) and prov.scenarios_sha256
    for h in prov.spec_hashes.values():
        assert h in html


# The command line --------------------------------------------------------------------------------------------


def test_cli_writes_html_and_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    proc = run(
        "report", DESIGN, "--compare", "budapest-1994", "--trials", "1000", "--seed", "3", "-o", str(out), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    page = parse(out.read_text(encoding="utf-8"))
    assert set(summary["figures"]) == set(page.figures)
    assert summary["provenance"]["seed"] == 3 and summary["provenance"]["trials"] == 1000
    assert [r["spec"] for r in summary["results"]] == [DESIGN, "budapest-1994"]


def test_cli_markdown_to_stdout_and_spec_from_stdin() -> None:
    text = load_library_spec("nato-1949").loc.file  # type: ignore[union-attr]
    proc = run("report", "-", "--format", "md", "-o", "-", stdin=Path(text).read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# North Atlantic Treaty")
    assert "## 7. Provenance" in proc.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-instrument"], "E800"),
        (["nato-1949", "-o", "/nonexistent-dir/r.html"], "E710"),
        (["nato-1949", "--json", "-o", "-"], "E710"),
        (["nato-1949", "--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_cli_bad_input_exits_2_with_a_clear_message(args: list[str], message: str) -> None:
    proc = run("report", *args)
    assert proc.returncode == 2
    assert message in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


def test_cli_posture_gives_the_numbers_of_simulate_posture(tmp_path: Path) -> None:
    import yaml

    from guarantor.spec import spec_to_data

    data = spec_to_data(load_library_spec(DESIGN))
    for pledge in data["pledges"]:
        if pledge["party"] == "USA":
            pledge["reliability"] = 0.9  # the posture: a firmer US backstop
    posture = tmp_path / "posture.yaml"
    posture.write_text(yaml.safe_dump({"pledges": data["pledges"], "scenarios": data["scenarios"]}), encoding="utf-8")
    out = tmp_path / "r.html"
    proc = run("report", DESIGN, "--posture", str(posture), "--trials", "1000", "--seed", "5", "-o", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["provenance"]["posture"] == str(posture)
    assert f"--posture {posture}" in summary["provenance"]["command"]
    sim = run("simulate", DESIGN, "--posture", str(posture), "--trials", "1000", "--seed", "5", "--json")
    assert sim.returncode == 0, sim.stderr
    expected = json.loads(sim.stdout)
    cells = number_cells(parse(out.read_text(encoding="utf-8")), DESIGN)
    for sid, row in expected["scenarios"].items():
        assert cells[(sid, "p_success")] == row["p_success"]["estimate"]
