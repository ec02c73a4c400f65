"""An actor named in a report, as resolved: the entity, how sure, how, and the text it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Mention", "MentionStatus"]

MentionStatus = Literal["resolved", "ambiguous", "unknown"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A name, office, state word or place in the text.

    ``status`` is ``resolved`` (``entity`` set), ``ambiguous`` (``candidates`` lists the entities it could
    be) or ``unknown`` (it reads as a name but matches nothing known). ``kind`` says what the words are:
    ``name``, ``adjective`` ("Russian"), ``seat`` ("Moscow", "the Kremlin"), ``place`` ("Kharkiv"),
    ``office`` ("the NATO secretary general"). ``how`` says how it was resolved.
    """

    start: int
    end: int
    text: str
    status: MentionStatus
    entity: str | None
    kind: str
    confidence: float
    how: str
    candidates: tuple[str, ...] = ()
    office: str | None = None  # the office named ("RUS.president", "*.president" for a bare role)

    @property
    def resolved(self) -> bool:
        return self.status == "resolved"
