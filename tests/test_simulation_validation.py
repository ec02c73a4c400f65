"""Validation on one posture (the same attack and the same forces for every instrument): NATO with Ukraine as a
member holds at least as well as the 2025 coalition design, which holds at least as well as the 1994 Budapest
Memorandum, for a full-scale attack; and exact and Monte Carlo agree where both apply."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guarantor.simulation import SimParams, apply_posture, compare, exact_success, load_posture, simulate
from guarantor.spec import load_spec, resolve_spec_path, spec_from_data, spec_to_data

ROOT = Path(__file__).parents[1]
POSTURE = ROOT / "examples" / "postures" / "ukraine-2026.yaml"
FULL = "full-scale-offensive"


def _nato_with_ukraine():  # type: ignore[no-untyped-def]
    data = spec_to_data(load_spec(resolve_spec_path("nato-1949")))
    data["id"] = "nato-with-ukraine"
    data["parties"].append({"id": "UKR", "name": "Ukraine", "iso3": "UKR", "joined": "2026-01-01"})
    return spec_from_data(data)


@pytest.fixture(scope="module")
def ranked():  # type: ignore[no-untyped-def]
    posture = load_posture(POSTURE)
    specs = [
        apply_posture(_nato_with_ukraine(), posture),
        apply_posture(load_spec(resolve_spec_path("ukraine-coalition-2025")), posture),
        apply_posture(load_spec(resolve_spec_path("budapest-1994")), posture),
    ]
    return compare(specs, trials=40_000, seed=11, with_criticality=False)


def test_nato_member_beats_coalition_beats_budapest_on_a_full_scale_attack(ranked) -> None:  # type: ignore[no-untyped-def]
    nato, coalition, budapest = ranked.results
    assert nato.p_success(FULL) >= coalition.p_success(FULL) >= budapest.p_success(FULL)
    to_coalition, to_budapest = ranked.differences()
    # The paired differences are significant, not merely ordered.
    assert to_coalition["scenarios"][FULL]["ci95"][1] < 0
    assert to_budapest["scenarios"][FULL]["ci95"][1] < to_coalition["scenarios"][FULL]["ci95"][0]


def test_the_reasons_differ_as_the_instruments_do(ranked) -> None:  # type: ignore[no-untyped-def]
    nato, coalition, budapest = (r.to_dict()["scenarios"][FULL] for r in ranked.results)
    # NATO: the attribution gate costs something; the Council's consensus does not gate individual action.
    assert nato["stage_losses"]["attribution"] > 0 and nato["body_gates"] is False
    # Budapest obliges only a call to the Security Council: it never triggers a response.
    assert budapest["stage_losses"]["trigger"] == 1.0 and budapest["impossible"]
    # The coalition fails on will: a guarantee to a non-member (record: p0 0.35-0.5) against a member (0.6-0.8).
    assert coalition["stage_losses"]["will"] > nato["stage_losses"]["will"]


def test_the_posture_on_the_command_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "guarantor",
            "simulate",
            "budapest-1994",
            "--posture",
            str(POSTURE),
            "--compare",
            "ukraine-coalition-2025",
            "--trials",
            "3000",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "diff ukraine-coalition-2025" in proc.stdout and FULL in proc.stdout


def test_a_mismatched_capability_name_is_an_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "posture.yaml"
    bad.write_text(POSTURE.read_text().replace("requires: {land-forces: 805000", "requires: {land_forces: 805000"))
    proc = subprocess.run(
        [sys.executable, "-m", "guarantor", "simulate", "nato-1949", "--posture", str(bad), "--trials", "100"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2 and "land_forces" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("scenario", [FULL, "limited-incursion"])
def test_exact_and_monte_carlo_agree_on_the_posture(scenario: str) -> None:
    """Independent decisions (rho 0), no conditions: the exact generating-function evaluation applies."""
    posture = load_posture(POSTURE)
    data = spec_to_data(apply_posture(load_spec(resolve_spec_path("ukraine-coalition-2025")), posture))
    for pledge in data["pledges"]:
        pledge.pop("conditions", None)
        pledge.pop("decision", None)
    for sc in data["scenarios"].values():
        for delay in ("detection", "attribution"):
            sc[delay] = {"median": sc[delay]["median"]}
    spec = spec_from_data(data)
    result = simulate(spec, trials=100_000, seed=3, params=SimParams(rho=0.0), with_criticality=False)
    exact = result.exact[scenario]
    assert exact is not None and 0.05 < exact < 0.95
    lo, hi = result.tallies[scenario].rate(result.tallies[scenario].success)["ci95"]  # type: ignore[misc]
    assert lo <= exact <= hi
    assert exact_success(result.design, result.design.scenarios[scenario], at=1e9) is not None


# The 2026 design and the constructs of the 2025-26 drafts ------------------------------------------------


@pytest.fixture(scope="module")
def design_2026():  # type: ignore[no-untyped-def]
    return simulate(load_spec(resolve_spec_path("ukraine-coalition-2026")), trials=20_000, seed=2)


def test_the_us_threshold_leaves_a_border_clash_to_the_coalition(design_2026) -> None:  # type: ignore[no-untyped-def]
    row = design_2026.to_dict()["scenarios"]["border-clash"]
    assert row["clause"] == "mnf-u" and "us-guarantee: the attack is not significant" in row["matched"]
    full = design_2026.to_dict()["scenarios"]["full-scale-offensive"]
    assert "us-guarantee" in full["matched"] and "not" not in full["matched"]


def test_a_ukrainian_strike_voids_every_guarantee(design_2026) -> None:  # type: ignore[no-untyped-def]
    row = design_2026.to_dict()["scenarios"]["offensive-after-ukrainian-strike"]
    assert row["clause"] is None and "If Ukraine attacks Russia" in row["matched"]
    assert row["stage_losses"]["trigger"] == 1.0


def test_pending_ratification_and_unstated_reliability_are_said(design_2026) -> None:  # type: ignore[no-untyped-def]
    notes = " ".join(design_2026.notes)
    assert "USA (US Congress)" in notes and "state no reliability" in notes
    spec = load_spec(resolve_spec_path("ukraine-coalition-2026"))
    assert spec.term is not None and spec.term.duration is not None and spec.term.renewal == "by-agreement"
    assert spec.clauses["mnf-u"].trigger.attribution.by == "special-commission"  # type: ignore[union-attr]


def test_a_sustained_threshold_delays_the_trigger() -> None:
    data = spec_to_data(load_spec(resolve_spec_path("ukraine-coalition-2026")))
    data["clauses"]["us-guarantee"]["trigger"]["threshold"]["sustained"] = "P2D"
    data["scenarios"]["border-clash"].update(lasts="PT12H", significant=True, deliberate=True)
    spec = spec_from_data(data)
    result = simulate(spec, trials=2_000, seed=1, with_criticality=False, with_sensitivity=False)
    assert "less than the P2D" in result.to_dict()["scenarios"]["border-clash"]["matched"]  # type: ignore[index]
    assert result.design.scenarios["full-scale-offensive"].threshold_delay == 0.0  # mnf-u leads, no threshold
