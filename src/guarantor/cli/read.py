"""``guarantor read FILE|-``: read a news report into incidents and statements (runtime events)."""

from __future__ import annotations

import json
from datetime import date
from types import ModuleType

import click

from guarantor.cli._common import EXIT_OK, check_writable, emit_json, fail, json_option, write_output
from guarantor.errors import GuarantorError, ReadingError
from guarantor.spec import load_spec, resolve_spec_path
from guarantor.spec.model import Spec

__all__ = ["read"]


def _reading() -> ModuleType:
    """The reader, imported only when asked for: it needs the ``read`` extra (dateparser, rapidfuzz, jellyfish),
    which a plain or demo install does not have."""
    try:
        import guarantor.reading as reading
    except ImportError as exc:
        raise ReadingError(
            f"guarantor read needs the 'read' extra ({exc.name} is not installed)",
            hint="pip install 'guarantor-spec[read]'",
        ) from None
    return reading


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReadingError(f"--date must be a date YYYY-MM-DD, got {text!r}", hint="e.g. --date 2025-08-17") from None


@click.command("read")
@click.argument("file")
@click.option(
    "--spec", "spec_name", default=None, help="Name parties and clauses as this spec does (path or bundled name)."
)
@click.option("--date", "day", default=None, help="The report's date, where its dateline has none (YYYY-MM-DD).")
@click.option(
    "-o", "--output", default=None, help="Write the runtime events as JSON lines to this file (- = standard output)."
)
@json_option
def read(file: str, spec_name: str | None, day: str | None, output: str | None, as_json: bool) -> None:
    """Read the news report FILE (- = standard input): incidents and statements, actors resolved."""
    try:
        check_writable(output, "-o", ReadingError)
        spec: Spec | None = load_spec(resolve_spec_path(spec_name)) if spec_name else None
        lib = _reading()
        reading, text = lib.read_file(file, day=_day(day))
        events = lib.reading_events(reading, text, spec=spec)
        if output is not None:
            lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events.events)
            write_output(output, lines, ReadingError)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json({**reading.to_json(), "events": events.events, "skipped": events.skipped})
    elif output != "-":
        for line in lib.reading_table(reading):
            click.echo(line)
    raise SystemExit(EXIT_OK)
