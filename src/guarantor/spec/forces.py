"""Pledges of capabilities, adversaries' undertakings, attack scenarios and entry into force."""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import Field, model_validator

from guarantor.spec.base import Node
from guarantor.spec.clauses import PartySet, TriggerType
from guarantor.spec.conditions import ConditionRef
from guarantor.spec.design import Ratification
from guarantor.spec.values import DurationField

__all__ = [
    "Delay",
    "EntryIntoForce",
    "Pledge",
    "Posture",
    "Scenario",
    "Undertaking",
]


class Delay(Node):
    """A delay distribution, given by its median and 90th percentile (log-normal between them)."""

    median: DurationField
    p90: DurationField | None = None
    basis: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Delay:
        if self.p90 is not None and self.p90.approx_days < self.median.approx_days:
            raise ValueError(f"p90 ({self.p90}) must not be shorter than the median ({self.median})")
        return self


class Pledge(Node):
    """A party's pledge of a capability, with readiness, reliability and conditions.

    Values the public record does not give are marked ``assumption: true`` with the ``basis`` they were
    calibrated from, so users can see and vary them.
    """

    id: str | None = None
    party: str
    capability: str
    amount: float = Field(default=1, ge=0)
    unit: str | None = None
    domain: Literal["land", "sea", "air", "cyber", "space", "intelligence", "finance", "sanctions", "other"] = "land"
    readiness: Delay | None = None
    """Decision to arrival in theatre; none: the force is in place (it counts from the moment of attack)."""
    reliability: float | None = None
    """P(the party acts on this pledge when the case arises); none: the empirical record's default for the kind
    of commitment (see docs/simulation.md), and ``check`` says so."""
    decision: Delay | None = None
    """The party's own decision process for this pledge (e.g. a parliamentary vote); none: an executive decision
    within hours (readiness.md: UK, FR, US executive-led)."""
    sustain: Delay | None = None
    """How long the contribution is kept once it arrives; none: for the whole horizon."""
    in_place: bool | None = None
    """Deployed before the attack (counts from the moment of attack); default: true when there is no readiness."""
    conditions: list[ConditionRef] = Field(default_factory=list)
    deployed_after: str | None = None
    where: str | None = None
    assumption: bool = False
    basis: str | None = None
    text: str | None = None
    source: str | None = None


class Undertaking(Node):
    """A commitment by an adversary (respect a ceasefire line); its breach can be a trigger."""

    by: PartySet
    text: str | None = None
    source: str | None = None
    breach_event_types: list[str] = Field(default_factory=list)
    monitored_by: PartySet | None = None


class Scenario(Node):
    """An attack type for simulation: how likely, what it takes to meet it, and how fast damage is done."""

    weight: float = Field(default=1.0)
    attack: TriggerType = TriggerType.ARMED_ATTACK
    by: str | None = None
    against: str | None = None
    description: str | None = None
    requires: dict[str, float] = Field(default_factory=dict)
    fait_accompli: DurationField
    detection: Delay | None = None
    attribution: Delay | None = None
    p_attributed: float = 1.0
    in_scope: bool = True
    nuclear: bool = False
    significant: bool = True
    deliberate: bool = True
    lasts: DurationField | None = None
    """How long the attack goes on (none: until the fait accompli or beyond)."""
    across_line: bool = True
    """Whether it crosses the agreed line (a trigger threshold may require it)."""
    events: list[str] = Field(default_factory=list)
    """Events that happen in this scenario (``{event: ...}`` conditions of a voidance hold for them)."""
    basis: str | None = None


class Posture(Node):
    """Scenarios and pledges applied to any instrument (``simulate --posture FILE``), so designs are compared on
    the same attack and the same forces."""

    description: str | None = None
    source: str | None = None
    pledges: list[Pledge] = Field(default_factory=list)
    scenarios: dict[str, Scenario] = Field(default_factory=dict)


class EntryIntoForce(Node):
    """When the guarantee starts: on a date, or on an event plus an optional delay ("the day after a
    ceasefire")."""

    date: Date | None = None
    on: ConditionRef | None = None
    delay: DurationField | None = None
    ratification: list[Ratification] = Field(default_factory=list)
    text: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _one_way(self) -> EntryIntoForce:
        if (self.date is None) == (self.on is None):
            raise ValueError("entry_into_force needs exactly one of 'date' or 'on' (an event condition)")
        return self
