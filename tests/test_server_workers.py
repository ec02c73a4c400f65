"""Several server processes on one store, and concurrent writers: nonces and source ids hold across workers."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guarantor.ledger import Ledger, parse_json
from guarantor.server import Settings
from serverkit import NATO, Cast, incident, load_nato, populate, running, vote

G = f"/api/guarantees/{NATO}"


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, httpx.Client, Cast]]:
    """Two servers (each its own index and committer) over one SQLite file, as two workers would be."""
    root = tmp_path_factory.mktemp("workers")
    db = f"sqlite:///{root / 'g.db'}"
    cast = populate(db, root / "server.key")
    with ExitStack() as stack:
        one, two = (
            stack.enter_context(httpx.Client(base_url=stack.enter_context(running(Settings(db=db, key_file=cast.key)))))
            for _ in range(2)
        )
        load_nato(one, cast)
        yield one, two, cast


def _recorded_ids(db: str) -> Counter[str]:
    with Ledger.open(db) as ledger:
        events = [parse_json(e.event) for e in ledger.entries()]
        assert ledger.verify().ok
    return Counter(e["id"] for e in events if e.get("type") == "incident_reported")


def test_a_guarantee_loaded_on_one_worker_is_served_by_the_other(
    two_workers: tuple[httpx.Client, httpx.Client, Cast],
) -> None:
    _, two, cast = two_workers
    listed = two.get("/api/guarantees", headers=cast.headers("press")).json()
    assert [g["id"] for g in listed] == [NATO]


def test_one_nonce_on_two_workers_is_accepted_once(two_workers: tuple[httpx.Client, httpx.Client, Cast]) -> None:
    one, two, cast = two_workers
    first = vote(cast, "FRA", nonce="w" * 32, motion="twin")
    second = vote(cast, "FRA", "no", nonce="w" * 32, motion="twin")
    with ThreadPoolExecutor(2) as pool:
        a = pool.submit(one.post, f"{G}/votes", json=first, headers=cast.headers("FRA"))
        b = pool.submit(two.post, f"{G}/votes", json=second, headers=cast.headers("FRA"))
        statuses = sorted([a.result().status_code, b.result().status_code])
    assert statuses == [201, 409]
    tallies = one.get(f"{G}/votes", headers=cast.headers("press")).json()
    (twin,) = [t for t in tallies if t["motion"] == "twin"]
    assert len(twin["yes"]) + len(twin["no"]) == 1


def test_concurrent_writers_on_two_workers_record_each_source_id_once(
    two_workers: tuple[httpx.Client, httpx.Client, Cast],
) -> None:
    one, two, cast = two_workers
    ids = [f"c{i % 40}" for i in range(160)]  # every id four times, spread over both workers

    def post(pair: tuple[int, str]) -> httpx.Response:
        client = one if pair[0] % 2 else two
        return client.post(f"{G}/incidents", json=incident(pair[1]), headers=cast.headers("mission"))

    with ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(post, enumerate(ids)))
    assert all(r.status_code in (200, 201) for r in responses)
    assert sum(r.status_code == 201 for r in responses) == 40
    seqs = {r.json()["seq"] for r in responses}
    assert len(seqs) == 40  # duplicates point at the entry that was recorded
    counts = _recorded_ids(cast.db)
    assert all(counts[f"c{i}"] == 1 for i in range(40))


_batch = itertools.count()


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.integers(0, 9), min_size=1, max_size=30))
def test_any_mix_of_repeats_records_each_id_once_and_acks_what_is_stored(
    two_workers: tuple[httpx.Client, httpx.Client, Cast], picks: list[int]
) -> None:
    one, two, cast = two_workers
    prefix = f"h{next(_batch)}-"
    batch = [incident(f"{prefix}{p}") for p in picks]
    r = (one if len(picks) % 2 else two).post(
        f"{G}/incidents/batch", json={"incidents": batch}, headers=cast.headers("mission")
    )
    results = r.json()["results"]
    assert sum(x["status"] == "recorded" for x in results) == len(set(picks))
    counts = _recorded_ids(cast.db)
    assert all(counts[f"{prefix}{p}"] == 1 for p in set(picks))
    with Ledger.open(cast.db) as ledger:
        stored = {e.seq: e.hash for e in ledger.entries()}
    assert all(stored[x["seq"]] == x["hash"] for x in results if x["status"] == "recorded")
