"""Run compiled designs over many trials in chunks of whole random blocks, tallying exact integer counts; several
designs run on the same trials (common random numbers), with paired counts for their differences."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from guarantor.simulation.compile import Design
from guarantor.simulation.kernel import evaluate
from guarantor.simulation.stats import Z95, Tally
from guarantor.simulation.streams import Draws, draw

__all__ = ["Paired", "draws_for", "run_joint", "run_tallies"]

Progress = Callable[[int], None]


@dataclass
class Paired:
    """Success of a design against the base design on the same trials: ``gain`` trials succeed only here,
    ``loss`` only in the base. The difference's interval is the paired (McNemar-type) normal one."""

    n: int = 0
    gain: int = 0
    loss: int = 0

    def add(self, base: np.ndarray, other: np.ndarray) -> None:
        self.n += int(base.shape[0])
        self.gain += int((other & ~base).sum())
        self.loss += int((base & ~other).sum())

    @property
    def estimate(self) -> float:
        return (self.gain - self.loss) / self.n if self.n else 0.0

    @property
    def variance(self) -> float:
        if not self.n:
            return 0.0
        d = self.estimate
        return max((self.gain + self.loss) / self.n - d * d, 0.0) / self.n

    def to_dict(self) -> dict[str, object]:
        d, half = self.estimate, Z95 * math.sqrt(self.variance)
        return {"estimate": d, "ci95": [d - half, d + half], "only_here": self.gain, "only_in_base": self.loss}


MEMORY_BUDGET = 1 << 27
"""Bytes one [entities, trials] float32 array of a chunk may take: chunks shrink (never below one block) for
designs with many parties and pledges, so memory stays bounded; results do not depend on it."""


def blocks_per_chunk(designs: Sequence[Design]) -> int:
    base = designs[0]
    entities = max(len(d.parties) + len(d.pledge_keys) for d in designs) + 1
    fit = MEMORY_BUDGET // (4 * entities * base.params.block)
    return max(1, min(math.ceil(base.params.chunk / base.params.block), fit))


def keys_of(design: Design) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return design.parties, design.pledge_keys, design.decide_keys, design.sustain_keys


def draws_for(design: Design, seed: int, trials: int, first_block: int = 0) -> Draws:
    """The draws of the first ``trials`` trials from block ``first_block`` on (criticality, sensitivity)."""
    block = design.params.block
    blocks = range(first_block, first_block + math.ceil(trials / block))
    return draw(seed, keys_of(design), blocks, block, antithetic=design.params.antithetic).take(trials)


def run_tallies(
    design: Design, seed: int, trials: int, *, detail: bool = True, progress: Progress | None = None
) -> dict[str, Tally]:
    """Every scenario on the same ``trials`` trials."""
    return run_joint([design], seed, trials, detail=detail, progress=progress)[0][0]


def run_joint(
    designs: Sequence[Design], seed: int, trials: int, *, detail: bool = True, progress: Progress | None = None
) -> tuple[list[dict[str, Tally]], list[dict[str, Paired]]]:
    """Every design and scenario on the same trials. Memory is bounded by ``params.chunk``; results do not
    depend on it, because the random streams are defined per block and the tallies are integer sums. Returns
    the tallies per design and, for each design after the first, its paired counts against the first."""
    base = designs[0]
    block = base.params.block
    n_blocks = math.ceil(trials / block)
    per_chunk = blocks_per_chunk(designs)
    tallies = [{sid: Tally() for sid in d.scenarios} for d in designs]
    paired = [{sid: Paired() for sid in base.scenarios} for _ in designs[1:]]
    for start in range(0, n_blocks, per_chunk):
        blocks = range(start, min(start + per_chunk, n_blocks))
        count = min(trials - start * block, len(blocks) * block)
        first: dict[str, np.ndarray] = {}
        for i, design in enumerate(designs):
            draws = draw(seed, keys_of(design), blocks, block, antithetic=design.params.antithetic).take(count)
            for sid, scenario in design.scenarios.items():
                outcome = evaluate(design, scenario, draws, detail=detail)
                tallies[i][sid].add(outcome)
                if i == 0:
                    first[sid] = outcome.success
                elif sid in first:
                    paired[i - 1][sid].add(first[sid], outcome.success)
            if progress is not None:
                progress(count)
    return tallies, paired
