"""A reading as runtime events (``incident_reported``, ``statement_made``) and as a plain table.

A statement whose speaker is not resolved gives no event (the runtime needs a party), and neither does
anything with no date at all; both stay in the reading and are named in ``skipped``. With a spec, speakers
are given as the spec's party they speak for, and ``concerns`` as the spec's clause the instrument names.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from guarantor.reading.instruments import INSTRUMENTS
from guarantor.reading.model import Incident, Reading, Statement
from guarantor.spec.model import Spec

__all__ = ["EventsOut", "reading_events", "reading_table"]


@dataclass
class EventsOut:
    events: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _time(value: str | None) -> str | None:
    if value is None:
        return None
    full = value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value
    return f"{full}T00:00:00Z"


def _clause(concern: str | None, spec: Spec | None) -> str | None:
    if concern is None or spec is None:
        return concern
    if concern.startswith(f"{spec.id}:"):
        return concern.split(":", 1)[1]
    words = next((w for _, ident, w in INSTRUMENTS if ident == concern), ())
    return next((w for w in words if w in spec.clauses), concern)


def _party(s: Statement, spec: Spec | None) -> str | None:
    if spec is not None and s.party is not None and s.party in {p.id for p in spec.parties}:
        return s.party
    return s.speaker.value


def _statement(s: Statement, spec: Spec | None, source: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "statement_made", "time": _time(s.date.value), "party": _party(s, spec)}
    out["stance"] = s.stance.value
    if s.addressee.value and not s.addressee.value.startswith("?"):
        out["addressee"] = s.addressee.value
    if (concern := _clause(s.concerns.value, spec)) is not None:
        out["concerns"] = concern
    out["text"] = s.text
    if source:
        out["source"] = source
    out["note"] = f"read by guarantor read (confidence {s.confidence:.2f}; speaker {s.speaker.value})"
    return out


def _incident(i: Incident, ident: str, source: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "incident_reported", "time": _time(i.date.value), "id": ident, "kind": i.kind.value}
    out["event_type"] = f"CAMEO {i.cameo} / PLOVER {i.plover}"
    for name, f in (("by", i.by), ("against", i.against)):
        if f.value and not f.value.startswith("?"):
            out[name] = f.value
    if i.against.value and not i.against.value.startswith("?"):
        out["country"] = i.against.value
    if i.region.value:
        out["region"] = i.region.value
    if source:
        out["source"] = source
    out["note"] = f"read by guarantor read (confidence {i.confidence:.2f}): {i.text}"
    return out


def reading_events(reading: Reading, text: str, *, spec: Spec | None = None) -> EventsOut:
    """The runtime events of a reading, in the order read; ``text`` (the report) names the incidents."""
    out = EventsOut()
    prefix = "news-" + hashlib.sha256(text.encode()).hexdigest()[:8]
    for n, i in enumerate(reading.incidents, start=1):
        if i.date.value is None:
            out.skipped.append(f"incident at {i.span[0]}: no date")
            continue
        out.events.append(_incident(i, f"{prefix}-{n}", reading.source))
    for s in reading.statements:
        if s.speaker.value is None or s.speaker.value.startswith("?") or s.date.value is None:
            out.skipped.append(f"statement at {s.span[0]}: speaker {s.speaker.value or 'not found'}")
            continue
        out.events.append(_statement(s, spec, reading.source))
    out.events.sort(key=lambda e: str(e["time"]))
    return out


def _cell(value: str | None, confidence: float) -> str:
    return "-" if value is None else f"{value} ({confidence:.2f})"


def reading_table(reading: Reading) -> list[str]:
    """A plain table for reading: one row per statement and incident, then the names not resolved."""
    rows = [("what", "date", "who", "did", "to whom", "concerns / where")]
    for s in reading.statements:
        rows.append(("statement", s.date.value or "?", _cell(s.speaker.value, s.speaker.confidence),
                     _cell(s.stance.value, s.stance.confidence), _cell(s.addressee.value, s.addressee.confidence),
                     _cell(s.concerns.value, s.concerns.confidence)))
    for i in reading.incidents:
        rows.append(("incident", i.date.value or "?", _cell(i.by.value, i.by.confidence),
                     _cell(i.kind.value, i.kind.confidence), _cell(i.against.value, i.against.confidence),
                     i.region.value or "-"))
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    for m in reading.unresolved():
        lines.append(f"{m.status}: '{m.text}' at {m.start}-{m.end}" + (f" (could be {', '.join(m.candidates)})" if m.candidates else ""))
    return lines
