"""Scenario sets: the spec's own, or a separate YAML file (scenario id -> Scenario, same models)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from guarantor.bounded import input_name
from guarantor.errors import Location, SpecStructureError
from guarantor.simulation.whatif import read_yaml
from guarantor.spec.forces import Scenario
from guarantor.spec.model import Spec

__all__ = ["load_scenarios", "scenario_set", "scenarios_hash"]

_ADAPTER = TypeAdapter(dict[str, Scenario])


def load_scenarios(path: str | Path) -> dict[str, Scenario]:
    """Read a scenario file: a YAML mapping of scenario id to scenario (validated like a spec's ``scenarios``)."""
    data = read_yaml(path, "scenario file", "a scenario file is a mapping of scenario id to scenario")
    if isinstance(data, dict) and set(data) == {"scenarios"}:
        data = data["scenarios"]
    if not isinstance(data, dict) or not data:
        raise SpecStructureError(
            "a scenario file must be a mapping of scenario id to scenario",
            hint="land-grab: {fait_accompli: P3D, ...}",
            location=Location(input_name(path)),
        )
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SpecStructureError(
            f"{where}: {first['msg']}", hint="see `guarantor docs simulation`", location=Location(input_name(path))
        ) from None


def scenario_set(spec: Spec, extra: dict[str, Scenario] | None = None) -> dict[str, Scenario]:
    """The scenarios to run: a scenario file replaces the spec's own set."""
    return dict(extra) if extra else dict(spec.scenarios)


def scenarios_hash(scenarios: dict[str, Scenario]) -> str:
    """SHA-256 of the scenario set's canonical JSON: recorded with every result."""
    data = {k: v.model_dump(mode="json", by_alias=True, exclude_defaults=True) for k, v in scenarios.items()}
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
