"""Tallies that add up exactly across chunks, Wilson intervals, and quantiles from an hourly histogram."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from guarantor.simulation.kernel import HOLD_DAYS, SHARES, STAGES, Outcome

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
    """Integer counts for one scenario: exact under any chunking, mergeable across workers. ``stages`` counts
    trials by the first stage that failed (index 0: success); ``short`` counts, per required capability, the
    failed trials in which that capability fell short; ``share_sum`` sums the share met at the fait-accompli
    time; ``hist`` holds, per SHARES, the hourly histogram of the time to reach that share."""

    n: int = 0
    triggered: int = 0
    decided: int = 0
    success: int = 0
    stages: NDArray[np.int64] = field(default_factory=lambda: np.zeros(len(STAGES) + 1, dtype=np.int64))
    short: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    share_sum: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    holds: NDArray[np.int64] = field(default_factory=lambda: np.zeros(len(HOLD_DAYS), dtype=np.int64))
    hist: NDArray[np.int64] = field(default_factory=lambda: np.zeros((len(SHARES), _N_BINS), dtype=np.int64))

    def add(self, outcome: Outcome) -> None:
        self.n += int(outcome.success.shape[0])
        self.triggered += int(outcome.triggered.sum())
        self.decided += int(outcome.decided.sum())
        self.success += int(outcome.success.sum())
        if outcome.stage is not None:
            self.stages += np.bincount(outcome.stage, minlength=len(STAGES) + 1)
        if outcome.short is not None and outcome.share is not None:
            failed = ~outcome.success
            short = (outcome.short & failed[None, :]).sum(axis=1)
            self.short = short if self.short.size == 0 else self.short + short
            share = outcome.share.sum(axis=1)
            self.share_sum = share if self.share_sum.size == 0 else self.share_sum + share
        if outcome.holds is not None:
            self.holds += outcome.holds.sum(axis=1)
        if outcome.t_share is not None:
            for i, t in enumerate(outcome.t_share):
                t = t[np.isfinite(t)]
                idx = np.minimum(np.floor(t * BINS_PER_DAY), _N_BINS - 1).astype(np.int64)
                self.hist[i] += np.bincount(idx, minlength=_N_BINS)

    def merge(self, other: Tally) -> None:
        self.n += other.n
        self.triggered += other.triggered
        self.decided += other.decided
        self.success += other.success
        self.stages += other.stages
        self.short = other.short.copy() if self.short.size == 0 else self.short + other.short
        self.share_sum = other.share_sum.copy() if self.share_sum.size == 0 else self.share_sum + other.share_sum
        self.holds += other.holds
        self.hist += other.hist

    def quantiles(self, qs: tuple[float, ...] = (0.1, 0.5, 0.9), share: int = -1) -> dict[str, float | None]:
        """Time (days, to the hour) by which the response reaches ``SHARES[share]`` of every requirement with
        probability q; None when it does so less often than q (some trials never do)."""
        cum = np.cumsum(self.hist[share])
        out: dict[str, float | None] = {}
        for q in qs:
            need = math.ceil(q * self.n)
            idx = int(np.searchsorted(cum, need)) if self.n else _N_BINS
            out[f"p{round(q * 100)}"] = None if idx >= _N_BINS - 1 or need == 0 else (idx + 1) / BINS_PER_DAY
        return out

    def by_time(self, days: float, share: int = -1) -> int:
        """Trials that reached ``SHARES[share]`` of every requirement within ``days``."""
        return int(self.hist[share][: math.floor(days * BINS_PER_DAY) + 1].sum())

    def median_if_reached(self, share: int = -1) -> float | None:
        """Median time (days) to reach ``SHARES[share]`` among the trials that reach it; None if none do."""
        cum = np.cumsum(self.hist[share][:-1])
        if cum.size == 0 or cum[-1] == 0:
            return None
        return (int(np.searchsorted(cum, math.ceil(cum[-1] / 2))) + 1) / BINS_PER_DAY

    def cdf(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(days, P(sufficient response by then)) on the hourly grid."""
        days = np.arange(1, _N_BINS + 1) / BINS_PER_DAY
        return days, np.cumsum(self.hist[-1]) / max(self.n, 1)

    def rate(self, count: int) -> dict[str, object]:
        lo, hi = wilson(count, self.n)
        return {"estimate": count / self.n if self.n else None, "ci95": [lo, hi]}
