"""`guarantor admin`: set up a server's store and key, create principals and print their tokens (once)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from guarantor.cli._common import emit_json, guarded, json_option
from guarantor.errors import RequestError, StoreError

ROLES = ("party", "monitor", "observer", "admin")

db_option = click.option(
    "--db",
    default="sqlite:///guarantor.db",
    show_default=True,
    metavar="URL",
    help="The store: a SQLite path, sqlite:///PATH or postgresql://USER@HOST:PORT/DB.",
)
key_option = click.option(
    "--key",
    "key_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The server's private key [beside a SQLite file: DB.key; required for PostgreSQL].",
)


def server_key(db: str, key_file: Path | None) -> Path:
    from guarantor.server.settings import default_key_file

    return key_file if key_file is not None else default_key_file(db)


def _server() -> Any:
    try:
        import guarantor.server as server
    except ImportError as exc:
        raise StoreError(
            f"the server is not installed ({exc.name} missing)", hint="pip install 'guarantor-spec[server]'"
        ) from None
    return server


def _require_store(db: str) -> None:
    """A store made by `admin init`: a missing or foreign --db is refused here, naming it, before the server
    opens it (and before a missing SQLite file would be created empty)."""
    from guarantor.ledger import Ledger

    try:
        with Ledger.open(db) as ledger:
            ledger.head()
    except StoreError as exc:
        raise StoreError(
            exc.message, hint=f"run `guarantor admin init --db {db}` first", location=exc.location
        ) from None


def _print_issued(issued: Any, as_json: bool) -> None:
    if as_json:
        emit_json(issued.to_json())
        return
    click.echo(f"{issued.name} ({issued.role.value}) token, shown only this once:")
    click.echo(issued.token)


@click.group("admin")
def admin() -> None:
    """Set up a server (store, key, first admin) and create principals with tokens."""


@admin.command("init")
@db_option
@key_option
@click.option("--admin", "admin_name", default="admin", show_default=True, help="Name of the first admin.")
@json_option
@guarded
def init(db: str, key_file: Path | None, admin_name: str, as_json: bool) -> None:
    """Create the store and the server key (idempotent) and print a token for the first admin."""
    _print_issued(_server().init_server(db, server_key(db, key_file), admin=admin_name), as_json)


@admin.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the principal may do.")
@click.option("--public-key", metavar="HEX", help="The principal's Ed25519 public key (parties sign votes with it).")
@click.option(
    "--key-out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Generate the principal's key pair here (mode 0600) and register its public key.",
)
@db_option
@key_option
@json_option
@guarded
def add(
    name: str,
    role: str,
    public_key: str | None,
    key_out: Path | None,
    db: str,
    key_file: Path | None,
    as_json: bool,
) -> None:
    """Create principal NAME with --role and print its token (once). A party's name is its id in the spec."""
    from guarantor.ledger import Role, generate_private_key, public_key_text, save_private_key

    if public_key and key_out:
        raise RequestError("give --public-key or --key-out, not both", hint="--key-out generates the key pair")
    _require_store(db)
    if key_out is not None:
        private = generate_private_key()
        save_private_key(private, key_out)
        public_key = public_key_text(private)
    issued = _server().add_principal(db, server_key(db, key_file), name, Role(role), public_key)
    _print_issued(issued, as_json)


@admin.command("revoke")
@click.argument("name")
@db_option
@json_option
@guarded
def revoke(name: str, db: str, as_json: bool) -> None:
    """Revoke every token of principal NAME (a running server stops accepting them within 5 s)."""
    _require_store(db)
    count = _server().revoke_tokens(db, name)
    if as_json:
        emit_json({"status": "revoked", "principal": name, "tokens": count})
        return
    click.echo(f"revoked {count} token{'s' if count != 1 else ''} of {name}")


@admin.command("list")
@db_option
@json_option
@guarded
def list_principals(db: str, as_json: bool) -> None:
    """List the principals that hold tokens, with their roles."""
    from guarantor.server.tokens import TokenDirectory

    _require_store(db)
    directory = TokenDirectory(db)
    try:
        found = directory.principals()
    finally:
        directory.close()
    if as_json:
        emit_json([{"principal": name, "role": role.value} for name, role in sorted(found.items())])
        return
    for name, role in sorted(found.items()):
        click.echo(f"{name:<24} {role.value}")
