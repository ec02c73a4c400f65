"""`guarantor serve`: the HTTP API and dashboard over a ledger, served by uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import click

from guarantor.cli._common import guarded
from guarantor.cli.admin import _server, db_option, key_option, server_key


@click.command("serve")
@db_option
@key_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--max-body", default=1_048_576, show_default=True, type=click.IntRange(1024), help="Largest request body, bytes."
)
@click.option("--json", "as_json", is_flag=True, help="Errors as JSON.")
@guarded
def serve(db: str, key_file: Path | None, host: str, port: int, workers: int, max_body: int, as_json: bool) -> None:
    """Serve the API (/api, schema at /openapi.json) and the dashboard (/) until interrupted.

    Run `guarantor admin init` first. Several --workers share the store (use PostgreSQL for shared use).
    """
    server = _server()
    import uvicorn

    key = server_key(db, key_file)
    server.admin.preflight(db, key)
    settings = server.Settings(db=db, key_file=key, max_body_bytes=max_body)
    if workers == 1:
        uvicorn.run(server.create_app(settings), host=host, port=port, log_level="warning")
        return
    os.environ[server.settings.ENV_SETTINGS] = settings.to_env()
    uvicorn.run(
        "guarantor.server.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning"
    )
