"""Docs are checked: every finding code, error code, command and spec key has its entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import guarantor
from guarantor.analysis.codes import CODES
from guarantor.cli import commands
from guarantor.spec.base import Node

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"


def test_every_finding_code_is_documented() -> None:
    text = (DOCS / "findings.md").read_text(encoding="utf-8")
    for code, meta in CODES.items():
        assert f"### {code} {meta.name}" in text, code


def test_every_error_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    errors = [
        obj
        for obj in vars(guarantor.errors).values()
        if isinstance(obj, type) and issubclass(obj, guarantor.GuarantorError)
    ]
    for err in errors:
        assert f"| {err.code} | `{err.__name__}` |" in text, err.__name__
        assert f"## {err.code.lower()}" in text, err.code


def test_every_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command in commands.ALL:
        assert f"## {command.name}" in text, command.name


def _node_classes() -> list[type[Node]]:
    found: list[type[Node]] = []
    todo: list[type[Node]] = [Node]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("guarantor.spec"):
                found.append(sub)
                todo.append(sub)
    return found


@pytest.mark.parametrize("cls", _node_classes(), ids=lambda c: c.__name__)
def test_every_spec_key_is_documented(cls: type[Node]) -> None:
    text = (DOCS / "spec-reference.md").read_text(encoding="utf-8")
    for name, field in cls.model_fields.items():
        key = field.alias or name
        if key == "kind" and cls.__name__.endswith("Rule"):
            continue
        assert re.search(rf"`{re.escape(key)}`", text), f"{cls.__name__}.{key} is not in docs/spec-reference.md"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("##", 1)[0]
    assert "make demo" in setup and "make test" in setup
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_changelog_has_unreleased_section() -> None:
    assert "## Unreleased" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
