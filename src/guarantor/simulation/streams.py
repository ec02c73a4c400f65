"""Random streams keyed by meaning, in fixed blocks, so results depend on neither chunking nor design layout.

The standard normals for block ``b`` and key ``k`` (``will/USA``, ``ready/GBR/brigade/0``, ``detection``...) come
from ``SeedSequence(seed, spawn_key=(b, h(k)))``: the child that ``SeedSequence(seed).spawn`` would address at
that position, found directly. Every draw in the model is a standard normal (a Bernoulli with probability p
is ``z < Phi^-1(p)``), so antithetic pairs are simply ``z`` and ``-z``. Two designs that both have a party USA
see the same political-will draws for it: common random numbers, by construction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["COMMON_KEYS", "Draws", "draw", "key_id", "normals"]

FloatArray = NDArray[np.float64]
COMMON_KEYS = ("detection", "attribution", "attributed", "decision", "will/common")


def key_id(key: str) -> int:
    """A stable 64-bit number for a stream key."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")


def normals(seed: int, block: int, key: str, size: int, *, antithetic: bool = False) -> FloatArray:
    """``size`` standard normals of stream ``key`` in block ``block``."""
    sequence = np.random.SeedSequence(seed, spawn_key=(block, key_id(key)))
    gen = np.random.Generator(np.random.PCG64(sequence))
    if not antithetic:
        return gen.standard_normal(size)
    half = gen.standard_normal((size + 1) // 2)
    return np.concatenate([half, -half])[:size]


@dataclass(frozen=True, slots=True)
class Draws:
    """Standard normals for a run of trials: common streams [n] and per-entity ones [n, entities]."""

    common: dict[str, FloatArray]
    will: FloatArray
    ready: FloatArray

    @property
    def n(self) -> int:
        return int(self.will.shape[0])

    def take(self, count: int) -> Draws:
        return Draws({k: v[:count] for k, v in self.common.items()}, self.will[:count], self.ready[:count])


def draw(
    seed: int,
    parties: tuple[str, ...],
    pledge_keys: tuple[str, ...],
    blocks: range,
    block_size: int,
    *,
    antithetic: bool = False,
) -> Draws:
    """The draws of ``blocks`` (each ``block_size`` trials), laid out trial-major."""

    def column(key: str) -> FloatArray:
        parts = [normals(seed, b, key, block_size, antithetic=antithetic) for b in blocks]
        return np.concatenate(parts) if parts else np.empty(0)

    n = len(blocks) * block_size
    will = np.empty((n, len(parties)))
    for j, party in enumerate(parties):
        will[:, j] = column(f"will/{party}")
    ready = np.empty((n, len(pledge_keys)))
    for j, key in enumerate(pledge_keys):
        ready[:, j] = column(key)
    return Draws({k: column(k) for k in COMMON_KEYS}, will, ready)
