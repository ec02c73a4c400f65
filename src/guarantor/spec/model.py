"""The whole guarantee: the root of the spec tree."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from guarantor.spec.amendments import Amendment, amendment_problems
from guarantor.spec.base import Node
from guarantor.spec.bodies import Body
from guarantor.spec.clauses import Clause, PartySet, Scope
from guarantor.spec.conditions import ConditionRef
from guarantor.spec.design import Voidance
from guarantor.spec.forces import EntryIntoForce, Pledge, Scenario, Undertaking
from guarantor.spec.institutions import Institution
from guarantor.spec.parties import Actor, LifecycleEvent, Party
from guarantor.spec.term import Term

__all__ = ["SPEC_VERSION", "Spec"]

SPEC_VERSION: Literal[1] = 1

Kind = Literal["treaty", "declaration", "agreement", "memorandum", "design", "alliance"]


class Spec(Node):
    """A security guarantee written down precisely."""

    spec_version: Literal[1] = SPEC_VERSION
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    title: str
    kind: Kind = "treaty"
    signed: date | None = None
    entry_into_force: EntryIntoForce | None = None
    terminated: date | None = None
    term: Term | None = None
    source: str | None = None
    text: str | None = None
    notes: str | None = None
    parties: list[Party] = Field(min_length=1)
    actors: list[Actor] = Field(default_factory=list)
    roles: dict[str, list[str]] = Field(default_factory=dict)
    protects: PartySet = "all-parties"
    potential_aggressors: list[str] = Field(default_factory=list)
    scope: Scope | None = None
    bodies: dict[str, Body] = Field(default_factory=dict)
    clauses: dict[str, Clause] = Field(default_factory=dict)
    conditions: dict[str, ConditionRef] = Field(default_factory=dict)
    undertakings: dict[str, Undertaking] = Field(default_factory=dict)
    pledges: list[Pledge] = Field(default_factory=list)
    scenarios: dict[str, Scenario] = Field(default_factory=dict)
    events: list[LifecycleEvent] = Field(default_factory=list)
    institutions: dict[str, Institution] = Field(default_factory=dict)
    amendments: list[Amendment] = Field(default_factory=list)
    void_if: list[Voidance] = Field(default_factory=list)

    @field_validator("terminated")
    @classmethod
    def _terminated_after_signature(cls, terminated: date | None, info: ValidationInfo) -> date | None:
        signed = info.data.get("signed")
        if terminated is not None and signed is not None and terminated < signed:
            raise ValueError(
                f"the instrument is terminated on {terminated}, before it was signed on {signed}: "
                "fix either date ('terminated' is the day it ended, on or after 'signed')"
            )
        return terminated

    @model_validator(mode="after")
    def _unique_ids(self) -> Spec:
        seen: set[str] = set()
        for actor in [*self.parties, *self.actors]:
            if actor.id in seen:
                raise ValueError(f"'{actor.id}' is listed twice among parties and actors; list it once")
            seen.add(actor.id)
        problems = amendment_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Lookups -----------------------------------------------------------------------------------------

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def actor(self, actor_id: str) -> Actor | None:
        return self.party(actor_id) or next((a for a in self.actors if a.id == actor_id), None)

    @property
    def party_ids(self) -> list[str]:
        return [p.id for p in self.parties]

    @property
    def actor_ids(self) -> list[str]:
        return [*self.party_ids, *(a.id for a in self.actors)]
