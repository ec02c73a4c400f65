"""The one ``Incident`` model every reader produces, and its parts.

Frozen dataclasses with slots: a reader builds hundreds of thousands of them, so they carry no per-instance
validation; the readers validate each cell and reject the row with the column and the reason instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum

from guarantor.records import fast_init

__all__ = [
    "Actor",
    "ActorKind",
    "GeoPrecision",
    "Incident",
    "IncidentKey",
    "Place",
    "Role",
    "Side",
    "TimePrecision",
]

IncidentKey = tuple[str, str]
"""``(source, source_id)``: stable across re-reads and updates of the same event."""


class TimePrecision(IntEnum):
    """How precisely the date is known; a higher value is less precise (as in ACLED and UCDP)."""

    DAY = 1
    DAYS = 2  # a span of 2-6 days (UCDP date_prec 2)
    WEEK = 3
    MONTH = 4
    YEAR = 5


class GeoPrecision(IntEnum):
    """How precisely the place is known; a higher value is less precise (UCDP where_prec scale)."""

    EXACT = 1  # a named town with coordinates
    NEAR = 2  # a limited area around a named place
    ADMIN2 = 3
    ADMIN1 = 4
    REGION = 5  # larger than admin1, a natural location, or between two places
    COUNTRY = 6
    INTERNATIONAL = 7  # over water or international airspace


class ActorKind(StrEnum):
    """ACLED's eight actor types (``inter1``/``inter2``); UCDP governments map to ``STATE``."""

    STATE = "State forces"
    REBEL = "Rebel group"
    POLITICAL_MILITIA = "Political militia"
    IDENTITY_MILITIA = "Identity militia"
    RIOTERS = "Rioters"
    PROTESTERS = "Protesters"
    CIVILIANS = "Civilians"
    EXTERNAL = "External/Other forces"


class Side(StrEnum):
    """The feed's side of an actor: ACLED actor1/UCDP side_a is ``A``, actor2/side_b is ``B``."""

    A = "A"
    B = "B"


class Role(StrEnum):
    """The part an actor played, where the feed says so; otherwise ``UNKNOWN`` (never guessed)."""

    ATTACKER = "attacker"
    TARGET = "target"
    UNKNOWN = "unknown"


@fast_init
@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of an incident; ``associated`` are ACLED's associated actors."""

    name: str
    side: Side
    kind: ActorKind | None = None
    role: Role = Role.UNKNOWN
    associated: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class Place:
    """Where an incident happened; ``iso3`` is ``None`` when the country is not in the shipped table."""

    country: str
    iso3: str | None = None
    region: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: GeoPrecision = GeoPrecision.EXACT


@fast_init
@dataclass(frozen=True, slots=True)
class Incident:
    """One reported event, whatever feed it came from.

    ``time`` is timezone-aware UTC (midnight for a date); ``time_end`` closes a span (UCDP ``date_end``).
    ``fatalities`` is the feed's best estimate (ACLED records unknown as 0). ``origin`` (file and row) is
    provenance only and takes no part in equality, so re-reading a reordered file changes nothing.
    """

    source: str
    source_id: str
    time: datetime
    place: Place
    event_type: str
    time_precision: TimePrecision = TimePrecision.DAY
    time_end: datetime | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    actors: tuple[Actor, ...] = ()
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    civilian_targeting: bool = False
    notes: str = ""
    reported_by: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    uploaded: datetime | None = None
    origin: str = field(default="", compare=False)

    @property
    def key(self) -> IncidentKey:
        return (self.source, self.source_id)

    @property
    def attacker(self) -> Actor | None:
        return self._with_role(Role.ATTACKER)

    @property
    def target(self) -> Actor | None:
        return self._with_role(Role.TARGET)

    def side(self, side: Side) -> tuple[Actor, ...]:
        """The actors on one side."""
        return tuple(a for a in self.actors if a.side is side)

    def _with_role(self, role: Role) -> Actor | None:
        return next((a for a in self.actors if a.role is role), None)
