"""Run a compiled design over many trials in chunks of whole random blocks, tallying exact integer counts."""

from __future__ import annotations

import math
from collections.abc import Callable

from guarantor.simulation.compile import Design
from guarantor.simulation.kernel import evaluate
from guarantor.simulation.stats import Tally
from guarantor.simulation.streams import Draws, draw

__all__ = ["draws_for", "run_tallies"]

Progress = Callable[[int], None]


def draws_for(design: Design, seed: int, trials: int, first_block: int = 0) -> Draws:
    """The draws of the first ``trials`` trials from block ``first_block`` on (criticality, sensitivity)."""
    block = design.params.block
    blocks = range(first_block, first_block + math.ceil(trials / block))
    out = draw(seed, design.parties, design.pledge_keys, blocks, block, antithetic=design.params.antithetic)
    return out.take(trials)


def run_tallies(
    design: Design, seed: int, trials: int, *, times: bool = True, progress: Progress | None = None
) -> dict[str, Tally]:
    """Every scenario on the same ``trials`` trials. Memory is bounded by ``params.chunk``; the result is not
    changed by it, because the random streams are defined per block and the tallies are integer sums."""
    block = design.params.block
    n_blocks = math.ceil(trials / block)
    per_chunk = max(1, math.ceil(design.params.chunk / block))
    tallies = {sid: Tally() for sid in design.scenarios}
    for start in range(0, n_blocks, per_chunk):
        blocks = range(start, min(start + per_chunk, n_blocks))
        count = min(trials - start * block, len(blocks) * block)
        draws = draw(seed, design.parties, design.pledge_keys, blocks, block, antithetic=design.params.antithetic)
        draws = draws.take(count)
        for sid, scenario in design.scenarios.items():
            tallies[sid].add(evaluate(design, scenario, draws, times=times))
        if progress is not None:
            progress(count)
    return tallies
