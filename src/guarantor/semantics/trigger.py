"""A clause's trigger compiled to plain sets, with the English reason it holds or fails.

``compile_trigger(spec, clause_id, day)`` turns the declarative trigger (type of attack, against whom, by
whom, where, how severe, how many within a window, attribution) into a ``CompiledTrigger``: frozen sets of
names. The runtime's batch evaluator turns them into lookup tables over arrays, its stream tests one incident
at a time, the simulation tests a scenario's attack, and the checks read them: one compiled form for all.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from guarantor.errors import RuntimeStateError
from guarantor.semantics.coverage import covered_kinds
from guarantor.spec import Scope, Spec, TriggerType, expand
from guarantor.spec.design import Threshold

__all__ = ["AnyIncident", "CompiledTrigger", "compile_trigger", "describe", "place_key", "static_check"]

ANY = ("any-party", "any-state")  # party sets that put no limit on a trigger's target or attacker


class AnyIncident(Protocol):
    """What a trigger reads of an incident: the runtime's ``IncidentReported`` has these fields."""

    @property
    def kind(self) -> str: ...
    @property
    def event_type(self) -> str: ...
    @property
    def against(self) -> str | None: ...
    @property
    def by(self) -> str | None: ...
    @property
    def region(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def severity(self) -> int: ...


@dataclass(frozen=True, slots=True)
class CompiledTrigger:
    """A trigger as sets of names. ``None`` for a set means "any"."""

    clause: str
    kinds: frozenset[str]
    wanted: tuple[str, ...]
    event_types: frozenset[str] | None
    against: frozenset[str] | None
    by: frozenset[str] | None
    regions: frozenset[str] | None
    countries: frozenset[str]
    excludes: frozenset[str]
    min_severity: int
    window_count: int
    window_seconds: int
    attribution: str | None
    on_request: bool = False
    attributed_by: str | None = None
    threshold: str | None = None  # the gravity an attack must reach, in words (see ``threshold_words``)

    def __post_init__(self) -> None:
        if self.window_count > 1 and self.window_seconds < 1:
            raise RuntimeStateError(
                f"clause '{self.clause}': a window of {self.window_count} incidents needs a duration of 1 s or more",
                hint="write e.g. window: {at_least: 3, within: P7D}",
            )

    @property
    def has_window(self) -> bool:
        return self.window_count > 1 or self.window_seconds > 0

    @property
    def place_bound(self) -> bool:
        return self.regions is not None

    @property
    def opens_on_incident(self) -> bool:
        """False for a trigger that only a party's request opens (NATO Art 4)."""
        return bool(self.kinds)

    @property
    def gated(self) -> bool:
        """Does a case wait for an answer (a monitor's attribution or a body's characterisation) first?"""
        return self.attribution is not None

    @property
    def assessment(self) -> str | None:
        """What a case opened by an incident waits to have answered before it goes on: the attribution question
        and whether the attack reaches the threshold (an incident report says neither; a scenario states both,
        and the simulation reads them there)."""
        asks = [
            q
            for q in (self.attribution, self.threshold and f"does the attack reach the threshold: {self.threshold}?")
            if q
        ]
        return " and ".join(asks) or None

    def check_attack(self, kind: str, against: str | None, by: str | None, in_scope: bool = True) -> str | None:
        """None when an attack of ``kind`` by ``by`` against ``against`` (None: unnamed) meets the trigger, else
        the condition that failed. The simulation's scenarios are read through this, incidents through
        :func:`static_check`; both share the tests of kind, target and attacker."""
        if kind not in self.kinds and not self.on_request:
            return f"the attack ({kind}) does not match its trigger ({', '.join(self.wanted)})"
        if not in_scope:
            return "the attack happens outside the guarantee's scope"
        return _party_reason(self, against, by)


@functools.lru_cache(maxsize=4096)
def place_key(name: str | None) -> str:
    """A region's name as the spec's region ids are written: "North America" and "north_america" are
    ``north-america``, so a feed's region names (ACLED's "Europe") meet a scope's ``europe``."""
    if not name:
        return ""
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")


_SEPARATORS = re.compile(r"[\s_]+")


def _party_reason(trig: CompiledTrigger, against: str | None, by: str | None) -> str | None:
    if trig.against is not None and against is not None and against not in trig.against:
        return f"'{against}' is not among those protected by this clause"
    if trig.by is not None and by not in trig.by:
        who = f"the attacker '{by}'" if by else "an unnamed attacker"
        return f"{who} is not among {', '.join(sorted(trig.by)) or 'no one'}"
    return None


def compile_trigger(spec: Spec, clause_id: str, day: date | None = None) -> CompiledTrigger:
    """The trigger of ``clause_id`` with party sets expanded as of ``day``."""
    clause = spec.clauses.get(clause_id)
    if clause is None or clause.trigger is None:
        raise RuntimeStateError(f"clause '{clause_id}' has no trigger", hint="give the clause a 'trigger'")
    trig = clause.trigger
    regions, countries, excludes = _place(spec, trig.in_ or spec.scope, day)
    window = trig.window
    gate = trig.attribution
    return CompiledTrigger(
        clause=clause_id,
        kinds=covered_kinds(trig.types),
        wanted=tuple(t.value for t in trig.types),
        on_request=TriggerType.REQUEST in trig.types,
        event_types=frozenset(trig.event_types) or None,
        against=None if trig.against in ANY else _names(spec, trig.against, day),
        by=None if trig.by is None or trig.by in ANY else _names(spec, trig.by, day),
        regions=regions,
        countries=countries,
        excludes=excludes,
        min_severity=trig.min_severity,
        window_count=window.at_least if window else 1,
        window_seconds=round(window.within.approx_days * 86400) if window else 0,
        attribution=gate.question if gate and gate.required else None,
        attributed_by=gate.by if gate and gate.required else None,
        threshold=threshold_words(trig.threshold),
    )


def threshold_words(threshold: Threshold | None) -> str | None:
    """A trigger's threshold as the conditions an attack must meet ("significant, deliberate, across the agreed
    armistice line"); None when there is none or it asks nothing."""
    if threshold is None:
        return None
    parts = [word for word, on in (("significant", threshold.significant), ("deliberate", threshold.deliberate)) if on]
    if threshold.sustained is not None:
        parts.append(f"sustained for {threshold.sustained}")
    if threshold.across:
        parts.append(f"across {threshold.across}")
    return ", ".join(parts) or None


def _place(
    spec: Spec, scope: Scope | None, day: date | None
) -> tuple[frozenset[str] | None, frozenset[str], frozenset[str]]:
    """(regions, countries in them, excluded places); regions None when the scope puts no limit on place."""
    if scope is None or not (scope.regions or scope.territory_of is not None or scope.administered_by is not None):
        return None, frozenset(), frozenset()
    regions = frozenset(map(place_key, scope.regions))
    # Territory "administered by" a party is read as that party's country: a country code cannot say
    # which side of a ceasefire line a place lies on (see docs/runtime.md, gaps).
    territory = _names(spec, scope.territory_of, day) | _names(spec, scope.administered_by, day)
    in_region = {a.id for a in [*spec.parties, *spec.actors] if {place_key(r) for r in a.regions} & regions}
    # an excluded place is a region (compared by its key) or a country (by its id or code, as written)
    excludes = frozenset([*scope.excludes, *map(place_key, scope.excludes)])
    return regions, territory | _names(spec, sorted(in_region), day), excludes


def _names(spec: Spec, value: str | list[str] | None, day: date | None) -> frozenset[str]:
    """Actor ids of a party set, with their ISO3 codes, so an incident may name either."""
    ids = expand(spec, value, day)
    iso = [a.iso3 for i in ids if (a := spec.actor(i)) is not None and a.iso3]
    return frozenset([*ids, *iso])


def static_check(trig: CompiledTrigger, inc: AnyIncident) -> str | None:
    """None when the incident meets every condition but the window; else the condition that failed."""
    if inc.kind not in trig.kinds:
        return f"the trigger needs {' or '.join(trig.wanted)}; this incident is {inc.kind}"
    if trig.event_types is not None and inc.event_type not in trig.event_types:
        return f"event type '{inc.event_type}' is not one of {', '.join(sorted(trig.event_types))}"
    if trig.against is not None and inc.against not in trig.against:
        return f"'{inc.against}' is not among those protected by this clause"
    party = _party_reason(trig, inc.against, inc.by)
    if party is not None:
        return party
    region = place_key(inc.region)
    if (region and region in trig.excludes) or inc.country in trig.excludes:
        return f"the place ({inc.region or inc.country}) is excluded from the scope"
    if trig.regions is not None and region not in trig.regions and inc.country not in trig.countries:
        where = ", ".join(sorted(trig.regions)) or "the territory of " + (", ".join(sorted(trig.countries)) or "none")
        return f"the place ({inc.region or inc.country or 'not given'}) is outside the scope ({where})"
    if inc.severity < trig.min_severity:
        return f"severity {inc.severity} is below the minimum {trig.min_severity}"
    return None


def describe(trig: CompiledTrigger) -> str:
    """The conditions of a trigger in one line, for explanations."""
    parts = [" or ".join(trig.wanted)]
    if trig.against is not None:
        parts.append("against " + ", ".join(sorted(a for a in trig.against if a.isupper() or "-" not in a)))
    if trig.regions:
        parts.append("in " + ", ".join(sorted(trig.regions)))
    if trig.min_severity:
        parts.append(f"severity >= {trig.min_severity}")
    if trig.has_window:
        parts.append(f"at least {trig.window_count} within {trig.window_seconds // 3600} h in one place")
    if trig.threshold:
        parts.append(f"threshold: {trig.threshold}")
    if trig.attribution:
        who = f" (answered by {trig.attributed_by})" if trig.attributed_by else ""
        parts.append(f"attribution: {trig.attribution}{who}")
    return "; ".join(parts)
