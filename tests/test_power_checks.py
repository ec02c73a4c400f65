"""Loophole findings computed from the bodies' games, and `guarantor power` on a spec's body."""

from __future__ import annotations

import json

from click.testing import CliRunner

from guarantor.analysis.checks import check_spec
from guarantor.cli.power import power
from guarantor.spec import load_spec_text
from spec_cases import edited


def found(text: str) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for f in check_spec(load_spec_text(text, "t.yaml")):
        out.setdefault(f.code, []).append(f.parties)
    return out


THREE = edited("  - {id: BBB, regions: [europe]}", "  - {id: BBB, regions: [europe]}\n  - {id: CCC, regions: [europe]}")


def test_consensus_body_gives_every_member_a_veto() -> None:
    assert found(THREE)["G108"] == [("AAA", "BBB", "CCC")]


def test_two_thirds_majority_has_no_single_veto() -> None:
    text = THREE.replace("rule: consensus", "rule: {kind: count, fraction: '2/3'}")
    assert "G108" not in found(text)


def test_conditional_pledger_with_veto() -> None:
    text = THREE + (
        "pledges:\n"
        "  - {party: AAA, capability: brigade, amount: 1, conditions: [{participates: BBB}]}\n"
        "  - {party: BBB, capability: brigade, amount: 1}\n"
        "  - {party: CCC, capability: brigade, amount: 1}\n"
    )
    assert found(text)["G107"] == [("AAA",)]


def test_non_contributors_can_block_a_majority() -> None:
    text = THREE.replace("rule: consensus", "rule: {kind: count, at_least: 3}") + (
        "pledges:\n  - {party: AAA, capability: brigade, amount: 1}\n"
    )
    # BBB (or CCC) alone blocks a 3-of-3 count; both pledge nothing.
    assert found(text)["G109"] == [("BBB",)]


def test_null_player_in_weighted_body() -> None:
    text = THREE.replace("rule: consensus", "rule: {kind: weighted, weights: {AAA: 2, BBB: 2, CCC: 1}, quota: 4}")
    assert found(text)["G110"] == [("CCC",)]


def test_power_on_a_bundled_body_matches_the_exact_security_council_values() -> None:
    result = CliRunner().invoke(power, ["budapest-1994", "--body", "unsc", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["winning"] == 848 and data["minimal_winning"] == 210
    assert data["veto_players"] == ["CHN", "FRA", "GBR", "RUS", "USA"]
    assert data["exact"]["shapley_shubik"][:6] == ["421/2145"] * 5 + ["4/2145"]
    assert data["exact"]["banzhaf"][0] == "106/635"


def test_power_uses_membership_on_the_date() -> None:
    result = CliRunner().invoke(power, ["nato-1949", "--body", "nac", "--date", "2001-09-11", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["players"]) == 19


def test_power_needs_a_known_body() -> None:
    result = CliRunner().invoke(power, ["nato-1949", "--body", "nca", "--json"])
    assert result.exit_code == 2
    assert "did you mean 'nac'" in json.loads(result.output)["error"]["hint"]
