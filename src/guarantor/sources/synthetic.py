"""Synthetic rows in ACLED's layout, for tests, benchmarks and demos (ACLED's terms forbid sharing its rows).

``acled_cells`` writes an incident back as one current-layout ACLED row, so that reading it gives the
same incident: the property the tests check.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from guarantor.countries import COUNTRIES
from guarantor.sources.acled import ACLED_COLUMNS
from guarantor.sources.model import Actor, ActorKind, GeoPrecision, Incident, Place, Role, Side, TimePrecision

__all__ = ["acled_cells", "synthetic_incidents", "write_acled"]

_INVERSE_TIME = {TimePrecision.DAY: "1", TimePrecision.WEEK: "2", TimePrecision.MONTH: "3"}
_INVERSE_GEO = {GeoPrecision.EXACT: "1", GeoPrecision.NEAR: "2", GeoPrecision.REGION: "3"}
_NUMERIC = {c.iso3: c.numeric for c in COUNTRIES}
_TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Disrupted weapons use"),
)


def _actor_cells(actor: Actor | None) -> tuple[str, str, str]:
    if actor is None:
        return "", "", ""
    return actor.name, "; ".join(actor.associated), actor.kind.value if actor.kind else ""


def acled_cells(incident: Incident) -> dict[str, str]:
    """One incident as a current-layout ACLED row (cells by column name)."""
    place = incident.place
    first = incident.side(Side.A)
    second = incident.side(Side.B)
    name1, assoc1, inter1 = _actor_cells(first[0] if first else None)
    name2, assoc2, inter2 = _actor_cells(second[0] if second else None)
    cells = {
        "event_id_cnty": incident.source_id,
        "event_date": incident.time.date().isoformat(),
        "year": str(incident.time.year),
        "time_precision": _INVERSE_TIME[incident.time_precision],
        "disorder_type": incident.disorder_type or "",
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type or "",
        "actor1": name1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": name2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter2 else inter1,
        "civilian_targeting": "Civilians targeted" if incident.civilian_targeting else "",
        "iso": str(_NUMERIC.get(place.iso3 or "", 0) or ""),
        "region": place.region or "",
        "country": place.country,
        "admin1": place.admin1 or "",
        "admin2": place.admin2 or "",
        "admin3": place.admin3 or "",
        "location": place.location or "",
        "latitude": "" if place.latitude is None else repr(place.latitude),
        "longitude": "" if place.longitude is None else repr(place.longitude),
        "geo_precision": _INVERSE_GEO[place.precision],
        "source": "; ".join(incident.reported_by),
        "source_scale": "",
        "notes": incident.notes,
        "fatalities": str(incident.fatalities),
        "tags": "; ".join(incident.tags),
        "timestamp": "" if incident.uploaded is None else str(int(incident.uploaded.timestamp())),
    }
    return cells


def write_acled(path: str | Path, incidents: Iterable[Incident], *, crlf: bool = False) -> int:
    """Write incidents as an ACLED CSV export; returns the number of rows written."""
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as out:
        end = "\r\n" if crlf else "\n"
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator=end)
        # csv quotes a cell holding the line terminator's characters only: quote a bare CR explicitly.
        quoting = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator=end, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for incident in incidents:
            cells = acled_cells(incident)
            (quoting if any("\r" in v for v in cells.values()) else writer).writerow(cells)
            count += 1
    return count


def _synthetic_actors(vac: bool) -> tuple[Actor, Actor]:
    if vac:
        return (
            Actor("Military Forces of Russia (2000-)", Side.A, ActorKind.STATE, Role.ATTACKER),
            Actor("Civilians (Ukraine)", Side.B, ActorKind.CIVILIANS, Role.TARGET),
        )
    return (
        Actor("Military Forces of Russia (2000-)", Side.A, ActorKind.STATE),
        Actor("Military Forces of Ukraine (2019-)", Side.B, ActorKind.STATE),
    )


def synthetic_incidents(n: int, rng: np.random.Generator) -> Iterator[Incident]:
    """``n`` plausible ACLED-like incidents in Ukraine and its neighbours; a function of ``rng`` only."""
    start = datetime(2022, 2, 24, tzinfo=UTC)
    places = (("Ukraine", "UKR", 48.4, 35.0), ("Russia", "RUS", 51.2, 37.5), ("Poland", "POL", 51.9, 22.9))
    for number in range(n):
        country, iso3, lat, lon = places[int(rng.integers(len(places)))]
        event_type, sub_event_type = _TYPES[int(rng.integers(len(_TYPES)))]
        vac = event_type == "Violence against civilians"
        yield Incident(
            source="acled",
            source_id=f"{iso3}{number + 1}",
            time=start + timedelta(days=int(rng.integers(0, 1200))),
            place=Place(
                country=country,
                iso3=iso3,
                region="Europe",
                admin1=f"Oblast {int(rng.integers(1, 25))}",
                location=f"Town {int(rng.integers(1, 5000))}",
                latitude=round(lat + float(rng.normal(0, 1.5)), 4),
                longitude=round(lon + float(rng.normal(0, 2.0)), 4),
                precision=GeoPrecision.EXACT,
            ),
            event_type=event_type,
            sub_event_type=sub_event_type,
            disorder_type="Political violence",
            actors=_synthetic_actors(vac),
            fatalities=int(rng.poisson(1.5)),
            civilian_targeting=vac,
            notes=f"On {number}, synthetic event, not from ACLED.",
            reported_by=("Synthetic Wire",),
        )
