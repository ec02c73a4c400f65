"""Incidents from ``guarantor.sources`` into the runtime: one event at a time, or a whole feed as columns.

A feed says what happened in its own words (ACLED's "Explosions/Remote violence", an actor named "Military
Forces of Russia (2000-)"); a spec speaks of kinds (armed-attack) and parties (RUS). ``kinds`` maps a feed's
event types to kinds (unlisted types get ``default_kind``) and ``actors`` maps actor names to spec ids
(unlisted names pass through unchanged).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from guarantor.runtime.batch import IncidentTable
from guarantor.runtime.events import IncidentKind, IncidentReported
from guarantor.semantics import ATTACK_KINDS as KINDS
from guarantor.sources import Incident, IncidentColumns

__all__ = ["incident_event", "table_from_columns"]


def incident_event(
    inc: Incident,
    *,
    kinds: Mapping[str, IncidentKind] | None = None,
    actors: Mapping[str, str] | None = None,
    default_kind: IncidentKind = "armed-attack",
) -> IncidentReported:
    """An ``incident_reported`` event from a source incident."""
    names = actors or {}
    attacker, target = inc.attacker, inc.target
    return IncidentReported(
        time=inc.time,
        actor=inc.source,
        id=f"{inc.source}:{inc.source_id}",
        kind=(kinds or {}).get(inc.event_type, default_kind),
        event_type=inc.event_type,
        against=names.get(target.name, target.name) if target else None,
        by=names.get(attacker.name, attacker.name) if attacker else None,
        country=inc.place.iso3 or inc.place.country,
        region=inc.place.region,
        severity=inc.fatalities,
        source=inc.source,
    )


def table_from_columns(
    cols: IncidentColumns,
    *,
    kinds: Mapping[str, IncidentKind] | None = None,
    actors: Mapping[str, str] | None = None,
    default_kind: IncidentKind = "armed-attack",
) -> IncidentTable:
    """An ``IncidentTable`` over the arrays of ``to_columns``: codes are shifted, never re-encoded row by row."""
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
        return np.where(codes < 0, 0, out)

    kind_of = np.asarray(
        [KINDS.index((kinds or {}).get(t, default_kind)) for t in cols.event_type_table] or [0], dtype=np.int64
    )
    kind = np.where(cols.event_type < 0, KINDS.index(default_kind), kind_of[np.maximum(cols.event_type, 0)])
    return IncidentTable(
        time=np.asarray(cols.time, dtype=np.int64),
        kind=kind.astype(np.int64),
        event_type=shift(cols.event_type, "event_type"),
        against=shift(cols.target, "actor"),
        by=shift(cols.attacker, "actor"),
        country=shift(cols.country, "country"),
        region=shift(cols.region, "region"),
        severity=np.asarray(cols.fatalities, dtype=np.int64),
        names=tuple(vocab),
    )
