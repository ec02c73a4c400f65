"""Parties, other actors and their dated life cycle."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, model_validator

from guarantor.spec.base import Node
from guarantor.spec.conditions import ConditionRef
from guarantor.spec.values import DurationField

__all__ = ["Accession", "Actor", "Contest", "LifecycleEvent", "Party", "Period", "check_timezone"]

Identifier = str

# revision: the terms were revised on that date (an ATOP phase begins); clauses may say which terms apply.
LifecycleKind = Literal["accession", "suspension", "reinstatement", "freeze", "withdrawal", "termination", "revision"]


class LifecycleEvent(Node):
    """A dated change in who is bound: accession, suspension (of obligations to a party), withdrawal..."""

    kind: LifecycleKind
    date: Date
    party: Identifier | None = None
    notice: DurationField | None = None
    towards: list[Identifier] = Field(default_factory=list)
    text: str | None = None
    source: str | None = None

    @property
    def effective(self) -> Date:
        """The day the event takes effect: a withdrawal with notice takes effect after the notice."""
        return self.notice.add_to_date(self.date) if self.notice else self.date


class Accession(Node):
    """Conditional membership: it takes effect only when all ``conditions`` hold ("once conditions are
    suitable", "not at war", "the ceasefire has held for 12 months")."""

    conditions: list[ConditionRef] = Field(min_length=1)
    text: str | None = None
    source: str | None = None


def check_timezone(name: str | None) -> str | None:
    """An IANA time zone name (``Europe/Brussels``), or an error naming the value."""
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}: write an IANA name such as 'Europe/Brussels' or 'America/New_York'"
        ) from None
    return name


TimeZone = Annotated[str, AfterValidator(check_timezone)]


class Period(Node):
    """One stretch of membership: from ``joined`` to ``left`` (None: still a party)."""

    joined: Date
    left: Date | None = None
    text: str | None = None
    source: str | None = None


class Contest(Node):
    """A stretch of time during which a party's status (its membership, or who speaks for it) is contested."""

    since: Date
    until: Date | None = None
    text: str | None = None
    source: str | None = None


class Actor(Node):
    """A state or organisation named in a spec: a party, a seat in an external body, or an adversary.

    ``timezone`` is the IANA zone of its seat: replay output shows local times beside UTC.
    """

    id: Identifier = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")
    name: str | None = None
    iso3: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    cow: int | None = None
    regions: list[str] = Field(default_factory=list)
    attributes: dict[str, float] = Field(default_factory=dict)
    timezone: TimeZone | None = None
    notes: str | None = None


class Party(Actor):
    """A party to the guarantee, with dated membership and its roles.

    Membership is ``joined``/``left``, or ``periods`` for a party that leaves and rejoins. ``contested`` lists
    the stretches when its status is disputed; the runtime names them wherever the party counts.
    """

    joined: Date | None = None
    left: Date | None = None
    periods: list[Period] = Field(default_factory=list)
    contested: list[Contest] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    accession: Accession | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Party:
        if self.joined and self.left and self.left < self.joined:
            raise ValueError(f"party {self.id} leaves ({self.left}) before it joins ({self.joined})")
        if self.periods and (self.joined or self.left):
            raise ValueError(f"party {self.id}: write either 'joined'/'left' or 'periods', not both")
        for before, after in zip(self.periods, self.periods[1:], strict=False):
            if before.left is None or after.joined < before.left:
                raise ValueError(
                    f"party {self.id}: membership periods overlap or are out of order "
                    f"({before.joined} to {before.left or 'open'}, then {after.joined})"
                )
        for p in self.periods:
            if p.left is not None and p.left < p.joined:
                raise ValueError(f"party {self.id} leaves ({p.left}) before it joins ({p.joined})")
        for c in self.contested:
            if c.until is not None and c.until < c.since:
                raise ValueError(f"party {self.id}: contested until {c.until}, before it is contested ({c.since})")
        return self

    def member_on(self, day: Date) -> bool | None:
        """Membership on ``day`` by the periods (None when the party has no periods)."""
        if not self.periods:
            return None
        return any(p.joined <= day and (p.left is None or day < p.left) for p in self.periods)

    def contested_on(self, day: Date) -> Contest | None:
        return next((c for c in self.contested if c.since <= day and (c.until is None or day < c.until)), None)
