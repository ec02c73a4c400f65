"""Docs are checked: every finding code, error code, command and spec key has its entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import guarantor
from guarantor.analysis.codes import CODES
from guarantor.cli import commands
from guarantor.spec.base import Node
from guarantor.spec.yamlpos import parse_yaml

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
        assert f"## {err.code.lower()}" in text.lower(), err.code


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


# Every code block in docs/ runs ----------------------------------------------------------------------------

_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _blocks(page: Path, lang: str) -> list[str]:
    return [body for kind, body in _BLOCK.findall(page.read_text(encoding="utf-8")) if kind == lang]


def _pages(lang: str) -> list[Path]:
    return [p for p in sorted(DOCS.glob("*.md")) if _blocks(p, lang)]


@pytest.mark.parametrize("page", _pages("python"), ids=lambda p: p.name)
def test_python_blocks_run(page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The Python blocks of a page run in order, in one namespace, from the repository root."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"docs.{page.stem}"}
    for i, block in enumerate(_blocks(page, "python")):
        exec(compile(block, f"{page.name}, python block {i + 1}", "exec"), namespace)


@pytest.mark.parametrize("page", _pages("yaml"), ids=lambda p: p.name)
def test_yaml_blocks_parse(page: Path) -> None:
    """Every YAML block is valid YAML for guarantor's reader (YAML 1.2 numbers, no duplicate keys)."""
    for i, block in enumerate(_blocks(page, "yaml")):
        parse_yaml(block.encode("utf-8"), f"{page.name}, yaml block {i + 1}")
