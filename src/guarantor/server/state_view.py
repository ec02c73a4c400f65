"""The state of a guarantee on the server: the runtime's fold over its recorded events, cached per position.

An event that does not fit the state (a vote by a non-member, an action under a clause with no open case)
is refused before it is recorded (``admit``). Should one reach the ledger anyway (recorded by another
writer, or by a race between two workers), the fold leaves it out and the state lists it as not applied,
rather than failing every later read.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from guarantor.errors import RuntimeStateError
from guarantor.runtime import State, fold
from guarantor.runtime.events import Event
from guarantor.server.index import LedgerIndex, runtime_event
from guarantor.spec import Spec

__all__ = ["StateCache", "View"]

_ENTRY = re.compile(r"entry (\d+)\b")
_MAX_SKIPPED = 100
_CACHED = 16
_NOT_FOLDED = frozenset({"incident_reported", "vote_cast"})  # checked statically; they never stop a fold


@dataclass(frozen=True, slots=True)
class View:
    """A folded state, the events it came from, and the recorded events it could not apply."""

    spec: Spec
    state: State
    events: tuple[Event, ...]
    seqs: tuple[int, ...]
    not_applied: tuple[tuple[int, str], ...]

    def to_json(self) -> dict[str, Any]:
        out = self.state.to_json()
        out["events"] = len(self.events)
        out["not_applied"] = [{"seq": seq, "reason": why} for seq, why in self.not_applied]
        return out


def tolerant_fold(spec: Spec, events: list[Event], seqs: list[int], as_of: datetime | None) -> View:
    live, where = list(events), list(seqs)
    skipped: list[tuple[int, str]] = []
    while True:
        try:
            state = fold(spec, live, as_of)
        except RuntimeStateError as exc:
            if exc.entry is None or len(skipped) >= _MAX_SKIPPED:
                raise
            i = exc.entry - 1
            skipped.append((where[i], exc.message))
            del live[i], where[i]
            continue
        return View(spec, state, tuple(live), tuple(where), tuple(skipped))


class StateCache:
    """Folds on demand; the last few results are kept, keyed by guarantee, ledger position and ``as_of``."""

    def __init__(self, index: LedgerIndex) -> None:
        self._index = index
        self._cache: OrderedDict[tuple[str, int, str], View] = OrderedDict()
        self._lock = threading.Lock()

    def view(self, gid: str, as_of: datetime | None = None) -> View:
        spec, events, seqs = self._index.snapshot(gid)
        key = (gid, seqs[-1] if seqs else 0, as_of.isoformat() if as_of else "")
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        view = tolerant_fold(spec, events, seqs, as_of)
        with self._lock:
            self._cache[key] = view
            while len(self._cache) > _CACHED:
                self._cache.popitem(last=False)
        return view

    def admit(self, gid: str, event: dict[str, Any]) -> None:
        """Raise RuntimeStateError when ``event`` would not fit the state of ``gid`` as recorded."""
        if event.get("type") in _NOT_FOLDED:
            return
        view = self.view(gid)
        new = runtime_event(event, "request body")
        try:
            fold(view.spec, [*view.events, new])
        except RuntimeStateError as exc:
            if exc.entry is None or exc.entry == len(view.events) + 1:
                raise RuntimeStateError(
                    _ENTRY.sub("the submitted event", exc.message, count=1), hint=exc.hint
                ) from None
