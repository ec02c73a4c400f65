"""Declarative conditions: the small vocabulary that entry into force, conditional accession, conditional
pledges and undertakings are written in. No ``eval``: every condition is data the analyser can reason about.

    {event: ceasefire}                       a named event has happened (reported to the runtime)
    {held_for: ceasefire, duration: P12M}    a named event's state has held for the duration
    {participates: USA}                      a party takes part in the response
    {not: CONDITION} / {all: [...]} / {any: [...]}
    {after: 2026-01-01}                      a date has passed
    NAME                                     a named condition from the spec's ``conditions`` table

Conditions on an obligation's circumstances (the alliance codings of ATOP, reference section 15):

    {attack_in: treaty-area}                 the attack happens in the named place
    {adversary: potential-aggressors}        the adversary is one of these actors (a party set)
    {conflict: named-conflict}               the obligation concerns the named conflict only
    {unprovoked: true}                       the protected party did not provoke the attack
    {demand_refused: named-demand}           the adversary refused the named demand
    {requested: any-party}                   a party of this set requested it
    {adversaries_at_least: 2}                at least this many adversaries take part
    {ally_attacked: true}                    the ally is the one attacked, not the attacker
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from guarantor.spec.base import Node
from guarantor.spec.values import DurationField

__all__ = ["Condition", "ConditionRef"]

_KEYS = (
    "event",
    "held_for",
    "participates",
    "not_",
    "all",
    "any",
    "after",
    "attack_in",
    "adversary",
    "conflict",
    "unprovoked",
    "demand_refused",
    "requested",
    "adversaries_at_least",
    "ally_attacked",
    "ref",
)


class Condition(Node):
    """Exactly one of its keys is set."""

    event: str | None = None
    held_for: str | None = None
    duration: DurationField | None = None
    participates: str | None = None
    not_: ConditionRef | None = Field(default=None, alias="not")
    all: list[ConditionRef] | None = None
    any: list[ConditionRef] | None = None
    after: date | None = None
    attack_in: str | None = None
    adversary: str | list[str] | None = None
    conflict: str | None = None
    unprovoked: bool | None = None
    demand_refused: str | None = None
    requested: str | list[str] | None = None
    adversaries_at_least: int | None = Field(default=None, ge=1)
    ally_attacked: bool | None = None
    ref: str | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        given = [k.rstrip("_") for k in _KEYS if getattr(self, k) is not None]
        if len(given) != 1:
            keys = ", ".join(k.rstrip("_") for k in _KEYS if k != "ref")
            raise ValueError(f"a condition needs exactly one of {keys}; got {given or 'none'}")
        if (self.held_for is None) != (self.duration is None):
            raise ValueError("'held_for' and 'duration' go together: {held_for: ceasefire, duration: P12M}")
        return self

    def describe(self) -> str:
        """A short English rendering, for summaries and explanations."""
        if self.event:
            return f"'{self.event}' has happened"
        if self.held_for:
            return f"'{self.held_for}' has held for {self.duration}"
        if self.participates:
            return f"{self.participates} takes part"
        if self.not_:
            return f"not ({self.not_.describe()})"
        if self.all:
            return " and ".join(c.describe() for c in self.all)
        if self.any:
            return " or ".join(c.describe() for c in self.any)
        if self.after:
            return f"after {self.after.isoformat()}"
        return self._describe_circumstance() or f"condition '{self.ref}'"

    def _describe_circumstance(self) -> str | None:
        if self.attack_in is not None:
            return f"the attack happens in {self.attack_in}"
        if self.adversary is not None:
            return f"the adversary is {_names(self.adversary)}"
        if self.conflict is not None:
            return f"in the conflict '{self.conflict}'"
        if self.unprovoked is not None:
            return "the attack was not provoked" if self.unprovoked else "the attack was provoked"
        if self.demand_refused is not None:
            return f"the adversary refused '{self.demand_refused}'"
        if self.requested is not None:
            return f"requested by {_names(self.requested)}"
        if self.adversaries_at_least is not None:
            return f"at least {self.adversaries_at_least} adversaries"
        if self.ally_attacked is not None:
            return "the ally is attacked" if self.ally_attacked else "the ally attacks"
        return None


def _names(value: str | list[str]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


def _shorthand(value: Any) -> Any:
    return {"ref": value} if isinstance(value, str) else value


ConditionRef = Annotated[Condition, BeforeValidator(_shorthand)]
Condition.model_rebuild()
