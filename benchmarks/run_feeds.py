"""From CSV rows to a folded state, stage by stage, against reading the same file with Polars (the floor).

Run: ``.venv/bin/python benchmarks/run_feeds.py [ROWS]`` (Polars from the ``bench`` extra). A synthetic
ACLED-layout export (ACLED's terms forbid sharing its rows) of ROWS rows is read by Polars on one thread
(median of three), then by guarantor's stages: the row-by-row reader (``read_acled``), incident events (the
vocabulary and the role rules), and the fold of ``ukraine-coalition-2025`` after a ceasefire, so that every
Russian strike in Ukraine opens cases. Each stage's rate and the end-to-end rate are printed with their ratio
to Polars. Figures go into docs/performance.md, "Feeds to a folded state".
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # the peer on one core, as guarantor is

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from guarantor.runtime.events import CeasefireDeclared, utc
from guarantor.runtime.feeds import incident_event
from guarantor.runtime.fold import fold
from guarantor.sources import Incident, bundled_vocabulary, read_acled
from guarantor.sources.synthetic import synthetic_incidents, write_acled
from guarantor.spec import load_library_spec


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acled.csv"
        write_acled(path, synthetic_incidents(rows, np.random.default_rng(0)))
        print(f"{rows:,} rows, {path.stat().st_size / 1e6:.1f} MB, Polars {pl.__version__} on one thread")
        peer = statistics.median(timed(lambda: pl.read_csv(path, infer_schema=False))[0] for _ in range(3))
        read, incidents = timed(lambda: [r for r in read_acled(path) if isinstance(r, Incident)])
        acled = bundled_vocabulary("acled")
        build, events = timed(lambda: [e for e in (incident_event(i, acled) for i in incidents) if e is not None])
        spec = load_library_spec("ukraine-coalition-2025")
        start = CeasefireDeclared(time=utc("2000-01-01"))
        folded, state = timed(lambda: fold(spec, [start, *events]))
    total = read + build + folded
    print(f"{'stage':<34} {'seconds':>8} {'rows/s':>12} {'x Polars':>9}")
    for label, seconds in (
        ("Polars read_csv (floor)", peer),
        ("read_acled (row by row)", read),
        ("incident events", build),
        (f"fold ({len(state.cases):,} cases)", folded),
        ("CSV row to folded state", total),
    ):
        print(f"{label:<34} {seconds:8.2f} {rows / seconds:12,.0f} {seconds / peer:9.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
