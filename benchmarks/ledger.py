"""Ledger throughput: signed appends per second (batched and one by one) and verifications per second.

Runs on SQLite (WAL, synchronous=FULL) and on a throwaway PostgreSQL server (skipped with a message when
initdb and pg_ctl are absent). Usage: ``python benchmarks/ledger.py [--entries N] [--batch B]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from guarantor.ledger import Ledger, Signer
from pgserver import missing_binaries, new_database, throwaway_postgres


def rate(count: int, work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return count / (time.perf_counter() - start)


def measure(url: str, entries: int, batch: int, singles: int) -> dict[str, float]:
    admin, monitor = Signer.generate("admin"), Signer.generate("osce")
    with Ledger.open(url, create=True) as ledger:
        ledger.genesis(admin)
        ledger.register("osce", monitor.public_key, "monitor", by=admin)

        def event(n: int) -> dict[str, object]:
            return {"type": "incident_reported", "time": "2026-11-25T10:00:00Z", "n": n, "region": "europe"}

        def batched() -> None:
            for start in range(0, entries, batch):
                ledger.append_batch([(event(n), monitor) for n in range(start, min(start + batch, entries))])

        def one_by_one() -> None:
            for n in range(entries, entries + singles):
                ledger.append(event(n), monitor)

        appends = rate(entries, batched)
        single = rate(singles, one_by_one)
        total = ledger.head().seq
        verifies = rate(total, lambda: ledger.verify().raise_for_problem())
    return {"batched": appends, "single": single, "verify": verifies}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--singles", type=int, default=500)
    args = parser.parse_args()
    rows: list[tuple[str, dict[str, float]]] = []
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        rows.append(
            (
                "SQLite (WAL, synchronous=FULL)",
                measure(str(tmp / "b.sqlite"), args.entries, args.batch, args.singles),
            )
        )
        reason = missing_binaries()
        if reason:
            print(f"PostgreSQL skipped: {reason}", file=sys.stderr)
        else:
            server = stack.enter_context(throwaway_postgres())
            rows.append(
                (
                    "PostgreSQL 15 (local, fsync on)",
                    measure(new_database(server), args.entries, args.batch, args.singles),
                )
            )
    batched = f"appends/s, batches of {args.batch}"
    print(f"| store | {batched} | appends/s, one per transaction | verified entries/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, r in rows:
        print(f"| {name} | {r['batched']:,.0f} | {r['single']:,.0f} | {r['verify']:,.0f} |")


if __name__ == "__main__":
    main()
