"""Tallies that add up exactly across chunks, Wilson intervals, and quantiles from an hourly histogram."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from guarantor.simulation.kernel import Outcome

__all__ = ["BINS_PER_DAY", "HORIZON_DAYS", "Tally", "wilson"]

BINS_PER_DAY = 24  # time to a sufficient response is kept to the hour...
HORIZON_DAYS = 730  # ...up to two years; later times are counted in one overflow bin
_N_BINS = BINS_PER_DAY * HORIZON_DAYS + 1
Z95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a binomial proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class Tally:
    """Integer counts for one scenario: exact under any chunking, mergeable across workers."""

    n: int = 0
    triggered: int = 0
    decided: int = 0
    success: int = 0
    hist: NDArray[np.int64] = field(default_factory=lambda: np.zeros(_N_BINS, dtype=np.int64))

    def add(self, outcome: Outcome) -> None:
        self.n += int(outcome.success.shape[0])
        self.triggered += int(outcome.triggered.sum())
        self.decided += int(outcome.decided.sum())
        self.success += int(outcome.success.sum())
        if outcome.t_success is not None:
            t = outcome.t_success[np.isfinite(outcome.t_success)]
            idx = np.minimum(np.floor(t * BINS_PER_DAY), _N_BINS - 1).astype(np.int64)
            self.hist += np.bincount(idx, minlength=_N_BINS)

    def merge(self, other: Tally) -> None:
        self.n += other.n
        self.triggered += other.triggered
        self.decided += other.decided
        self.success += other.success
        self.hist += other.hist

    def quantiles(self, qs: tuple[float, ...] = (0.1, 0.5, 0.9)) -> dict[str, float | None]:
        """Time (days, to the hour) by which a sufficient response has arrived with probability q; None when
        the response is sufficient less often than q (the distribution is defective: some trials never)."""
        cum = np.cumsum(self.hist)
        out: dict[str, float | None] = {}
        for q in qs:
            need = math.ceil(q * self.n)
            idx = int(np.searchsorted(cum, need)) if self.n else _N_BINS
            out[f"p{round(q * 100)}"] = None if idx >= _N_BINS - 1 or need == 0 else (idx + 1) / BINS_PER_DAY
        return out

    def cdf(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(days, P(sufficient response by then)) on the hourly grid."""
        days = np.arange(1, _N_BINS + 1) / BINS_PER_DAY
        return days, np.cumsum(self.hist) / max(self.n, 1)

    def rate(self, count: int) -> dict[str, object]:
        lo, hi = wilson(count, self.n)
        return {"estimate": count / self.n if self.n else None, "ci95": [lo, hi]}
