"""Designs side by side on the same scenarios and random streams, with each design's difference from the first
and the interval of that difference from paired trials (common random numbers)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from guarantor.simulation.result import SimulationResult
from guarantor.simulation.runner import Paired
from guarantor.simulation.stats import Z95

__all__ = ["Comparison"]


@dataclass
class Comparison:
    """``results[0]`` is the base; ``paired[i]`` holds ``results[i + 1]``'s paired counts against it."""

    results: list[SimulationResult]
    paired: list[dict[str, Paired]]

    @property
    def base(self) -> SimulationResult:
        return self.results[0]

    def differences(self) -> list[dict[str, object]]:
        """Per other design: the difference in P(success) from the base, per scenario and over the mix."""
        out: list[dict[str, object]] = []
        weights = self.base.weights
        for result, pairs in zip(self.results[1:], self.paired, strict=True):
            est = sum(weights[s] * pairs[s].estimate for s in weights)
            var = sum(weights[s] ** 2 * pairs[s].variance for s in weights)
            half = Z95 * math.sqrt(var)
            out.append(
                {
                    "design": result.design.spec_id,
                    "versus": self.base.design.spec_id,
                    "scenarios": {s: p.to_dict() for s, p in pairs.items()},
                    "overall": {"estimate": est, "ci95": [est - half, est + half]},
                }
            )
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "base": self.base.design.spec_id,
            "designs": [r.to_dict() for r in self.results],
            "differences": self.differences(),
        }
