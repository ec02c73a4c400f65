"""A weighted body of 200 members, total weight 100,000: exact Banzhaf and Shapley-Shubik, time and memory.

Counts reach 2**200, so the (size, weight) table runs modulo 2**64 and three primes and is joined by CRT.
Weights: 1 + a multinomial draw (seed 2026), quota a simple majority of the weight.

    python benchmarks/power_large.py [--players 200] [--total 100000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np

from guarantor.games import SimpleGame, swing_counts


def body(players: int, total: int, rng: np.random.Generator) -> SimpleGame:
    extra = rng.multinomial(total - players, np.full(players, 1 / players))
    weights = [1 + int(x) for x in extra]
    return SimpleGame.weighted(weights, total // 2 + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=200)
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    game = body(args.players, args.total, np.random.default_rng(args.seed))

    start = time.perf_counter()
    counts = swing_counts(game)
    banzhaf, ss = counts.banzhaf(), counts.shapley_shubik()
    elapsed = time.perf_counter() - start

    tracemalloc.start()
    swing_counts(game)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    heaviest = max(range(game.n), key=lambda i: game.root.weights[i])  # type: ignore[union-attr]
    print(f"{game.n} players, total weight {args.total}, quota {args.total // 2 + 1}, method {counts.method}")
    print(f"exact Banzhaf + Shapley-Shubik: {elapsed:.2f} s")
    print(f"peak traced memory {peak / 2**20:.0f} MiB, max RSS {rss:.0f} MiB")
    print(f"sums: Banzhaf {sum(banzhaf)}, Shapley-Shubik {sum(ss)}")
    print(f"winning coalitions: {counts.winning} ({len(str(counts.winning))} digits)")
    print(f"heaviest player {game.players[heaviest]}: Shapley-Shubik {float(ss[heaviest]):.6f}")


if __name__ == "__main__":
    main()
