"""A suspension of one party's obligations towards another (the United States towards New Zealand under ANZUS,
1986): read by the runtime and the simulation alike, through ``guarantor.spec.suspended_towards``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from guarantor.errors import RuntimeStateError
from guarantor.runtime import DeterminationMade, IncidentReported, fold
from guarantor.simulation import SimParams, compile_design
from guarantor.spec import Scenario, load_spec, spec_from_data, spec_to_data, suspended_towards

ANZUS = load_spec(Path(__file__).parents[1] / "examples" / "replays" / "specs" / "anzus-1951.yaml")


def attack_on_new_zealand(year: int) -> IncidentReported:
    when = datetime(year, 3, 1, tzinfo=UTC)
    return IncidentReported(time=when, id=f"x{year}", kind="armed-attack", by="SUN", against="NZL", country="NZL")


def test_the_suspension_runs_from_its_date_towards_the_party_named() -> None:
    assert suspended_towards(ANZUS, "USA", "NZL", date(1986, 9, 16)) is None
    held = suspended_towards(ANZUS, "USA", "NZL", date(1986, 9, 17))
    assert held is not None and held.kind == "suspension"
    assert suspended_towards(ANZUS, "USA", "AUS", date(1990, 1, 1)) is None  # towards Australia: bound
    assert suspended_towards(ANZUS, "NZL", "USA", date(1990, 1, 1)) is None  # one way only
    assert suspended_towards(ANZUS, "USA", "NZL", None) is not None  # as the spec stands


def test_a_reinstatement_ends_it() -> None:
    data = spec_to_data(ANZUS)
    data["events"] = [*data["events"], {"kind": "reinstatement", "party": "USA", "date": "2030-01-01"}]
    later = spec_from_data(data)
    assert suspended_towards(later, "USA", "NZL", date(2029, 12, 31)) is not None
    assert suspended_towards(later, "USA", "NZL", date(2030, 1, 1)) is None


def _waiting(year: int) -> tuple[list[str], str]:
    state = fold(ANZUS, [attack_on_new_zealand(year)])
    waits = next(t for t in state.transitions if t.kind == "awaiting-determination")
    assert len(state.cases) == 1
    return [
        p for p in ("AUS", "USA") if p in waits.explanation.condition.split(" decides")[0]
    ], waits.explanation.condition


def test_the_runtime_asks_no_determination_of_a_suspended_party() -> None:
    before, _ = _waiting(1980)
    after, why = _waiting(1990)
    assert before == ["AUS", "USA"] and after == ["AUS"]
    assert "obligations suspended: USA towards NZL since 1986-09-17" in why


def test_a_suspended_partys_determination_is_refused_with_the_reason() -> None:
    attack = attack_on_new_zealand(1990)
    determined = DeterminationMade(time=attack.time + timedelta(days=1), party="USA", clause="art4", answer=True)
    with pytest.raises(RuntimeStateError, match="obligations towards NZL are suspended since 1986-09-17"):
        fold(ANZUS, [attack, determined])


def _with_pledges() -> Any:
    data = spec_to_data(ANZUS)
    data["pledges"] = [
        {"id": f"{p.lower()}-navy", "party": p, "capability": "naval", "amount": 10, "unit": "ships"}
        for p in ("AUS", "NZL", "USA")
    ]
    return spec_from_data(data)


@pytest.mark.parametrize(("day", "usa_bears"), [(date(1980, 1, 1), True), (date(1990, 1, 1), False)])
def test_the_simulation_counts_no_pledge_of_a_suspended_party(day: date, usa_bears: bool) -> None:
    spec = _with_pledges()
    scenario = Scenario(against="NZL", by="SUN", fait_accompli="P30D", requires={"naval": 15})
    design = compile_design(spec, {"s": scenario}, SimParams(day=day))
    compiled = design.scenarios["s"]
    bearing = {
        design.parties[design.pledge_party[i]] for i in range(len(design.pledge_keys)) if compiled.bearer_mask[i]
    }
    assert ("USA" in bearing) is usa_bears and "AUS" in bearing
    assert compiled.capacity[0] == (30.0 if usa_bears else 20.0)  # New Zealand's own ships count either way
