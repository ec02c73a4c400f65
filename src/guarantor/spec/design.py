"""Constructs of the 2025-26 guarantee drafts: a trigger threshold, a clause that voids the guarantee, and
ratification as a condition of entry into force.

- ``Threshold``: how grave an attack must be ("a significant, deliberate and sustained armed attack by the
  Russian Federation across the agreed armistice line", US framework agreement, November 2025).
- ``Voidance``: the guarantee is lost when a condition holds ("If Ukraine attacks Russia, all security
  guarantees should be lost", 20-point framework, December 2025).
- ``Ratification``: a party's ratification the instrument needs before it enters into force (the US offered
  to seek Senate or Congress approval, December 2025 and February 2026).

A commission that attributes breaches is ``attribution: {by: BODY}`` on a trigger (the Paris Declaration's
Special Commission, 6 January 2026).
"""

from __future__ import annotations

from typing import Literal

from guarantor.spec.base import Node
from guarantor.spec.conditions import ConditionRef
from guarantor.spec.values import DurationField

__all__ = ["Ratification", "Threshold", "Voidance"]


class Threshold(Node):
    """The gravity an attack must reach to trigger: each flag narrows which attacks count."""

    significant: bool = False
    """Only a significant attack (not a skirmish or an incident)."""
    deliberate: bool = False
    """Only a deliberate attack (not an accident or an unauthorised act)."""
    sustained: DurationField | None = None
    """Only an attack that goes on at least this long: the trigger cannot be established before then."""
    across: str | None = None
    """Only an attack across this line (the agreed armistice or ceasefire line)."""
    text: str | None = None
    source: str | None = None


class Voidance(Node):
    """The guarantee (or the listed clauses) is void once ``when`` holds; events in ``when`` are adverse, so a
    simulation takes them as not having happened unless a scenario says they did (``events``)."""

    when: ConditionRef
    clauses: list[str] | None = None
    """The clauses it voids; none: every clause."""
    text: str | None = None
    source: str | None = None
    assumption: bool = False


class Ratification(Node):
    """A ratification entry into force waits for."""

    party: str
    by: str | None = None
    """Who ratifies (the US Senate, the Verkhovna Rada...)."""
    status: Literal["pending", "done", "not-required"] = "pending"
    text: str | None = None
    source: str | None = None
