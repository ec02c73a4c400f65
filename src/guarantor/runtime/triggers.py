"""A clause's trigger compiled to plain sets, with the English reason it holds or fails.

``compile_trigger(spec, clause_id, day)`` turns the declarative trigger (type of attack, against whom, by
whom, where, how severe, how many within a window, attribution) into a ``CompiledTrigger``: frozen sets of
names that the batch evaluator (``guarantor.runtime.batch``) turns into lookup tables over arrays and the
streaming evaluator (``guarantor.runtime.stream``) tests one incident at a time. Both share this one
compiled form, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from guarantor.errors import RuntimeStateError
from guarantor.runtime.events import IncidentReported
from guarantor.spec import Spec, expand

__all__ = [
    "KINDS",
    "KIND_CHAIN",
    "CompiledTrigger",
    "compile_trigger",
    "describe",
    "kind_satisfies",
    "static_check",
]

# Incident kinds from the narrowest to the broadest: a nuclear attack is an armed attack is aggression.
KIND_CHAIN: tuple[str, ...] = ("nuclear-use", "armed-attack", "armed-aggression", "aggression", "threat")
KINDS: tuple[str, ...] = (*KIND_CHAIN, "breach")


def kind_satisfies(kind: str, wanted: str) -> bool:
    """Does an incident of ``kind`` fall under the trigger type ``wanted``?"""
    if kind in KIND_CHAIN and wanted in KIND_CHAIN:
        return KIND_CHAIN.index(kind) <= KIND_CHAIN.index(wanted)
    return kind == wanted


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


def compile_trigger(spec: Spec, clause_id: str, day: date | None = None) -> CompiledTrigger:
    """The trigger of ``clause_id`` with party sets expanded as of ``day``."""
    clause = spec.clauses.get(clause_id)
    if clause is None or clause.trigger is None:
        raise RuntimeStateError(f"clause '{clause_id}' has no trigger", hint="give the clause a 'trigger'")
    trig = clause.trigger
    wanted = tuple(t.value for t in trig.types)
    kinds = frozenset(k for k in KINDS if any(kind_satisfies(k, w) for w in wanted))
    against = _names(spec, trig.against, day) if trig.against not in ("any-party",) else None
    by = _names(spec, trig.by, day) if trig.by is not None else None
    scope = trig.in_ or spec.scope
    regions: frozenset[str] | None = None
    countries: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    if scope is not None and (scope.regions or scope.territory_of is not None or scope.administered_by is not None):
        regions = frozenset(scope.regions)
        # Territory "administered by" a party is read as that party's country: a country code cannot say
        # which side of a ceasefire line a place lies on (see docs/runtime.md, gaps).
        territory = _names(spec, scope.territory_of, day) | _names(spec, scope.administered_by, day)
        in_region = {a.id for a in [*spec.parties, *spec.actors] if set(a.regions) & regions}
        countries = territory | _names(spec, sorted(in_region), day)
        excludes = frozenset(scope.excludes)
    window = trig.window
    seconds = round(window.within.approx_days * 86400) if window else 0
    return CompiledTrigger(
        clause=clause_id,
        kinds=kinds,
        wanted=wanted,
        event_types=frozenset(trig.event_types) or None,
        against=against,
        by=by,
        regions=regions,
        countries=countries,
        excludes=excludes,
        min_severity=trig.min_severity,
        window_count=window.at_least if window else 1,
        window_seconds=seconds,
        attribution=trig.attribution.question if trig.attribution and trig.attribution.required else None,
    )


def _names(spec: Spec, value: str | list[str] | None, day: date | None) -> frozenset[str]:
    """Actor ids of a party set, with their ISO3 codes, so an incident may name either."""
    ids = expand(spec, value, day)
    iso = [a.iso3 for i in ids if (a := spec.actor(i)) is not None and a.iso3]
    return frozenset([*ids, *iso])


def static_check(trig: CompiledTrigger, inc: IncidentReported) -> str | None:
    """None when the incident meets every condition but the window; else the condition that failed."""
    if inc.kind not in trig.kinds:
        return f"the trigger needs {' or '.join(trig.wanted)}; this incident is {inc.kind}"
    if trig.event_types is not None and inc.event_type not in trig.event_types:
        return f"event type '{inc.event_type}' is not one of {', '.join(sorted(trig.event_types))}"
    if trig.against is not None and inc.against not in trig.against:
        return f"'{inc.against}' is not among those protected by this clause"
    if trig.by is not None and inc.by not in trig.by:
        return f"the attacker '{inc.by}' is not among {', '.join(sorted(trig.by))}"
    if inc.region in trig.excludes or inc.country in trig.excludes:
        return f"the place ({inc.region or inc.country}) is excluded from the scope"
    if trig.regions is not None and inc.region not in trig.regions and inc.country not in trig.countries:
        return f"the place ({inc.region or inc.country}) is outside the scope ({', '.join(sorted(trig.regions))})"
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
    if trig.attribution:
        parts.append(f"attribution: {trig.attribution}")
    return "; ".join(parts)
