"""The HTTP API against a real server (uvicorn on 127.0.0.1), on SQLite and on a throwaway PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from guarantor.ledger import Ledger
from guarantor.server import Settings
from pgserver import missing_binaries, new_database, throwaway_postgres
from serverkit import NATO, Cast, incident, load_nato, populate, running, vote

G = f"/api/guarantees/{NATO}"


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str | None]:
    if missing_binaries() is not None:
        yield None
        return
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(
    request: pytest.FixtureRequest, tmp_path: Path, pg_server: str | None
) -> Iterator[tuple[httpx.Client, Cast]]:
    if request.param == "sqlite":
        db = f"sqlite:///{tmp_path / 'g.db'}"
    elif pg_server is None:
        pytest.skip(str(missing_binaries()))
    else:
        db = new_database(pg_server)
    cast = populate(db, tmp_path / "server.key")
    with running(Settings(db=db, key_file=cast.key)) as base, httpx.Client(base_url=base, timeout=30) as client:
        load_nato(client, cast)
        yield client, cast


def test_incident_opens_a_case_with_its_explanation(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    r = client.post(f"{G}/incidents", json=incident("i1"), headers=cast.headers("mission"))
    assert r.status_code == 201 and r.json()["status"] == "recorded"
    cases = client.get(f"{G}/cases", headers=cast.headers("press")).json()
    assert [c["id"] for c in cases] == ["art5/i1"]
    one = client.get(f"{G}/cases/art5%2Fi1", headers=cast.headers("press"))
    assert one.status_code == 200, one.text
    steps = one.json()["timeline"]
    assert steps[0]["kind"] == "case-opened" and steps[0]["clause"] == "art5"
    assert "trigger held" in steps[0]["explanation"]["condition"]


def test_incidents_are_idempotent_by_source_id(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    first = client.post(f"{G}/incidents", json=incident("i1"), headers=cast.headers("mission")).json()
    again = client.post(f"{G}/incidents", json=incident("i1"), headers=cast.headers("mission"))
    assert again.status_code == 200 and again.json() == {"status": "duplicate", "seq": first["seq"]}
    batch = [incident("i1"), incident("i2"), incident("i2"), incident("i3", region="pacific")]
    r = client.post(f"{G}/incidents/batch", json={"incidents": batch}, headers=cast.headers("mission"))
    statuses = [x["status"] for x in r.json()["results"]]
    assert statuses.count("recorded") == 2 and statuses.count("duplicate") == 2
    listed = client.get(f"{G}/incidents", headers=cast.headers("press")).json()
    assert listed["total"] == 3 and listed["by_region"] == {"europe": 2, "pacific": 1}


def test_signed_votes_move_the_tally(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    for party, choice in (("FRA", "yes"), ("DEU", "yes"), ("TUR", "no")):
        r = client.post(f"{G}/votes", json=vote(cast, party, choice), headers=cast.headers(party))
        assert r.status_code == 201, r.text
    (tally,) = client.get(f"{G}/votes", headers=cast.headers("press")).json()
    assert tally["yes"] == ["DEU", "FRA"] and tally["no"] == ["TUR"]
    assert tally["rule"] == "consensus" and tally["passes_unless_objection"] is False
    assert tally["blocking"] == ["TUR"] and tally["passes_on_votes"] is False
    assert tally["unless_objection"] == "not agreed: consensus of the 32 casting a vote, 1 objecting"
    again = client.post(f"{G}/votes", json=vote(cast, "TUR", "yes"), headers=cast.headers("TUR"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "E600"  # one vote per motion


def test_forged_foreign_and_replayed_votes_are_refused_and_recorded(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    good = vote(cast, "FRA")
    assert client.post(f"{G}/votes", json=good, headers=cast.headers("FRA")).status_code == 201
    replay = client.post(f"{G}/votes", json=good, headers=cast.headers("FRA"))
    assert replay.status_code == 409 and replay.json()["error"]["code"] == "E804"
    forged = {"event": {**good["event"], "vote": "no", "nonce": "f" * 32}, "signature": good["signature"]}
    r = client.post(f"{G}/votes", json=forged, headers=cast.headers("FRA"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "E501"
    # DEU's token with a vote for FRA, signed by DEU's key: another party's vote.
    foreign = vote(cast, "DEU", party="FRA")
    r = client.post(f"{G}/votes", json=foreign, headers=cast.headers("DEU"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "E700"
    # An observer cannot vote at all.
    r = client.post(f"{G}/votes", json=vote(cast, "USA"), headers=cast.headers("press"))
    assert r.status_code == 403
    refused = client.get("/api/refusals", headers=cast.headers("press")).json()
    assert [x["code"] for x in refused] == ["E804", "E501", "E700", "E700"]
    (tally,) = client.get(f"{G}/votes", headers=cast.headers("press")).json()
    assert tally["yes"] == ["FRA"] and tally["no"] == []  # nothing refused was applied
    assert client.get("/api/ledger/verify", headers=cast.headers("press")).json()["ok"] is True


def test_a_replayed_nonce_in_a_new_event_is_refused(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    first = vote(cast, "FRA", nonce="n" * 32)
    assert client.post(f"{G}/votes", json=first, headers=cast.headers("FRA")).status_code == 201
    second = vote(cast, "FRA", "no", nonce="n" * 32)
    r = client.post(f"{G}/votes", json=second, headers=cast.headers("FRA"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "E804"


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("post", f"{G}/incidents", b"{not json", 400, "E503"),
        ("post", f"{G}/incidents", b"[1, 2]", 422, "E802"),
        ("post", f"{G}/incidents", b'{"id": 5, "time": "2026-11-20T10:00:00Z"}', 400, "E601"),
        ("post", f"{G}/incidents", b'{"id": "x", "time": "yesterday"}', 400, "E601"),
        ("post", f"{G}/incidents", b'{"id": "x", "time": "2026-11-20T10:00:00Z", "severity": 1.5}', 400, "E503"),
        ("post", "/api/guarantees/nope/incidents", b"{}", 404, "E800"),
        ("get", f"{G}/cases/nope", None, 404, "E800"),
        ("get", f"{G}/state?as_of=tomorrow", None, 422, "E802"),
        ("get", f"{G}/incidents?limit=abc", None, 422, "E802"),
        ("get", f"/api/ledger/entries?start={2**64}", None, 422, "E802"),
        ("get", "/api/no-such-route", None, 404, "E800"),
        ("post", f"{G}/votes", b'{"event": {}, "signature": 5}', 422, "E802"),
        ("post", f"{G}/decisions", b'{"body": "nac", "question": "q", "clause": "art99"}', 404, "E800"),
    ],
)
def test_bad_input_gets_a_4xx_in_the_one_error_shape(
    served: tuple[httpx.Client, Cast], method: str, path: str, body: bytes | None, status: int, code: str
) -> None:
    client, cast = served
    who = "FRA" if path.endswith("/votes") else "mission"
    r = client.request(method.upper(), path, content=body, headers=cast.headers(who))
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["code"] == code and error["message"] and error["docs"] == f"guarantor docs errors#{code.lower()}"


def test_oversized_bodies_and_missing_tokens(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    r = client.post(f"{G}/incidents", content=b"x" * 2_000_000, headers=cast.headers("mission"))
    assert r.status_code == 413 and r.json()["error"]["code"] == "E803"
    assert client.get(f"{G}/cases").json()["error"]["code"] == "E801"
    r = client.get(f"{G}/cases", headers={"Authorization": "Bearer gt_wrong"})
    assert r.status_code == 401


def test_roles_limit_what_each_principal_may_do(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    assert client.post(f"{G}/incidents", json=incident("x"), headers=cast.headers("FRA")).status_code == 403
    assert client.post(f"{G}/incidents", json=incident("x"), headers=cast.headers("press")).status_code == 403
    assert client.post("/api/ledger/checkpoints", headers=cast.headers("mission")).status_code == 403
    batch = {"incidents": [incident("y")]}
    assert client.post(f"{G}/incidents/batch", json=batch, headers=cast.headers("press")).status_code == 403
    r = client.post(f"{G}/consultations", json={"clause": "art4", "actor": "DEU"}, headers=cast.headers("FRA"))
    assert r.status_code == 403  # a party requests only in its own name
    r = client.post(f"{G}/consultations", json={"clause": "art4", "actor": "FRA"}, headers=cast.headers("FRA"))
    assert r.status_code == 201, r.text
    consultations = client.get(f"{G}/consultations", headers=cast.headers("press")).json()
    assert consultations[0]["requested_by"] == "FRA"


def test_a_decision_and_obligations_with_deadlines(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    client.post(f"{G}/incidents", json=incident("i1"), headers=cast.headers("mission"))
    attribution = {"type": "attribution_assessed", "time": "2026-11-20T18:00:00Z", "incident": "i1", "answer": True}
    assert client.post(f"{G}/events", json=attribution, headers=cast.headers("mission")).status_code == 201
    decision = {
        "time": "2026-11-21T12:00:00Z",
        "body": "nac",
        "clause": "art5",
        "question": "is this an Article 5 case?",
    }
    assert client.post(f"{G}/decisions", json=decision, headers=cast.headers("mission")).status_code == 201
    obligations = client.get(f"{G}/obligations", headers=cast.headers("press")).json()
    assert obligations and {o["clause"] for o in obligations} == {"art5"}
    assert all(o["overdue"] for o in obligations)  # due forthwith on 21 November, still pending now
    at_due = client.get(f"{G}/obligations", params={"as_of": "2026-11-21T12:00:00Z"}, headers=cast.headers("press"))
    assert not any(o["overdue"] for o in at_due.json())
    decisions = client.get(f"{G}/decisions", headers=cast.headers("press")).json()
    assert decisions[0]["status"] == "taken"
    before = client.get(f"{G}/state", params={"as_of": "2026-11-20T12:00:00Z"}, headers=cast.headers("press")).json()
    assert before["decisions"] == [] and before["cases"][0]["status"] == "awaiting-attribution"
    action = {"type": "action_reported", "time": "2026-11-22T12:00:00Z", "actor": "FRA", "clause": "art5"}
    body = {"action": "air policing", **action}
    from guarantor.server import signed_body

    r = client.post(
        f"{G}/actions", json=signed_body({**body, "guarantee": NATO}, cast.signers["FRA"]), headers=cast.headers("FRA")
    )
    assert r.status_code == 201, r.text
    after = {o["bearer"]: o for o in client.get(f"{G}/obligations", headers=cast.headers("press")).json()}
    assert after["FRA"]["status"] == "fulfilled" and not after["FRA"]["overdue"] and after["DEU"]["overdue"]


def test_ledger_status_checkpoints_and_entries(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    assert client.get("/api/ledger", headers=cast.headers("press")).json()["last_checkpoint"] is None
    made = client.post("/api/ledger/checkpoints", headers=cast.headers("admin"))
    assert made.status_code == 201
    status = client.get("/api/ledger", headers=cast.headers("press")).json()
    checkpoint = made.json()["checkpoint"]
    assert status["last_checkpoint"]["seq"] == checkpoint["seq"] == made.json()["seq"] - 1
    assert checkpoint["principal"] == "server" and len(checkpoint["signature"]) == 128
    entries = client.get("/api/ledger/entries", params={"start": 1, "limit": 2}, headers=cast.headers("press")).json()
    assert [e["seq"] for e in entries] == [1, 2] and entries[0]["event"]["type"] == "principal_registered"


def test_every_acknowledged_write_is_in_the_ledger(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    acked = [
        client.post(f"{G}/incidents", json=incident(f"k{i}"), headers=cast.headers("mission")).json() for i in range(20)
    ]
    with Ledger.open(cast.db) as ledger:
        stored = {e.seq: e.hash for e in ledger.entries()}
        assert ledger.verify().ok
    assert all(stored[a["seq"]] == a["hash"] for a in acked)


def test_the_openapi_schema_lists_the_api(served: tuple[httpx.Client, Cast]) -> None:
    client, _ = served
    schema = client.get("/openapi.json").json()
    assert f"{G.replace(NATO, '{gid}')}/votes" in schema["paths"]
    body = schema["paths"]["/api/guarantees/{gid}/incidents"]["post"]["requestBody"]
    assert "id" in body["content"]["application/json"]["schema"]["required"]


def test_an_admin_revokes_a_principals_tokens(served: tuple[httpx.Client, Cast]) -> None:
    client, cast = served
    assert client.get(f"{G}/cases", headers=cast.headers("press")).status_code == 200
    assert client.delete("/api/principals/press/tokens", headers=cast.headers("mission")).status_code == 403
    assert client.delete("/api/principals/admin/tokens", headers=cast.headers("admin")).status_code == 422
    r = client.delete("/api/principals/press/tokens", headers=cast.headers("admin"))
    assert r.status_code == 200 and r.json() == {"status": "revoked", "principal": "press", "tokens": 1}
    r = client.get(f"{G}/cases", headers=cast.headers("press"))
    assert r.status_code == 401 and r.json()["error"]["code"] == "E801"
    r = client.delete("/api/principals/press/tokens", headers=cast.headers("admin"))
    assert r.status_code == 404 and r.json()["error"]["code"] == "E800"


def test_admin_revoke_on_the_command_line_reaches_a_running_server(tmp_path: Path) -> None:
    def revoke(*extra: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "guarantor", "admin", "revoke", "mission", "--db", db, *extra]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    db = f"sqlite:///{tmp_path / 'g.db'}"
    cast = populate(db, tmp_path / "server.key")
    settings = Settings(db=db, key_file=cast.key, token_cache_seconds=0)
    with running(settings) as base, httpx.Client(base_url=base, timeout=30) as client:
        load_nato(client, cast)
        assert client.post(f"{G}/incidents", json=incident("a"), headers=cast.headers("mission")).status_code == 201
        result = revoke("--json")
        assert result.returncode == 0 and json.loads(result.stdout)["tokens"] == 1, result.stderr
        r = client.post(f"{G}/incidents", json=incident("b"), headers=cast.headers("mission"))
        assert r.status_code == 401
    again = revoke()
    assert again.returncode == 2 and "E800" in again.stderr and "Traceback" not in again.stderr
