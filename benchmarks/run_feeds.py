"""From CSV rows to a folded state, the way ``guarantor run`` goes, against reading the same file with Polars.

Run: ``.venv/bin/python benchmarks/run_feeds.py [ROWS] [--run-rows N]`` (Polars from the ``bench`` extra). A
synthetic ACLED-layout export (ACLED's terms forbid sharing its rows) of ROWS rows is read by Polars on one
thread (median of three), the floor for reading. Then guarantor's path, stage by stage, with the functions
``guarantor run`` calls: the feed's items (``Feed.items``: ``read_acled``, its column-wise fast path for clean
blocks), incident events (``FeedEvents``: the vocabulary and the role rules) and the fold of
``ukraine-coalition-2025`` after a ceasefire, so that every Russian strike in Ukraine breaks the ceasefire
line and engages four clauses (the first opens a case under each, the rest join it: one attack, one case). The
row-by-row reader (every row through ``parse_acled``, as for a dirty row) is timed for comparison. Last,
``run_feeds`` itself end to end on the first N rows (default 20,000): the same path with every row signed into
a SQLite ledger and the fold read back from it. Each rate is printed with its ratio to Polars. Figures go into
docs/performance.md, "Feeds to a folded state".
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # the peer on one core, as guarantor is

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from guarantor.ledger import Ledger, Signer, generate_private_key
from guarantor.runtime.events import CeasefireDeclared, IncidentReported, event_to_json, utc
from guarantor.runtime.feedfile import parse_feed
from guarantor.runtime.feeds import FeedEvents
from guarantor.runtime.fold import fold
from guarantor.runtime.ingest import run_feeds
from guarantor.runtime.permissions import runtime_policy
from guarantor.sources import Incident, Rejection, bundled_vocabulary
from guarantor.sources._driver import Context, parse_all
from guarantor.sources._stream import check_header, csv_rows, open_text, records
from guarantor.sources.acled import _NEEDED, parse_acled
from guarantor.sources.synthetic import synthetic_incidents, write_acled
from guarantor.spec import load_library_spec

CEASEFIRE = CeasefireDeclared(time=utc("2000-01-01"))


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def row_by_row(path: Path) -> Iterator[Incident | Rejection]:
    """The reader before the fast path: every row named by the header and parsed on its own."""
    with open_text(path) as stream:
        rows = csv_rows(stream, str(path))
        header = check_header(next(rows, None), _NEEDED, "acled", str(path), "")
        parse = partial(parse_acled, feed="acled")
        yield from parse_all(parse, Context("acled", "acled", str(path)), records(rows, header))


def ledger_run(path: Path, rows: int, folder: Path) -> tuple[float, int]:
    """``run_feeds`` on the first ``rows`` rows and a timeline with the ceasefire: seconds, cases."""
    part = folder / "part.csv"
    with path.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as out:
        for _, line in zip(range(rows + 1), src, strict=False):
            out.write(line)
    timeline = folder / "ceasefire.jsonl"
    timeline.write_text(json.dumps(event_to_json(CEASEFIRE)) + "\n", encoding="utf-8")
    spec = load_library_spec("ukraine-coalition-2025")
    feeds = [parse_feed(f"{timeline}:events"), parse_feed(f"{part}:acled")]
    signer = Signer("operator", generate_private_key())
    with Ledger.open(folder / "ledger.db", create=True, policy=runtime_policy()) as ledger:  # as `guarantor run`
        seconds, result = timed(lambda: run_feeds(spec, feeds, ledger, signer))
    return seconds, len(result.state.cases)


def main(rows: int, run_rows: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "acled.csv"
        write_acled(path, synthetic_incidents(rows, np.random.default_rng(0)))
        print(f"{rows:,} rows, {path.stat().st_size / 1e6:.1f} MB, Polars {pl.__version__} on one thread")
        peer = statistics.median(timed(lambda: pl.read_csv(path, infer_schema=False))[0] for _ in range(3))
        slow, _ = timed(lambda: sum(1 for _ in row_by_row(path)))
        read, items = timed(lambda: list(parse_feed(f"{path}:acled").items()))
        incidents = [i for i in items if isinstance(i, Incident)]
        maker = FeedEvents(bundled_vocabulary("acled"))
        build, events = timed(lambda: [e for e in map(maker.event, incidents) if isinstance(e, IncidentReported)])
        spec = load_library_spec("ukraine-coalition-2025")
        folded, state = timed(lambda: fold(spec, [CEASEFIRE, *events]))
        run_seconds, run_cases = ledger_run(path, min(run_rows, rows), folder)
    total = read + build + folded
    print(f"{'stage':<44} {'seconds':>8} {'rows/s':>10} {'x Polars':>9}")
    for label, seconds, count in (
        ("Polars read_csv (floor)", peer, rows),
        ("row-by-row reader (for comparison)", slow, rows),
        ("feed items (read_acled, column-wise)", read, rows),
        ("incident events (FeedEvents)", build, rows),
        (f"fold ({len(state.cases):,} cases)", folded, rows),
        ("CSV row to folded state", total, rows),
        (f"guarantor run, SQLite ledger ({min(run_rows, rows):,} rows)", run_seconds, min(run_rows, rows)),
    ):
        per_row = seconds / count
        print(f"{label:<44} {seconds:8.2f} {1 / per_row:10,.0f} {per_row / (peer / rows):9.1f}")
    print(f"state: {len(state.cases):,} cases, {len(state.obligations):,} obligations, {len(state.missed):,} missed")
    print(f"       {len(state.transitions):,} transitions; guarantor run: {run_cases:,} cases")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=100_000)
    parser.add_argument("--run-rows", type=int, default=20_000, help="rows for the end-to-end `guarantor run`")
    args = parser.parse_args()
    main(args.rows, args.run_rows)
