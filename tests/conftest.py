"""Shared fixtures."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "sources"


@pytest.fixture
def data() -> Path:
    """The folder of synthetic feed files (no real ACLED rows: its terms forbid sharing them)."""
    return DATA
