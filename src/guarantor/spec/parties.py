"""Parties, other actors and their dated life cycle."""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import Field, model_validator

from guarantor.spec.base import Node
from guarantor.spec.conditions import ConditionRef
from guarantor.spec.values import DurationField

__all__ = ["Accession", "Actor", "LifecycleEvent", "Party"]

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


class Actor(Node):
    """A state or organisation named in a spec: a party, a seat in an external body, or an adversary."""

    id: Identifier = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")
    name: str | None = None
    iso3: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    cow: int | None = None
    regions: list[str] = Field(default_factory=list)
    attributes: dict[str, float] = Field(default_factory=dict)
    notes: str | None = None


class Party(Actor):
    """A party to the guarantee, with dated membership (joined/left) and its roles."""

    joined: Date | None = None
    left: Date | None = None
    roles: list[str] = Field(default_factory=list)
    accession: Accession | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Party:
        if self.joined and self.left and self.left < self.joined:
            raise ValueError(f"party {self.id} leaves ({self.left}) before it joins ({self.joined})")
        return self
