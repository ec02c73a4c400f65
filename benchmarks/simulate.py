"""Simulation benchmark: a 30-party guarantee three ways in one run, interleaved repeats, medians.

1. guarantor's vectorised kernel (success only, and with stages, shares and times);
2. a plain per-trial Python implementation of the same model;
3. the floor: drawing exactly the numbers the kernel needs, the way it draws them (keyed streams per block,
   float32, written in place, one chunk at a time, nothing kept).

Then the time to reach +-0.001 (95%) on a success probability, plain, antithetic, and for a difference of two
designs with and without common random numbers; and the exact DP where it applies (rho = 0).
Run: .venv/bin/python benchmarks/simulate.py [--trials N]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from dataclasses import replace
from statistics import NormalDist

import numpy as np

from guarantor.simulation import SimParams, compile_design, exact_success
from guarantor.simulation.runner import keys_of, run_tallies
from guarantor.simulation.streams import COMMON_KEYS, draw
from guarantor.spec import Spec, spec_from_data

N_PARTIES = 30


def thirty_party_spec(shift: float = 0.0) -> Spec:
    parties = [{"id": "UKR"}] + [{"id": f"P{i:02d}"} for i in range(N_PARTIES)]
    pledges = [
        {
            "party": f"P{i:02d}",
            "capability": "brigade",
            "amount": 1,
            "reliability": round(min(0.4 + 0.4 * (i % 7) / 6 + shift, 1.0), 4),
            "readiness": {"median": f"P{3 + i % 10}D", "p90": f"P{9 + 2 * (i % 10)}D"},
        }
        for i in range(N_PARTIES)
    ]
    return spec_from_data(
        {
            "id": "bench-30",
            "title": "30 guarantors",
            "parties": parties,
            "protects": ["UKR"],
            "bodies": {"each": {"members": [p["id"] for p in parties[1:]], "rule": "unilateral"}},
            "clauses": {
                "defend": {
                    "kind": "collective-defence",
                    "trigger": {"types": ["armed-attack"], "attribution": {"required": True}},
                    "decision": {"body": "each"},
                    "obligation": {"strength": "assist"},
                }
            },
            "pledges": pledges,
            "scenarios": {
                "land-grab": {
                    "requires": {"brigade": 10},
                    "fait_accompli": "P20D",
                    "detection": {"median": "PT12H", "p90": "P2D"},
                    "attribution": {"median": "P1D", "p90": "P3D"},
                    "p_attributed": 0.9,
                }
            },
        }
    )


def per_trial_python(spec: Spec, trials: int, seed: int, rho: float) -> float:
    """The same model, one trial at a time, with the standard library's random: detection and attribution, no
    body delay (a unilateral body does not gate), each party's executive decision (6 hours), its latent will
    with correlation ``rho`` (the calibrated latent one), log-normal readiness."""
    rng = random.Random(seed)
    nd = NormalDist()
    sc = spec.scenarios["land-grab"]
    z90 = nd.inv_cdf(0.9)

    def ln(median: float, p90: float) -> float:
        return median * math.exp(math.log(p90 / median) / z90 * rng.gauss(0, 1))

    thr = [nd.inv_cdf(p.reliability) for p in spec.pledges]
    ready = [(p.readiness.median.approx_days, p.readiness.p90.approx_days) for p in spec.pledges]  # type: ignore[union-attr]
    hits = 0
    for _ in range(trials):
        t = ln(0.5, 2.0) + ln(1.0, 3.0)
        attributed = rng.gauss(0, 1) < nd.inv_cdf(sc.p_attributed)
        t += SimParams().executive_decision
        common = rng.gauss(0, 1)
        total = 0.0
        for k in range(len(thr)):
            z = math.sqrt(rho) * common + math.sqrt(1 - rho) * rng.gauss(0, 1)
            arrive = t + ln(*ready[k])
            if z < thr[k] and arrive <= 20.0:
                total += 1
        hits += attributed and total >= 10
    return hits / trials


def timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - start


def floor(design, seed: int, n: int) -> None:  # type: ignore[no-untyped-def]
    """Draw exactly the numbers the kernel needs, the way it needs them (keyed streams, float32, written in place,
    one chunk at a time), and throw them away: the floor a kernel that draws its own numbers cannot beat."""
    block = design.params.block
    n_blocks = math.ceil(n / block)
    per_chunk = max(1, math.ceil(design.params.chunk / block))
    for start in range(0, n_blocks, per_chunk):
        blocks = range(start, min(start + per_chunk, n_blocks))
        draw(seed, keys_of(design), blocks, block)


def interleaved(fns: dict[str, object], repeats: int) -> dict[str, float]:
    """Median seconds of each function, the functions run in turn in every repeat (so drift hits all alike)."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            _, t = timed(fn)  # type: ignore[arg-type]
            times[name].append(t)
    return {name: statistics.median(ts) for name, ts in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=1 << 20)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    n = args.trials
    spec = thirty_party_spec()
    params = SimParams(chunk=1 << 17)
    design = compile_design(spec, spec.scenarios, params)
    draws_per_trial = len(COMMON_KEYS) + sum(len(k) for k in keys_of(design))
    medians = interleaved(
        {
            "floor": lambda: floor(design, 1, n),
            "kernel": lambda: run_tallies(design, 1, n, detail=False),
            "detail": lambda: run_tallies(design, 1, n // 4, detail=True),
        },
        args.repeats,
    )
    tallies = run_tallies(design, 1, n, detail=False)
    p = tallies["land-grab"].success / n
    py_n = 20_000
    py_p, py_t = timed(per_trial_python, spec, py_n, 1, design.latent_rho)

    print(f"30 parties, 1 scenario, {n:,} trials, {args.repeats} interleaved repeats (medians)")
    print(f"  floor ({draws_per_trial} keyed float32 normals/trial):  {n / medians['floor'] / 1e6:6.2f} M trials/s")
    print(
        f"  guarantor kernel (success):          {n / medians['kernel'] / 1e6:6.2f} M trials/s  "
        f"({medians['kernel'] / medians['floor']:.2f}x the floor's time)  p = {p:.4f}"
    )
    print(f"  guarantor kernel (stages, shares, times): {n / 4 / medians['detail'] / 1e6:6.2f} M trials/s")
    print(f"  per-trial Python:                    {py_n / py_t / 1e6:6.3f} M trials/s  p = {py_p:.4f}")
    variance_reduction(spec, design, params, p, n / medians["kernel"])


def variance_reduction(spec: Spec, design, params: SimParams, p: float, rate: float) -> None:  # type: ignore[no-untyped-def]
    """Time to reach +-0.001 (95%) on a success probability: plain, antithetic, and for a difference of two
    designs with and without common random numbers; and the exact DP where it applies (rho = 0)."""
    reps, m = 40, 20_000
    plain = [run_tallies(design, s, m, detail=False)["land-grab"].success / m for s in range(reps)]
    anti_design = replace(design, params=replace(params, antithetic=True))
    anti = [run_tallies(anti_design, s, m, detail=False)["land-grab"].success / m for s in range(reps)]
    other = compile_design(thirty_party_spec(0.05), spec.scenarios, params)
    crn = [
        run_tallies(other, s, m, detail=False)["land-grab"].success / m
        - run_tallies(design, s, m, detail=False)["land-grab"].success / m
        for s in range(reps)
    ]
    indep = [
        run_tallies(other, s + 1000, m, detail=False)["land-grab"].success / m
        - run_tallies(design, s, m, detail=False)["land-grab"].success / m
        for s in range(reps)
    ]
    need = p * (1 - p) * (1.96 / 0.001) ** 2
    vr_anti = np.var(plain) / np.var(anti)
    vr_crn = np.var(indep) / np.var(crn)
    print(
        f"  +-0.001 on p = {p:.3f}: {need:,.0f} trials, {need / rate:.2f} s plain; "
        f"antithetic variance ratio {vr_anti:.2f} -> {need / vr_anti / rate:.2f} s"
    )
    print(
        f"  difference of two designs (+0.05 reliability): CRN variance ratio {vr_crn:.1f} "
        f"(mean diff {np.mean(crn):.4f}) -> {2 * need / vr_crn / rate:.2f} s instead of {2 * need / rate:.2f} s"
    )
    exact_design = compile_design(spec, spec.scenarios, replace(params, rho=0.0, decision_p90=2.0))
    sc = exact_design.scenarios["land-grab"]
    sc = replace(sc, detection=replace(sc.detection, sigma=0.0), attribution=replace(sc.attribution, sigma=0.0))
    value, t_exact = timed(exact_success, exact_design, sc)
    print(f"  exact DP (rho = 0, fixed common delays): p = {value:.6f} in {t_exact * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
