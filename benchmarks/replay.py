"""Trigger evaluation: guarantor's batch and streaming evaluators against hand-written versions of the same rules.

Data: N synthetic incidents (default 5 million) over one year in 200 regions, time-ordered, seeded. Rules:
the four triggers of the bundled ``ukraine-coalition-2025`` (armed attack or breach, by RUS, against UKR, on
territory Ukraine administers: a selective filter), plus a dense count built on them (at least 3 such
incidents in one region within 7 days). guarantor compiles them from the spec. Three baselines written for
exactly these rules: NumPy with ``np.isin``, NumPy with lookup tables over the coded names (one boolean
gather per column, the fastest plain-NumPy form we know), and Polars (a lazy filter; the window count by a
sort and ``search_sorted``, which orders equal times as they arrive, as the streaming evaluator does). Every
result is asserted equal to guarantor's. Each repeat runs every contender once in turn (interleaved);
medians are reported.

Usage: ``python benchmarks/replay.py [--incidents N] [--stream M] [--seed S] [--repeats R]``
(Polars: ``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
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


RULE_KINDS = ("nuclear-use", "armed-attack", "breach")


def _window(table: IncidentTable, idx: np.ndarray) -> np.ndarray:
    """At least 3 matches in the same region within 7 days, counted up to and including each one."""
    region = table.region[idx]
    order = np.argsort(region, kind="stable")
    comp = (region[order] << 42) + (table.time[idx][order] - T0 + WEEK)
    count = np.arange(comp.size) - np.searchsorted(comp, comp - WEEK, side="right") + 1
    out = np.zeros(len(table), dtype=bool)
    out[idx[order]] = count >= 3
    return out


def numpy_isin(table: IncidentTable, window: bool) -> np.ndarray:
    """The rules in NumPy, kinds tested with ``np.isin``."""
    code = {name: i for i, name in enumerate(table.names)}
    mask = np.isin(table.kind, np.asarray([KINDS.index(k) for k in RULE_KINDS]))
    mask &= table.by == code["RUS"]
    mask &= table.against == code["UKR"]
    mask &= table.country == code["UKR"]
    return _window(table, np.flatnonzero(mask)) if window else mask


def lookup_tables(table: IncidentTable) -> tuple[np.ndarray, ...]:
    """One boolean table per column, indexed by the column's code: True where the rule accepts the value."""
    code = {name: i for i, name in enumerate(table.names)}
    kind = np.zeros(len(KINDS), dtype=bool)
    kind[[KINDS.index(k) for k in RULE_KINDS]] = True
    by, against, country = (np.zeros(len(table.names), dtype=bool) for _ in range(3))
    by[code["RUS"]] = against[code["UKR"]] = country[code["UKR"]] = True
    return kind, by, against, country


def numpy_lookup(table: IncidentTable, luts: tuple[np.ndarray, ...], window: bool) -> np.ndarray:
    """The rules in NumPy as gathers from lookup tables (no ``np.isin``, no comparisons)."""
    kind, by, against, country = luts
    mask = kind[table.kind]
    mask &= by[table.by]
    mask &= against[table.against]
    mask &= country[table.country]
    return _window(table, np.flatnonzero(mask)) if window else mask


def polars_frame(table: IncidentTable) -> Any:
    import polars as pl

    columns = ("time", "kind", "by", "against", "country", "region")
    return pl.DataFrame({c: getattr(table, c) for c in columns}).with_row_index("row")


def polars_rules(frame: Any, table: IncidentTable, window: bool) -> np.ndarray:
    """The rules in Polars: a lazy filter, then the window count by sort and ``search_sorted``."""
    import polars as pl

    code = {name: i for i, name in enumerate(table.names)}
    kinds = [KINDS.index(k) for k in RULE_KINDS]
    cond = (
        pl.col("kind").is_in(kinds)
        & (pl.col("by") == code["RUS"])
        & (pl.col("against") == code["UKR"])
        & (pl.col("country") == code["UKR"])
    )
    if not window:
        return frame.lazy().select(cond.alias("m")).collect()["m"].to_numpy()
    hits = (
        frame.lazy()
        .filter(cond)
        .select("row", comp=(pl.col("region").cast(pl.Int64) * (1 << 42)) + pl.col("time") - T0 + WEEK)
        .sort("comp", maintain_order=True)
        .collect()
    )
    comp = hits["comp"]
    count = pl.int_range(0, len(comp), eager=True) - comp.search_sorted(comp - WEEK, side="right") + 1
    out = np.zeros(len(table), dtype=bool)
    out[hits["row"].to_numpy()[(count >= 3).to_numpy()]] = True
    return out


def interleaved(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds of each contender; every round runs all of them once, in turn."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, work in runs.items():
            start = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


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
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    spec = load_library_spec("ukraine-coalition-2025")
    day = date(2026, 6, 1)
    rules = [compile_trigger(spec, cid, day) for cid, c in spec.clauses.items() if c.trigger is not None]
    dense = dataclasses.replace(rules[0], clause="consult-3-in-7-days", window_count=3, window_seconds=WEEK)

    t = time.perf_counter()
    table = synthetic(args.incidents, args.seed)
    print(f"{len(table):,} incidents, 200 regions, one year (generated in {time.perf_counter() - t:.1f} s)")
    luts = lookup_tables(table)
    frame = _polars_or_none(table)
    header = ["isin", "lookup", *(["polars"] if frame is not None else []), "guarantor"]
    print(f"medians of {args.repeats} interleaved repeats, ms; ratio = guarantor / fastest baseline")
    print(f"{'rule':<24}{'matches':>10}" + "".join(f"{h:>11}" for h in header) + f"{'ratio':>7}{'M ev/s':>8}")
    for trig, window in [*((r, False) for r in rules), (dense, True)]:
        runs: dict[str, Callable[[], np.ndarray]] = {
            "isin": lambda w=window: numpy_isin(table, w),
            "lookup": lambda w=window: numpy_lookup(table, luts, w),
        }
        if frame is not None:
            runs["polars"] = lambda w=window: polars_rules(frame, table, w)
        runs["guarantor"] = lambda tr=trig: evaluate_batch(tr, table)
        ours = runs["guarantor"]()
        for name, work in runs.items():
            assert np.array_equal(ours, work()), f"{trig.clause}: {name} differs from guarantor's batch"
        med = interleaved(runs, args.repeats)
        fastest = min(v for k, v in med.items() if k != "guarantor")
        cells = "".join(f"{med[h] * 1e3:>11.1f}" for h in header)
        rate = len(table) / med["guarantor"] / 1e6
        print(f"{trig.clause:<24}{int(ours.sum()):>10,}{cells}{med['guarantor'] / fastest:>7.2f}{rate:>8.0f}")

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


def _polars_or_none(table: IncidentTable) -> Any:
    try:
        return polars_frame(table)
    except ImportError:
        print("Polars is not installed (pip install -e '.[bench]'): its column is left out")
        return None


def _head(table: IncidentTable, m: int) -> IncidentTable:
    fields = {f.name: getattr(table, f.name) for f in dataclasses.fields(table)}
    return IncidentTable(**{k: (v[:m] if isinstance(v, np.ndarray) else v) for k, v in fields.items()})


if __name__ == "__main__":
    main()
