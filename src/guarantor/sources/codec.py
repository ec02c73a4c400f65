"""Incidents to and from plain JSON-ready dicts (for files, the CLI and the ledger)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from guarantor.sources.model import Actor, ActorKind, GeoPrecision, Incident, Place, Role, Side, TimePrecision

__all__ = ["incident_from_dict", "incident_to_dict"]


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def _actor_to_dict(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "side": actor.side.value,
        "kind": None if actor.kind is None else actor.kind.value,
        "role": actor.role.value,
        "associated": list(actor.associated),
    }


def _actor_from_dict(data: dict[str, Any]) -> Actor:
    return Actor(
        name=data["name"],
        side=Side(data["side"]),
        kind=None if data.get("kind") is None else ActorKind(data["kind"]),
        role=Role(data.get("role", "unknown")),
        associated=tuple(data.get("associated", ())),
    )


def _place_to_dict(place: Place) -> dict[str, Any]:
    return {
        "country": place.country,
        "iso3": place.iso3,
        "region": place.region,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "location": place.location,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "precision": place.precision.name.lower(),
    }


def _place_from_dict(data: dict[str, Any]) -> Place:
    fields = {k: data.get(k) for k in ("iso3", "region", "admin1", "admin2", "admin3", "location")}
    return Place(
        country=data["country"],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        precision=GeoPrecision[str(data.get("precision", "exact")).upper()],
        **fields,
    )


def incident_to_dict(incident: Incident) -> dict[str, Any]:
    """A JSON-ready dict; precisions are written by name (``"day"``, ``"admin1"``)."""
    return {
        "source": incident.source,
        "source_id": incident.source_id,
        "time": _time(incident.time),
        "time_end": _time(incident.time_end),
        "time_precision": incident.time_precision.name.lower(),
        "place": _place_to_dict(incident.place),
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "disorder_type": incident.disorder_type,
        "actors": [_actor_to_dict(a) for a in incident.actors],
        "fatalities": incident.fatalities,
        "fatalities_low": incident.fatalities_low,
        "fatalities_high": incident.fatalities_high,
        "civilian_targeting": incident.civilian_targeting,
        "notes": incident.notes,
        "reported_by": list(incident.reported_by),
        "tags": list(incident.tags),
        "uploaded": _time(incident.uploaded),
        "origin": incident.origin,
    }


def incident_from_dict(data: dict[str, Any]) -> Incident:
    """The inverse of ``incident_to_dict``."""
    return Incident(
        source=data["source"],
        source_id=data["source_id"],
        time=datetime.fromisoformat(str(data["time"])),
        time_end=_parse_time(data.get("time_end")),
        time_precision=TimePrecision[str(data.get("time_precision", "day")).upper()],
        place=_place_from_dict(data["place"]),
        event_type=data["event_type"],
        sub_event_type=data.get("sub_event_type"),
        disorder_type=data.get("disorder_type"),
        actors=tuple(_actor_from_dict(a) for a in data.get("actors", ())),
        fatalities=int(data.get("fatalities", 0)),
        fatalities_low=data.get("fatalities_low"),
        fatalities_high=data.get("fatalities_high"),
        civilian_targeting=bool(data.get("civilian_targeting", False)),
        notes=data.get("notes", ""),
        reported_by=tuple(data.get("reported_by", ())),
        tags=tuple(data.get("tags", ())),
        uploaded=_parse_time(data.get("uploaded")),
        origin=data.get("origin", ""),
    )
