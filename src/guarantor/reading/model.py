"""What reading a report yields: incidents and statements, each field with its confidence and text span."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

from guarantor.reading.mention import Mention
from guarantor.reading.report import Dateline

__all__ = ["Field", "Incident", "Reading", "Statement"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Field(Generic[T]):
    """One extracted value, how sure the reader is of it (0..1) and the characters it was read from."""

    value: T
    confidence: float
    span: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "confidence": round(self.confidence, 3), "span": list(self.span or ()) or None}


@dataclass(frozen=True, slots=True)
class Statement:
    """Who pledged, offered, agreed, demanded, rejected, welcomed, announced or refused what, to whom, when."""

    speaker: Field[str | None]
    stance: Field[str]
    addressee: Field[str | None]
    concerns: Field[str | None]
    date: Field[str | None]
    text: str
    span: tuple[int, int]
    cameo: str
    plover: str
    party: str | None = None  # the state or body the speaker speaks for on the date

    @property
    def confidence(self) -> float:
        return min(self.speaker.confidence, self.stance.confidence)


@dataclass(frozen=True, slots=True)
class Incident:
    """Who did what to whom, where and when, classified into the runtime's incident kinds."""

    kind: Field[str]
    by: Field[str | None]
    against: Field[str | None]
    region: Field[str | None]
    date: Field[str | None]
    text: str
    span: tuple[int, int]
    cameo: str
    plover: str

    @property
    def confidence(self) -> float:
        return min(self.kind.confidence, self.by.confidence, self.against.confidence)


def _json(value: Any) -> Any:
    if isinstance(value, Field):
        return value.to_json()
    return value


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything read from one report; ``mentions`` holds every actor named, resolved or not."""

    dateline: Dateline
    statements: tuple[Statement, ...]
    incidents: tuple[Incident, ...]
    mentions: tuple[Mention, ...]
    source: str | None = None
    notes: tuple[str, ...] = field(default=())

    def actors(self) -> list[str]:
        """The canonical ids of every resolved actor (people, bodies, states) named, in order of first mention."""
        return list(dict.fromkeys(m.entity for m in self.mentions if m.resolved and m.entity and m.kind != "place"))

    def unresolved(self) -> list[Mention]:
        return [m for m in self.mentions if not m.resolved]

    def to_json(self) -> dict[str, Any]:
        d = self.dateline
        return {
            "dateline": {"date": d.day.isoformat() if d.day else None, "place": d.place, "agency": d.agency},
            "statements": [{k: _json(v) for k, v in _fields(s).items()} for s in self.statements],
            "incidents": [{k: _json(v) for k, v in _fields(i).items()} for i in self.incidents],
            "actors": self.actors(),
            "unresolved": [asdict(m) for m in self.unresolved()],
            "notes": list(self.notes),
        }


def _fields(obj: Statement | Incident) -> dict[str, Any]:
    out = {name: getattr(obj, name) for name in obj.__slots__}
    out["span"] = list(obj.span)
    out["confidence"] = round(obj.confidence, 3)
    return out
