"""Incidents as NumPy columns, for the vectorised trigger engine (counts in a window, severity, scope).

Strings become small integer codes into sorted code tables (``-1`` where missing), times become int64
seconds since the Unix epoch, unknown coordinates NaN. The arrays are read-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from guarantor.sources.model import Incident, IncidentKey
from guarantor.sources.roles import derive_roles

__all__ = ["IncidentColumns", "to_columns"]

Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]
A = TypeVar("A", bound=np.ndarray)
NAN = float("nan")


@dataclass(frozen=True, slots=True)
class IncidentColumns:
    """One row per incident, in input order; ``*_table[code]`` turns a code back into its string."""

    keys: tuple[IncidentKey, ...]
    time: Ints  # seconds since 1970-01-01 UTC
    time_end: Ints  # equals ``time`` when the feed gives no end
    time_precision: Codes
    fatalities: Ints
    country: Codes  # into country_table (ISO3 where known, else the country name)
    region: Codes
    admin1: Codes
    event_type: Codes
    sub_event_type: Codes
    attacker: Codes  # into actor_table (by guarantor.sources.roles); -1 where no rule decides
    target: Codes
    latitude: Floats
    longitude: Floats
    geo_precision: Codes
    civilian_targeting: Flags
    country_table: tuple[str, ...]
    region_table: tuple[str, ...]
    admin1_table: tuple[str, ...]
    event_type_table: tuple[str, ...]
    sub_event_type_table: tuple[str, ...]
    actor_table: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.keys)

    def code(self, table: str, value: str) -> int:
        """The code of ``value`` in ``<table>_table``, e.g. ``code("event_type", "Battles")``, or -1."""
        values: tuple[str, ...] = getattr(self, f"{table}_table")
        return values.index(value) if value in values else -1


def _encode(values: Sequence[str | None]) -> tuple[Codes, tuple[str, ...]]:
    table = tuple(sorted({v for v in values if v is not None}))
    index = {v: i for i, v in enumerate(table)}
    codes = np.fromiter((index[v] if v is not None else -1 for v in values), np.int32, len(values))
    return _frozen(codes), table


def _frozen(array: A) -> A:
    array.flags.writeable = False
    return array


def _array(values: Iterable[float | int | bool], dtype: type[np.generic], n: int) -> Any:
    return _frozen(np.fromiter(values, dtype, n))


def _roles(incidents: list[Incident]) -> list[str | None]:
    """Attackers then targets, by ``derive_roles`` (a state's ISO code, or the attacking actor's name)."""
    found = [derive_roles(i) for i in incidents]
    return [r.attacker for r in found] + [r.target for r in found]


def to_columns(incidents: Iterable[Incident]) -> IncidentColumns:
    """Column arrays of ``incidents`` (an ``IncidentSet`` gives its current versions)."""
    rows = list(incidents)
    n = len(rows)
    time = _array((int(i.time.timestamp()) for i in rows), np.int64, n)
    ends = (int(i.time_end.timestamp()) if i.time_end else int(t) for i, t in zip(rows, time, strict=True))
    actors, actor_table = _encode(_roles(rows))
    country, country_table = _encode([i.place.iso3 or i.place.country for i in rows])
    region, region_table = _encode([i.place.region for i in rows])
    admin1, admin1_table = _encode([i.place.admin1 for i in rows])
    event_type, event_type_table = _encode([i.event_type for i in rows])
    sub_event_type, sub_event_type_table = _encode([i.sub_event_type for i in rows])
    return IncidentColumns(
        keys=tuple(i.key for i in rows),
        time=time,
        time_end=_array(ends, np.int64, n),
        time_precision=_array((int(i.time_precision) for i in rows), np.int32, n),
        fatalities=_array((i.fatalities for i in rows), np.int64, n),
        country=country,
        region=region,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        attacker=_frozen(actors[:n].copy()),
        target=_frozen(actors[n:].copy()),
        latitude=_array((NAN if i.place.latitude is None else i.place.latitude for i in rows), np.float64, n),
        longitude=_array((NAN if i.place.longitude is None else i.place.longitude for i in rows), np.float64, n),
        geo_precision=_array((int(i.place.precision) for i in rows), np.int32, n),
        civilian_targeting=_array((i.civilian_targeting for i in rows), np.bool_, n),
        country_table=country_table,
        region_table=region_table,
        admin1_table=admin1_table,
        event_type_table=event_type_table,
        sub_event_type_table=sub_event_type_table,
        actor_table=actor_table,
    )
