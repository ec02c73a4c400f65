"""Load and faults for `guarantor serve`: acknowledged writes per second, latency, and nothing lost.

Starts `guarantor serve` on 127.0.0.1 in its own process, then runs a bounded number of concurrent clients
(asyncio, HTTP/1.1 keep-alive) posting incidents and signed votes for a fixed time. Reports acknowledged
writes per second and p50/p99 latency on SQLite and on PostgreSQL (a throwaway server, tests/pgserver.py),
then checks that every acknowledged write is in the ledger with the hash in its receipt and that the chain
verifies. The baseline is the ledger itself appending one entry per commit in one process (what a server
without group commit could do at most). The fault run kills the server with SIGKILL under load, restarts it
on the same store, and checks that every write acknowledged before the kill is present and the chain verifies.

    .venv/bin/python benchmarks/serve_load.py [--seconds 10] [--clients 32] [--workers 1] [--repeats 3]
        [--no-postgres] [--no-fault]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from guarantor.ledger import Ledger, Role, Signer  # noqa: E402
from guarantor.server import add_principal, init_server, signed_body  # noqa: E402
from guarantor.spec import library_path  # noqa: E402

NATO = "nato-1949"
PARTIES = ("FRA", "DEU", "USA", "GBR", "ITA", "POL", "NLD", "ESP")
VOTE_SHARE = 10  # one write in ten is a signed vote


@dataclass
class Principals:
    monitor: str
    parties: dict[str, tuple[str, Signer]] = field(default_factory=dict)


def setup_store(db: str, key: Path) -> tuple[str, Principals]:
    admin = init_server(db, key).token
    people = Principals(add_principal(db, key, "mission", Role.MONITOR, None).token)
    for party in PARTIES:
        signer = Signer.generate(party)
        people.parties[party] = (add_principal(db, key, party, Role.PARTY, signer.public_key).token, signer)
    return admin, people


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, key: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from guarantor.cli.main import main; main()", "serve", "--db", db]
    command += ["--key", str(key), "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    raise RuntimeError("server did not start")


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    proc.send_signal(sig)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cpu_seconds(root: int) -> float:
    """User plus system CPU time of process ``root`` and its descendants (uvicorn workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [child for child, parent in parents.items() if parent == pid and child not in tree]
    return sum(times.get(pid, 0.0) for pid in tree)


# A minimal HTTP/1.1 client: the server answers with Content-Length, so reading a response is two awaits.


class Connection:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, token: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return int(status_line.split()[1]), await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.writer = None


@dataclass
class Result:
    acked: list[tuple[int, str]] = field(default_factory=list)  # (seq, hash) of every 2xx write
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    refused: int = 0
    server_cpu: float = 0.0  # CPU seconds the server used during the run
    client_cpu: float = 0.0  # CPU seconds the load generator used


def prepared_votes(people: Principals, count: int, tag: str) -> list[tuple[str, bytes]]:
    """Signed votes made before the clock starts (the client's signing is not the server's work)."""
    out = []
    for i in range(count):
        party = PARTIES[i % len(PARTIES)]
        token, signer = people.parties[party]
        event = {
            "type": "vote_cast",
            "time": "2026-11-21T10:00:00Z",
            "party": party,
            "body": "nac",
            "motion": f"{tag}-{i // len(PARTIES)}",
            "vote": "yes",
            "guarantee": NATO,
        }
        out.append((token, json.dumps(signed_body(event, signer)).encode()))
    return out


async def client(
    n: int, port: int, people: Principals, votes: list[tuple[str, bytes]], until: float, tag: str, result: Result
) -> None:
    conn, i = Connection(port), 0
    while time.monotonic() < until:
        i += 1
        if i % VOTE_SHARE == 0 and votes:
            path, (token, body) = f"/api/guarantees/{NATO}/votes", votes.pop()
        else:
            path, token = f"/api/guarantees/{NATO}/incidents", people.monitor
            region = ("europe", "north-atlantic", "mediterranean-sea")[i % 3]
            incident = {"id": f"{tag}-{n}-{i}", "time": "2026-11-20T10:00:00Z", "against": "EST", "region": region}
            body = json.dumps(incident).encode()
        started = time.perf_counter()
        try:
            status, payload = await conn.post(path, body, token)
        except (OSError, ConnectionError, asyncio.IncompleteReadError):
            result.errors += 1
            conn.close()
            await asyncio.sleep(0.05)
            continue
        elapsed = time.perf_counter() - started
        if status == 201:
            receipt = json.loads(payload)
            result.acked.append((receipt["seq"], receipt["hash"]))
            result.latencies.append(elapsed)
        else:
            result.refused += 1
    conn.close()


def run_client(main: Any) -> None:
    """Run the clients on uvloop when it is there (as uvicorn runs the server): the load generator shares the
    two cores with the server, so its own cost per request is kept low."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
        return
    uvloop.run(main())


def run_load(port: int, people: Principals, clients: int, seconds: float, tag: str) -> Result:
    result = Result()
    votes = prepared_votes(people, int(seconds * 400), tag)

    async def main() -> None:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(n, port, people, votes, until, tag, result) for n in range(clients)))

    started = time.process_time()
    run_client(main)
    result.client_cpu = time.process_time() - started
    return result


def check_ledger(db: str, acked: list[tuple[int, str]]) -> tuple[bool, int]:
    """(every acknowledged write present with its hash and the chain verifies, entries)."""
    with Ledger.open(db) as ledger:
        stored = {e.seq: e.hash for e in ledger.entries()}
        verified = ledger.verify().ok
    present = all(stored.get(seq) == digest for seq, digest in acked)
    return present and verified, len(stored)


def report(name: str, result: Result, seconds: float, check: tuple[bool, int]) -> dict[str, Any]:
    lat = sorted(result.latencies)
    row = {
        "store": name,
        "acked_per_s": round(len(result.acked) / seconds),
        "p50_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "p99_ms": round(lat[int(len(lat) * 0.99) - 1] * 1000, 1) if lat else None,
        "server_cpu_ms_per_write": round(1000 * result.server_cpu / max(1, len(result.acked)), 2),
        "client_cpu_ms_per_write": round(1000 * result.client_cpu / max(1, len(result.acked)), 2),
        "acked": len(result.acked),
        "refused": result.refused,
        "errors": result.errors,
        "all_acked_in_ledger_and_verified": check[0],
        "entries": check[1],
    }
    print(json.dumps(row))
    return row


def baseline(db: str, seconds: float) -> float:
    """Appends per second with one commit per append, in one process: the bound without group commit."""
    signer = Signer.generate("base")
    with Ledger.open(db, create=True) as ledger:
        ledger.genesis(signer)
        n, until = 0, time.monotonic() + seconds
        while time.monotonic() < until:
            ledger.append({"type": "incident_reported", "time": "2026-11-20T10:00:00Z", "id": f"b{n}"}, signer)
            n += 1
    return n / seconds


@contextmanager
def served(db: str, key: Path, workers: int = 1) -> Any:
    port = free_port()
    proc = start_server(db, key, port, workers)
    try:
        yield port, proc
    finally:
        if proc.poll() is None:
            stop(proc)


def load_spec(port: int, admin: str) -> None:
    spec = library_path(NATO).read_text(encoding="utf-8")
    r = httpx.post(
        f"http://127.0.0.1:{port}/api/guarantees", json={"spec": spec}, headers={"Authorization": f"Bearer {admin}"}
    )
    r.raise_for_status()


def one_store(name: str, db: str, key: Path, args: argparse.Namespace, workers: int) -> dict[str, Any]:
    admin, people = setup_store(db, key)
    with served(db, key, workers) as (port, proc):
        load_spec(port, admin)
        before = cpu_seconds(proc.pid)
        result = run_load(port, people, args.clients, args.seconds, name)
        result.server_cpu = cpu_seconds(proc.pid) - before
    return report(name, result, args.seconds, check_ledger(db, result.acked))


def fault_run(root: Path, args: argparse.Namespace) -> dict[str, Any]:
    db, key = f"sqlite:///{root / 'fault.db'}", root / "fault.key"
    admin, people = setup_store(db, key)
    port = free_port()
    proc = start_server(db, key, port, 1)
    load_spec(port, admin)
    result = Result()
    votes = prepared_votes(people, int(args.seconds * 400), "fault")

    async def main() -> None:
        until = time.monotonic() + args.seconds
        load = asyncio.gather(*(client(n, port, people, votes, until, "fault", result) for n in range(args.clients)))
        await asyncio.sleep(args.seconds / 2)
        proc.send_signal(signal.SIGKILL)  # mid-load: commits in flight, receipts unsent
        await load

    run_client(main)
    proc.wait()
    killed_at = len(result.acked)
    with served(db, key) as (port2, _):  # restart on the same store: the index is rebuilt from the ledger
        after = run_load(port2, people, args.clients, 2.0, "after")
    ok, entries = check_ledger(db, result.acked + after.acked)
    row = {
        "fault": "SIGKILL under load, restart",
        "acked_before_kill": killed_at,
        "failed_requests_at_kill": result.errors,
        "acked_after_restart": len(after.acked),
        "all_acked_in_ledger_and_verified": ok,
        "entries": entries,
    }
    print(json.dumps(row))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes on SQLite")
    parser.add_argument("--repeats", type=int, default=3, help="SQLite runs, alternating with the baseline")
    parser.add_argument("--pg-workers", type=int, default=2)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-fault", action="store_true")
    args = parser.parse_args()
    print(
        f"# {os.cpu_count()} CPUs, {args.clients} clients, {args.seconds:.0f} s per run, 1 write in {VOTE_SHARE} a vote"
    )
    with tempfile.TemporaryDirectory(prefix="guarantor-load-") as tmp:
        root = Path(tmp)
        bases: list[float] = []
        rows: list[dict[str, Any]] = []
        for n in range(args.repeats):  # the baseline and the server alternate, each on a fresh store
            bases.append(baseline(str(root / f"base{n}.db"), 3.0))
            print(json.dumps({"baseline": "Ledger.append, one commit per entry (SQLite)", "per_s": round(bases[-1])}))
            name = f"sqlite ({args.workers} worker{'s' if args.workers > 1 else ''})"
            rows.append(one_store(name, f"sqlite:///{root / f'load{n}.db'}", root / f"load{n}.key", args, args.workers))
        medians = {k: statistics.median(r[k] for r in rows) for k in ("acked_per_s", "p50_ms", "p99_ms")}
        medians["server_cpu_ms_per_write"] = statistics.median(r["server_cpu_ms_per_write"] for r in rows)
        lost = sum(not r["all_acked_in_ledger_and_verified"] for r in rows)
        base = statistics.median(bases)
        print(json.dumps({"sqlite_median_of": args.repeats, **medians, "runs_with_a_lost_write": lost}))
        ratio = round(medians["acked_per_s"] / base, 2)
        print(json.dumps({"baseline_median_per_s": round(base), "ratio_vs_baseline": ratio}))
        if not args.no_postgres:
            from pgserver import missing_binaries, new_database, throwaway_postgres

            if missing_binaries() is None:
                with throwaway_postgres() as server:
                    one_store(
                        f"postgresql ({args.pg_workers} workers)",
                        new_database(server),
                        root / "pg.key",
                        args,
                        args.pg_workers,
                    )
            else:
                print(f"# PostgreSQL skipped: {missing_binaries()}")
        if not args.no_fault:
            fault_run(root, args)


if __name__ == "__main__":
    main()
