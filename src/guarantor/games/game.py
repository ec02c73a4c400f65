"""Simple games: a decision body's rule as a monotone boolean function over its players.

A game is a tree of threshold leaves (``Quota``: the players' weights in a coalition reach a quota) joined by
``AllOf`` (every part wins: an intersection, "55% of states AND 65% of population") and ``AnyOf`` (some part
wins: a union, the blocking-minority exception). Counts, unanimity, unanimity minus k and vetoes are all
quota leaves with 0/1 weights, so every rule of the spec language compiles to this one shape, and the exact
algorithms of :mod:`guarantor.games.power` can read the structure back.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from guarantor.errors import GameError

__all__ = ["AllOf", "AnyOf", "Node", "Quota", "SimpleGame"]

# Integer weight sums below 2**24 (2**53) are exact in float32 (float64), so BLAS can sum many rows.
_FLOAT_EXACT = 2**53
_BLOCK = 1 << 15


@dataclass(frozen=True, slots=True)
class Quota:
    """A threshold leaf: a coalition wins when the sum of its members' ``weights`` is at least ``quota``."""

    weights: tuple[int, ...]
    quota: int


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every part wins (an intersection of games)."""

    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one part wins (a union of games)."""

    parts: tuple[Node, ...]


Node = Quota | AllOf | AnyOf


def _leaves(node: Node) -> list[Quota]:
    if isinstance(node, Quota):
        return [node]
    return [leaf for part in node.parts for leaf in _leaves(part)]


def _check(node: Node, n: int) -> None:
    for leaf in _leaves(node):
        if len(leaf.weights) != n:
            raise GameError(f"a quota leaf has {len(leaf.weights)} weights for {n} players")
        if any(type(w) is not int or w < 0 for w in leaf.weights):
            raise GameError(f"weights must be non-negative integers, got {list(leaf.weights)}")
        if type(leaf.quota) is not int or leaf.quota < 0:
            raise GameError(f"a quota must be a non-negative integer, got {leaf.quota!r}")
    if isinstance(node, AllOf | AnyOf) and not node.parts:
        raise GameError("a composition needs at least one part")


@dataclass(frozen=True)
class SimpleGame:
    """A monotone simple game over named ``players``; ``root`` decides which coalitions win."""

    players: tuple[str, ...]
    root: Node

    def __post_init__(self) -> None:
        if len(set(self.players)) != len(self.players):
            raise GameError(f"players must be distinct, got {list(self.players)}")
        _check(self.root, len(self.players))

    # -- constructors -------------------------------------------------------------------------------------

    @classmethod
    def weighted(cls, weights: Sequence[int], quota: int, players: Sequence[str] | None = None) -> SimpleGame:
        """The weighted game [quota; weights]; players default to P1, P2, ..."""
        names = tuple(players) if players is not None else tuple(f"P{i + 1}" for i in range(len(weights)))
        if len(names) != len(weights):
            raise GameError(f"{len(names)} player names for {len(weights)} weights")
        return cls(names, Quota(tuple(weights), quota))

    @classmethod
    def multi_weighted(
        cls, weights: Sequence[Sequence[int]], quotas: Sequence[int], players: Sequence[str] | None = None
    ) -> SimpleGame:
        """The intersection of weighted games (a coalition must reach every quota)."""
        if not weights or len(weights) != len(quotas):
            raise GameError(f"{len(weights)} weight vectors for {len(quotas)} quotas: give one quota each")
        parts = [cls.weighted(w, q, players) for w, q in zip(weights, quotas, strict=True)]
        return cls.all_of(*parts) if len(parts) > 1 else parts[0]

    @classmethod
    def count(cls, players: Sequence[str], at_least: int) -> SimpleGame:
        """At least ``at_least`` players agree."""
        return cls(tuple(players), Quota((1,) * len(players), at_least))

    @classmethod
    def unanimity(cls, players: Sequence[str], minus: int = 0) -> SimpleGame:
        """All players agree, or all but at most ``minus`` of them."""
        return cls.count(players, max(len(players) - minus, 0))

    @classmethod
    def all_of(cls, *games: SimpleGame) -> SimpleGame:
        """Every game wins; the games must share their players."""
        return cls(_same_players(games), AllOf(tuple(g.root for g in games)))

    @classmethod
    def any_of(cls, *games: SimpleGame) -> SimpleGame:
        """Some game wins; the games must share their players."""
        return cls(_same_players(games), AnyOf(tuple(g.root for g in games)))

    def with_veto(self, holders: Collection[str]) -> SimpleGame:
        """This game, and every one of ``holders`` must agree (holders not among the players are ignored)."""
        mask = tuple(1 if p in set(holders) else 0 for p in self.players)
        return SimpleGame(self.players, AllOf((Quota(mask, sum(mask)), self.root)))

    # -- evaluation ---------------------------------------------------------------------------------------

    @property
    def n(self) -> int:
        return len(self.players)

    @cached_property
    def index(self) -> dict[str, int]:
        """Position of each player."""
        return {p: i for i, p in enumerate(self.players)}

    def indicator(self, coalition: Collection[str]) -> npt.NDArray[np.bool_]:
        """The coalition as a boolean vector over ``players``; unknown names are an error."""
        unknown = sorted(set(coalition) - set(self.players))
        if unknown:
            raise GameError(f"not players of this game: {', '.join(unknown)}", hint=f"players: {self.players}")
        yes = np.zeros(self.n, dtype=bool)
        yes[[self.index[p] for p in coalition]] = True
        return yes

    def wins(self, coalition: Collection[str]) -> bool:
        """Whether the players in ``coalition`` (all agreeing, the rest not) carry the decision."""
        return bool(self.wins_mask(self.indicator(coalition)[None, :])[0])

    def wins_mask(self, yes: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        """Vectorised ``wins``: one boolean per row of ``yes`` (shape [trials, n_players])."""
        yes = np.asarray(yes)
        if yes.ndim != 2 or yes.shape[1] != self.n:
            raise GameError(f"expected a boolean array of shape [trials, {self.n}], got {yes.shape}")
        sums = self._leaf_sums(yes)
        return _evaluate(self.root, sums, self._leaf_ids)

    @property
    def weight_vectors(self) -> tuple[tuple[int, ...], ...]:
        """The distinct weight vectors of the quota leaves (a count's vector is all ones)."""
        return tuple(self._leaf_ids)

    @cached_property
    def _leaf_ids(self) -> dict[tuple[int, ...], int]:
        # Leaves that share a weight vector share one column of the matrix product.
        ids: dict[tuple[int, ...], int] = {}
        for leaf in _leaves(self.root):
            ids.setdefault(leaf.weights, len(ids))
        return ids

    @cached_property
    def _matrix(self) -> npt.NDArray[Any]:
        # [players, distinct weight vectors], in the narrowest dtype whose sums are exact.
        matrix = np.array(list(self._leaf_ids), dtype=object).T.reshape(self.n, -1)
        largest = max((sum(w) for w in self._leaf_ids), default=0)
        if largest < 2**24:
            return matrix.astype(np.float32)
        if largest < _FLOAT_EXACT:
            return matrix.astype(np.float64)
        return matrix.astype(np.int64) if largest < 2**63 else matrix

    def _leaf_sums(self, yes: npt.NDArray[np.bool_]) -> npt.NDArray[Any]:
        # In blocks, so the converted copy of ``yes`` stays small while BLAS does the sums.
        matrix = self._matrix
        sums = np.empty((yes.shape[0], matrix.shape[1]), dtype=matrix.dtype)
        for start in range(0, yes.shape[0], _BLOCK):
            block = yes[start : start + _BLOCK]
            sums[start : start + _BLOCK] = block.astype(matrix.dtype) @ matrix
        return sums


def _evaluate(node: Node, sums: npt.NDArray[Any], ids: dict[tuple[int, ...], int]) -> npt.NDArray[np.bool_]:
    if isinstance(node, Quota):
        column: npt.NDArray[np.bool_] = np.asarray(sums[:, ids[node.weights]] >= node.quota, dtype=np.bool_)
        return column
    results = (_evaluate(part, sums, ids) for part in node.parts)
    combine = np.logical_and if isinstance(node, AllOf) else np.logical_or
    out = next(results)
    for r in results:
        out = combine(out, r)
    return out


def _same_players(games: Sequence[SimpleGame]) -> tuple[str, ...]:
    if not games:
        raise GameError("a composition needs at least one game")
    players = games[0].players
    for g in games[1:]:
        if g.players != players:
            raise GameError(f"composed games must have the same players in order: {players} vs {g.players}")
    return players
