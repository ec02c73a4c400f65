"""``guarantor replay SPEC EVENTS``: run a guarantee over a timeline and print every state change."""

from __future__ import annotations

from datetime import datetime

import click

from guarantor.cli._common import EXIT_OK, emit_json, fail, json_option
from guarantor.errors import GuarantorError, TimelineError
from guarantor.runtime import replay as run_replay
from guarantor.runtime.events import utc
from guarantor.runtime.feeds import load_events
from guarantor.spec import load_spec, resolve_spec_path

__all__ = ["replay"]


def _as_of(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = utc(text)
    except ValueError:
        raise TimelineError(
            f"--as-of must be a date or an ISO 8601 time, got {text!r}", hint="e.g. 2001-10-03 or 2001-10-03T12:00Z"
        ) from None
    # A bare date means the end of that day: everything that happened on it counts.
    return moment.replace(hour=23, minute=59, second=59) if len(text.strip()) == 10 else moment


@click.command("replay")
@click.argument("spec")
@click.argument("events", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", default=None, help="State as of this date or time (UTC); default: the last event.")
@json_option
def replay(spec: str, events: str, as_of: str | None, as_json: bool) -> None:
    """Replay the timeline EVENTS against SPEC (a path or a bundled name).

    EVENTS: a YAML or JSONL timeline, a `guarantor ledger export` or a `guarantor sources ingest` file."""
    try:
        loaded = load_spec(resolve_spec_path(spec))
        result = run_replay(loaded, load_events(events), _as_of(as_of))
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json(result.to_json())
    else:
        for line in result.lines():
            click.echo(line)
    raise SystemExit(EXIT_OK)
