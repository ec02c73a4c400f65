"""`guarantor ledger`: create, sign into, verify and read a ledger."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from guarantor.bounded import STDIN, input_name, read_bounded
from guarantor.cli._common import (
    EXIT_FINDINGS,
    STDOUT,
    check_writable,
    emit_json,
    guarded,
    json_option,
    one_on_stdout,
    open_output,
    write_output,
)
from guarantor.errors import LedgerError, LedgerEventError, Location, PermissionDenied
from guarantor.ledger import (
    Ledger,
    Role,
    Signer,
    check_checkpoint,
    generate_private_key,
    load_checkpoint,
    load_private_key,
    make_checkpoint,
    parse_json,
    public_key_text,
    save_private_key,
)
from guarantor.runtime.permissions import runtime_policy

APPEND_LIMIT = 16 * 1024 * 1024  # events to append in one transaction, as JSON

db_option = click.option(
    "--db", "db", required=True, metavar="URL", help="Ledger: a SQLite path, sqlite:///PATH or postgresql://..."
)
key_option = click.option(
    "--key",
    "key_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Private key file of the submitting principal (from `keygen`).",
)
as_option = click.option(
    "--as", "as_name", metavar="PRINCIPAL", help="Submitting principal; found from the key when omitted."
)


def open_ledger(db: str, *, create: bool = False) -> Ledger:
    """The ledger at ``db`` under the runtime's permission policy (who may submit which event)."""
    return Ledger.open(db, create=create, policy=runtime_policy())


def signer_for(ledger: Ledger, key_file: Path, as_name: str | None) -> Signer:
    key = load_private_key(key_file)
    name = as_name or ledger.principal_for_key(public_key_text(key))
    if name is None:
        raise PermissionDenied(
            f"no single principal is registered with the key in {key_file}",
            hint="name it with --as PRINCIPAL",
        )
    return Signer(name, key)


@click.group("ledger")
def ledger() -> None:
    """The tamper-evident ledger: signed, hash-chained entries."""


@ledger.command("init")
@db_option
@click.option("--admin", metavar="PRINCIPAL", help="Also write the genesis entry registering this admin.")
@click.option("--key", "key_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Admin key.")
@json_option
@guarded
def init(db: str, admin: str | None, key_file: Path | None, as_json: bool) -> None:
    """Create the ledger schema at --db (idempotent); with --admin and --key, write the genesis entry."""
    if (admin is None) != (key_file is None):
        raise LedgerEventError("--admin and --key go together", hint="pass both, or neither")
    with open_ledger(db, create=True) as opened:
        receipt = opened.genesis(Signer(admin, load_private_key(key_file))) if admin and key_file else None
        head = opened.head()
    if as_json:
        emit_json({"db": db, "head": head.seq, "genesis": receipt.to_dict() if receipt else None})
    else:
        click.echo(f"ledger ready at {db} ({head.seq} entries)")


@ledger.command("keygen")
@click.argument("principal")
@click.option("-o", "--output", default=None, metavar="FILE", help="Key file [PRINCIPAL.key]; never standard output.")
@json_option
@guarded
def keygen(principal: str, output: str | None, as_json: bool) -> None:
    """Write a new Ed25519 private key for PRINCIPAL (mode 0600) and print its public key."""
    if output == STDOUT:
        raise LedgerError(
            "-o -: a private key is written only to a new file readable by its owner (mode 0600), never to "
            "standard output",
            hint="give -o FILE",
        )
    path = Path(output or f"{principal}.key")
    check_writable(str(path), "-o", LedgerError)
    key = generate_private_key()
    save_private_key(key, path)
    if as_json:
        emit_json({"principal": principal, "public_key": public_key_text(key), "key_file": str(path)})
    else:
        click.echo(public_key_text(key))


@ledger.command("register")
@click.argument("principal")
@click.argument("public_key")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@db_option
@key_option
@as_option
@json_option
@guarded
def register(
    principal: str, public_key: str, role: str, db: str, key_file: Path, as_name: str | None, as_json: bool
) -> None:
    """Register PRINCIPAL with PUBLIC_KEY and --role, signed by an admin's --key."""
    with open_ledger(db) as opened:
        if opened.head().seq == 0 and as_name is None:
            as_name = principal  # genesis: the admin registers itself
        receipt = opened.register(principal, public_key, role, by=signer_for(opened, key_file, as_name))
    _receipts([receipt.to_dict()], as_json)


@ledger.command("append")
@click.argument("source", default=STDIN)
@db_option
@key_option
@as_option
@json_option
@guarded
def append(source: str, db: str, key_file: Path, as_name: str | None, as_json: bool) -> None:
    """Sign and append the event(s) in SOURCE (a JSON object or array; default stdin), in one transaction."""
    name = input_name(source)
    try:
        value = parse_json(read_bounded(source, APPEND_LIMIT, error=LedgerEventError, what="the events"))
        events = value if isinstance(value, list) else [value]
        if not events or not all(isinstance(e, dict) for e in events):
            raise LedgerEventError(
                "the input must be a JSON object or a non-empty array of objects",
                hint='e.g. {"type": "vote_cast", "time": "2026-11-25T12:00:00Z", ...}',
            )
        with open_ledger(db) as opened:
            signer = signer_for(opened, key_file, as_name)
            receipts = opened.append_batch([(event, signer) for event in events])
    except LedgerEventError as exc:  # the events themselves: name the file they came from
        raise LedgerEventError(exc.message, hint=exc.hint, location=exc.location or Location(name)) from None
    _receipts([r.to_dict() for r in receipts], as_json)


def _receipts(receipts: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        emit_json({"appended": receipts})
        return
    for receipt in receipts:
        click.echo(f"{receipt['seq']} {receipt['hash']}")


@ledger.command("verify")
@db_option
@click.option(
    "--expect-head",
    "expect_head",
    type=click.Path(dir_okay=False),
    help="A checkpoint file (from `ledger checkpoint`): the ledger must still hold the entry it names.",
)
@json_option
@guarded
def verify(db: str, expect_head: str | None, as_json: bool) -> None:
    """Check the whole chain; name the first bad entry. Exit 1 when the ledger does not verify."""
    checkpoint = load_checkpoint(expect_head) if expect_head else None
    with open_ledger(db) as opened:
        result = opened.verify()
        if checkpoint is not None:
            result = check_checkpoint(opened, checkpoint, result)
    if as_json:
        emit_json(result.to_dict())
    elif result.problem is None:
        click.echo(f"ok: {result.entries} entries, head {result.head.hash}")
    else:
        click.echo(f"entry {result.problem.seq}: {result.problem.kind}: {result.problem.message}", err=True)
        click.echo(f"{result.entries} entries before it verify", err=True)
    if not result.ok:
        sys.exit(EXIT_FINDINGS)


@ledger.command("show")
@db_option
@click.option("--from", "start", type=click.IntRange(min=1), default=1, help="First sequence number.")
@click.option("--limit", type=click.IntRange(min=1), default=50, help="At most this many entries.")
@json_option
@guarded
def show(db: str, start: int, limit: int, as_json: bool) -> None:
    """Print entries from --from on: seq, time recorded, principal, event."""
    with open_ledger(db) as opened:
        entries = [e for _, e in zip(range(limit), opened.entries(start), strict=False)]
    if as_json:
        emit_json([e.to_dict() for e in entries])
        return
    for entry in entries:
        click.echo(f"{entry.seq:>6} {entry.recorded_at} {entry.principal:<12} {entry.event}")


@ledger.command("checkpoint")
@db_option
@key_option
@as_option
@click.option("-o", "--output", default=STDOUT, metavar="FILE", help="Checkpoint file ('-': standard output).")
@json_option
@guarded
def checkpoint(db: str, key_file: Path, as_name: str | None, output: str, as_json: bool) -> None:
    """Verify the ledger and write a signed checkpoint of its head, to keep outside the database. The checkpoint
    is JSON: with -o - it is the output, --json or not."""
    check_writable(output, "-o", LedgerError)
    with open_ledger(db) as opened:
        made = make_checkpoint(opened, signer_for(opened, key_file, as_name))
    write_output(output, json.dumps(made.to_json(), indent=2) + "\n", LedgerError)
    if output == STDOUT:
        return
    if as_json:
        emit_json({"checkpoint": output, "seq": made.seq, "hash": made.hash})
    else:
        click.echo(f"checkpoint of entry {made.seq} written to {output}")


@ledger.command("export")
@db_option
@click.option("-o", "--output", default=STDOUT, metavar="FILE", help="Output file ('-': standard output).")
@json_option
@guarded
def export(db: str, output: str, as_json: bool) -> None:
    """Write every entry, all fields, as JSON Lines; --json then prints where and how many."""
    one_on_stdout(LedgerError, as_json, ("-o", output))
    check_writable(output, "-o", LedgerError)
    count = 0
    with open_ledger(db) as opened, open_output(output, LedgerError) as out:
        for entry in opened.entries():
            out.write(json.dumps(entry.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    if as_json:
        emit_json({"output": output, "entries": count})


@ledger.command("principals")
@db_option
@json_option
@guarded
def principals(db: str, as_json: bool) -> None:
    """List registered principals with their roles and keys."""
    with open_ledger(db) as opened:
        found = sorted(opened.principals().values(), key=lambda p: p.name)
    if as_json:
        emit_json([p.to_dict() for p in found])
        return
    for p in found:
        click.echo(f"{p.name:<16} {p.role.value:<9} {p.public_key} (entry {p.registered_seq})")
