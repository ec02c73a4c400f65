"""Which instruments an event belongs to, when one timeline is replayed against several specs.

An event that names its ``instrument`` goes to that spec only. Otherwise an event that names a clause, a body
or an undertaking goes to the specs that define it, and one that names none goes to every spec (an incident
is evaluated against every instrument). The answer to a bilateral request goes where the request went. With
one spec every event goes to it. A name no spec defines, or an ``instrument`` that is not one of them, is an
error naming the entry and the field.
"""

from __future__ import annotations

from collections.abc import Sequence

from guarantor.errors import RuntimeStateError
from guarantor.runtime.events import Event, RequestAnswered, RequestMade
from guarantor.spec import Spec

__all__ = ["route"]

# The fields whose value is the name of something a spec defines, and where the spec defines it.
_NAMED = {"clause": "clauses", "body": "bodies", "undertaking": "undertakings"}


def route(specs: Sequence[Spec], events: Sequence[Event]) -> list[list[tuple[int, Event]]]:
    """For each spec, in order, the events that belong to it with their entry numbers in the whole log."""
    out: list[list[tuple[int, Event]]] = [[] for _ in specs]
    asked: dict[str, list[int]] = {}  # a bilateral request, and the specs it went to: its answer follows it
    for n, event in enumerate(events, start=1):
        targets = _answer_targets(event, asked) or _targets(specs, event, n)
        if isinstance(event, RequestMade):
            asked[event.id or f"to:{event.to}"] = targets
        for i in targets:
            out[i].append((n, event))
    return out


def _answer_targets(event: Event, asked: dict[str, list[int]]) -> list[int] | None:
    if not isinstance(event, RequestAnswered) or event.instrument is not None:
        return None
    return asked.get(event.request or f"to:{event.actor}")


def _targets(specs: Sequence[Spec], event: Event, n: int) -> list[int]:
    ids = [s.id for s in specs]
    where = f"entry {n} ({event.type} at {event.time:%Y-%m-%dT%H:%M}Z)"
    if event.instrument is not None:
        if event.instrument not in ids:
            raise RuntimeStateError(
                f"{where}: field 'instrument': '{event.instrument}' is not one of the specs replayed",
                hint=f"one of {', '.join(ids)}",
            )
        return [ids.index(event.instrument)]
    chosen = list(range(len(specs)))
    if len(specs) == 1:
        return chosen  # the engine itself names what the spec lacks, with the names it has
    for field, table in _NAMED.items():
        name = getattr(event, field, None)
        if name is None:
            continue
        chosen = [i for i in chosen if name in getattr(specs[i], table)]
        if not chosen:
            raise RuntimeStateError(
                f"{where}: field '{field}': no spec replayed defines '{name}'",
                hint=f"specs: {', '.join(ids)}; or give the event an 'instrument'",
            )
    if len(chosen) > 1 and any(getattr(event, f, None) for f in _NAMED):
        raise RuntimeStateError(
            f"{where}: the names in this event fit {', '.join(ids[i] for i in chosen)}",
            hint="give the event an 'instrument' to say which it belongs to",
        )
    return chosen
