"""Who the response depends on: each party's drop in success probability without it, and its Shapley value.

Both are estimated on one set of trials with common random numbers. "Without a party" switches its pledged
capabilities off; it still votes (voting power is what ``guarantor power`` measures). The Shapley value is over
the capability game v(S) = P(success | only parties in S deliver), by sampled permutations: each trial draws its
own random order of parties (stream ``shapley/<party>``), parties join in that order, and the party whose
arrival first makes the response sufficient is credited. The estimates are unbiased; they sum to
P(success) - P(success with no party).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from guarantor.simulation.compile import CompiledScenario, Design
from guarantor.simulation.kernel import evaluate
from guarantor.simulation.streams import Draws, normals

__all__ = ["binding_party", "criticality", "pledging_parties"]

Z95 = 1.959963984540054


def pledging_parties(design: Design) -> list[int]:
    return sorted(set(int(p) for p in design.pledge_party))


def criticality(design: Design, scenario: CompiledScenario, draws: Draws, seed: int) -> dict[str, dict[str, object]]:
    """Per pledging party: ``drop`` (with a 95% interval, paired on the same trials) and ``shapley``."""
    n, n_parties = draws.n, len(design.parties)
    parties = pledging_parties(design)
    if not parties or n == 0:
        return {}
    base = evaluate(design, scenario, draws).success
    out: dict[str, dict[str, object]] = {}
    for p in parties:
        allowed = np.ones((n_parties, n), dtype=bool)
        allowed[p] = False
        diff = base.astype(np.int8) - evaluate(design, scenario, draws, allowed=allowed).success
        mean = float(diff.mean()) if n else 0.0
        half = Z95 * float(diff.std()) / math.sqrt(max(n, 1))
        out[design.parties[p]] = {"drop": mean, "drop_ci95": [mean - half, mean + half]}
    shapley = _shapley(design, scenario, draws, seed, parties)
    for p in parties:
        out[design.parties[p]]["shapley"] = shapley[p]
    return out


def _shapley(
    design: Design, scenario: CompiledScenario, draws: Draws, seed: int, parties: list[int]
) -> dict[int, float]:
    n, n_parties = draws.n, len(design.parties)
    if not parties:
        return {}
    keys = np.stack([_stream(seed, f"shapley/{design.parties[p]}", n, design.params.block) for p in parties], 1)
    rank = np.argsort(np.argsort(keys, axis=1), axis=1)  # each trial's random order of the pledging parties
    pivot = np.full(n, -1)
    for k in range(len(parties) + 1):
        allowed = np.zeros((n_parties, n), dtype=bool)
        allowed[parties] = (rank < k).T
        success = evaluate(design, scenario, draws, allowed=allowed).success
        new = success & (pivot < 0)
        if k > 0:
            pivot[new] = np.asarray(parties)[np.argmax(rank == k - 1, axis=1)][new]
        else:
            pivot[new] = -2  # sufficient with no one: nobody is credited
    return {p: float((pivot == p).mean()) if n else 0.0 for p in parties}


def binding_party(design: Design, scenario: CompiledScenario, draws: Draws) -> dict[str, object] | None:
    """The party whose certain will would raise success most (the binding constraint among the parties), with
    the gain on the same trials; None when no party's certainty would change anything."""
    if draws.n == 0:
        return None
    base = float(evaluate(design, scenario, draws).success.mean())
    best: tuple[float, int] | None = None
    for p in pledging_parties(design):
        gain = float(evaluate(design, scenario, draws, certain=p).success.mean()) - base
        if gain > 0 and (best is None or gain > best[0]):
            best = (gain, p)
    if best is None:
        return None
    return {"party": design.parties[best[1]], "gain_if_certain": best[0]}


def _stream(seed: int, key: str, n: int, block: int) -> NDArray[np.float32]:
    parts = [normals(seed, b, key, block) for b in range(math.ceil(n / block))]
    out: NDArray[np.float32] = np.concatenate(parts)[:n] if parts else np.empty(0, dtype=np.float32)
    return out
