"""Random streams keyed by meaning, in fixed blocks, so results depend on neither chunking nor design layout.

The standard normals for block ``b`` and key ``k`` (``will/USA``, ``ready/GBR/brigade/0``, ``detection``...) come
from ``SeedSequence(seed, spawn_key=(b, h(k)))``: the child that ``SeedSequence(seed).spawn`` would address at
that position, found directly. Every draw in the model is a standard normal (a Bernoulli with probability p
is ``z < Phi^-1(p)``), so antithetic pairs are simply ``z`` and ``-z``. Two designs that both have a party USA
see the same political-will draws for it: common random numbers, by construction. Draws are float32, written in
place, entity-major: drawing them is the floor the kernel is measured against (benchmarks/simulate.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["COMMON_KEYS", "Draws", "draw", "key_id", "normals"]

FloatArray = NDArray[np.float32]
COMMON_KEYS = ("detection", "attribution", "attributed", "decision", "will/common")


def key_id(key: str) -> int:
    """A stable 64-bit number for a stream key."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")


def _generator(seed: int, block: int, key: str) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block, key_id(key)))))


def normals(seed: int, block: int, key: str, size: int, *, antithetic: bool = False) -> FloatArray:
    """``size`` standard normals (float32) of stream ``key`` in block ``block``."""
    out = np.empty(size, dtype=np.float32)
    fill(out, seed, block, key, antithetic=antithetic)
    return out


def fill(out: FloatArray, seed: int, block: int, key: str, *, antithetic: bool = False) -> None:
    """Write stream ``key``'s normals for ``block`` into ``out`` (contiguous, one block long)."""
    gen = _generator(seed, block, key)
    if not antithetic:
        gen.standard_normal(dtype=np.float32, out=out)
        return
    half = (out.shape[0] + 1) // 2
    gen.standard_normal(dtype=np.float32, out=out[:half])
    np.negative(out[: out.shape[0] - half], out=out[half:])


@dataclass(frozen=True, slots=True)
class Draws:
    """Standard normals for a run of trials, entity-major: ``common[key]`` is [n]; ``will`` [parties, n],
    ``ready`` [pledges, n], ``decide`` [parties with a random decision delay, n], ``sustain`` [pledges kept
    for a limited time, n]."""

    common: dict[str, FloatArray]
    will: FloatArray
    ready: FloatArray
    decide: FloatArray
    sustain: FloatArray

    @property
    def n(self) -> int:
        return int(self.common["will/common"].shape[0])

    def take(self, count: int) -> Draws:
        return Draws(
            {k: v[:count] for k, v in self.common.items()},
            self.will[:, :count],
            self.ready[:, :count],
            self.decide[:, :count],
            self.sustain[:, :count],
        )


def draw(
    seed: int,
    keys: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    blocks: range,
    block_size: int,
    *,
    antithetic: bool = False,
) -> Draws:
    """The draws of ``blocks`` (each ``block_size`` trials) for ``keys`` = (party keys for will, pledge keys
    for readiness, decision keys, sustainment keys), every stream written in place."""
    n = len(blocks) * block_size

    def matrix(names: tuple[str, ...]) -> FloatArray:
        out = np.empty((len(names), n), dtype=np.float32)
        for j, name in enumerate(names):
            for i, b in enumerate(blocks):
                fill(out[j, i * block_size : (i + 1) * block_size], seed, b, name, antithetic=antithetic)
        return out

    parties, pledges, decide, sustain = keys
    common = matrix(COMMON_KEYS)
    return Draws(
        dict(zip(COMMON_KEYS, common, strict=True)),
        matrix(tuple(f"will/{p}" for p in parties)),
        matrix(pledges),
        matrix(decide),
        matrix(sustain),
    )
