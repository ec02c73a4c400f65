"""The public API is curated: everything in ``__all__`` exists and nothing private leaks."""

import json
import re
from pathlib import Path

import pytest

import guarantor
from guarantor import errors


def test_all_names_exist() -> None:
    for name in guarantor.__all__:
        assert hasattr(guarantor, name), name


def test_all_is_sorted_and_public() -> None:
    assert guarantor.__all__ == sorted(guarantor.__all__)
    assert all(not n.startswith("_") or n == "__version__" for n in guarantor.__all__)


def test_every_error_has_distinct_code() -> None:
    errors = [getattr(guarantor, n) for n in guarantor.__all__ if n.endswith(("Error", "Denied", "NotFound"))]
    codes = [e.code for e in errors]
    assert len(codes) == len(set(codes))
    assert all(issubclass(e, guarantor.GuarantorError) for e in errors)


def test_version_comes_from_the_installed_distribution() -> None:
    from importlib.metadata import metadata, version

    assert guarantor.__version__ == version("guarantor-spec")
    meta = metadata("guarantor-spec")
    assert meta["License-Expression"] == "Apache-2.0"
    assert "LICENSE" in (meta.get_all("License-File") or [])
    assert meta.get_all("Project-URL")
    assert "Programming Language :: Python :: 3.11" in (meta.get_all("Classifier") or [])


def test_license_file_is_the_apache_license() -> None:
    from pathlib import Path

    text = (Path(__file__).parents[1] / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_demo_extra_holds_no_development_tools() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    tools = ("pytest", "mypy", "ruff", "ray", "psycopg", "hypothesis")
    assert not [d for d in extras["report"] if d.lower().startswith(tools)]
    assert any(d.startswith("guarantor-spec[") and "report" in d for d in extras["dev"])
    assert project["name"] == "guarantor-spec"


# The tree in the docstring of errors.py -------------------------------------------------------------------

_TREE_LINE = re.compile(r"^    ([│├└─ ]*)(\w+)(?: \(([\w, ]+)\))?\s+(E\d{3})\b")


def _drawn_tree() -> list[tuple[int, str, tuple[str, ...], str]]:
    """(depth, class, extra built-in bases, code) for every line of the drawing."""
    out = []
    for line in (errors.__doc__ or "").splitlines():
        m = _TREE_LINE.match(line)
        if m:
            extra = tuple(b.strip() for b in m.group(3).split(",")) if m.group(3) else ()
            out.append((len(m.group(1)) // 4, m.group(2), extra, m.group(4)))
    return out


def test_error_tree_drawing_matches_the_classes() -> None:
    drawn = _drawn_tree()
    assert drawn[0] == (0, "GuarantorError", (), "E000")
    parents: list[str] = []
    for depth, name, extra, code in drawn:
        cls = getattr(errors, name)
        assert cls.code == code, f"{name}: drawn {code}, code says {cls.code}"
        parents = [*parents[:depth], name]
        if depth:
            bases = cls.__bases__
            assert bases[0].__name__ == parents[depth - 1], f"{name} is drawn under {parents[depth - 1]}"
            assert tuple(b.__name__ for b in bases[1:]) == extra, f"{name}: drawn with {extra}"
    classes = {n for n, c in vars(errors).items() if isinstance(c, type) and issubclass(c, errors.GuarantorError)}
    assert classes == {name for _, name, _, _ in drawn}, "every error class is drawn, and only those"


def test_error_messages_point_to_installed_docs() -> None:
    err = errors.SpecSyntaxError("x")
    assert err.docs_url == "guarantor docs errors#e101"
    from guarantor.manual import doc_text

    assert doc_text("errors", "e101").lower().startswith("## e101")


def test_no_message_points_into_a_checkout() -> None:
    src = Path(guarantor.__file__).parent
    offenders = [
        f"{p.relative_to(src)}:{i}"
        for p in src.rglob("*.py")
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"[\"'][^\"']*\bsee docs/", line)
    ]
    assert not offenders, offenders


# The curated top level --------------------------------------------------------------------------------------


def test_top_level_functions_return_typed_results() -> None:
    spec = guarantor.load("nato-1949")
    assert isinstance(spec, guarantor.Spec) and guarantor.load(spec) is spec
    checked = guarantor.check(spec)
    assert isinstance(checked, guarantor.CheckResult) and checked.valid
    report = guarantor.power(spec, "nac")
    assert isinstance(report, guarantor.PowerReport) and len(report.players) == 32
    adhoc = guarantor.power(weights=[4, 4, 4, 2, 2, 1], quota=12, players=list("ABCDEF"))
    assert adhoc.null_players == ("F",)
    for result in (checked, report, adhoc):
        json.dumps(result.to_json())
        html = result._repr_html_()
        assert html.startswith("<table") and "</table>" in html


def test_top_level_simulate_and_replay(tmp_path: Path) -> None:
    sim = guarantor.simulate("ukraine-coalition-2025", trials=500, seed=1)
    assert isinstance(sim, guarantor.SimulationResult) and sim.trials == 500
    assert json.loads(json.dumps(sim.to_json(), default=str))["seed"] == 1
    assert "<table" in sim._repr_html_()
    timeline = Path(__file__).parents[1] / "examples" / "replays"
    first = sorted(timeline.glob("*.yaml"))[0]
    out = guarantor.replay(_spec_of(first), first)
    assert isinstance(out, guarantor.Replay) and out.transitions
    json.dumps(out.to_json())
    assert "<table" in out._repr_html_()


def _spec_of(timeline: Path) -> str:
    """The bundled instrument a replay example runs against (named in its header, else NATO)."""
    text = timeline.read_text(encoding="utf-8")
    match = re.search(r"guarantor replay (\S+)", text)
    return match.group(1) if match else "nato-1949"


def test_top_level_errors_are_guarantor_errors() -> None:
    with pytest.raises(guarantor.GuarantorError):
        guarantor.load("no-such-instrument")
    with pytest.raises(guarantor.GameError):
        guarantor.power(weights=[1, 1, 1], quota=5)
    with pytest.raises(guarantor.GameError):
        guarantor.power("nato-1949")
    assert not guarantor.check("no-such-file.yaml").valid


def test_the_result_html_escapes_values() -> None:
    from guarantor.display import html_table

    assert "<script>" not in html_table("<script>", ["a"], [["<b>x</b>"]])


def test_analysis_exports_its_public_names() -> None:
    import guarantor.analysis as analysis

    assert len(set(analysis.__all__)) == len(analysis.__all__)
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None
    assert {"check_spec", "check_file", "CheckResult", "Finding", "Severity", "CODES"} <= set(analysis.__all__)


def test_docs_in_the_terminal_hide_the_directions_to_the_docs_tests() -> None:
    from guarantor.manual import doc_text

    source = (Path(__file__).parents[1] / "docs" / "tutorial.md").read_text(encoding="utf-8")
    assert "<!-- file: baltic-shield.yaml -->" in source
    shown = doc_text("tutorial")
    assert "<!--" not in shown and "baltic-shield.yaml" in shown
