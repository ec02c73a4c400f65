"""EU Council (27 states, Lisbon rule): exact Banzhaf and Shapley-Shubik, guarantor vs ``powerindices``.

``powerindices`` takes one quota plus a least coalition size, so the closest rule it can express is
"65% of the population AND at least 15 states", without the blocking-minority clause (any 24 states win).
guarantor computes both that rule (same game, to compare values) and the full Lisbon rule.
Populations: Eurostat, 1 January 2017, in units of 10,000 people (total weight 44,571).

    python benchmarks/power_eu27.py            # needs: pip install powerindices  (extra: .[bench])
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from guarantor.games import SimpleGame, eu27_population, eu_council_lisbon, power_report, swing_counts

UNIT = 10_000


def best_of(repeats: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def indices(game: SimpleGame) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    counts = swing_counts(game)
    return counts.banzhaf(absolute=True), counts.shapley_shubik()


def main() -> int:
    pop = eu27_population()
    states = list(pop)
    weights = [round(pop[s] / UNIT) for s in states]
    quota = -(-65 * sum(weights) // 100)
    double = SimpleGame.multi_weighted([[1] * 27, weights], [15, quota], states)
    lisbon = eu_council_lisbon(pop, unit=UNIT)

    t_double, (penrose, _) = best_of(5, lambda: indices(double))
    t_lisbon, _ = best_of(5, lambda: indices(lisbon))
    t_report, report = best_of(3, lambda: power_report(lisbon))
    print(f"EU27, {sum(weights)} total weight, {2**27:,} coalitions")
    print(f"guarantor  double majority (no blocking clause), Banzhaf + Shapley-Shubik: {t_double * 1e3:8.1f} ms")
    print(f"guarantor  full Lisbon rule, Banzhaf + Shapley-Shubik:                    {t_lisbon * 1e3:8.1f} ms")
    print(f"guarantor  full Lisbon power_report (+ minimal winning/blocking counts):   {t_report * 1e3:8.1f} ms")
    print(f"           winning share {report.winning / 2**27:.4f} (13.2% in arXiv 2312.16878)")
    try:
        import powerindices
    except ImportError:
        print("powerindices is not installed: pip install powerindices (or pip install -e '.[bench]')")
        return 1
    start = time.perf_counter()
    pbi = powerindices.compute_pbi(quota, list(weights), 15)
    ssi = powerindices.compute_ssi(quota, list(weights), 15)
    t_peer = time.perf_counter() - start
    gap = max(abs(float(a) - float(b)) for a, b in zip(penrose, pbi, strict=True))
    print(f"powerindices 1.0.2, double majority, Banzhaf + Shapley-Shubik (floats):   {t_peer * 1e3:8.1f} ms")
    print(f"           largest Penrose difference vs guarantor: {gap:.2e}; sum of its SSI {sum(ssi):.12f}")
    ratios = f"same rule {t_peer / t_double:.0f}x, full Lisbon {t_peer / t_lisbon:.0f}x"
    print(f"ratio powerindices / guarantor: {ratios}")

    single = SimpleGame.weighted(weights, quota, states)
    t_single, _ = best_of(5, lambda: indices(single))
    start = time.perf_counter()
    powerindices.compute_pbi(quota, list(weights))
    powerindices.compute_ssi(quota, list(weights))
    t_peer_single = time.perf_counter() - start
    print(f"single quota (65% of population only): guarantor {t_single * 1e3:.1f} ms, ", end="")
    print(f"powerindices {t_peer_single * 1e3:.1f} ms, ratio {t_peer_single / t_single:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
