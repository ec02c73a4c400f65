"""A replay: the state changes of a guarantee over a timeline, each with the clause that caused it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from guarantor.display import html_table
from guarantor.errors import RuntimeStateError
from guarantor.runtime.events import Event
from guarantor.runtime.fold import fold, fold_numbered
from guarantor.runtime.routing import route
from guarantor.runtime.state import State, Transition
from guarantor.spec import Spec

__all__ = ["Replay", "replay", "replay_all"]


@dataclass(frozen=True, slots=True)
class Replay:
    """The transitions of a fold and the final state."""

    state: State

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return self.state.transitions

    def to_json(self) -> dict[str, Any]:
        return {"transitions": [t.to_json() for t in self.transitions], "final": self.state.to_json()}

    def _repr_html_(self) -> str:
        rows = [
            [f"{t.time:%Y-%m-%d %H:%M}", t.clause or "-", t.kind, t.subject, t.state, t.explanation.condition]
            for t in self.transitions
        ]
        return html_table("Replay", ["time (UTC)", "clause", "kind", "subject", "state", "why"], rows)

    def lines(self) -> list[str]:
        """The timeline as text: time, clause, kind and state, then the explanation."""
        out = []
        for t in self.transitions:
            line = f"{t.time:%Y-%m-%d %H:%M}  {t.clause or '-':<10} {t.kind:<24} {t.subject} -> {t.state}"
            local = t.local_time()
            out.append(line + (f"  [{local:%Y-%m-%d %H:%M %Z} {t.zone}]" if local else ""))
            out.append(f"{'':18}{t.explanation.condition}")
        out.append("")
        out.append(f"Final state as of {self.state.as_of:%Y-%m-%d %H:%M}Z:" if self.state.as_of else "Final state:")
        for o in self.state.outcomes:
            mark = {True: "honoured", False: "NOT honoured", None: "n/a"}[o.honoured]
            out.append(f"  {o.clause:<12} {o.status:<16} {mark:<13} {o.why}")
        for m in self.state.missed:
            out.append(f"  missed: {m.who} - {m.what} under {m.clause}, due {m.due:%Y-%m-%d %H:%M}Z")
        for c in self.state.cases:
            if c.joined:  # the incidents of the same attack that joined the case leave no transition: said here
                more = f"{len(c.joined):,} more incident{'s' if len(c.joined) != 1 else ''}"
                out.append(f"  case {c.id} ({c.status}): {more} of the same attack joined it, the last {c.joined[-1]}")
        return out


def replay(spec: Spec, events: list[Event], as_of: datetime | None = None) -> Replay:
    return Replay(fold(spec, events, as_of))


def replay_all(specs: Sequence[Spec], events: list[Event], as_of: datetime | None = None) -> tuple[Replay, ...]:
    """One timeline against several instruments: each event goes to the specs it belongs to (``route``)."""
    if len({s.id for s in specs}) < len(specs):
        raise RuntimeStateError("the same spec is given twice", hint="name each instrument once")
    return tuple(Replay(fold_numbered(s, mine, as_of)) for s, mine in zip(specs, route(specs, events), strict=True))
