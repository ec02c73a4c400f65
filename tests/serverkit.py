"""A real server for tests and benchmarks: uvicorn in a thread on 127.0.0.1, with principals and tokens."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from guarantor.ledger import Role, Signer
from guarantor.server import Settings, add_principal, create_app, init_server, signed_body
from guarantor.spec import library_path

NATO = "nato-1949"


@dataclass
class Cast:
    """The principals of a test server: tokens by name, and the parties' signers."""

    db: str
    key: Path
    tokens: dict[str, str] = field(default_factory=dict)
    signers: dict[str, Signer] = field(default_factory=dict)

    def headers(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


def populate(db: str, key: Path, parties: tuple[str, ...] = ("FRA", "DEU", "USA", "TUR")) -> Cast:
    cast = Cast(db, key)
    cast.tokens["admin"] = init_server(db, key).token
    for name, role in (("mission", Role.MONITOR), ("press", Role.OBSERVER)):
        cast.tokens[name] = add_principal(db, key, name, role, None).token
    for party in parties:
        cast.signers[party] = Signer.generate(party)
        cast.tokens[party] = add_principal(db, key, party, Role.PARTY, cast.signers[party].public_key).token
    return cast


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """Serve ``create_app(settings)`` on a free port of 127.0.0.1; yields the base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def load_nato(client: httpx.Client, cast: Cast) -> None:
    spec = library_path(NATO).read_text(encoding="utf-8")
    response = client.post("/api/guarantees", json={"spec": spec}, headers=cast.headers("admin"))
    assert response.status_code == 201, response.text


def incident(ident: str, **extra: Any) -> dict[str, Any]:
    base = {
        "id": ident,
        "time": "2026-11-20T10:00:00Z",
        "kind": "armed-attack",
        "against": "EST",
        "by": "RUS",
        "country": "EST",
        "region": "europe",
        "severity": 3,
    }
    return {**base, **extra}


def vote(
    cast: Cast, signer: str, choice: str = "yes", motion: str = "art5-i1", *, party: str | None = None, **extra: Any
) -> dict[str, Any]:
    """A vote signed by ``signer``'s key, for ``party`` (default: the signer itself)."""
    event = {
        "type": "vote_cast",
        "time": "2026-11-21T10:00:00Z",
        "party": party or signer,
        "body": "nac",
        "motion": motion,
        "vote": choice,
        "guarantee": NATO,
        **extra,
    }
    return signed_body(event, cast.signers[signer])
