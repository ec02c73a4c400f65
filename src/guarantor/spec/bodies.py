"""Decision bodies: who sits on them (dated) and by what rule they decide."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from guarantor.spec.base import Node
from guarantor.spec.clauses import PartySet
from guarantor.spec.parties import TimeZone
from guarantor.spec.rules import ConsensusRule, Rule
from guarantor.spec.values import RatioField

__all__ = ["Body", "Seat"]


class Seat(Node):
    """A dated seat on a body; ``id`` names a party or another actor (an elected Security Council seat)."""

    id: str
    joined: date | None = None
    left: date | None = None
    permanent: bool = False


class Body(Node):
    """A body that decides, with its own membership and rule.

    ``members`` is a party set (``all-parties``) or a list of seats. ``external: true`` marks a body outside
    the instrument (the UN Security Council) whose members need not be parties. ``timezone`` is the IANA zone
    of its seat (``Europe/Brussels``): replay output shows local times beside UTC.
    """

    name: str | None = None
    members: PartySet | list[Seat] = "all-parties"
    rule: Rule = Field(default_factory=lambda: ConsensusRule(kind="consensus"))
    exclude_interested: bool = False
    quorum: RatioField | int | None = None
    external: bool = False
    timezone: TimeZone | None = None
    text: str | None = None
    source: str | None = None

    def seats(self) -> list[Seat] | None:
        """The explicit seats, or None when membership is a party set."""
        if isinstance(self.members, list) and all(isinstance(m, Seat) for m in self.members):
            return [m for m in self.members if isinstance(m, Seat)]
        return None

    @property
    def member_names(self) -> list[str]:
        seats = self.seats()
        if seats is not None:
            return [s.id for s in seats]
        return [self.members] if isinstance(self.members, str) else [str(m) for m in self.members]
