"""A feed file named on the command line (``FILE[:FORMAT]``): its format, found from its content when not given,
and its items one at a time (incidents, deletions, rejections, or events as JSON objects).

Formats: ``acled``, ``acled-legacy``, ``acled-deleted`` (ACLED's deleted events), ``ucdp``, ``csv`` and
``jsonl`` (with a column mapping), ``events`` (a guarantor timeline, YAML or JSONL, including what ``run``
records), ``incidents`` (what ``guarantor sources ingest`` writes) and ``ledger`` (``guarantor ledger export``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from guarantor.errors import SourceFormatError
from guarantor.ledger.principals import REGISTRATION
from guarantor.runtime.events import event_from_json, event_to_json
from guarantor.runtime.feeds import NOTED, WITHDRAWN
from guarantor.runtime.timeline import load_timeline
from guarantor.sources import ColumnMapping, Incident, Rejection, incident_from_dict, read
from guarantor.sources._stream import LINE_LIMIT, bounded_text, lines
from guarantor.sources.deletions import Deletion, read_acled_deletions

__all__ = ["FEED_FORMATS", "Feed", "parse_feed"]

FEED_FORMATS = ("acled", "acled-legacy", "acled-deleted", "ucdp", "csv", "jsonl", "events", "incidents", "ledger")
_HINT = "name the format: --feed FILE:FORMAT with FORMAT one of " + ", ".join(FEED_FORMATS)
Item = Incident | Deletion | Rejection | dict[str, Any]


@dataclass(frozen=True, slots=True)
class Feed:
    """One input: a path (``-`` for standard input), its format, and for csv/jsonl its mapping."""

    path: str
    format: str
    mapping: ColumnMapping | None = None

    @property
    def name(self) -> str:
        return "<stdin>" if self.path == "-" else self.path

    @property
    def vocabulary(self) -> str | None:
        """The vocabulary a generic feed names in its mapping; others use their own (acled, ucdp)."""
        if self.mapping is not None:
            return self.mapping.vocabulary or self.mapping.source
        return None

    def items(self) -> Iterator[Item]:
        with _open(self.path) as stream:
            if self.format == "acled-deleted":
                yield from read_acled_deletions(stream)
            elif self.format in ("events", "incidents", "ledger"):
                yield from _json_items(self, stream)
            else:
                yield from read(stream, self.format, mapping=self.mapping)


def parse_feed(text: str, mapping: ColumnMapping | None = None) -> Feed:
    """``FILE[:FORMAT]`` as a feed; without a format, the file's first line says which it is."""
    path, _, fmt = text.rpartition(":")
    if not path or fmt not in FEED_FORMATS:
        path, fmt = text, ""
    if path != "-":  # a pipe or a device is read as a stream, bounded (``<(curl ...)`` gives /dev/fd/63)
        where = Path(path)
        if where.is_dir():
            raise SourceFormatError(f"feed {path!r} is a folder, not a file", hint="name a file in it")
        if not where.exists():
            raise SourceFormatError(f"feed {path!r}: no such file", hint="check the path")
    fmt = fmt or _detect(path)
    if fmt in ("csv", "jsonl") and mapping is None:
        raise SourceFormatError(f"feed {path!r}: format {fmt} needs a column mapping", hint="pass --mapping MAP.yaml")
    return Feed(path, fmt, mapping if fmt in ("csv", "jsonl") else None)


def _detect(path: str) -> str:
    if path == "-":
        raise SourceFormatError("a feed on standard input needs its format", hint=_HINT)
    if path.endswith((".yaml", ".yml")):
        return "events"
    with _open(path) as stream:
        first = stream.readline(LINE_LIMIT).lstrip("\ufeff").strip()
    if first.startswith("{"):
        return _detect_json(path, first)
    header = {cell.strip().strip('"') for cell in first.split(",")}
    if "event_id_cnty" in header:
        if "deleted_timestamp" in header:
            return "acled-deleted"
        return "acled" if "disorder_type" in header else "acled-legacy"
    if {"id", "relid", "type_of_violence"} <= header:
        return "ucdp"
    raise SourceFormatError(f"feed {path!r}: cannot tell its format from its first line", hint=_HINT)


def _detect_json(path: str, first: str) -> str:
    try:
        data = json.loads(first)
    except json.JSONDecodeError:
        raise SourceFormatError(f"feed {path!r}: its first line is not JSON", hint=_HINT) from None
    if isinstance(data, dict) and "seq" in data and "event" in data:
        return "ledger"
    if isinstance(data, dict) and "source_id" in data and "place" in data:
        return "incidents"
    if isinstance(data, dict) and "type" in data:
        return "events"
    raise SourceFormatError(f"feed {path!r}: a JSON line that is no event, incident or ledger entry", hint=_HINT)


class _open:
    """A feed as text, read through ``guarantor.bounded`` (standard input too): an endless stream is E401."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.raw: BinaryIO | None = None

    def __enter__(self) -> TextIO:
        if self.path == "-":
            return bounded_text(sys.stdin.buffer, "<stdin>")
        try:
            self.raw = Path(self.path).open("rb")
        except OSError as exc:
            raise SourceFormatError(f"cannot open feed {self.path!r}: {exc.strerror}", hint="check the path") from None
        return bounded_text(self.raw, self.path)

    def __exit__(self, *exc: object) -> None:
        if self.raw is not None:
            self.raw.close()


def _json_items(feed: Feed, stream: TextIO) -> Iterator[Item]:
    if feed.format == "events" and feed.path.endswith((".yaml", ".yml")):
        for event in load_timeline(feed.path).events:
            yield event_to_json(event)
        return
    for line_no, line in enumerate(lines(stream, feed.name), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{feed.name}:{line_no}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceFormatError(f"{where}: not JSON: {exc.msg}", hint="one JSON object per line") from None
        item = _json_item(feed.format, data, where)
        if item is not None:
            yield item


def _json_item(fmt: str, data: Any, where: str) -> Item | None:
    if not isinstance(data, dict):
        raise SourceFormatError(f"{where}: expected a JSON object", hint=_HINT)
    if fmt == "incidents":
        try:
            return incident_from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise SourceFormatError(f"{where}: not an incident written by guarantor: {exc}") from None
    if fmt == "ledger":
        data = data.get("event")
        if not isinstance(data, dict):
            raise SourceFormatError(f"{where}: a ledger export line needs its 'event' object", hint=_HINT)
        if data.get("type") == REGISTRATION:
            return None  # principals belong to the ledger they were registered in
    if data.get("type") in (NOTED, WITHDRAWN):
        return data
    return event_to_json(event_from_json(data, where=where))
