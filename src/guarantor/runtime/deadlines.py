"""Due times from the spec's deadlines, and the sweep that finds the ones missed.

A numeric deadline (``PT24H``) binds: once the clock passes the due time with the obligation neither
acknowledged nor discharged, the deadline is missed. A treaty word (``forthwith``, ``immediately``) gets its
nominal due time for display, but states no number, so passing it is not recorded as a miss.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from guarantor.runtime.state import Consultation, MissedDeadline, ObligationRecord
from guarantor.spec import Deadline

__all__ = ["due_time", "sweep_consultations", "sweep_obligations"]


def due_time(deadline: Deadline | None, start: datetime) -> datetime | None:
    """``start`` plus the deadline, or None when the spec states no deadline."""
    return deadline.duration.add_to(start) if deadline is not None else None


def sweep_obligations(
    obligations: dict[str, ObligationRecord], clock: datetime
) -> list[tuple[ObligationRecord, MissedDeadline]]:
    """Mark every binding obligation still pending whose due time is before ``clock`` as missed."""
    out: list[tuple[ObligationRecord, MissedDeadline]] = []
    for key, ob in obligations.items():
        if ob.status == "pending" and ob.binding_deadline and ob.due is not None and ob.due < clock:
            missed = replace(ob, status="missed")
            obligations[key] = missed
            what = ob.action or f"{ob.strength or 'its'} obligation"
            out.append((missed, MissedDeadline(ob.bearer, what, ob.id, ob.clause, ob.due)))
    return sorted(out, key=lambda p: p[1].due)


def sweep_consultations(consultations: dict[str, Consultation], clock: datetime) -> list[Consultation]:
    """Mark every requested consultation not held by its binding due time as missed."""
    out: list[Consultation] = []
    for key, c in consultations.items():
        if c.status == "requested" and c.due is not None and c.due < clock:
            consultations[key] = out_c = replace(c, status="missed")
            out.append(out_c)
    return sorted(out, key=lambda c: c.due or c.requested)
