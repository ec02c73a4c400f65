"""Incidents from ``guarantor.sources`` into the runtime, and the runtime's view of recorded feeds.

A feed says what happened in its own words (ACLED's "Explosions/Remote violence", an actor named "Military
Forces of Russia (2000-)"); a spec speaks of kinds (armed-attack) and parties (RUS). A ``Vocabulary`` says
which kind each event type is (or that it is not a hostile act); ``derive_roles`` says who attacked whom,
and the event's ``note`` records both (vocabulary entry and role rule), so every incident shows why it did or
did not count. ``actors`` maps remaining names to spec ids (unlisted names pass through unchanged).

Recorded feeds (a ledger, its export, a ``sources ingest`` file) hold every version of an incident and its
withdrawals: ``current_events`` keeps each incident's last version and drops withdrawn ones, so the state is
always the fold of what the feeds say now.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from guarantor.errors import MappingError, TimelineError
from guarantor.runtime.batch import IncidentTable
from guarantor.runtime.events import EVENT_TYPES, Event, IncidentReported, event_from_json, event_to_json
from guarantor.runtime.timeline import load_timeline
from guarantor.semantics import ATTACK_KINDS as KINDS
from guarantor.sources import (
    Actor,
    Incident,
    IncidentColumns,
    Reading,
    RoleReading,
    Vocabulary,
    bundled_vocabulary,
    derive_roles,
    incident_from_dict,
)

__all__ = [
    "NOTED",
    "WITHDRAWN",
    "FeedEvents",
    "current_events",
    "feed_record",
    "incident_event",
    "load_events",
    "table_from_columns",
    "vocabulary_for",
    "withdrawal_record",
]

NOTED = "incident_noted"  # a feed row that is not a hostile act: recorded, never folded
WITHDRAWN = "incident_withdrawn"  # the feed deleted an incident: its earlier versions no longer count


def vocabulary_for(source: str, chosen: Mapping[str, Vocabulary] | None = None) -> Vocabulary | None:
    """The vocabulary for a feed: the caller's choice, else the bundled one of the same name, else none."""
    if chosen and source in chosen:
        return chosen[source]
    try:
        return bundled_vocabulary(source)
    except MappingError:  # a feed with no bundled table has no vocabulary
        return None


def incident_event(
    inc: Incident, vocabulary: Vocabulary | None, *, actors: Mapping[str, str] | None = None
) -> IncidentReported | None:
    """The ``incident_reported`` event of a source incident, or ``None`` when it is not a hostile act."""
    return FeedEvents(vocabulary, actors=actors).event(inc)


def feed_record(
    inc: Incident, vocabulary: Vocabulary | None, *, actors: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """What the ledger records for one feed row: its incident event, or a note that it is not a hostile act."""
    return FeedEvents(vocabulary, actors=actors).record(inc)


class FeedEvents:
    """``incident_event`` and ``feed_record`` for the many incidents of a feed: what the vocabulary says of each
    event type, and what the role rules say of each set of actors in a country, are worked out once."""

    def __init__(self, vocabulary: Vocabulary | None, *, actors: Mapping[str, str] | None = None) -> None:
        self.vocabulary = vocabulary
        self.names = actors or {}
        self._readings: dict[tuple[str, str | None], tuple[Reading | None, str]] = {}
        self._roles: dict[int, tuple[tuple[Actor, ...], dict[tuple[str | None, str], RoleReading]]] = {}

    def event(self, inc: Incident) -> IncidentReported | None:
        """The ``incident_reported`` event of ``inc``, or ``None`` when it is not a hostile act."""
        reading, said = self._reading(inc)
        if reading is None or reading.kind is None:
            return None
        roles = self._roles_of(inc)
        names = self.names
        place = inc.place
        return IncidentReported(
            time=inc.time,
            actor=inc.source,
            note=f"{said}; roles by {roles.rule}: {roles.why}",
            id=f"{inc.source}:{inc.source_id}",
            kind=reading.kind,  # type: ignore[arg-type]  # vocabulary kinds are IncidentKind values
            event_type=inc.event_type,
            against=names.get(roles.target, roles.target) if roles.target else None,
            by=names.get(roles.attacker, roles.attacker) if roles.attacker else None,
            country=place.iso3 or place.country,
            region=place.region,
            severity=inc.fatalities,
            source=inc.source,
        )

    def record(self, inc: Incident) -> dict[str, Any]:
        """What the ledger records for ``inc``: its incident event, or a note that it is not a hostile act."""
        event = self.event(inc)
        if event is not None:
            return event_to_json(event)
        reading, said = self._reading(inc)
        return {
            "type": NOTED,
            "time": inc.time.isoformat().replace("+00:00", "Z"),
            "actor": inc.source,
            "id": f"{inc.source}:{inc.source_id}",
            "event_type": inc.event_type,
            "note": said if reading is not None else f"no vocabulary for {inc.source}",
        }

    def _reading(self, inc: Incident) -> tuple[Reading | None, str]:
        """The vocabulary's reading of the incident's event type, and its words (cached per type)."""
        key = (inc.event_type, inc.sub_event_type)
        found = self._readings.get(key)
        if found is None:
            vocabulary = self.vocabulary
            reading = vocabulary.read(inc) if vocabulary is not None else None
            said = reading.describe(vocabulary.label) if reading is not None and vocabulary is not None else ""
            found = self._readings[key] = (reading, said)
        return found

    def _roles_of(self, inc: Incident) -> RoleReading:
        """``derive_roles`` of the incident, cached per actors (the same tuple: a reader shares them) and place:
        the rules read only the actors and the place's country."""
        actors, place = inc.actors, inc.place
        entry = self._roles.get(id(actors))
        if entry is None or entry[0] is not actors:
            if len(self._roles) > _ROLE_CACHE:
                self._roles.clear()
            entry = self._roles[id(actors)] = (actors, {})
        where = (place.iso3, place.country)
        found = entry[1].get(where)
        if found is None:
            found = entry[1][where] = derive_roles(inc)
        return found


_ROLE_CACHE = 100_000  # sets of actors remembered (the entries hold their actors, so an id is never reused)


def withdrawal_record(incident_id: str, time: datetime, reason: str, actor: str) -> dict[str, Any]:
    """The ledger record of a feed's deletion of an incident."""
    return {
        "type": WITHDRAWN,
        "time": time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "actor": actor,
        "id": incident_id,
        "note": reason,
    }


def current_events(records: Iterable[Mapping[str, Any]], where: str = "record") -> list[Event]:
    """The runtime events of recorded feeds, in record order: each incident's last version, none withdrawn."""
    latest: dict[str, Event | None] = {}
    order: list[str] = []
    others: list[tuple[int, Event]] = []
    for n, data in enumerate(records, start=1):
        kind = data.get("type")
        if kind in (NOTED, WITHDRAWN) or kind == IncidentReported.type:
            key = str(data.get("id"))
            if key not in latest:
                order.append(key)
            latest[key] = event_from_json(dict(data), where=f"{where} {n}") if kind == IncidentReported.type else None
        elif kind in EVENT_TYPES:
            others.append((n, event_from_json(dict(data), where=f"{where} {n}")))
    incidents = [e for key in order if (e := latest[key]) is not None]
    return incidents + [e for _, e in others]


def load_events(path: str | Path) -> list[Event]:
    """A timeline from a file: a YAML/JSONL timeline, a ``sources ingest`` file or a ``ledger export``."""
    p = Path(path)
    first = _first_object(p)
    if first is None:
        return load_timeline(p).events
    records = list(_objects(p))
    if "type" in first and "seq" not in first:  # events; feed records among them need current_events
        if any(r.get("type") in (NOTED, WITHDRAWN) for r in records):
            return current_events(records, f"{p}: line")
        return load_timeline(p).events
    if "seq" in first and "event" in first:  # a ledger export: one entry per line
        return current_events((r["event"] for r in records if isinstance(r.get("event"), dict)), f"{p}: entry")
    if "source_id" in first and "place" in first:  # incidents written by `sources ingest`
        try:
            incidents = [incident_from_dict(r) for r in records]
        except (KeyError, TypeError, ValueError) as exc:
            raise TimelineError(f"{p}: not an incident file written by guarantor: {exc}") from None
        return current_events(feed_record(i, vocabulary_for(i.source)) for i in incidents)
    raise TimelineError(
        f"{p}: neither a timeline, a ledger export nor an incident file",
        hint="pass events (type, time, ...), `guarantor ledger export` output or `guarantor sources ingest` output",
    )


def _first_object(p: Path) -> dict[str, Any] | None:
    if not p.name.endswith((".jsonl", ".ndjson")):
        return None
    return next(iter(_objects(p, limit=1)), None)


def _objects(p: Path, limit: int | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    try:
        with p.open(encoding="utf-8") as lines:
            for line_no, line in enumerate(lines, start=1):
                if limit is not None and len(out) >= limit:
                    break
                if line.strip() and not line.lstrip().startswith("#"):
                    value = json.loads(line)
                    if not isinstance(value, dict):
                        raise TimelineError(f"{p}:{line_no}: expected a JSON object per line")
                    out.append(value)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TimelineError(f"cannot read {p}: {exc}", hint="one JSON object per line") from None
    return out


def table_from_columns(
    cols: IncidentColumns, vocabulary: Vocabulary, *, actors: Mapping[str, str] | None = None
) -> IncidentTable:
    """An ``IncidentTable`` of the hostile rows of ``to_columns``: codes are shifted, never re-encoded row by row."""
    names = actors or {}
    parts = {
        "country": cols.country_table,
        "region": cols.region_table,
        "event_type": cols.event_type_table,
        "actor": tuple(names.get(a, a) for a in cols.actor_table),
    }
    vocab: list[str] = [""]
    offset: dict[str, int] = {}
    for key, table in parts.items():
        offset[key] = len(vocab)
        vocab += table

    def shift(codes: np.ndarray, key: str) -> np.ndarray:
        out = codes.astype(np.int64) + offset[key]
        return np.where(codes < 0, 0, out)[keep]

    kind = _kinds(cols, vocabulary)
    keep = kind >= 0
    return IncidentTable(
        time=np.asarray(cols.time, dtype=np.int64)[keep],
        kind=kind[keep],
        event_type=shift(cols.event_type, "event_type"),
        against=shift(cols.target, "actor"),
        by=shift(cols.attacker, "actor"),
        country=shift(cols.country, "country"),
        region=shift(cols.region, "region"),
        severity=np.asarray(cols.fatalities, dtype=np.int64)[keep],
        names=tuple(vocab),
    )


def _kinds(cols: IncidentColumns, vocabulary: Vocabulary) -> np.ndarray:
    """Per row, the index of its kind in ``KINDS``, or -1 where the vocabulary says it is not hostile."""
    width = len(cols.sub_event_type_table) + 1
    pair = cols.event_type.astype(np.int64) * width + (cols.sub_event_type.astype(np.int64) + 1)
    unique, inverse = np.unique(pair, return_inverse=True)
    lut = np.empty(len(unique), dtype=np.int64)
    for i, code in enumerate(unique.tolist()):
        etype, sub = divmod(code, width)
        event_type = cols.event_type_table[etype] if etype >= 0 else ""
        reading = vocabulary.lookup(event_type, cols.sub_event_type_table[sub - 1] if sub else None)
        lut[i] = -1 if reading.kind is None else KINDS.index(reading.kind)
    kinds: np.ndarray = lut[inverse.reshape(-1)]
    return kinds
