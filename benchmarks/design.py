"""Design-search benchmark: the quality of the front reached within a fixed budget of simulated designs, for
guarantor's search (Optuna's TPE seeded by a CP-SAT allocation) against random search and grid search (the
finest even grid that fits the budget, the grid at its best) on the same budget, the same design space (the
2025 design, examples/designs/ukraine-coalition-2025.design.yaml) and the same trials per design.

Quality is the hypervolume of the front (cost against probability) in one box for all methods: cost 0 to the
space's cost limit, probability 0 to 1. Seeds are interleaved across methods (seed 1: every method, then seed
2, ...) and the medians are compared. Prints each run, the medians and the ratios.
Run: .venv/bin/python benchmarks/design.py [--budget 40] [--seeds 3] [--trials 1000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from guarantor.design import design, load_space
from guarantor.spec.library import load_library_spec

SPACE = Path(__file__).parents[1] / "examples/designs/ukraine-coalition-2025.design.yaml"
METHODS = ("optuna", "random", "grid")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget", type=int, default=40)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--trials", type=int, default=1000)
    args = ap.parse_args()
    spec = load_library_spec("ukraine-coalition-2025")
    space = load_space(SPACE)
    box = next(lim.cost for lim in space.limits.values() if lim.cost is not None)
    assert box is not None
    hv: dict[str, list[float]] = {m: [] for m in METHODS}
    best: dict[str, list[float]] = {m: [] for m in METHODS}
    print(f"space {SPACE.name}: {space.size()} designs; budget {args.budget}; {args.trials} trials per design")
    for seed in range(1, args.seeds + 1):
        for method in METHODS:
            started = time.perf_counter()
            result = design(
                spec, space, budget=args.budget, seed=seed, trials=args.trials, method=method, relax_budget=0
            )
            took = time.perf_counter() - started
            top = max((e.p for e in result.evaluations if e.feasible), default=0.0)
            hv[method].append(result.hypervolume(box))
            best[method].append(top)
            print(
                f"seed {seed} {method:>6}: {len(result.evaluations):3d} simulated, hypervolume "
                f"{hv[method][-1]:.4f}, best p {top:.3f}, {took:.1f} s"
            )
    med = {m: statistics.median(hv[m]) for m in METHODS}
    print("\nmedian hypervolume: " + ", ".join(f"{m} {med[m]:.4f}" for m in METHODS))
    print("median best p:      " + ", ".join(f"{m} {statistics.median(best[m]):.3f}" for m in METHODS))
    for peer in ("random", "grid"):
        ratio = med["optuna"] / med[peer] if med[peer] > 0 else float("inf")
        print(f"hypervolume ratio guarantor/{peer}: {ratio:.2f}")


if __name__ == "__main__":
    main()
