"""The import contract: the floors of docs/architecture.md point one way, and nothing imports the CLI or the server.

Every ``import`` of a ``guarantor`` module anywhere in ``src/guarantor`` (inside functions and under
``TYPE_CHECKING`` too) is read from the syntax tree and checked against the table below. A new top-level
module must be placed in the table before it can land.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "guarantor"

# Each top-level module of guarantor and its floor. A module may import its own floor and the floors below it.
FLOORS: dict[str, int] = {
    "errors": 1,
    "bounded": 1,  # bounded reading of user input (files, devices, standard input)
    "records": 1,  # fast construction of the frozen records readers and the fold make by the million
    "display": 1,  # HTML displays for Jupyter
    "manual": 1,  # the documentation shipped in the package
    "countries": 1,
    "sources": 1,
    "spec": 2,
    "games": 3,
    "semantics": 3,
    "ledger": 3,  # the runtime's store: it may read floors 1-2 only (see LIMITS), never the runtime
    "analysis": 4,
    "simulation": 4,
    "runtime": 4,
    "atop": 4,
    "design": 5,  # searches over designs: runs the simulation
    "reading": 5,
    "report": 5,
    "server": 5,
    "cli": 5,
    "toplevel": 5,  # the curated top-level API behind guarantor/__init__
    "__init__": 5,
    "__main__": 5,
}
# Modules whose imports are narrower than their floor allows.
LIMITS: dict[str, set[str]] = {
    "errors": set(),
    "countries": set(),
    # The games know nothing of the meaning of clauses (semantics builds on them); display is an HTML helper.
    "games": {"errors", "spec", "display"},
    "ledger": {"errors", "bounded", "countries", "sources", "spec"},
}
# Consumers on floor 4 do not import each other: none re-derives what another computes.
CONSUMERS = {"analysis", "simulation", "runtime", "atop"}
# Who may import the top: nothing imports the CLI; only the CLI (to start it) imports the server.
TOP_IMPORTERS: dict[str, set[str]] = {"cli": {"__main__"}, "server": {"cli"}}
# Known exceptions, each with its reason. Keep this short: each one is a debt.
ALLOWED: dict[tuple[str, str], str] = {
    ("analysis.simulation_checks", "simulation"): "G308 reads the simulation's default reliability table",
}


def _module(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"] or ["__init__"]
    return ".".join(parts)


def _targets(path: Path) -> set[str]:
    """The guarantor modules ``path`` imports (dotted, without the ``guarantor.`` prefix)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.removeprefix("guarantor.") for a in node.names if a.name.startswith("guarantor.")}
        elif isinstance(node, ast.ImportFrom):
            out |= _from(node, package)
    return {t for t in out if t}


def _from(node: ast.ImportFrom, package: list[str]) -> set[str]:
    """``from X import a, b``: X, or X.a and X.b when X is a package named only by its dots or ``guarantor``."""
    if node.level:
        base = ".".join([*package[: len(package) - node.level + 1], *([node.module] if node.module else [])])
    elif node.module == "guarantor" or (node.module or "").startswith("guarantor."):
        base = (node.module or "").removeprefix("guarantor").removeprefix(".")
    else:
        return set()
    if node.module and base:
        return {base}
    return {_name(f"{base}.{a.name}".strip(".")) for a in node.names}


def _name(dotted: str) -> str:
    """A module when one of that name exists, else the package that defines the name (``__version__``)."""
    path = SRC.joinpath(*dotted.split("."))
    if path.with_suffix(".py").exists() or (path / "__init__.py").exists():
        return dotted
    return dotted.rpartition(".")[0] or "__init__"


@cache
def _edges() -> list[tuple[str, str, str]]:
    """(importing module, its top-level name, imported top-level name) for every import across top-levels."""
    edges = []
    for path in sorted(SRC.rglob("*.py")):
        module = _module(path)
        top = module.split(".")[0]
        for target in _targets(path):
            other = target.split(".")[0]
            if other != top:
                edges.append((module, top, other))
    return edges


def _problem(module: str, top: str, other: str) -> str | None:
    if (module, other) in ALLOWED:
        return None
    if other in TOP_IMPORTERS and top not in TOP_IMPORTERS[other]:
        return f"{module} imports {other}: nothing imports the {other} (only {sorted(TOP_IMPORTERS[other])})"
    if top in LIMITS and other not in LIMITS[top]:
        return f"{module} imports {other}; {top} may import only {sorted(LIMITS[top]) or 'nothing of ours'}"
    if FLOORS[other] > FLOORS[top]:
        return f"{module} (floor {FLOORS[top]}) imports {other} (floor {FLOORS[other]}): imports point down only"
    if top in CONSUMERS and other in CONSUMERS:
        return f"{module} imports {other}: the consumers on floor 4 do not import each other"
    return None


def test_every_top_level_module_has_a_floor() -> None:
    tops = {
        p.stem if p.is_file() else p.name for p in SRC.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()
    }
    missing = sorted(tops - set(FLOORS))
    assert not missing, f"place {missing} in FLOORS (tests/test_architecture.py) and docs/architecture.md"


def test_imports_point_down_the_floors() -> None:
    problems = [p for e in _edges() if (p := _problem(*e)) is not None]
    assert not problems, "\n".join(problems)


def test_allowed_exceptions_are_still_needed() -> None:
    used = {(m, o) for m, _, o in _edges()}
    stale = sorted(k for k in ALLOWED if k not in used)
    assert not stale, f"remove the exceptions no longer needed: {stale}"


@pytest.mark.parametrize(
    ("edge", "expected"),
    [
        (("spec.model", "spec", "runtime"), "imports point down only"),
        (("ledger.ledger", "ledger", "runtime"), "ledger may import only"),
        (("games.game", "games", "semantics"), "games may import only"),
        (("runtime._acts", "runtime", "cli"), "nothing imports the cli"),
        (("report.html", "report", "server"), "nothing imports the server"),
        (("simulation.kernel", "simulation", "runtime"), "do not import each other"),
        (("analysis.checks", "analysis", "semantics"), None),
        (("cli.serve", "cli", "server"), None),
        (("runtime.persist", "runtime", "ledger"), None),
    ],
)
def test_the_contract_catches_what_it_forbids(edge: tuple[str, str, str], expected: str | None) -> None:
    problem = _problem(*edge)
    assert (problem is None) if expected is None else (problem is not None and expected in problem)


def test_imports_are_read_in_every_form() -> None:
    tree = ast.parse("from . import a\nfrom .b import c\nfrom guarantor import spec\nfrom guarantor.games import x\n")
    found = set().union(*(_from(n, ["runtime"]) for n in tree.body if isinstance(n, ast.ImportFrom)))
    assert found == {"runtime", "runtime.b", "spec", "games"}  # runtime.a does not exist: a name in runtime
    assert "games" in _targets(SRC / "semantics" / "bodies.py")
