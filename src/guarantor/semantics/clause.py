"""A clause compiled once: its trigger (what it covers, and why) and its decider (who decides, and how)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from guarantor.semantics.decider import Decider, compile_decider
from guarantor.semantics.trigger import CompiledTrigger, compile_trigger
from guarantor.spec import Spec

__all__ = ["CompiledClause", "compile_clause"]


@dataclass(frozen=True, eq=False)
class CompiledClause:
    """``trigger`` is None for a clause without one (an undertaking, a definition)."""

    clause: str
    trigger: CompiledTrigger | None
    decider: Decider


def compile_clause(
    spec: Spec, clause_id: str, *, day: date | None = None, against: str | None = None, by: Collection[str] = ()
) -> CompiledClause:
    """``clause_id`` on ``day``, deciding about an attack by ``by`` on ``against`` (None: a member not named)."""
    clause = spec.clauses[clause_id]
    trigger = compile_trigger(spec, clause_id, day) if clause.trigger is not None else None
    return CompiledClause(clause_id, trigger, compile_decider(spec, clause_id, day=day, against=against, by=by))
