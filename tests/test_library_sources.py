"""The bundled instruments cite public sources by address, and carry nothing from a development machine."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources

import pytest
import yaml

from guarantor.spec import library_names

# The coalition design files are maintained with the simulation model and sourced there.
SOURCED = [n for n in library_names() if not n.startswith("ukraine-coalition")]
ADDRESS = re.compile(r"https://[^\s)]+")


def _text(name: str) -> str:
    return resources.files("guarantor.spec").joinpath(f"library/{name}.yaml").read_text("utf-8")


def _sources(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k == "source" and isinstance(v, str)]
        return found + [s for v in node.values() for s in _sources(v)]
    if isinstance(node, list):
        return [s for v in node for s in _sources(v)]
    return []


@pytest.mark.parametrize("name", SOURCED)
def test_every_source_gives_a_public_address(name: str) -> None:
    sources = _sources(yaml.safe_load(_text(name)))
    assert sources, name
    for source in sources:
        assert ADDRESS.search(source), f"{name}: source without an address: {source!r}"


@pytest.mark.parametrize("name", library_names())
def test_no_machine_paths_in_bundled_files(name: str) -> None:
    text = _text(name)
    if name.startswith("ukraine-coalition"):
        text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    else:
        assert "instruments.md" not in text and "reference/" not in text, name
    assert not re.search(r"(^|[\s(])/(work|home|root|tmp|Users)/", text), name


def test_library_show_prints_no_path() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "guarantor", "library", "show", "nato-1949"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.startswith("# guarantor library: nato-1949\n")
    assert "site-packages" not in out.stdout and "/src/guarantor" not in out.stdout


def test_eu27_weights_are_the_councils_published_shares() -> None:
    from guarantor.games import eu27_population_shares
    from guarantor.games.examples import EU27_FIGURES_YEAR

    shares = eu27_population_shares()
    assert EU27_FIGURES_YEAR == 2025 and len(shares) == 27
    assert shares["DEU"] == 1849 and shares["MLT"] == 12 and shares["EST"] == 30
    assert sum(shares.values()) == 10001  # the published shares, rounded to 0.01%, sum to 100.01%
    data = resources.files("guarantor.games").joinpath("data/eu27_population.csv").read_text("utf-8")
    assert "451,028,881" in data and "https://" in data
