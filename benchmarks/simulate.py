"""Simulation benchmark: a 30-party guarantee three ways in one run.

1. guarantor's vectorised kernel (success only, and with the time to a sufficient response);
2. a plain per-trial Python implementation of the same model;
3. the floor: drawing the same standard normals alone (65 per trial) with one NumPy generator.

Then the time to reach +-0.001 (95%) on a success probability, plain, antithetic, and for a difference of two
designs with and without common random numbers; and the exact DP where it applies (rho = 0).
Run: .venv/bin/python benchmarks/simulate.py [--trials N]
"""

from __future__ import annotations

import argparse
import math
import random
import time
from dataclasses import replace
from statistics import NormalDist

import numpy as np

from guarantor.simulation import SimParams, compile_design, exact_success
from guarantor.simulation.runner import draws_for, run_tallies
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
    """The same model, one trial at a time, with the standard library's random."""
    rng = random.Random(seed)
    nd = NormalDist()
    sc = spec.scenarios["land-grab"]
    z90 = nd.inv_cdf(0.9)

    def ln(median: float, p90: float) -> float:
        return median * math.exp(math.log(p90 / median) / z90 * rng.gauss(0, 1))

    thr = [nd.inv_cdf(p.reliability) for p in spec.pledges]
    ready = [(p.readiness.median.approx_days, p.readiness.p90.approx_days) for p in spec.pledges]  # type: ignore[union-attr]
    dm, dp = 2.0, 14.0
    hits = 0
    for _ in range(trials):
        t = ln(0.5, 2.0) + ln(1.0, 3.0)
        attributed = rng.gauss(0, 1) < nd.inv_cdf(sc.p_attributed)
        t += ln(dm, dp)
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=2_000_000)
    args = ap.parse_args()
    n = args.trials
    spec = thirty_party_spec()
    params = SimParams(chunk=1 << 17)
    design = compile_design(spec, spec.scenarios, params)
    per_trial = 5 + 2 * N_PARTIES

    gen = np.random.default_rng(0)
    _, floor = timed(lambda: [gen.standard_normal((1 << 17, per_trial)) for _ in range(n >> 17)])
    floor_rate = ((n >> 17) << 17) / floor
    tallies, kernel = timed(run_tallies, design, 1, n, times=False)
    _, kernel_t = timed(run_tallies, design, 1, n // 4, times=True)
    _, draw_only = timed(draws_for, design, 1, 1 << 17)
    py_n = 20_000
    py_p, py_t = timed(per_trial_python, spec, py_n, 1, 0.7)
    p = tallies["land-grab"].success / n

    print(f"30 parties, 1 scenario, {n:,} trials")
    print(f"  floor (65 normals/trial, one generator): {floor_rate / 1e6:6.2f} M trials/s")
    print(f"  keyed-stream draws alone:                {(1 << 17) / draw_only / 1e6:6.2f} M trials/s")
    print(
        f"  guarantor kernel (success):              {n / kernel / 1e6:6.2f} M trials/s  "
        f"({kernel / n * floor_rate:.2f}x the floor)  p = {p:.4f}"
    )
    print(f"  guarantor kernel (+ time quantiles):     {n / 4 / kernel_t / 1e6:6.2f} M trials/s")
    print(f"  per-trial Python:                        {py_n / py_t / 1e6:6.3f} M trials/s  p = {py_p:.4f}")

    # Precision +-0.001 at 95%: n = p(1-p)(1.96/0.001)^2, divided by the variance-reduction factor.
    reps, m = 40, 20_000
    plain = [run_tallies(design, s, m, times=False)["land-grab"].success / m for s in range(reps)]
    anti_design = replace(design, params=replace(params, antithetic=True))
    anti = [run_tallies(anti_design, s, m, times=False)["land-grab"].success / m for s in range(reps)]
    other = compile_design(thirty_party_spec(0.05), spec.scenarios, params)
    crn = [
        run_tallies(other, s, m, times=False)["land-grab"].success / m
        - run_tallies(design, s, m, times=False)["land-grab"].success / m
        for s in range(reps)
    ]
    indep = [
        run_tallies(other, s + 1000, m, times=False)["land-grab"].success / m
        - run_tallies(design, s, m, times=False)["land-grab"].success / m
        for s in range(reps)
    ]
    rate = n / kernel
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
