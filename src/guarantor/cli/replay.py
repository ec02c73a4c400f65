"""``guarantor replay SPEC [SPEC...] EVENTS``: run guarantees over one timeline and print every state change."""

from __future__ import annotations

from datetime import datetime

import click

from guarantor.bounded import STDIN, read_bounded
from guarantor.cli._common import EXIT_OK, emit_json, fail, json_option
from guarantor.errors import GuarantorError, TimelineError
from guarantor.runtime import Replay, parse_timeline, replay_all
from guarantor.runtime.events import Event, utc
from guarantor.runtime.feeds import load_events
from guarantor.runtime.timeline import MAX_TIMELINE
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


def _events(path: str) -> list[Event]:
    """A timeline, a `ledger export` or a `sources ingest` file (runtime/feeds.load_events)."""
    if path == STDIN:
        return parse_timeline(
            read_bounded(STDIN, MAX_TIMELINE, error=TimelineError, what="the timeline"), "<stdin>"
        ).events
    return load_events(path)


@click.command("replay")
@click.argument("spec", nargs=-1, required=True)
@click.argument("events")
@click.option("--as-of", "as_of", default=None, help="State as of this date or time (UTC); default: the last event.")
@json_option
def replay(spec: tuple[str, ...], events: str, as_of: str | None, as_json: bool) -> None:
    """Replay the timeline EVENTS (YAML or JSONL, a ledger export or an ingested incidents file; - for standard
    input) against each SPEC (a path or a bundled name). With several specs, each event goes to the instrument
    it names (docs/runtime.md)."""
    try:
        specs = [load_spec(resolve_spec_path(s)) for s in spec]
        results = replay_all(specs, _events(events), _as_of(as_of))
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json(_json(results))
    else:
        for line in _text(results):
            click.echo(line)
    raise SystemExit(EXIT_OK)


def _json(results: tuple[Replay, ...]) -> object:
    if len(results) == 1:
        return results[0].to_json()
    return {"instruments": [{"spec": r.state.spec_id, **r.to_json()} for r in results]}


def _text(results: tuple[Replay, ...]) -> list[str]:
    if len(results) == 1:
        return results[0].lines()
    out: list[str] = []
    for r in results:
        out += [f"== {r.state.spec_id} ==", *r.lines(), ""]
    return out
