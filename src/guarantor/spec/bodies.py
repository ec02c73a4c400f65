"""Decision bodies: who sits on them (dated), by what rule they decide, and how their votes are counted."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from guarantor.spec.base import Node
from guarantor.spec.clauses import PartySet
from guarantor.spec.parties import TimeZone
from guarantor.spec.rules import ConsensusRule, Rule
from guarantor.spec.values import RatioField

__all__ = ["Body", "Counting", "Exclusion", "Provisional", "Seat"]

Counts = Literal["in-favour", "against", "abstain", "absent"]


class Seat(Node):
    """A dated seat on a body; ``id`` names a party or another actor (an elected Security Council seat)."""

    id: str
    joined: date | None = None
    left: date | None = None
    permanent: bool = False


class Exclusion(Node):
    """When the parties to a dispute do not vote: always, or only in a dispute between two members (Rio Art 18:
    "in the case of a situation or dispute between American States, the parties directly interested shall be
    excluded from the voting"); ``clauses`` limits it to the decisions of those clauses (empty: every one).
    Only members of the body are ever excluded: an attacker that does not sit on it has no vote to lose."""

    when: Literal["always", "between-members"] = "always"
    clauses: list[str] = Field(default_factory=list)
    text: str | None = None


class Counting(Node):
    """What a member who abstains, one present but silent, and one absent count as. The defaults follow a
    meeting's plain reading: an abstention and a silence are present without a vote, an absence is absent. A
    silence procedure ("deemed agreed unless a member breaks silence") is ``silent: in-favour``; a treaty
    where an abstention blocks unanimity reads the same as the default, because unanimity needs every member
    entitled to vote in favour."""

    abstaining: Literal["abstain", "against", "in-favour"] = "abstain"
    silent: Counts = "abstain"
    absent: Literal["absent", "against", "abstain"] = "absent"
    text: str | None = None


class Provisional(Node):
    """This body acts provisionally for ``acts_for`` until that body has met (Rio Art 12: "the Governing Board
    of the Pan American Union may act provisionally as an organ of consultation until the meeting of the Organ
    of Consultation")."""

    acts_for: str
    until: Literal["meets"] = "meets"
    text: str | None = None


class Body(Node):
    """A body that decides, with its own membership and rule.

    ``members`` is a party set (``all-parties``) or a list of seats. ``external: true`` marks a body outside
    the instrument (the UN Security Council) whose members need not be parties. ``quorum`` is the least number
    (or share of all members) that must be entitled to vote (``quorum_of: entitled``, after interested parties
    leave) or present at the vote (``quorum_of: present``); below it the body cannot decide. ``timezone`` is
    the IANA zone of its seat (``Europe/Brussels``): replay output shows local times beside UTC.
    """

    name: str | None = None
    members: PartySet | list[Seat] = "all-parties"
    rule: Rule = Field(default_factory=lambda: ConsensusRule(kind="consensus"))
    exclude_interested: bool | Exclusion = False
    quorum: int | RatioField | None = None
    quorum_of: Literal["entitled", "present"] = "entitled"
    counting: Counting = Field(default_factory=Counting)
    provisional: Provisional | None = None
    external: bool = False
    timezone: TimeZone | None = None
    text: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _quorum_present_needs_quorum(self) -> Body:
        if self.quorum_of == "present" and self.quorum is None:
            raise ValueError("'quorum_of: present' needs a 'quorum' (a number of members, or a share such as '1/2')")
        return self

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

    @property
    def exclusion(self) -> Exclusion | None:
        """The exclusion of interested parties in its full form, or None when the body has none."""
        if isinstance(self.exclude_interested, Exclusion):
            return self.exclude_interested
        return Exclusion() if self.exclude_interested else None
