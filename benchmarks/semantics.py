"""The cost of one compiled meaning: the simulation kernel and trigger replay, timed for a before/after ratio.

Two code trees cannot share one process (both are ``guarantor``), so this script times one tree and prints
JSON; ``--compare BEFORE_SRC`` runs it alternately on ``BEFORE_SRC`` and on this tree, ``--repeats`` times
each (interleaved), and prints the median ratio (after / before) per measure.

Measures: the vectorised kernel (``run_tallies``, success only) on the 30-guarantor design of
``benchmarks/simulate.py`` (each party decides) and on the same design decided by a 30-member body (a count
rule, so every trial goes through the compiled decider's ``decides_many``); the batch and streaming trigger
evaluators on the bundled ``ukraine-coalition-2025`` triggers; and the full fold over incident events.

Run: .venv/bin/python benchmarks/semantics.py --compare /path/to/before/src [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _best(work: Callable[[], object], repeat: int = 3) -> float:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        out.append(time.perf_counter() - start)
    return min(out)


def _voted(spec: Any) -> Any:
    from guarantor.spec import spec_from_data

    data = spec.model_dump(by_alias=True, exclude_none=True, mode="json")
    data["bodies"]["each"]["rule"] = {"kind": "count", "fraction": "2/3"}
    data["clauses"]["defend"]["obligations"][0]["individual"] = False  # the body's vote gates a collective response
    return spec_from_data(data)


def measure(trials: int, incidents: int, folded: int) -> dict[str, float]:
    """Seconds per measure on the ``guarantor`` this interpreter imports (with the benchmark helpers of its tree)."""
    import guarantor

    sys.path.insert(0, str(Path(guarantor.__file__).resolve().parents[2] / "benchmarks"))
    import replay  # benchmarks/replay.py of the tree measured
    import simulate  # benchmarks/simulate.py of the tree measured

    from guarantor.runtime import compile_trigger, evaluate_batch
    from guarantor.simulation import SimParams, compile_design
    from guarantor.simulation.runner import run_tallies
    from guarantor.spec import load_library_spec

    out: dict[str, float] = {}
    for name, spec in (("kernel-each-decides", simulate.thirty_party_spec()), ("kernel-body-votes", None)):
        spec = spec or _voted(simulate.thirty_party_spec())
        design = compile_design(spec, spec.scenarios, SimParams(rho=0.5))
        out[name] = _best(lambda d=design: run_tallies(d, 1, trials, detail=False))
    coalition = load_library_spec("ukraine-coalition-2025")
    rules = [compile_trigger(coalition, c, date(2026, 6, 1)) for c, cl in coalition.clauses.items() if cl.trigger]
    table = replay.synthetic(incidents, 2026)
    out["batch-triggers"] = _best(lambda: [evaluate_batch(r, table) for r in rules])
    out["stream-trigger"] = _best(lambda: replay.stream_rate(rules[0], table, min(incidents, 200_000)), 1)
    out["fold"] = _best(lambda: replay.fold_rate(coalition, table, folded), 1)
    return out


def compare(before: Path, repeats: int, args: list[str]) -> None:
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for _ in range(repeats):
        for label, src in (("before", before), ("after", HERE.parent / "src")):
            env = {**os.environ, "PYTHONPATH": str(src)}
            cmd = [sys.executable, str(Path(__file__)), "--json", *args]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
            runs[label].append(json.loads(done.stdout))
    print(f"{'measure':<22}{'before s':>10}{'after s':>10}{'after/before':>14}")
    for key in runs["after"][0]:
        b = statistics.median(r[key] for r in runs["before"])
        a = statistics.median(r[key] for r in runs["after"])
        print(f"{key:<22}{b:>10.3f}{a:>10.3f}{a / b:>14.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=200_000)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--fold", type=int, default=3_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="the src folder of the tree to compare with")
    parser.add_argument("--json", action="store_true", help="time this tree once and print JSON")
    args = parser.parse_args()
    sizes = ["--trials", str(args.trials), "--incidents", str(args.incidents), "--fold", str(args.fold)]
    if args.compare is not None:
        compare(args.compare, args.repeats, sizes)
        return
    result = measure(args.trials, args.incidents, args.fold)
    print(json.dumps(result) if args.json else "\n".join(f"{k:<22}{v:>8.3f} s" for k, v in result.items()))


if __name__ == "__main__":
    main()
