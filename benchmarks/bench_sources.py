"""Reading speed of the ACLED reader on a synthetic 100k-row export, against the bare csv module.

Run: ``.venv/bin/python benchmarks/bench_sources.py [ROWS]``. The baseline (``csv.DictReader`` alone, no
validation) is the floor any pure-Python reader pays; the ratio shows what validation and models cost.
"""

from __future__ import annotations

import csv
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from guarantor.sources import IncidentSet, read_acled, to_columns
from guarantor.sources.synthetic import synthetic_incidents, write_acled


def _timed(label: str, rows: int, func: object) -> float:
    start = time.perf_counter()
    func()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:7.2f} s  {rows / seconds:>10,.0f} rows/s")
    return seconds


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acled.csv"
        write_acled(path, synthetic_incidents(rows, np.random.default_rng(0)))
        print(f"{rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")

        def baseline() -> None:
            with path.open(encoding="utf-8-sig", newline="") as stream:
                for _ in csv.DictReader(stream):
                    pass

        def stream_only() -> None:
            for _ in read_acled(path):
                pass

        incidents = IncidentSet()
        _timed("csv.DictReader (no validation)", rows, baseline)
        _timed("read_acled (streamed, validated)", rows, stream_only)
        _timed("read_acled + IncidentSet.ingest", rows, lambda: incidents.ingest(read_acled(path)))
        _timed("re-ingest (all unchanged)", rows, lambda: incidents.ingest(read_acled(path)))
        _timed("to_columns", rows, lambda: to_columns(incidents))

        tracemalloc.start()
        for _ in read_acled(path):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"peak traced memory while streaming: {peak / 1e6:.2f} MB (the file is {path.stat().st_size / 1e6:.0f} MB)"
        )

        gc.disable()  # how much of ingest is the cyclic GC walking a growing heap of small objects
        try:
            _timed("ingest, GC off (reference only)", rows, lambda: IncidentSet().ingest(read_acled(path)))
        finally:
            gc.enable()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
