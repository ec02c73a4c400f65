"""Exact counts for games decided by a coalition's size k and one weight w: a DP over (k, w).

Every leaf of such a game is a count ("at least 15 members", unanimity, minus k) or a quota on one shared
weight vector (population; the veto holders). Then "S wins" depends on (|S|, w(S)) only, monotonically, so
for each size k there is a threshold t(k): S wins iff w(S) >= t(k). That covers weighted games, counts,
vetoes over a count (UN Security Council) and the EU Council's Lisbon rule (states AND population, OR the
blocking-minority clause).

One table G[k, t] = #{S : |S| = k, w(S) <= t} is built once, in O(n^2 W). Player i's swings of size k lie in
one weight window, and the counts without player i come out of G by the alternating sum
G_{-i}(k, t) = sum_j (-1)^j G(k - j, t - j w_i) (dividing (1 + z x^{w_i}) out of the product), so every
further player costs O(n^2) reads instead of a new table. Counts are exact: see ``_modular``.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
import numpy.typing as npt

from guarantor.games._modular import U64, crt, exact_column_sums, moduli_for, reduce_mod
from guarantor.games.game import AllOf, Node, Quota, SimpleGame, _leaves

__all__ = ["MAX_CELLS", "TableCounts", "reduce_to_size_weight", "table_counts"]

MAX_CELLS = 60_000_000  # (n + 1) * (W + 1) cells of 8 bytes: about 480 MB at most


@dataclass(frozen=True, slots=True)
class SizeWeight:
    """A game as thresholds t(k) on one weight vector (``inf`` = total weight + 1: no such coalition wins)."""

    weights: tuple[int, ...]
    thresholds: tuple[int, ...]  # k = 0 .. n + 1
    inf: int


@dataclass(frozen=True, slots=True)
class TableCounts:
    """Exact counts from the (size, weight) table."""

    swings_by_size: tuple[tuple[int, ...], ...]  # [player][k]: swings with k other members
    winning: int
    minimal_winning: int
    minimal_blocking: int


def reduce_to_size_weight(game: SimpleGame) -> SizeWeight | None:
    """The (k, w) form of ``game``, or None when its leaves use more than one non-unit weight vector."""
    n = game.n
    ones = (1,) * n
    vectors = {leaf.weights for leaf in _leaves(game.root)} - {ones}
    if len(vectors) > 1:
        return None
    weights = vectors.pop() if vectors else (0,) * n
    inf = sum(weights) + 1
    raw = _thresholds(game.root, n, ones, inf)
    return SizeWeight(weights, (*(min(t, inf) for t in raw), inf), inf)


def _thresholds(node: Node, n: int, ones: tuple[int, ...], inf: int) -> list[int]:
    # t(k) for k = 0..n: the least weight with which a coalition of k members wins.
    if isinstance(node, Quota):
        if node.weights == ones:
            return [0 if k >= node.quota else inf for k in range(n + 1)]
        return [min(node.quota, inf)] * (n + 1)
    parts = [_thresholds(p, n, ones, inf) for p in node.parts]
    pick = max if isinstance(node, AllOf) else min
    return [pick(col) for col in zip(*parts, strict=True)]


def dual_thresholds(sw: SizeWeight) -> tuple[int, ...]:
    """Thresholds of the dual game (S wins iff its complement loses): the blocking coalitions."""
    n = len(sw.weights)
    total = sw.inf - 1
    return (*(min(total + 1 - sw.thresholds[n - k], sw.inf) for k in range(n + 1)), sw.inf)


def table_counts(sw: SizeWeight) -> TableCounts:
    """Swings by size of every player; how many coalitions win, win minimally, block minimally."""
    n = len(sw.weights)
    dual = dual_thresholds(sw)
    finite = [t - 1 for t in (*sw.thresholds, *dual) if t < sw.inf]
    cap = max([0, *finite])
    moduli = moduli_for(n + 1)
    per_mod = [_one_modulus(sw, dual, cap, m) for m in moduli]
    swings = tuple(tuple(crt([r[0][i][k] for r in per_mod], moduli) for k in range(n)) for i in range(n))
    scalars = [crt([r[j] for r in per_mod], moduli) for j in (1, 2, 3)]  # type: ignore[misc]
    return TableCounts(swings, *scalars)


def _one_modulus(
    sw: SizeWeight, dual: tuple[int, ...], cap: int, modulus: int
) -> tuple[list[list[int]], int, int, int]:
    n = len(sw.weights)
    table = np.zeros((n + 1, cap + 1), dtype=np.uint64)
    table[0, :] = 1
    scratch = np.empty(cap + 1, dtype=np.uint64)
    floor = _floors(sw.weights, cap)
    order = sorted(range(n), key=lambda i: -sw.weights[i])
    # The empty coalition, when it wins, is the one minimal winning coalition (likewise for blocking).
    mwc, mbc = int(sw.thresholds[0] == 0), int(dual[0] == 0)
    for done, i in enumerate(order):
        # Swings of the lightest member i over coalitions of heavier ones are exactly the minimal ones.
        mwc += _window_total(table, sw.thresholds, sw.weights[i], done, sw.inf, modulus)
        mbc += _window_total(table, dual, sw.weights[i], done, sw.inf, modulus)
        _add_player(table, sw.weights[i], done + 1, floor, scratch, modulus)
    winning = sum(comb(n, k) - _get(table, k, sw.thresholds[k] - 1) for k in range(n + 1) if sw.thresholds[k] < sw.inf)
    swings = [_player_swings(table, sw, sw.weights[i], modulus) for i in range(n)]
    return swings, winning % modulus, mwc % modulus, mbc % modulus


def _add_player(table: U64, weight: int, rows: int, floor: list[int], scratch: U64, modulus: int) -> None:
    """Multiply the generating function by (1 + z x^weight): coalitions with and without the player.

    Row by row from the top, in place (row k reads the old row k - 1), and only from column ``floor[k]``
    (no k players weigh less than the k lightest), so no temporary arrays are allocated.
    """
    cap = table.shape[1] - 1
    for k in range(min(rows, len(floor) - 1), 0, -1):
        start = max(weight, floor[k])
        if start > cap:
            continue
        dst = table[k, start:]
        np.add(dst, table[k - 1, start - weight : cap + 1 - weight], out=dst)
        reduce_mod(dst, modulus, scratch[: dst.size])


def _floors(weights: tuple[int, ...], cap: int) -> list[int]:
    """Weight of the k lightest players, for every k whose rows can be non-zero within the table."""
    floor = [0]
    for w in sorted(weights):
        if floor[-1] + w > cap:
            break
        floor.append(floor[-1] + w)
    return floor


def _get(table: U64, k: int, t: int) -> int:
    return int(table[k, min(t, table.shape[1] - 1)]) if t >= 0 else 0


def _window_total(table: U64, thresholds: tuple[int, ...], weight: int, members: int, inf: int, modulus: int) -> int:
    """Number of coalitions S in the table with S losing and S + player winning (any size)."""
    total = 0
    for k in range(members + 1):
        if thresholds[k + 1] >= inf:
            continue
        upper = comb(members, k) if thresholds[k] >= inf else _get(table, k, thresholds[k] - 1)
        total += upper - _get(table, k, thresholds[k + 1] - weight - 1)
    return total % modulus


def _player_swings(table: U64, sw: SizeWeight, weight: int, modulus: int) -> list[int]:
    """Swings of a player of this weight by size k, modulo ``modulus``, via the alternating sum."""
    n = len(sw.weights)
    t = sw.thresholds
    ks = np.arange(n)
    upper = np.array([t[k] - 1 for k in range(n)], dtype=np.int64)
    lower = np.array([t[k + 1] - weight - 1 for k in range(n)], dtype=np.int64)
    cap = table.shape[1] - 1
    upper_counts = _without_player(table, ks, np.minimum(upper, cap), weight)
    lower_counts = _without_player(table, ks, np.minimum(lower, cap), weight)
    out = []
    for k in range(n):
        if t[k + 1] >= sw.inf:
            out.append(0)
            continue
        up = comb(n - 1, k) if t[k] >= sw.inf else upper_counts[k]
        out.append((up - lower_counts[k]) % modulus)
    return out


def _without_player(table: U64, ks: npt.NDArray[np.int64], ts: npt.NDArray[np.int64], weight: int) -> list[int]:
    """#{S without the player : |S| = k, w(S) <= t} for each (k, t), as exact integers (before reduction)."""
    n_terms = len(ks) + 1
    if weight > 0:
        n_terms = min(n_terms, int(max(ts.max(initial=0), 0)) // weight + 1)
    j = np.arange(n_terms)[:, None]
    rows = ks[None, :] - j
    cols = ts[None, :] - j * weight
    valid = (rows >= 0) & (cols >= 0)
    values = np.where(valid, table[np.maximum(rows, 0), np.maximum(cols, 0)], np.uint64(0))
    plus = exact_column_sums(values[0::2])
    minus = exact_column_sums(values[1::2]) if n_terms > 1 else [0] * len(ks)
    return [p - m for p, m in zip(plus, minus, strict=True)]
