"""Shared fixtures."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "sources"


@pytest.fixture
def data() -> Path:
    """The folder of synthetic feed files (no real ACLED rows: its terms forbid sharing them)."""
    return DATA


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> object:
    """A workspace of valid inputs for the hostile-input tests (tests/hostilekit.py), one per module."""
    from hostilekit import make_workspace

    return make_workspace(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in a fresh folder: a command's default output (a store, a key) never lands in the checkout."""
    monkeypatch.chdir(tmp_path)
