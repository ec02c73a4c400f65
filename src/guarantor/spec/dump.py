"""Write a spec back to YAML (or JSON-ready data) in the form the loader reads."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import yaml

from guarantor.spec.model import Spec

__all__ = ["spec_hash", "spec_to_data", "spec_to_yaml"]


def spec_to_data(spec: Spec) -> dict[str, Any]:
    """Plain JSON-compatible data; defaults are left out so the output stays close to what people write."""
    data: dict[str, Any] = spec.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    _keep_kinds(data, spec.model_dump(mode="json", by_alias=True))
    data["id"], data["title"] = spec.id, spec.title
    return data


def _keep_kinds(slim: Any, full: Any) -> None:
    """Put back every ``kind`` that ``exclude_defaults`` dropped: it is the discriminator of a rule."""
    if isinstance(slim, dict) and isinstance(full, dict):
        if "kind" in full and "kind" not in slim:
            slim["kind"] = full["kind"]
        for key, value in slim.items():
            _keep_kinds(value, full.get(key))
    elif isinstance(slim, list) and isinstance(full, list):
        for a, b in zip(slim, full, strict=False):
            _keep_kinds(a, b)


class _Dumper(yaml.SafeDumper):
    """Quotes strings YAML 1.1 would read as booleans (``NO``, ``on``), so they load back as strings."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if value.lower() in {"yes", "no", "on", "off", "y", "n"} else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def spec_to_yaml(spec: Spec) -> str:
    return yaml.dump(spec_to_data(spec), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def spec_hash(spec: Spec) -> str:
    """SHA-256 of the spec's canonical JSON: results record it so they can be traced to the exact spec."""
    canonical = json.dumps(spec_to_data(spec), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
