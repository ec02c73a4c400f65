"""A writer killed with SIGKILL mid-ingest loses no acknowledged entry, and the chain still verifies."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledgerkit import crash_and_check


@pytest.mark.slow
def test_sigkill_keeps_every_acknowledged_entry_sqlite(tmp_path: Path) -> None:
    crash_and_check(str(tmp_path / "crash.sqlite"), tmp_path)
