"""The runtime's one door to decision rules: ``guarantor.games`` (or the marked fallback before it lands)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from guarantor.spec.rules import Rule

__all__ = ["Game", "make_game"]


class Game(Protocol):
    @property
    def players(self) -> Sequence[str]: ...

    def wins(self, coalition: Collection[str]) -> bool: ...


def make_game(rule: Rule, members: Sequence[str], *, excluded: Collection[str] = ()) -> Game:
    """The simple game of ``rule`` over ``members`` without the ``excluded`` (interested) parties."""
    from guarantor.runtime._fallback_rules import fallback_game

    return fallback_game(rule, members, excluded=excluded)
