"""Streaming trigger evaluation: one incident at a time, for the live system and the fold.

``TriggerStream(trig).step`` is a closure specialised to the trigger when it is built: conditions the
trigger does not have cost nothing, names are tested against frozen sets, and a window count keeps one deque
of times per place, dropping those that fell out of ``(t - within, t]``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from guarantor.runtime.events import IncidentReported
from guarantor.semantics import CompiledTrigger, describe, place_key

__all__ = ["Step", "TriggerStream"]

# step(time_seconds, kind, event_type, against, by, country, region, severity) -> does the trigger hold? The region
# is given as its key (``place_key``), as the compiled trigger holds its regions.
Step = Callable[[int, str, str, str, str, str, str, int], bool]


def _static(trig: CompiledTrigger) -> Step:
    kinds, etypes, against, by = trig.kinds, trig.event_types, trig.against, trig.by
    regions, countries, excludes, sev = trig.regions, trig.countries, trig.excludes, trig.min_severity

    def check(t: int, kind: str, etype: str, tgt: str, att: str, country: str, region: str, severity: int) -> bool:
        return (
            kind in kinds
            and (etypes is None or etype in etypes)
            and (against is None or tgt in against)
            and (by is None or att in by)
            and (not excludes or (region not in excludes and country not in excludes))
            and (regions is None or region in regions or country in countries)
            and severity >= sev
        )

    return check


class TriggerStream:
    """The running state of one trigger over a stream of incidents in time order."""

    __slots__ = ("described", "step", "trigger", "windows")

    def __init__(self, trig: CompiledTrigger) -> None:
        self.trigger = trig
        self.described = describe(trig)  # the trigger in words, for the explanation of each case it opens
        self.windows: dict[str, deque[int]] = {}
        self.step: Step = self._build()

    def _build(self) -> Step:
        check = _static(self.trigger)
        if not self.trigger.has_window:
            return check
        windows, span, need = self.windows, self.trigger.window_seconds, self.trigger.window_count

        def step(t: int, kind: str, etype: str, tgt: str, att: str, country: str, region: str, sev: int) -> bool:
            if not check(t, kind, etype, tgt, att, country, region, sev):
                return False
            key = region or country
            q = windows.get(key)
            if q is None:
                q = windows[key] = deque()
            q.append(t)
            edge = t - span
            while q[0] <= edge:
                q.popleft()
            return len(q) >= need

        return step

    def push(self, inc: IncidentReported) -> bool:
        """Feed one incident event; True when the trigger holds at it."""
        return self.step(
            int(inc.time.timestamp()),
            inc.kind,
            inc.event_type,
            inc.against or "",
            inc.by or "",
            inc.country or "",
            place_key(inc.region),
            inc.severity,
        )
