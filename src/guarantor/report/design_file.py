"""A design result read back for the report: ``guarantor design --json`` saved to a file (or a
:class:`~guarantor.design.DesignResult` in memory), checked for its layout version and for the spec it was made for.

Every way it can be wrong (no file, not JSON, another layout, a result for another spec) is an E710 naming the
file and the fix, raised before anything is simulated.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guarantor.bounded import input_name, read_bounded
from guarantor.design.result import SCHEMA_VERSION, DesignResult
from guarantor.errors import Location, ReportError
from guarantor.spec import Spec, spec_hash

__all__ = ["DesignData", "design_data", "read_design_file"]

MAX_FILE = 64 * 1024 * 1024
_SEARCH = "'guarantor design SPEC --space DESIGN.yaml --json > FILE'"
_REMAKE = f"give the file that {_SEARCH} writes"


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Point(_Part):
    """One simulated design: its variables' values, cost and probability with its 95% interval."""

    values: dict[str, Any]
    cost: float
    p_success: float = Field(ge=0, le=1)
    ci95: tuple[float, float]
    per_scenario: dict[str, float] = {}
    feasible: bool = True


class Pledge(_Part):
    id: str | None = None
    capability: str
    amount: float | None = None
    unit: str | None = None
    domain: str | None = None
    where: str | None = None
    arrival: str = ""
    reliability: float | None = None


class PartyRoles(_Part):
    party: str
    name: str | None = None
    roles: list[str] = []
    pledges: list[Pledge] = []


class Relaxation(_Part):
    limit: str
    gain: float
    p_success: float
    cost: float
    move: dict[str, Any]


class Objective(_Part):
    kind: str
    target: float | None = None


class DesignData(_Part):
    """The fields of a saved design result the report uses (docs/design.md lists them all)."""

    schema_version: int
    spec: str
    spec_sha256: str
    source_spec_sha256: str
    posture: str | None = None
    method: str
    budget: int
    simulated: int
    skipped_infeasible: int = 0
    seed: int
    trials: int
    objective: Objective
    chosen: Point | None
    why_chosen: str
    chosen_spec_sha256: str | None = None
    roles: list[PartyRoles]
    binding_limits: list[Relaxation]
    front: list[Point]
    hypervolume: float
    evaluations: list[Point]
    notes: list[str] = []
    source: str = "<design result>"
    """Where it was read from: the file name, or ``<design result>`` for one passed in memory."""


def read_design_file(path: str) -> dict[str, Any]:
    """The JSON object in ``path`` (``-``: standard input), its layout version checked."""
    if path != "-" and not Path(path).exists():
        raise _error(path, f"file {path} does not exist", f"check the path, or write the file with {_SEARCH}")
    raw = read_bounded(path, MAX_FILE, error=ReportError, what="a design result")
    name = input_name(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _error(name, "is not UTF-8 text", _REMAKE) from None
    except json.JSONDecodeError as exc:
        where = Location(name, exc.lineno, exc.colno)
        raise ReportError(f"the design result is not valid JSON: {exc.msg}", hint=_REMAKE, location=where) from None
    except (ValueError, RecursionError) as exc:  # a number too long, nesting too deep
        raise _error(name, f"cannot be read as JSON: {type(exc).__name__}: {exc}", _REMAKE) from None
    if not isinstance(data, dict):
        raise _error(name, "is not a JSON object", _REMAKE)
    _check_version(data, name)
    return data


def design_data(result: DesignResult | Mapping[str, Any], spec: Spec, *, source: str | None = None) -> DesignData:
    """``result`` (a result, or its ``to_dict`` as read back) checked against ``spec``, the spec reported."""
    name = input_name(source) if source else "<design result>"
    data = result.to_dict() if isinstance(result, DesignResult) else dict(result)
    _check_version(data, name)
    try:
        parsed = DesignData.model_validate({**data, "source": name})
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(x) for x in first["loc"]) or "top level"
        raise _error(name, f"is not laid out as one: {place}: {first['msg']}", _REMAKE) from None
    _check_spec(parsed, spec)
    return parsed


def _check_version(data: Mapping[str, Any], name: str) -> None:
    version = data.get("schema_version")
    if type(version) is int and version == SCHEMA_VERSION:
        return
    if version is None:
        what = "has no schema_version: it is not the output of 'guarantor design --json', or an older one"
    else:
        what = f"has schema_version {version!r}; this guarantor reads version {SCHEMA_VERSION}"
    raise _error(name, what, f"run the design search again with this guarantor: {_SEARCH}")


def _check_spec(data: DesignData, spec: Spec) -> None:
    if data.spec != spec.id:
        raise _error(
            data.source,
            f"was made for spec '{data.spec}', not for '{spec.id}', the spec reported",
            f"report '{data.spec}' with it, or search '{spec.id}': "
            f"'guarantor design {spec.id} --space DESIGN.yaml --json > FILE'",
        )
    here = spec_hash(spec)
    if data.source_spec_sha256 != here:
        raise _error(
            data.source,
            f"was made from another version of '{spec.id}' (SHA-256 {data.source_spec_sha256[:12]} there, "
            f"{here[:12]} in the spec reported)",
            f"search this version again, 'guarantor design {spec.id} --space DESIGN.yaml --json > FILE', or "
            "report the version the result was made from",
        )


def _error(name: str, what: str, fix: str) -> ReportError:
    return ReportError(f"the design result {what}", hint=fix, location=Location(name))
