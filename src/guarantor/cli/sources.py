"""``guarantor sources``: read and ingest incident feeds, list and re-submit quarantined rows."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from guarantor.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    STDOUT,
    check_writable,
    emit_json,
    fail,
    json_option,
    one_on_stdout,
    open_output,
)
from guarantor.errors import GuarantorError, Location, MappingError, SourceError, SourceFormatError
from guarantor.sources import (
    FORMATS,
    Incident,
    IncidentSet,
    IngestSummary,
    JsonlQuarantine,
    QuarantineEntry,
    Rejection,
    incident_to_dict,
    load_incidents,
    load_mapping,
    read,
    resubmit,
    save_incidents,
)

__all__ = ["sources"]

DEFAULT_STORE = Path(".guarantor") / "sources"


def _store_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--store",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_STORE,
        show_default=True,
        envvar="GUARANTOR_SOURCES_STORE",
        help="Folder holding incidents.jsonl and quarantine.jsonl.",
    )(func)


def _feed_options(func: click.decorators.FC) -> click.decorators.FC:
    func = click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path), help="Column mapping YAML.")(func)
    func = click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Feed format.")(func)
    return click.argument("file", type=click.Path(dir_okay=False, path_type=Path))(func)


def _rows(file: Path, fmt: str, mapping: Path | None) -> Iterator[Incident | Rejection]:
    if mapping is None and fmt in ("csv", "jsonl"):
        raise MappingError(f"format {fmt!r} needs a column mapping", hint="pass --mapping MAP.yaml")
    return read(file, fmt, mapping=load_mapping(mapping) if mapping else None)


def _report(summary: IngestSummary, file: Path, fmt: str, limit: int, as_json: bool, *, err: bool = False) -> None:
    if as_json:
        rejected = [r.to_dict() for r in summary.rejected]
        emit_json({"file": str(file), "format": fmt, "counts": summary.counts(), "rejected": rejected})
        return
    counts = ", ".join(f"{n} {name}" for name, n in summary.counts().items())
    click.echo(f"{file} ({fmt}): {summary.rows} rows: {counts}", err=err)
    for rejection in summary.rejected[:limit]:
        click.echo(f"  rejected {rejection}", err=err)
    if len(summary.rejected) > limit:
        click.echo(f"  ... and {len(summary.rejected) - limit} more (--limit)", err=err)


@click.group("sources")
def sources() -> None:
    """Read incident feeds (ACLED, UCDP GED, CSV, JSONL) into incidents; quarantine bad rows."""


@sources.command("read")
@_feed_options
@click.option("-o", "--output", default=None, metavar="FILE", help="Write incidents as JSONL ('-': standard output).")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Rejections to print.")
@json_option
def read_command(file: Path, fmt: str, mapping: Path | None, output: str | None, limit: int, as_json: bool) -> None:
    """Read FILE and report every row: incidents, and rejections with row, column and reason. With -o - the
    incidents go to standard output and the report to standard error.

    Exit 0 when every row was read, 1 when some were rejected, 2 when the file cannot be read."""
    try:
        one_on_stdout(SourceError, as_json, ("-o", output))
        check_writable(output, "-o", SourceError)
        incidents = IncidentSet()
        summary = incidents.ingest(_rows(file, fmt, mapping))
        if output is not None:
            _save(incidents, output)
    except GuarantorError as error:
        fail(error, as_json=as_json)
    _report(summary, file, fmt, limit, as_json, err=output == STDOUT)
    sys.exit(EXIT_FINDINGS if summary.rejected else EXIT_OK)


def _save(incidents: IncidentSet, output: str) -> None:
    """The incidents as JSON Lines, written in place: a device or a pipe (``/dev/stdout``) stays what it is."""
    with open_output(output, SourceError) as out:
        for incident in incidents.versions():
            out.write(json.dumps(incident_to_dict(incident), ensure_ascii=False) + "\n")


@contextmanager
def _store_files(store: Path) -> Iterator[None]:
    """A store whose files guarantor cannot read or write (another file, a folder, bytes that are not its JSON
    Lines): one error naming the store, with the fix."""
    hint = f"move {store / 'incidents.jsonl'} and {store / 'quarantine.jsonl'} aside, or give another --store"
    try:
        yield
    except GuarantorError as exc:
        if exc.hint or str(store) not in str(exc):
            raise
        raise type(exc)(exc.message, hint=hint, location=exc.location) from None
    except (OSError, UnicodeDecodeError, RecursionError, json.JSONDecodeError) as exc:
        where = getattr(exc, "filename", None) or store
        raise SourceFormatError(
            f"the store {store} holds a file guarantor cannot use: {exc}", hint=hint, location=Location(str(where))
        ) from None


@sources.command("ingest")
@_feed_options
@_store_option
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Rejections to print.")
@json_option
def ingest_command(file: Path, fmt: str, mapping: Path | None, store: Path, limit: int, as_json: bool) -> None:
    """Add FILE's incidents to the store: new, unchanged or superseded by id; bad rows to the quarantine.

    Exit 0 when every row was read, 1 when some were rejected, 2 when the file cannot be read."""
    try:
        with _store_files(store):
            store.mkdir(parents=True, exist_ok=True)
            incidents = load_incidents(store / "incidents.jsonl")
            summary = incidents.ingest(_rows(file, fmt, mapping), JsonlQuarantine(store / "quarantine.jsonl"))
            save_incidents(incidents, store / "incidents.jsonl")
    except GuarantorError as error:
        fail(error, as_json=as_json)
    _report(summary, file, fmt, limit, as_json)
    sys.exit(EXIT_FINDINGS if summary.rejected else EXIT_OK)


@sources.group("quarantine")
def quarantine() -> None:
    """List and re-submit rejected rows."""


def _entry_line(entry: QuarantineEntry) -> str:
    r = entry.rejection
    column = f" [{r.column}]" if r.column else ""
    done = f" -> {entry.resolved_as[0]}:{entry.resolved_as[1]}" if entry.resolved_as else ""
    return f"{entry.id}  {entry.status.value:8}  {r.file}:{r.row}{column}: {r.reason}{done}"


@quarantine.command("list")
@_store_option
@click.option("--all", "include_resolved", is_flag=True, help="Include resolved entries.")
@json_option
def list_command(store: Path, include_resolved: bool, as_json: bool) -> None:
    """List quarantined rows (open ones unless --all). Exit 1 when any is open."""
    try:
        with _store_files(store):
            entries = JsonlQuarantine(store / "quarantine.jsonl").entries(include_resolved=include_resolved)
    except GuarantorError as error:
        fail(error, as_json=as_json)
    if as_json:
        emit_json({"entries": [e.to_dict() for e in entries]})
    else:
        for entry in entries:
            click.echo(_entry_line(entry))
        click.echo(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
    sys.exit(EXIT_FINDINGS if any(e.resolved_as is None for e in entries) else EXIT_OK)


def _fixes(sets: tuple[str, ...], unsets: tuple[str, ...]) -> dict[str, str | None]:
    fixes: dict[str, str | None] = {}
    for item in sets:
        column, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: expected COLUMN=VALUE", param_hint="--set")
        fixes[column] = value
    fixes.update(dict.fromkeys(unsets))
    return fixes


@quarantine.command("resubmit")
@click.argument("entry_id")
@_store_option
@click.option("--set", "sets", multiple=True, metavar="COLUMN=VALUE", help="Fix a cell (repeatable).")
@click.option("--unset", "unsets", multiple=True, metavar="COLUMN", help="Remove a cell, e.g. an extra '#32'.")
@json_option
def resubmit_command(entry_id: str, store: Path, sets: tuple[str, ...], unsets: tuple[str, ...], as_json: bool) -> None:
    """Parse quarantined row ENTRY_ID again with fixes; on success it joins the incidents.

    Exit 0 when accepted, 1 when still rejected, 2 when the entry is unknown."""
    fixes = _fixes(sets, unsets)
    try:
        with _store_files(store):
            incidents = load_incidents(store / "incidents.jsonl")
            result = resubmit(JsonlQuarantine(store / "quarantine.jsonl"), entry_id, incidents, fixes)
            if isinstance(result, Incident):
                save_incidents(incidents, store / "incidents.jsonl")
    except GuarantorError as error:
        fail(error, as_json=as_json)
    accepted = isinstance(result, Incident)
    if as_json:
        body = incident_to_dict(result) if isinstance(result, Incident) else result.to_dict()
        emit_json({"id": entry_id, "accepted": accepted, "incident" if accepted else "rejection": body})
    elif isinstance(result, Incident):
        click.echo(f"{entry_id}: accepted as {result.source}:{result.source_id}")
    else:
        click.echo(f"{entry_id}: still rejected: {result}")
    sys.exit(EXIT_OK if accepted else EXIT_FINDINGS)
