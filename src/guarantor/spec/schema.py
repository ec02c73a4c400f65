"""The JSON Schema of the spec language, for editors (YAML language servers validate and complete with it)."""

from __future__ import annotations

from typing import Any

from guarantor.spec.model import Spec

__all__ = ["spec_json_schema"]


def spec_json_schema() -> dict[str, Any]:
    schema = Spec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://guarantor.dev/schema/spec-v1.json"
    schema["title"] = "guarantor spec, version 1"
    return schema
