"""Dated versions of a treaty's text and rules: an amendment in force from a date.

An ``Amendment`` replaces or adds clauses and bodies, repeals clauses, or replaces the default scope, from its
``in_force`` date. ``version_on(spec, day)`` is the spec as it stood on that day: the base text with every
amendment in force by then applied in date order. Two amendments in force on the same day that touch the same
clause or body are refused: precedence is never "last wins".
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from guarantor.spec.base import Node
from guarantor.spec.bodies import Body
from guarantor.spec.clauses import Clause, Scope

if TYPE_CHECKING:
    from guarantor.spec.model import Spec

__all__ = ["Amendment", "amendment_problems", "in_force_on", "version_on"]


class Amendment(Node):
    """One amendment: what it changes, and the day it enters into force."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    in_force: date
    clauses: dict[str, Clause] = Field(default_factory=dict)
    bodies: dict[str, Body] = Field(default_factory=dict)
    repeals: list[str] = Field(default_factory=list)
    scope: Scope | None = None
    text: str | None = None
    source: str | None = None

    def touches(self) -> set[str]:
        return {*(f"clause {c}" for c in (*self.clauses, *self.repeals)), *(f"body {b}" for b in self.bodies)}


def in_force_on(spec: Spec, day: date) -> list[Amendment]:
    """The amendments in force on ``day``, in date order."""
    return sorted((a for a in spec.amendments if a.in_force <= day), key=lambda a: a.in_force)


def version_on(spec: Spec, day: date) -> Spec:
    """The spec as it stood on ``day``."""
    due = in_force_on(spec, day)
    if not due:
        return spec
    clauses, bodies, scope = dict(spec.clauses), dict(spec.bodies), spec.scope
    for a in due:
        for cid in a.repeals:
            clauses.pop(cid, None)
        clauses.update(a.clauses)
        bodies.update(a.bodies)
        scope = a.scope or scope
    return spec.model_copy(update={"clauses": clauses, "bodies": bodies, "scope": scope})


def amendment_problems(spec: Spec) -> list[str]:
    """What is wrong with the amendments of ``spec``: ids twice, dates before signature, clashes, bad repeals."""
    out: list[str] = []
    ids = [a.id for a in spec.amendments]
    out += [f"amendment '{i}' is listed twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(spec.clauses)
    for a in sorted(spec.amendments, key=lambda a: a.in_force):
        if spec.signed and a.in_force < spec.signed:
            out.append(f"amendment '{a.id}' is in force ({a.in_force}) before the treaty is signed ({spec.signed})")
        unknown = [c for c in a.repeals if c not in known]
        out += [f"amendment '{a.id}' repeals '{c}', a clause no earlier version has" for c in unknown]
        known |= set(a.clauses)
    for i, a in enumerate(spec.amendments):
        for b in spec.amendments[i + 1 :]:
            both = a.touches() & b.touches()
            if a.in_force == b.in_force and both:
                out.append(
                    f"amendments '{a.id}' and '{b.id}' both change {', '.join(sorted(both))} from {a.in_force}: "
                    "say which comes first by dating them apart, or merge them"
                )
    return out
