"""Trigger evaluation: guarantor's batch and streaming evaluators against a plain NumPy version of the same rules.

Data: N synthetic incidents (default 5 million) over one year in 200 regions, time-ordered, seeded. Rules:
the four triggers of the bundled ``ukraine-coalition-2025`` (armed attack or breach, by RUS, against UKR, on
territory Ukraine administers: a selective filter), plus a dense count built on them (at least 3 such
incidents in one region within 7 days). The baseline is hand-written NumPy for exactly these rules (integer
comparisons, one sort and one ``searchsorted`` for the window); guarantor compiles them from the spec.

Usage: ``python benchmarks/replay.py [--incidents N] [--stream M] [--seed S]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from guarantor.runtime import (
    CeasefireDeclared,
    IncidentReported,
    IncidentTable,
    TriggerStream,
    compile_trigger,
    evaluate_batch,
    fold,
)
from guarantor.semantics import ATTACK_KINDS as KINDS
from guarantor.semantics import CompiledTrigger
from guarantor.spec import load_library_spec

YEAR = 365 * 86400
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
WEEK = 7 * 86400


def synthetic(n: int, seed: int) -> IncidentTable:
    """N incidents in 200 regions over a year: 70% in Ukraine, 60% by RUS, mostly armed attacks."""
    rng = np.random.default_rng(seed)
    countries = ["UKR", "RUS", "POL", "BLR", "MDA"]
    actors = ["RUS", "UKR", "militia", "unknown"]
    etypes = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments"]
    regions = [f"r{i:03d}" for i in range(200)]
    names = ("", *countries, *actors, *etypes, *regions)
    code = {name: i for i, name in enumerate(names)}

    def pick(values: list[str], p: list[float]) -> Any:
        return np.asarray([code[v] for v in values], dtype=np.int64)[rng.choice(len(values), size=n, p=p)]

    return IncidentTable(
        time=np.sort(rng.integers(T0, T0 + YEAR, size=n, dtype=np.int64)),
        kind=rng.choice(len(KINDS), size=n, p=[0.001, 0.8, 0.05, 0.05, 0.089, 0.01]).astype(np.int64),
        event_type=pick(etypes, [0.4, 0.4, 0.15, 0.05]),
        against=pick(actors, [0.2, 0.6, 0.1, 0.1]),
        by=pick(actors, [0.6, 0.2, 0.1, 0.1]),
        country=pick(countries, [0.7, 0.15, 0.05, 0.05, 0.05]),
        region=np.asarray([code[r] for r in regions], dtype=np.int64)[rng.integers(0, 200, size=n)],
        severity=rng.poisson(2, size=n).astype(np.int64),
        names=names,
    )


def baseline(table: IncidentTable, window: bool) -> np.ndarray:
    """The same rules written directly in NumPy: armed attack or breach, by RUS, against UKR, in UKR."""
    code = {name: i for i, name in enumerate(table.names)}
    kinds = np.asarray([KINDS.index(k) for k in ("nuclear-use", "armed-attack", "breach")])
    mask = np.isin(table.kind, kinds)
    mask &= table.by == code["RUS"]
    mask &= table.against == code["UKR"]
    mask &= table.country == code["UKR"]
    if not window:
        return mask
    idx = np.flatnonzero(mask)
    region = table.region[idx]
    order = np.argsort(region, kind="stable")
    comp = (region[order] << 42) + (table.time[idx][order] - T0 + WEEK)
    count = np.arange(comp.size) - np.searchsorted(comp, comp - WEEK, side="right") + 1
    out = np.zeros(len(table), dtype=bool)
    out[idx[order]] = count >= 3
    return out


def best(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def stream_rate(trig: CompiledTrigger, table: IncidentTable, m: int) -> tuple[float, list[bool]]:
    names = table.names
    cols = [
        table.time[:m].tolist(),
        [KINDS[k] for k in table.kind[:m].tolist()],
        [names[c] for c in table.event_type[:m].tolist()],
        [names[c] for c in table.against[:m].tolist()],
        [names[c] for c in table.by[:m].tolist()],
        [names[c] for c in table.country[:m].tolist()],
        [names[c] for c in table.region[:m].tolist()],
        table.severity[:m].tolist(),
    ]
    rows = list(zip(*cols, strict=True))
    step = TriggerStream(trig).step
    start = time.perf_counter()
    out = [step(*row) for row in rows]
    return m / (time.perf_counter() - start), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=5_000_000)
    parser.add_argument("--stream", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    spec = load_library_spec("ukraine-coalition-2025")
    day = date(2026, 6, 1)
    rules = [compile_trigger(spec, cid, day) for cid, c in spec.clauses.items() if c.trigger is not None]
    dense = dataclasses.replace(rules[0], clause="consult-3-in-7-days", window_count=3, window_seconds=WEEK)

    t = time.perf_counter()
    table = synthetic(args.incidents, args.seed)
    print(f"{len(table):,} incidents, 200 regions, one year (generated in {time.perf_counter() - t:.1f} s)")
    print(f"{'rule':<24}{'matches':>10}{'numpy ms':>10}{'guarantor ms':>14}{'ratio':>7}{'M ev/s':>8}")
    for trig, window in [*((r, False) for r in rules), (dense, True)]:
        ours = evaluate_batch(trig, table)
        theirs = baseline(table, window)
        assert np.array_equal(ours, theirs), f"{trig.clause}: batch differs from the NumPy baseline"
        t_np = best(lambda w=window: baseline(table, w))
        t_g = best(lambda tr=trig: evaluate_batch(tr, table))
        print(
            f"{trig.clause:<24}{int(ours.sum()):>10,}{t_np * 1e3:>10.0f}{t_g * 1e3:>14.0f}{t_g / t_np:>7.2f}"
            f"{len(table) / t_g / 1e6:>8.0f}"
        )

    m = min(args.stream, len(table))
    print(f"streaming, {m:,} events, one rule at a time (one core):")
    for trig in (rules[0], dense):
        rate, out = stream_rate(trig, table, m)
        assert out == evaluate_batch(trig, _head(table, m)).tolist(), "streaming differs from batch"
        print(f"  {trig.clause:<24}{rate / 1e6:>6.2f} M events/s")
    print(f"full fold (4 clauses, cases, explanations), 20,000 events: {fold_rate(spec, table, 20_000):,.0f} events/s")


def fold_rate(spec: Any, table: IncidentTable, m: int) -> float:
    """The whole runtime (all triggers, cases, explanations) over ``m`` incident events, one at a time."""
    names = table.names
    events: list[Any] = [CeasefireDeclared(time=datetime.fromtimestamp(T0 - 86400 * 2, UTC), actor="UKR")]
    for i in range(m):
        events.append(
            IncidentReported(
                time=datetime.fromtimestamp(int(table.time[i]), UTC),
                id=str(i),
                kind=KINDS[int(table.kind[i])],  # type: ignore[arg-type]
                event_type=names[int(table.event_type[i])],
                against=names[int(table.against[i])] or None,
                by=names[int(table.by[i])] or None,
                country=names[int(table.country[i])] or None,
                region=names[int(table.region[i])] or None,
                severity=int(table.severity[i]),
            )
        )
    start = time.perf_counter()
    fold(spec, events)
    return m / (time.perf_counter() - start)


def _head(table: IncidentTable, m: int) -> IncidentTable:
    fields = {f.name: getattr(table, f.name) for f in dataclasses.fields(table)}
    return IncidentTable(**{k: (v[:m] if isinstance(v, np.ndarray) else v) for k, v in fields.items()})


if __name__ == "__main__":
    main()
