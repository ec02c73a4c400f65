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
from guarantor.runtime.events import IncidentReported, StatementMade, event_to_json, utc
from guarantor.spec.model import Spec

__all__ = ["EventsOut", "reading_events", "reading_table"]


@dataclass
class EventsOut:
    events: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _time(value: str) -> Any:
    return utc(value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value)


def _clause(concern: str | None, spec: Spec | None) -> str | None:
    if concern is None or spec is None:
        return concern
    if concern.startswith(f"{spec.id}:"):
        return concern.split(":", 1)[1]
    words = next((w for _, ident, w in INSTRUMENTS if ident == concern), ())
    return next((w for w in words if w in spec.clauses), concern)


def _party(s: Statement, spec: Spec | None) -> str:
    if spec is not None and s.party is not None and s.party in {p.id for p in spec.parties}:
        return s.party
    return str(s.speaker.value)


def _known(value: str | None) -> str | None:
    return value if value and not value.startswith("?") else None


def _statement(s: Statement, spec: Spec | None, source: str | None) -> StatementMade:
    return StatementMade(
        time=_time(str(s.date.value)),
        party=_party(s, spec),
        stance=s.stance.value,  # type: ignore[arg-type]  # the lexicon's stances are the runtime's
        addressee=_known(s.addressee.value),
        concerns=_clause(s.concerns.value, spec),
        text=s.text,
        source=source,
        note=f"read by guarantor read (confidence {s.confidence:.2f}; speaker {s.speaker.value})",
    )


def _incident(i: Incident, ident: str, source: str | None) -> IncidentReported:
    return IncidentReported(
        time=_time(str(i.date.value)),
        id=ident,
        kind=i.kind.value,  # type: ignore[arg-type]  # the lexicon's kinds are the runtime's
        event_type=f"CAMEO {i.cameo} / PLOVER {i.plover}",
        by=_known(i.by.value),
        against=_known(i.against.value),
        country=_known(i.against.value),
        region=i.region.value,
        source=source,
        note=f"read by guarantor read (confidence {i.confidence:.2f}): {i.text}",
    )


def reading_events(reading: Reading, text: str, *, spec: Spec | None = None) -> EventsOut:
    """The runtime events of a reading, in the order read; ``text`` (the report) names the incidents."""
    out = EventsOut()
    prefix = "news-" + hashlib.sha256(text.encode()).hexdigest()[:8]
    for n, i in enumerate(reading.incidents, start=1):
        if i.date.value is None:
            out.skipped.append(f"incident at {i.span[0]}: no date")
            continue
        out.events.append(event_to_json(_incident(i, f"{prefix}-{n}", reading.source)))
    for s in reading.statements:
        if s.speaker.value is None or s.speaker.value.startswith("?") or s.date.value is None:
            out.skipped.append(f"statement at {s.span[0]}: speaker {s.speaker.value or 'not found'}")
            continue
        out.events.append(event_to_json(_statement(s, spec, reading.source)))
    out.events.sort(key=lambda e: str(e["time"]))
    return out


def _cell(value: str | None, confidence: float) -> str:
    return "-" if value is None else f"{value} ({confidence:.2f})"


def reading_table(reading: Reading) -> list[str]:
    """A plain table for reading: one row per statement and incident, then the names not resolved."""
    rows = [("what", "date", "who", "did", "to whom", "concerns / where")]
    for s in reading.statements:
        rows.append(
            (
                "statement",
                s.date.value or "?",
                _cell(s.speaker.value, s.speaker.confidence),
                _cell(s.stance.value, s.stance.confidence),
                _cell(s.addressee.value, s.addressee.confidence),
                _cell(s.concerns.value, s.concerns.confidence),
            )
        )
    for i in reading.incidents:
        rows.append(
            (
                "incident",
                i.date.value or "?",
                _cell(i.by.value, i.by.confidence),
                _cell(i.kind.value, i.kind.confidence),
                _cell(i.against.value, i.against.confidence),
                i.region.value or "-",
            )
        )
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    for m in reading.unresolved():
        more = f", ... {len(m.candidates) - 6} more" if len(m.candidates) > 6 else ""
        could = f" (could be {', '.join(m.candidates[:6])}{more})" if m.candidates else ""
        lines.append(f"{m.status}: '{m.text}' at {m.start}-{m.end}{could}")
    return lines
