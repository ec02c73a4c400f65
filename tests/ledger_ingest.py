"""Run by the crash test: append many signed entries in batches, printing each seq after its commit.

Usage: python ledger_ingest.py DB KEYFILE PRINCIPAL COUNT BATCH
"""

from __future__ import annotations

import sys
from pathlib import Path

from guarantor.ledger import Ledger, Signer


def main(db: str, key: str, principal: str, count: int, batch: int) -> None:
    signer = Signer.from_file(principal, Path(key))
    with Ledger.open(db) as ledger:
        for start in range(0, count, batch):
            items = [
                ({"type": "incident_reported", "time": "2026-11-25T10:00:00Z", "n": n}, signer)
                for n in range(start, min(start + batch, count))
            ]
            for receipt in ledger.append_batch(items):
                sys.stdout.write(f"{receipt.seq}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
