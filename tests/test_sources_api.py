"""The sources package: curated API, floor-1 imports, error codes and commands documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import guarantor.sources as sources
from guarantor import errors

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "guarantor" / "sources"


def test_all_is_sorted_and_exists() -> None:
    assert sources.__all__ == sorted(sources.__all__, key=lambda n: (not n.isupper(), n))
    for name in sources.__all__:
        assert hasattr(sources, name), name


def test_sources_depends_only_on_the_floor() -> None:
    floor = {"guarantor.errors", "guarantor.countries", "guarantor.bounded", "guarantor.records"}  # floor 1
    for module in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("guarantor"):
                assert node.module in floor or node.module.startswith("guarantor.sources"), (
                    f"{module.name} imports {node.module}"
                )


def test_source_error_codes_are_distinct_and_documented() -> None:
    classes = [errors.SourceError, errors.SourceFormatError, errors.MappingError, errors.RowRejected]
    codes = [c.code for c in classes]
    assert codes == ["E400", "E401", "E402", "E403"]
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in codes:
        assert re.search(rf"^### {code}\b", text, re.MULTILINE), f"{code} is not documented in docs/errors.md"


def test_every_sources_command_and_format_is_documented() -> None:
    text = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    for command in (
        "sources read",
        "sources ingest",
        "sources quarantine list",
        "sources quarantine resubmit",
    ):
        assert f"guarantor {command}" in text, command
    for fmt in sources.FORMATS:
        assert f"`{fmt}`" in text, fmt
    for field in sources.mapping.FIELDS:
        assert f"`{field}`" in text, field
