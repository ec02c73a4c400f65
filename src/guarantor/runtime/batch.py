"""Batch trigger evaluation: one compiled trigger over a whole table of incidents, vectorised with NumPy.

Names (parties, places, event types) are coded as integers against one vocabulary; each set of a compiled
trigger becomes a boolean lookup table over the codes, so a condition is one gather. A window count is a
stable sort by place and one ``searchsorted``: for each matching incident, the number of matching incidents
in the same place within ``(t - within, t]``, counting ties in table order, exactly as the stream counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from guarantor.errors import RuntimeStateError
from guarantor.runtime.events import IncidentReported
from guarantor.semantics import ATTACK_KINDS as KINDS
from guarantor.semantics import CompiledTrigger, place_key

__all__ = ["IncidentTable", "evaluate_batch"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_KEY_SHIFT = 42  # place code in the high bits, seconds in the low 42 bits (139,000 years)


@dataclass(frozen=True, slots=True)
class IncidentTable:
    """Incidents as columns. Name columns hold codes into ``names``; code 0 is "none"."""

    time: IntArray  # seconds since the Unix epoch, non-decreasing
    kind: IntArray  # index into KINDS
    event_type: IntArray
    against: IntArray
    by: IntArray
    country: IntArray
    region: IntArray
    severity: IntArray
    names: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.time.shape[0])

    @classmethod
    def from_events(cls, events: Iterable[IncidentReported]) -> IncidentTable:
        """Code a sequence of incident events (already in time order)."""
        vocab: dict[str, int] = {"": 0}
        cols: dict[str, list[int]] = {k: [] for k in ("event_type", "against", "by", "country", "region")}
        times: list[int] = []
        kinds: list[int] = []
        sev: list[int] = []
        for ev in events:
            times.append(int(ev.time.timestamp()))
            kinds.append(KINDS.index(ev.kind))
            sev.append(ev.severity)
            for name, col in cols.items():
                col.append(vocab.setdefault(getattr(ev, name) or "", len(vocab)))
        arrays = {k: np.asarray(v, dtype=np.int64) for k, v in cols.items()}
        return cls(
            time=np.asarray(times, dtype=np.int64),
            kind=np.asarray(kinds, dtype=np.int64),
            severity=np.asarray(sev, dtype=np.int64),
            names=tuple(vocab),
            **arrays,
        )


def _lut(names: Sequence[str], wanted: frozenset[str]) -> BoolArray:
    return np.fromiter((n in wanted and n != "" for n in names), dtype=np.bool_, count=len(names))


def _place_lut(names: Sequence[str], wanted: frozenset[str]) -> BoolArray:
    """``_lut`` for a region column: names compared by their key (``place_key``), as the stream compares them."""
    return np.fromiter((bool(n) and place_key(n) in wanted for n in names), dtype=np.bool_, count=len(names))


def _place_codes(names: Sequence[str]) -> IntArray:
    """For each code, the first code of a name with the same key: "Europe" and "europe" are one place."""
    first: dict[str, int] = {}
    return np.fromiter(
        (first.setdefault(place_key(n), i) if n else i for i, n in enumerate(names)), dtype=np.int64, count=len(names)
    )


def static_mask(trig: CompiledTrigger, table: IncidentTable) -> BoolArray:
    """Incidents that meet every condition but the window count."""
    names = table.names
    mask: BoolArray = np.asarray([k in trig.kinds for k in KINDS], dtype=np.bool_)[table.kind]
    if trig.event_types is not None:
        mask &= _lut(names, trig.event_types)[table.event_type]
    if trig.against is not None:
        mask &= _lut(names, trig.against)[table.against]
    if trig.by is not None:
        mask &= _lut(names, trig.by)[table.by]
    if trig.excludes:
        mask &= ~(_place_lut(names, trig.excludes)[table.region] | _lut(names, trig.excludes)[table.country])
    if trig.regions is not None:
        mask &= _place_lut(names, trig.regions)[table.region] | _lut(names, trig.countries)[table.country]
    if trig.min_severity > 0:
        mask &= table.severity >= trig.min_severity
    return mask


def evaluate_batch(trig: CompiledTrigger, table: IncidentTable) -> BoolArray:
    """For each incident, does the trigger hold at that incident (window count included)?"""
    mask = static_mask(trig, table)
    if not trig.has_window:
        return mask
    if len(table) and bool(np.any(table.time[1:] < table.time[:-1])):
        raise RuntimeStateError("incidents must be in time order for a window count", hint="sort them by time")
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return mask
    region = _place_codes(table.names)[table.region[idx]]
    key = np.where(region != 0, region, table.country[idx])
    order = np.argsort(key, kind="stable")
    t = table.time[idx][order]
    span = trig.window_seconds
    comp = (key[order] << _KEY_SHIFT) + (t - table.time[0] + span)
    left = np.searchsorted(comp, comp - span, side="right")
    count = np.arange(comp.size) - left + 1
    fired = np.empty(idx.size, dtype=np.bool_)
    fired[order] = count >= trig.window_count
    out = np.zeros(len(table), dtype=np.bool_)
    out[idx] = fired
    return out
