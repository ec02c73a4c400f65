"""EU Council (27 states): exact Banzhaf and Shapley-Shubik, guarantor against ``powerindices``, per index.

``powerindices`` takes one quota plus a least coalition size, so the closest rule it can express is "65% of
the population AND at least 15 states", without the blocking-minority clause (any 24 states win). Both sides
compute that same game; guarantor also computes the full Lisbon rule. Weights: the Council's population
shares for 2025 in hundredths of a percent (``guarantor.games.eu27_population_shares``; total 10,001).

The peer runs in two configurations: as published (NumPy and Python loops) and at its best, with the
``@jit`` its source ships commented out enabled (numba, compiled once before timing). Each repeat runs every
contender once, in turn (interleaved, so drift in the machine's speed hits all alike); medians are reported.

    pip install -e '.[bench]'            # powerindices, numba
    python benchmarks/power_eu27.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import types
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from guarantor.games import SimpleGame, banzhaf, eu27_population_shares, eu_council_lisbon, shapley_shubik
from guarantor.games.examples import EU27_FIGURES_YEAR, POPULATION_QUOTA

STATES_QUOTA = 15
HELPERS = (
    "number_coalitions_weighting_x",
    "number_coalitions_weighting_x_including_i",
    "number_coalitions_weighting_x_having_size_s",
    "number_coalitions_weighting_x_having_size_s_including_i",
)


def jitted_peer(module: types.ModuleType) -> types.ModuleType:
    """A copy of ``powerindices`` whose four counting helpers carry the ``@jit`` its source comments out."""
    import numba

    copy = types.ModuleType("powerindices_jit")
    copy.__dict__.update(module.__dict__)
    for name in HELPERS:
        func = getattr(module, name)
        rebound = types.FunctionType(func.__code__, copy.__dict__, name, func.__defaults__, func.__closure__)
        copy.__dict__[name] = numba.jit(nopython=True)(rebound)
    for name in ("compute_pbi", "compute_ssi"):
        func = getattr(module, name)
        copy.__dict__[name] = types.FunctionType(func.__code__, copy.__dict__, name, func.__defaults__)
    return copy


def contenders(weights: list[int], states: list[str]) -> dict[str, dict[str, Callable[[], Any]]]:
    import powerindices

    fast = jitted_peer(powerindices)
    same = SimpleGame.multi_weighted([[1] * 27, weights], [STATES_QUOTA, POPULATION_QUOTA], states)
    lisbon = eu_council_lisbon()
    frozen = tuple(weights)  # numba types a tuple of ints; the peer rewrites weights only above Wsum - quota
    return {
        "banzhaf": {
            "guarantor": lambda: banzhaf(same, absolute=True),
            "guarantor full Lisbon": lambda: banzhaf(lisbon, absolute=True),
            "powerindices (published)": lambda: powerindices.compute_pbi(POPULATION_QUOTA, list(weights), 15),
            "powerindices + numba jit": lambda: fast.compute_pbi(POPULATION_QUOTA, frozen, 15),
        },
        "shapley_shubik": {
            "guarantor": lambda: shapley_shubik(same),
            "guarantor full Lisbon": lambda: shapley_shubik(lisbon),
            "powerindices (published)": lambda: powerindices.compute_ssi(POPULATION_QUOTA, list(weights), 15),
            "powerindices + numba jit": lambda: fast.compute_ssi(POPULATION_QUOTA, frozen, 15),
        },
    }


def interleaved(runs: dict[str, Callable[[], Any]], repeats: int) -> tuple[dict[str, float], dict[str, Any]]:
    """Median seconds of each contender over ``repeats`` rounds, each round running all once in turn."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, Any] = {name: run() for name, run in runs.items()}  # warm-up: numba compiles here
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}, results


def largest_gap(reference: Any, other: Any) -> float:
    return max(abs(float(a) - float(b)) for a, b in zip(reference, other, strict=True))


def report(index: str, medians: dict[str, float], results: dict[str, Any]) -> None:
    ours = medians["guarantor"]
    print(f"\n{index} (median of the interleaved repeats)")
    for name, seconds in medians.items():
        ratio = "" if name.startswith("guarantor") else f"   {seconds / ours:9.1f}x guarantor's time"
        print(f"  {name:<26} {seconds * 1e3:10.2f} ms{ratio}")
    for name in ("powerindices (published)", "powerindices + numba jit"):
        print(f"  largest difference, {name} vs guarantor: {largest_gap(results['guarantor'], results[name]):.2e}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    try:
        import numba  # noqa: F401
        import powerindices  # noqa: F401
    except ImportError as exc:
        print(f"{exc.name} is not installed: pip install -e '.[bench]'")
        return 1
    shares = eu27_population_shares()
    states, weights = list(shares), list(shares.values())
    print(f"EU27, Council population shares for {EU27_FIGURES_YEAR}: total weight {sum(weights)}, quota")
    print(f"{POPULATION_QUOTA} and {STATES_QUOTA} states; {2**27:,} coalitions; {args.repeats} interleaved repeats")
    machine = platform.processor() or platform.machine()
    print(f"{machine}, Python {platform.python_version()}, {datetime.now(UTC):%Y-%m-%d}")
    for index, runs in contenders(weights, states).items():
        medians, results = interleaved(runs, args.repeats)
        report(index, medians, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
