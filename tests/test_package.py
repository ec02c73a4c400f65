"""The public API is curated: everything in ``__all__`` exists and nothing private leaks."""

import guarantor


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
