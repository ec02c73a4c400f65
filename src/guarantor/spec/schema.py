"""The JSON Schema of the spec language, for editors (YAML language servers validate and complete with it).

Pydantic's schema describes the canonical form; the shorthands people write are added here: a bare rule word
(``rule: consensus``), a bare condition name, and ``obligation:`` for a one-item ``obligations:`` list.
"""

from __future__ import annotations

from typing import Any

from guarantor.spec.model import Spec
from guarantor.spec.rules import BARE_RULES

__all__ = ["spec_json_schema"]

_CONDITION = {"$ref": "#/$defs/Condition"}


def spec_json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _with_shorthands(Spec.model_json_schema(by_alias=True))
    schema["$defs"]["Clause"]["properties"]["obligation"] = {"$ref": "#/$defs/Obligation"}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://guarantor.dev/schema/spec-v1.json"
    schema["title"] = "guarantor spec, version 1"
    return schema


def _with_shorthands(node: Any) -> Any:
    if isinstance(node, list):
        return [_with_shorthands(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node == _CONDITION:
        return {"anyOf": [{"type": "string", "description": "a named condition"}, node]}
    out = {key: _with_shorthands(value) for key, value in node.items()}
    if "discriminator" in out and "ConsensusRule" in str(out["discriminator"]):
        return {"anyOf": [{"type": "string", "enum": list(BARE_RULES)}, out]}
    return out
