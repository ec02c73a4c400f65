"""Declarative conditions: the small vocabulary that entry into force, conditional accession, conditional
pledges and undertakings are written in. No ``eval``: every condition is data the analyser can reason about.

    {event: ceasefire}                       a named event has happened (reported to the runtime)
    {held_for: ceasefire, duration: P12M}    a named event's state has held for the duration
    {participates: USA}                      a party takes part in the response
    {not: CONDITION} / {all: [...]} / {any: [...]}
    {after: 2026-01-01}                      a date has passed
    NAME                                     a named condition from the spec's ``conditions`` table
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from guarantor.spec.base import Node
from guarantor.spec.values import DurationField

__all__ = ["Condition", "ConditionRef"]

_KEYS = ("event", "held_for", "participates", "not_", "all", "any", "after", "ref")


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
        return f"condition '{self.ref}'"


def _shorthand(value: Any) -> Any:
    return {"ref": value} if isinstance(value, str) else value


ConditionRef = Annotated[Condition, BeforeValidator(_shorthand)]
Condition.model_rebuild()
