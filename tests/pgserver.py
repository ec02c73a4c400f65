"""A throwaway PostgreSQL server for tests and benchmarks: initdb in a temp dir, pg_ctl start, stop.

``initdb`` refuses to run as root, so as root the binaries run as the ``postgres`` user (``runuser``) in a
temp dir owned by it. The server listens on a free port on 127.0.0.1, its unix socket in the temp dir.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["missing_binaries", "new_database", "throwaway_postgres"]


def missing_binaries() -> str | None:
    """Why no throwaway server can start here, or None when it can."""
    absent = [name for name in ("initdb", "pg_ctl") if shutil.which(name) is None]
    if absent:
        return f"PostgreSQL binaries not on PATH: {', '.join(absent)}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run initdb as"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def throwaway_postgres(*, fsync: bool = True) -> Iterator[str]:
    """Start a server and yield its URL (``postgresql://postgres@127.0.0.1:PORT/postgres``)."""
    reason = missing_binaries()
    if reason:
        raise RuntimeError(reason)
    root = Path(tempfile.mkdtemp(prefix="guarantor-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()
    run = [*prefix]
    subprocess.run(
        [*run, "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync={'on' if fsync else 'off'}"
    subprocess.run(
        [*run, "pg_ctl", "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run, "pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def new_database(server_url: str) -> str:
    """Create an empty database on the server and return its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"
