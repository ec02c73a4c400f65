"""What-ifs on the spec before it is compiled (reforms, in OpenFisca's word): a posture applied to any
instrument, a party's pledges withdrawn, one value overridden by its path."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from guarantor.bounded import input_name, read_bounded
from guarantor.errors import GuarantorError, Location, SimulationError, SpecStructureError, SpecSyntaxError
from guarantor.simulation.params import SimParams
from guarantor.spec.dump import spec_to_data
from guarantor.spec.forces import Posture
from guarantor.spec.loader import spec_from_data
from guarantor.spec.model import Spec
from guarantor.spec.yamlpos import yaml_data

__all__ = ["apply_posture", "apply_set", "load_posture", "parse_set", "read_yaml", "without_party"]

MAX_FILE = 5 * 1024 * 1024
_POSTURE_SHAPE = "a posture is a mapping with 'pledges' and 'scenarios'"


def read_yaml(path: str | Path, what: str, shape: str, error: type[GuarantorError] = SpecSyntaxError) -> Any:
    """The data of a YAML file (``-``: standard input), read with the spec's guards (size, binary, not UTF-8,
    nesting, alias bombs); never more than MAX_FILE bytes are read. A problem is ``error``, naming the file."""
    raw = read_bounded(path, MAX_FILE, error=SimulationError, what=f"the {what}")
    return yaml_data(raw, input_name(path), what=what, shape=shape, error=error)


def load_posture(path: str | Path) -> Posture:
    """A posture file: ``pledges`` (a list) and ``scenarios`` (id -> scenario), as in a spec."""
    data = read_yaml(path, "posture file", _POSTURE_SHAPE)
    if not isinstance(data, dict):
        raise SpecStructureError(
            _POSTURE_SHAPE, hint="see `guarantor docs simulation`", location=Location(input_name(path))
        )
    try:
        return Posture.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SpecStructureError(
            f"{where}: {first['msg']}", hint="see `guarantor docs simulation`", location=Location(input_name(path))
        ) from None


def apply_posture(spec: Spec, posture: Posture) -> Spec:
    """``spec`` with the posture's pledges and scenarios in place of its own. Capabilities a scenario requires
    that no posture pledge offers are refused here, naming them (never a silent 0%)."""
    offered = {p.capability for p in posture.pledges}
    missing = sorted({c for sc in posture.scenarios.values() for c in sc.requires if c not in offered})
    if missing:
        raise SimulationError(
            f"the posture's scenarios require {', '.join(missing)}, which no posture pledge offers "
            f"(pledged: {', '.join(sorted(offered)) or 'none'})",
            hint="use the same capability names in 'requires' and in the pledges",
        )
    data = spec_to_data(spec)
    known = {a.id for a in [*spec.parties, *spec.actors]}
    named = [p.party for p in posture.pledges] + [x for sc in posture.scenarios.values() for x in (sc.by, sc.against)]
    extra = [n for n in dict.fromkeys(named) if n and n not in known]
    # Those the posture names but the instrument does not: actors, bound by nothing in it.
    data["actors"] = [*data.get("actors", []), *({"id": n} for n in extra)]
    data["pledges"] = [p.model_dump(mode="json", by_alias=True, exclude_none=True) for p in posture.pledges]
    data["scenarios"] = {
        k: v.model_dump(mode="json", by_alias=True, exclude_none=True) for k, v in posture.scenarios.items()
    }
    return spec_from_data(data, f"{spec.id} + posture")


def without_party(spec: Spec, party: str) -> Spec:
    """``spec`` with every pledge of ``party`` withdrawn (it still votes where it sits)."""
    if not any(p.party == party for p in spec.pledges):
        pledging = sorted({p.party for p in spec.pledges}) or ["none"]
        raise SimulationError(
            f"--without {party}: {party} pledges nothing in {spec.id}", hint=f"pledging parties: {', '.join(pledging)}"
        )
    data = spec_to_data(spec)
    data["pledges"] = [p for p in data.get("pledges", []) if p.get("party") != party]
    return spec_from_data(data, f"{spec.id} without {party}")


def parse_set(text: str) -> tuple[str, Any]:
    """``PATH=VALUE`` with VALUE read as a YAML scalar; non-finite numbers are refused."""
    path, eq, raw = text.partition("=")
    if not eq or not path.strip():
        raise SimulationError(f"--set {text!r} is not PATH=VALUE", hint="e.g. --set pledges.usa-air.reliability=0.3")
    try:
        value = yaml.safe_load(raw) if raw.strip() else raw
    except (yaml.YAMLError, RecursionError):
        value = raw
    if isinstance(value, float) and not math.isfinite(value):
        raise SimulationError(f"--set {path}={raw}: the value must be a finite number", hint=f"e.g. --set {path}=0.5")
    return path.strip(), value


def apply_set(spec: Spec, params: SimParams, path: str, value: Any) -> tuple[Spec, SimParams]:
    """Override one value: a simulation parameter (``rho``, ``p_vote``, ...) or a spec value by its dotted path,
    where list items are found by ``id`` or index (``pledges.usa-air.reliability``)."""
    fields = {f.name for f in dataclasses.fields(SimParams)} - {"day"}
    if path in fields:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise SimulationError(f"--set {path}={value!r}: a number is needed", hint=f"e.g. --set {path}=0.5")
        if isinstance(value, float) and isinstance(getattr(params, path), int) and not value.is_integer():
            raise SimulationError(f"--set {path}={value}: a whole number is needed", hint="drop the decimals")
        changed = dataclasses.replace(params, **{path: type(getattr(params, path))(value)})
        return spec, changed.validate()
    data = spec_to_data(spec)
    parts = path.split(".")
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        node = _step(node, part, ".".join(parts[: i + 1]))
    last = parts[-1]
    if isinstance(node, list):
        node[_index(node, last, path)] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise SimulationError(
            f"--set {path}: {'.'.join(parts[:-1])} is a value, not a mapping or list",
            hint="set the value itself: its path ends there",
        )
    return spec_from_data(data, f"{spec.id} with {path}={value}"), params


def _step(node: Any, part: str, where: str) -> Any:
    if isinstance(node, dict):
        if part not in node:
            raise SimulationError(
                f"--set: {where} does not exist", hint=f"known: {', '.join(map(str, node)) or 'none'}"
            )
        return node[part]
    if isinstance(node, list):
        return node[_index(node, part, where)]
    raise SimulationError(f"--set: {where} is a value, not a mapping or list")


def _index(node: list[Any], part: str, where: str) -> int:
    for i, item in enumerate(node):
        if isinstance(item, dict) and item.get("id") == part:
            return i
    if part.isdigit() and int(part) < len(node):
        return int(part)
    ids = [str(item.get("id")) for item in node if isinstance(item, dict) and item.get("id")]
    raise SimulationError(f"--set: no item {part!r} at {where}", hint=f"ids: {', '.join(ids) or 'none'}; or an index")
