"""Coalitions of a game: who can block, who holds a veto, and the minimal winning and blocking coalitions.

A coalition blocks when its complement does not win; the blocking coalitions are the winning coalitions of
the dual game, which for a tree of quota leaves is again such a tree (De Morgan plus
``w(N - S) < q  <=>  w(S) >= total - q + 1``). Listing is a depth-first search with two prunes (a winning
prefix has no minimal strict superset; a prefix that cannot win even with every remaining player is dead),
capped by ``limit`` and by ``max_steps`` so that it always returns promptly; the exact counts come from
:func:`guarantor.games.power_report`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

import numpy as np

from guarantor.games.game import AllOf, AnyOf, Node, Quota, SimpleGame
from guarantor.games.power import swing_counts

__all__ = [
    "blocking_coalitions_within",
    "can_block",
    "dual_game",
    "minimal_blocking_coalitions",
    "minimal_winning_coalitions",
    "null_players",
    "veto_players",
]

MAX_STEPS = 200_000


def dual_game(game: SimpleGame) -> SimpleGame:
    """The dual game: a coalition wins in it exactly when it can block in ``game``."""
    return SimpleGame(game.players, _dual(game.root))


def _dual(node: Node) -> Node:
    if isinstance(node, Quota):
        return Quota(node.weights, sum(node.weights) - node.quota + 1)
    parts = tuple(_dual(p) for p in node.parts)
    return AnyOf(parts) if isinstance(node, AllOf) else AllOf(parts)


def can_block(game: SimpleGame, coalition: Collection[str]) -> bool:
    """Whether ``coalition``, by voting no, stops every decision (its complement does not win)."""
    game.indicator(coalition)  # rejects unknown names
    return not game.wins(set(game.players) - set(coalition))


def veto_players(game: SimpleGame) -> tuple[str, ...]:
    """Players who can block alone (members of every winning coalition)."""
    return tuple(p for p in game.players if can_block(game, {p}))


def null_players(game: SimpleGame) -> tuple[str, ...]:
    """Players who never change the outcome (a zero swing count)."""
    counts = swing_counts(game)
    return tuple(p for p, s in zip(game.players, counts.swings, strict=True) if s == 0)


def minimal_winning_coalitions(
    game: SimpleGame,
    *,
    limit: int | None = None,
    within: Collection[str] | None = None,
    max_steps: int = MAX_STEPS,
) -> list[tuple[str, ...]]:
    """Minimal winning coalitions (using only players ``within``, default all), at most ``limit`` of them."""
    pool = [game.index[p] for p in game.players if within is None or p in set(within)]
    game.indicator(within or ())
    found: list[tuple[str, ...]] = []
    for mask in _search(game, pool, max_steps):
        found.append(tuple(game.players[i] for i in np.flatnonzero(mask)))
        if limit is not None and len(found) >= limit:
            break
    return found


def minimal_blocking_coalitions(
    game: SimpleGame,
    *,
    limit: int | None = None,
    within: Collection[str] | None = None,
    max_steps: int = MAX_STEPS,
) -> list[tuple[str, ...]]:
    """Minimal blocking coalitions: groups that can stop any decision and need every member to do so."""
    return minimal_winning_coalitions(dual_game(game), limit=limit, within=within, max_steps=max_steps)


def blocking_coalitions_within(
    game: SimpleGame, subset: Collection[str], *, limit: int | None = None
) -> list[tuple[str, ...]]:
    """Minimal blocking coalitions made only of ``subset`` (e.g. can the guarantors block on their own?)."""
    return minimal_blocking_coalitions(game, limit=limit, within=subset)


def _search(game: SimpleGame, pool: list[int], max_steps: int) -> Iterator[np.ndarray]:
    """Depth-first search over include/exclude decisions on ``pool``, yielding minimal winning masks."""
    n = game.n
    steps = 0
    stack: list[tuple[int, np.ndarray]] = [(0, np.zeros(n, dtype=bool))]
    while stack and steps < max_steps:
        depth, chosen = stack.pop()
        steps += 1
        rest = chosen.copy()
        rest[pool[depth:]] = True
        win_chosen, win_rest = game.wins_mask(np.stack([chosen, rest]))
        if win_chosen:
            if _is_minimal(game, chosen):
                yield chosen
            continue
        if not win_rest or depth == len(pool):
            continue
        without = chosen
        with_next = chosen.copy()
        with_next[pool[depth]] = True
        stack.append((depth + 1, without))
        stack.append((depth + 1, with_next))


def _is_minimal(game: SimpleGame, mask: np.ndarray) -> bool:
    members = np.flatnonzero(mask)
    if members.size == 0:
        return True
    rows = np.repeat(mask[None, :], members.size, axis=0)
    rows[np.arange(members.size), members] = False
    return not game.wins_mask(rows).any()
