"""Static checks: each finding code fires on the spec built to show it, with the expected place and words."""

from __future__ import annotations

import pytest

from guarantor.analysis.checks import check_spec
from guarantor.spec import load_spec_text
from spec_cases import MINIMAL, edited

VETO_BODY = """  unsc:
    external: true
    members: [{id: AAA}, {id: BBB}, {id: RUS}]
    rule: {kind: veto, holders: [AAA, RUS], then: {kind: count, at_least: 2}}
"""


def codes_for(text: str) -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = {}
    for f in check_spec(load_spec_text(text, "t.yaml")):
        out.setdefault(f.code, []).append((f.location.line if f.location else 0, f.message))
    return out


def test_minimal_spec_is_clean() -> None:
    assert codes_for(MINIMAL) == {}


CASES = [
    ("no bearer", "bearer: each-party, ", "", "G001", 17, ["names no bearer"]),
    ("no deadline", ", deadline: forthwith", "", "G002", 17, ["no deadline"]),
    ("no strength", " strength: as-deemed-necessary,", "", "G003", 17, ["how strongly"]),
    ("bearer is nobody", "bearer: each-party", "bearer: none", "G004", 17, ["names no party"]),
    (
        "scope elsewhere",
        "in: {regions: [europe]}",
        "in: {regions: [pacific]}",
        "G010",
        15,
        ["can never fire", "AAA and BBB"],
    ),
    (
        "scope partial",
        "  - {id: BBB, regions: [europe]}",
        "  - {id: BBB, regions: [asia]}",
        "G011",
        15,
        ["does not cover the territory of BBB"],
    ),
]


@pytest.mark.parametrize(("desc", "old", "new", "code", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_finding_cases(desc: str, old: str, new: str, code: str, line: int, words: list[str]) -> None:
    found = codes_for(edited(old, new))
    assert code in found, found
    got_line, message = found[code][0]
    assert got_line == line
    for word in words:
        assert word in message


def _with_aggressor(rule_body: str, *, exclude: bool = False) -> str:
    text = edited("bodies:\n", "actors: [{id: RUS}]\npotential_aggressors: [RUS]\nbodies:\n" + rule_body)
    text = text.replace("decision: {body: council}", "decision: {body: unsc}")
    return text.replace("external: true\n", "external: true\n    exclude_interested: true\n") if exclude else text


def test_aggressor_with_veto_is_an_error() -> None:
    found = codes_for(_with_aggressor(VETO_BODY))
    ((line, message),) = found["G101"]
    assert line == 11
    assert "RUS" in message and "unsc" in message and "exclude_interested" in message
    assert "G104" in found  # an external body decides


def test_excluding_interested_parties_removes_the_veto() -> None:
    assert "G101" not in codes_for(_with_aggressor(VETO_BODY, exclude=True))


def test_aggressor_without_veto_is_fine() -> None:
    body = VETO_BODY.replace("holders: [AAA, RUS]", "holders: [AAA]")
    assert "G101" not in codes_for(_with_aggressor(body))


def test_aggressor_in_consensus_body_has_veto() -> None:
    text = edited("  - {id: BBB, regions: [europe]}", "  - {id: BBB, regions: [europe]}\n  - {id: RUS}")
    text = text.replace("bodies:", "potential_aggressors: [RUS]\nbodies:")
    assert "G101" in codes_for(text)


def test_consultation_body_excludes_requester() -> None:
    text = edited(
        "clauses:\n",
        "  small: {members: [{id: AAA}], rule: consensus}\nclauses:\n"
        "  art4:\n    kind: consultation\n    requested_by: any-party\n    body: small\n",
    )
    ((line, message),) = codes_for(text)["G102"]
    assert "BBB may request consultation" in message and "'small'" in message
    assert line == 12


def test_pledge_conditional_on_non_pledger() -> None:
    text = MINIMAL + ("pledges:\n  - {party: AAA, capability: brigade, amount: 2, conditions: [{participates: BBB}]}\n")
    ((line, message),) = codes_for(text)["G103"]
    assert line == 19 and "conditional on BBB" in message


def test_third_party_and_consult_only_are_noted() -> None:
    text = edited("signed: 2020-01-01\n", "signed: 2020-01-01\nprotects: UKR\nactors: [{id: UKR}]\n")
    text = text.replace("as-deemed-necessary", "consult").replace("against both", "against UKR")
    found = codes_for(text)
    assert "G105" in found and "G106" in found
