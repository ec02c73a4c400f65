"""The state of a guarantee as a pure function of its spec and its events.

``fold(spec, events, as_of)`` applies the events in time order (ties keep their order in the log) up to
``as_of``, the clock: an event after it has not happened yet, and deadlines are checked against it. The
same spec and events always give the same state; nothing is read from the wall clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from guarantor.records import collection_deferred
from guarantor.runtime._acts import Runtime
from guarantor.runtime.events import Event, utc
from guarantor.runtime.outcomes import clause_outcomes
from guarantor.runtime.state import State
from guarantor.spec import Spec

__all__ = ["fold", "fold_numbered"]


def fold(spec: Spec, events: Iterable[Event], as_of: datetime | None = None) -> State:
    """The state after ``events`` as of ``as_of`` (default: the time of the last event)."""
    with collection_deferred():
        return fold_numbered(spec, list(enumerate(events, start=1)), as_of)


def fold_numbered(spec: Spec, events: Sequence[tuple[int, Event]], as_of: datetime | None = None) -> State:
    """``fold`` of events that carry their entry numbers in a larger log (one timeline, several specs)."""
    with collection_deferred():  # the fold builds its records by the hundred thousand and frees few
        return _fold(spec, events, as_of)


def _fold(spec: Spec, events: Sequence[tuple[int, Event]], as_of: datetime | None) -> State:
    clock = utc(as_of) if as_of is not None else None
    ordered = sorted(events, key=lambda pair: pair[1].time)
    engine = Runtime(spec)
    last: datetime | None = None
    for n, event in ordered:
        if clock is not None and event.time > clock:
            break
        engine.advance(event.time)
        engine.apply(n, event)
        last = event.time
    end = clock or last
    if end is not None:
        engine.advance(end)
    transitions = sorted(engine.transitions, key=lambda t: t.time)
    return State(
        spec_id=spec.id,
        as_of=end,
        cases=engine.final_cases(),
        consultations=tuple(engine.consultations.values()),
        decisions=tuple(engine.decisions.values()),
        obligations=tuple(engine.obligations.values()),
        missed=tuple(sorted(engine.missed, key=lambda m: m.due)),
        requests=tuple(engine.requests.values()),
        situations=tuple(sorted(engine.situations.items())),
        outcomes=clause_outcomes(engine),
        transitions=tuple(transitions),
    )
