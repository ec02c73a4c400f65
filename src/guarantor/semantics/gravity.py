"""What the 2025-26 drafts add to whether an attack engages a clause: a trigger threshold (significant,
deliberate, sustained, across the agreed line) and clauses that void the guarantee (the protected party
attacks). Applied to every trigger match (``guarantor.semantics.match_scenario``), so check (G307) and the
simulation give the same answer."""

from __future__ import annotations

from datetime import date

from guarantor.spec.conditions import Condition
from guarantor.spec.design import Threshold, Voidance
from guarantor.spec.forces import Scenario
from guarantor.spec.model import Spec

__all__ = ["short_of", "voidance_words", "voided"]


def short_of(threshold: Threshold | None, scenario: Scenario) -> str | None:
    """Why the scenario's attack falls short of the threshold (None: it meets it)."""
    if threshold is None:
        return None
    if threshold.significant and not scenario.significant:
        return "the attack is not significant"
    if threshold.deliberate and not scenario.deliberate:
        return "the attack is not deliberate"
    if threshold.across and not scenario.across_line:
        return f"the attack does not cross {threshold.across}"
    if threshold.sustained and scenario.lasts and scenario.lasts.approx_days < threshold.sustained.approx_days:
        return f"the attack lasts {scenario.lasts}, less than the {threshold.sustained} it must be sustained"
    return None


def voided(spec: Spec, scenario: Scenario, clause: str, day: date | None) -> str | None:
    """The voidance that removes ``clause`` in this scenario (its text or condition), or None."""
    for void in spec.void_if:
        if (void.clauses is None or clause in void.clauses) and _holds(spec, void.when, scenario, day, ()):
            return voidance_words(void)
    return None


def voidance_words(void: Voidance) -> str:
    """Why a voidance removes its clauses, in words (its text, else that its condition holds)."""
    return void.text.strip() if void.text else f"the voiding condition holds ({void.when.describe()})"


def _holds(spec: Spec, cond: Condition, scenario: Scenario, day: date | None, seen: tuple[str, ...]) -> bool:
    """A voiding condition in a scenario: events happen only if the scenario names them; who takes part is
    unknown before the attack, so ``participates`` does not hold."""
    if cond.event is not None:
        return cond.event in scenario.events
    if cond.not_ is not None:
        return not _holds(spec, cond.not_, scenario, day, seen)
    if cond.all is not None:
        return all(_holds(spec, c, scenario, day, seen) for c in cond.all)
    if cond.any is not None:
        return any(_holds(spec, c, scenario, day, seen) for c in cond.any)
    if cond.after is not None:
        return day is not None and day >= cond.after
    if cond.ref is not None and cond.ref not in seen and cond.ref in spec.conditions:
        return _holds(spec, spec.conditions[cond.ref], scenario, day, (*seen, cond.ref))
    return False
