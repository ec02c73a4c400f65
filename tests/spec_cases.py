"""Shared helpers for spec tests: a minimal valid spec, and edits of it."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data" / "specs"
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    """The minimal spec with one exact piece of text replaced (the piece must occur once)."""
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)
