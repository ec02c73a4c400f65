"""Exact analysis by enumerating all 2**n coalitions (small bodies, any rule).

Coalitions are bitmasks; ``win[mask]`` is computed once with the vectorised ``wins_mask``, and every index
follows from array operations on it: swings, critical players, minimal winning coalitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from guarantor.games.game import SimpleGame

__all__ = ["MAX_ENUMERATE", "Enumerated", "enumerate_game"]

MAX_ENUMERATE = 20
_CHUNK = 1 << 16

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Enumerated:
    """Everything the enumeration yields, exact."""

    swings_by_size: tuple[tuple[int, ...], ...]
    winning: int
    minimal_winning: int
    minimal_blocking: int
    deegan_packel: tuple[Fraction, ...]
    holler: tuple[Fraction, ...]
    johnston: tuple[Fraction, ...]


def coalition_matrix(n: int, start: int = 0, stop: int | None = None) -> Bools:
    """Rows ``start..stop`` of the 2**n x n membership matrix (row = bitmask, column = player)."""
    masks = np.arange(start, (1 << n) if stop is None else stop, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(bool)


def win_vector(game: SimpleGame) -> Bools:
    """``win[mask]`` for every coalition, in chunks to bound memory."""
    size = 1 << game.n
    parts = [game.wins_mask(coalition_matrix(game.n, s, min(s + _CHUNK, size))) for s in range(0, size, _CHUNK)]
    return np.concatenate(parts)


def _critical(win: Bools, n: int) -> list[Bools]:
    """crit[i][mask]: mask wins, contains i, and loses without i."""
    masks = np.arange(1 << n, dtype=np.int64)
    out = []
    for i in range(n):
        has = (masks >> i) & 1 == 1
        out.append(win & has & ~win[masks ^ (1 << i)])
    return out


def _popcount(n: int) -> npt.NDArray[np.int64]:
    masks = np.arange(1 << n, dtype=np.int64)
    return np.asarray(((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).sum(axis=1), dtype=np.int64)


def _minimal(win: Bools, crit: list[Bools], sizes: npt.NDArray[np.int64]) -> Bools:
    ncrit = np.sum(crit, axis=0) if crit else np.zeros_like(sizes)
    return np.asarray(win & (ncrit == sizes), dtype=bool)


def enumerate_game(game: SimpleGame) -> Enumerated:
    """Exact counts and every index for a game of at most ``MAX_ENUMERATE`` players."""
    n = game.n
    win = win_vector(game)
    sizes = _popcount(n)
    crit = _critical(win, n)
    swings = tuple(tuple(np.bincount(sizes[c] - 1, minlength=n)[:n].tolist()) for c in crit)
    mwc = _minimal(win, crit, sizes)
    dual = ~win[((1 << n) - 1) ^ np.arange(1 << n, dtype=np.int64)]
    mbc = _minimal(dual, _critical(dual, n), sizes)
    return Enumerated(
        swings_by_size=swings,
        winning=int(win.sum()),
        minimal_winning=int(mwc.sum()),
        minimal_blocking=int(mbc.sum()),
        deegan_packel=_deegan_packel(mwc, sizes, n),
        holler=_holler(mwc, n),
        johnston=_johnston(crit, n),
    )


def _members(mask_set: Bools, i: int) -> Bools:
    masks = np.arange(len(mask_set), dtype=np.int64)
    return np.asarray(mask_set & ((masks >> i) & 1 == 1), dtype=bool)


def _deegan_packel(mwc: Bools, sizes: npt.NDArray[np.int64], n: int) -> tuple[Fraction, ...]:
    """Each minimal winning coalition is equally likely and splits its value equally among its members."""
    count = int(mwc.sum())
    if not count:
        return (Fraction(0),) * n
    out = []
    for i in range(n):
        by_size = np.bincount(sizes[_members(mwc, i)], minlength=n + 1)
        out.append(sum((Fraction(int(c), s) for s, c in enumerate(by_size) if c), Fraction(0)) / count)
    return tuple(out)


def _holler(mwc: Bools, n: int) -> tuple[Fraction, ...]:
    """Holler's public good index: membership counts in minimal winning coalitions, normalised."""
    counts = [int(_members(mwc, i).sum()) for i in range(n)]
    return _normalise([Fraction(c) for c in counts])


def _johnston(crit: list[Bools], n: int) -> tuple[Fraction, ...]:
    """Each winning coalition with critical members gives 1/(number critical) to each critical member."""
    ncrit = np.sum(crit, axis=0)
    raw = []
    for c in crit:
        by_count = np.bincount(ncrit[c], minlength=n + 1)
        raw.append(sum((Fraction(int(v), m) for m, v in enumerate(by_count) if v), Fraction(0)))
    return _normalise(raw)


def _normalise(values: list[Fraction]) -> tuple[Fraction, ...]:
    total = sum(values, Fraction(0))
    return tuple(v / total if total else Fraction(0) for v in values)
