"""Docs are checked: every finding code, error code, command and spec key has its entry."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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


# Every shell block in docs/ runs -----------------------------------------------------------------------------
#
# ```sh (or bash, shell) blocks run with bash -e, in order, in one temporary folder per page holding a copy of
# examples/; ```console blocks run each `$ command` and compare its standard output with the lines shown. A
# block preceded by `<!-- file: NAME -->` is written to NAME there first (the tutorial's spec, a news report);
# one preceded by `<!-- not run: REASON -->` is skipped, and the reasons are few (NOT_RUN). A block of
# `guarantor` commands with no language is an error: tag it `sh` (run) or `text` (a synopsis, not run).

_SHELL = ("sh", "bash", "shell")
_MARKED = re.compile(r"^(?:<!-- (not run|file): (.+?) -->\n)?```(\w*)\n(.*?)^```", re.S | re.M)
# Feeds the pages name, as the synthetic files of tests/data/run (ACLED's terms forbid sharing its rows).
FEEDS = {
    "ceasefire.jsonl": "ceasefire.jsonl",
    "acled-2026-03.csv": "acled_2026_03.csv",
    "acled-2026-04.csv": "acled_2026_03_b.csv",
    "acled-deleted.csv": "acled_deleted.csv",
}
# The only blocks not run, each with its reason.
NOT_RUN = {"server.md": "serves until interrupted (tests/test_server_*.py start it)"}


def _marked_blocks(page: Path) -> list[tuple[str | None, str | None, str, str]]:
    """(marker, its argument, language, body) for every fenced block of ``page``."""
    return [(m or None, a or None, lang, body) for m, a, lang, body in _MARKED.findall(page.read_text("utf-8"))]


def _shell_pages() -> list[Path]:
    return [
        p for p in sorted(DOCS.glob("*.md")) if any(lang in (*_SHELL, "console") for _, _, lang, _ in _marked_blocks(p))
    ]


def _guarantor_on_path(folder: Path) -> dict[str, str]:
    """An environment whose `guarantor` is this checkout's, run by this interpreter."""
    shim = folder / "bin" / "guarantor"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m guarantor "$@"\n')
    shim.chmod(0o755)
    path = f"{shim.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {
        **os.environ,
        "PATH": path,
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        "OPENBLAS_NUM_THREADS": "1",
    }


def _console(body: str) -> list[tuple[str, list[str]]]:
    """The `$ command` lines of a console block, each with the output lines shown after it."""
    out: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line.rstrip())
    return out


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize("page", _shell_pages(), ids=lambda p: p.name)
def test_shell_blocks_run(page: Path, tmp_path: Path) -> None:
    """The shell blocks of a page run in order, as written, in one folder; console blocks print what they show."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for name, source in FEEDS.items():
        shutil.copy(ROOT / "tests" / "data" / "run" / source, tmp_path / name)
    env = _guarantor_on_path(tmp_path)
    for i, (marker, argument, lang, body) in enumerate(_marked_blocks(page), start=1):
        if marker == "file":
            with (tmp_path / str(argument)).open("a", encoding="utf-8") as handle:
                handle.write(body)
        if marker == "not run":
            assert NOT_RUN.get(page.name) == argument, f"{page.name}: a block not run needs its reason in NOT_RUN"
        elif lang in _SHELL:
            done = _bash(body, tmp_path, env)
            assert done.returncode == 0, f"{page.name}, block {i}:\n{body}\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
        elif lang == "console":
            for command, shown in _console(body):
                done = _bash(command, tmp_path, env)
                printed = [line.rstrip() for line in done.stdout.splitlines()]
                assert (done.returncode, printed) == (0, shown), f"{page.name}, block {i}: $ {command}\n{done.stderr}"


def test_blocks_of_commands_say_whether_they_run() -> None:
    """A block of `guarantor` commands is tagged: sh or console (run) or text (a synopsis or an output)."""
    untagged = [
        f"{page.name}: {body.splitlines()[0]}"
        for page in sorted(DOCS.glob("*.md"))
        for _, _, lang, body in _marked_blocks(page)
        if not lang and re.search(r"^\$? ?guarantor ", body, re.M)
    ]
    assert not untagged, "tag these blocks sh (run) or text (not run):\n" + "\n".join(untagged)


def test_not_run_blocks_are_listed_with_their_reason() -> None:
    marked = {page.name: arg for page in DOCS.glob("*.md") for m, arg, _, _ in _marked_blocks(page) if m == "not run"}
    assert marked == NOT_RUN
