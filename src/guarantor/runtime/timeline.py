"""Reading a timeline file: YAML (a list of events, or a mapping with ``events``) or JSONL (one per line).

A malformed event is reported with the file, the entry number and line, and the form expected.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guarantor.bounded import read_bounded
from guarantor.errors import Location, SpecSyntaxError, TimelineError
from guarantor.runtime.events import Event, event_from_json, event_to_json
from guarantor.spec.yamlpos import parse_yaml

__all__ = ["Timeline", "dump_jsonl", "load_timeline", "parse_timeline"]

MAX_TIMELINE = 256 * 1024 * 1024  # read at most this much of a timeline file (a YAML one stops at 8 MiB)


class Timeline:
    """The events of a timeline file, with its optional header (``spec``, ``title``, ``as_of``)."""

    def __init__(self, events: list[Event], header: dict[str, Any], file: str) -> None:
        self.events = events
        self.header = header
        self.file = file


def load_timeline(path: str | Path) -> Timeline:
    """Read a ``.yaml``/``.yml`` or ``.jsonl`` timeline file."""
    p = Path(path)
    return parse_timeline(read_bounded(p, MAX_TIMELINE, error=TimelineError, what="the timeline"), str(p))


def parse_timeline(raw: bytes, file: str) -> Timeline:
    """A timeline from bytes: JSONL by the file's extension, or (standard input) when its first entry is a
    JSON object on one line; YAML otherwise."""
    if file.endswith((".jsonl", ".ndjson")) or (not file.endswith((".yaml", ".yml")) and _looks_jsonl(raw)):
        return _jsonl(raw.decode("utf-8", errors="replace"), file)
    return _yaml(raw, file)


def _looks_jsonl(raw: bytes) -> bool:
    for line in raw.decode("utf-8", errors="replace").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            try:
                return isinstance(json.loads(text), dict)
            except json.JSONDecodeError:
                return False
    return False


def _jsonl(text: str, file: str) -> Timeline:
    events: list[Event] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{file}:{line_no}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TimelineError(
                f"{where}: not JSON: {exc.msg}", hint="write one JSON object per line", location=Location(file, line_no)
            ) from None
        events.append(_event(data, where, Location(file, line_no)))
    return Timeline(events, {}, file)


def _yaml(raw: bytes, file: str) -> Timeline:
    try:
        doc = parse_yaml(raw, file)
    except SpecSyntaxError as exc:
        raise TimelineError(exc.message, hint=exc.hint, location=exc.location) from None
    data = doc.data
    header: dict[str, Any] = {}
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict):
        header = {k: v for k, v in data.items() if k != "events"}
        data, prefix = data.get("events"), ("events",)
    if not isinstance(data, list):
        raise TimelineError(
            f"{file}: a timeline is a list of events, or a mapping with 'events:'",
            hint="see `guarantor docs runtime#the-timeline`",
            location=Location(file, 1, 1),
        )
    events = []
    for i, item in enumerate(data):
        loc = doc.where((*prefix, i))
        events.append(_event(item, f"{file}: entry {i + 1} (line {loc.line})", loc))
    return Timeline(events, header, file)


def _event(data: object, where: str, loc: Location) -> Event:
    try:
        return event_from_json(data, where=where)
    except TimelineError as exc:
        raise TimelineError(exc.message, hint=exc.hint, location=loc) from None


def dump_jsonl(events: list[Event]) -> str:
    """Events as JSONL, one canonical JSON object per line."""
    return "".join(json.dumps(event_to_json(e), sort_keys=False) + "\n" for e in events)
