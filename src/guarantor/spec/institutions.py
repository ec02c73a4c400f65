"""Institutions an alliance sets up beyond its obligations: military contact, aid, command, bases,
organisations and specified contributions (the depth of an alliance, reference section 15)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from guarantor.spec.base import Node
from guarantor.spec.clauses import PartySet

__all__ = ["Institution", "InstitutionKind"]


class InstitutionKind(StrEnum):
    """What kind of standing arrangement the instrument creates."""

    MILITARY_CONTACT = "military-contact"  # peacetime consultation of the forces, common plans or policy
    MILITARY_AID = "military-aid"  # arms, training or money for forces
    INTEGRATED_COMMAND = "integrated-command"  # a joint command in peace and war
    SUBORDINATION = "subordination"  # forces placed under another party's command
    BASES = "bases"  # stationing of troops or use of bases on another party's territory
    ORGANISATION = "organisation"  # a standing organisation of the parties
    CONTRIBUTIONS = "contributions"  # contributions of troops or money fixed in the text
    ARMS_LIMITATION = "arms-limitation"  # limits on the parties' arms
    ECONOMIC_AID = "economic-aid"
    DIPLOMATIC_AID = "diplomatic-aid"


class Institution(Node):
    """A standing arrangement among ``parties``; ``depth`` places it on the kind's ordinal scale (1 is the
    shallowest: for military contact 1 wartime contact, 2 peacetime contact, 3 a common defence policy)."""

    kind: InstitutionKind
    depth: int = Field(default=1, ge=1)
    parties: PartySet = "all-parties"
    text: str | None = None
    source: str | None = None
    notes: str | None = None
