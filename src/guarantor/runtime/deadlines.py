"""Due times from the spec's deadlines, and the sweep that finds the ones missed.

A numeric deadline (``PT24H``) binds: once the clock passes the due time with the obligation neither
acknowledged nor discharged, the deadline is missed. A treaty word (``forthwith``, ``immediately``) gets its
nominal due time for display, but states no number, so passing it is not recorded as a miss.
"""

from __future__ import annotations

import heapq
from datetime import datetime

from guarantor.runtime.evolve import replace
from guarantor.runtime.state import Consultation, MissedDeadline, ObligationRecord
from guarantor.spec import Deadline

__all__ = ["due_time", "sweep_consultations", "sweep_obligations"]


def due_time(deadline: Deadline | None, start: datetime) -> datetime | None:
    """``start`` plus the deadline, or None when the spec states no deadline."""
    return deadline.duration.add_to(start) if deadline is not None else None


def sweep_obligations(
    obligations: dict[str, ObligationRecord], due: list[tuple[datetime, str]], clock: datetime
) -> list[tuple[ObligationRecord, MissedDeadline]]:
    """Mark every binding obligation still pending whose due time is before ``clock`` as missed.

    ``due`` is a heap of (due time, obligation id) of the binding obligations, so a sweep costs only the
    deadlines it passes.
    """
    out: list[tuple[ObligationRecord, MissedDeadline]] = []
    while due and due[0][0] < clock:
        _, key = heapq.heappop(due)
        ob = obligations[key]
        if ob.status == "pending" and ob.due is not None:
            obligations[key] = missed = replace(ob, status="missed")
            what = ob.action or f"{ob.strength or 'its'} obligation"
            out.append((missed, MissedDeadline(ob.bearer, what, ob.id, ob.clause, ob.due)))
    return out


def sweep_consultations(consultations: dict[str, Consultation], clock: datetime) -> list[Consultation]:
    """Mark every requested consultation not held by its binding due time as missed."""
    out: list[Consultation] = []
    for key, c in consultations.items():
        if c.status == "requested" and c.due is not None and c.due < clock:
            consultations[key] = out_c = replace(c, status="missed")
            out.append(out_c)
    return sorted(out, key=lambda c: c.due or c.requested)
