"""The spec's declarative conditions evaluated against the situations the runtime has seen."""

from __future__ import annotations

from datetime import datetime

from guarantor.spec import Condition, Duration, Spec

__all__ = ["holds"]


def holds(
    cond: Condition, situations: dict[str, datetime], now: datetime, spec: Spec, *, delay: Duration | None = None
) -> bool:
    """Does ``cond`` hold at ``now``? ``participates`` is not known to the runtime and counts as false."""
    if cond.event is not None:
        began = situations.get(cond.event)
        return began is not None and (delay.add_to(began) if delay else began) <= now
    if cond.held_for is not None and cond.duration is not None:
        began = situations.get(cond.held_for)
        return began is not None and cond.duration.add_to(began) <= now
    if cond.after is not None:
        return now.date() >= cond.after
    if cond.not_ is not None:
        return not holds(cond.not_, situations, now, spec)
    if cond.all is not None:
        return all(holds(c, situations, now, spec) for c in cond.all)
    if cond.any is not None:
        return any(holds(c, situations, now, spec) for c in cond.any)
    if cond.ref is not None and cond.ref in spec.conditions:
        return holds(spec.conditions[cond.ref], situations, now, spec, delay=delay)
    return False
