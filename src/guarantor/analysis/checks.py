"""Static checks of a spec: each check is a small function that yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from guarantor.analysis.findings import Finding
from guarantor.analysis.naming import finding, names, response_body
from guarantor.analysis.power_checks import check_power
from guarantor.analysis.simulation_checks import check_simulation
from guarantor.spec import Clause, ClauseKind, Obligation, Spec, Strength, body_members, expand

__all__ = ["CHECKS", "check_spec"]

Check = Callable[[Spec], Iterator[Finding]]


def _obligations(spec: Spec) -> Iterator[tuple[str, Clause, Obligation]]:
    for cid, clause in spec.clauses.items():
        for ob in clause.obligations:
            yield cid, clause, ob


def check_obligations(spec: Spec) -> Iterator[Finding]:
    for cid, clause, ob in _obligations(spec):
        if ob.bearer is None:
            yield finding(
                "G001",
                f"clause '{cid}': an obligation names no bearer; add 'bearer:' (for example "
                "each-party, or the parties that must act)",
                ob,
                clause=cid,
            )
        elif not expand(spec, ob.bearer):
            yield finding(
                "G004",
                f"clause '{cid}': the bearer '{ob.bearer}' names no party, so no one can meet "
                "this obligation; name the parties that must act",
                ob,
                clause=cid,
            )
        if ob.deadline is None and clause.deadline is None:
            yield finding(
                "G002",
                f"clause '{cid}': the obligation has no deadline, so a late response cannot be "
                "told from none; add 'deadline:' (PT24H, P3D, or forthwith)",
                ob,
                clause=cid,
            )
        if ob.strength is None:
            yield finding(
                "G003",
                f"clause '{cid}': the obligation does not say how strongly it binds; add "
                "'strength:' (as-deemed-necessary, all-means, consult, ...)",
                ob,
                clause=cid,
            )


def _protected(spec: Spec) -> list[str]:
    return expand(spec, spec.protects)


def check_triggers(spec: Spec) -> Iterator[Finding]:
    protected = set(_protected(spec))
    for cid, clause in spec.clauses.items():
        trig = clause.trigger
        if trig is None:
            continue
        against = set(expand(spec, trig.against)) if trig.against != "protected" else protected
        outside = against - protected
        if outside and trig.against != "protected":
            yield finding(
                "G012",
                f"clause '{cid}': the trigger covers attacks against {names(outside)}, whom "
                "the spec does not protect; add them to 'protects' or narrow 'against'",
                trig,
                clause=cid,
                parties=tuple(sorted(outside)),
            )
        scope = trig.in_ or spec.scope
        targets = against & protected
        if scope is None or not scope.regions or not targets:
            continue
        if scope.territory_of is not None or scope.administered_by is not None:
            covered = set(expand(spec, scope.territory_of)) | set(expand(spec, scope.administered_by))
        else:
            covered = set()
        excluded = set(scope.excludes)
        missed = sorted(
            p
            for p in targets
            if p not in covered
            and (actor := spec.actor(p))
            and actor.regions
            and not (set(actor.regions) & set(scope.regions)) - excluded
        )
        if missed and len(missed) == len(targets) and not scope.includes:
            yield finding(
                "G010",
                f"clause '{cid}': the trigger's scope ({', '.join(scope.regions)}) lies outside "
                f"the territory of every protected party ({names(missed)}), so it can never fire; widen "
                "'in.regions' or add 'territory_of: protected'",
                scope,
                clause=cid,
                parties=tuple(missed),
            )
        elif missed:
            yield finding(
                "G011",
                f"clause '{cid}': the trigger's scope ({', '.join(scope.regions)}) does not "
                f"cover the territory of {names(missed)}; attacks on them elsewhere do not trigger it",
                scope,
                clause=cid,
                parties=tuple(missed),
            )


def check_external(spec: Spec) -> Iterator[Finding]:
    for cid, clause in spec.clauses.items():
        bid = response_body(clause)
        if bid in spec.bodies and spec.bodies[bid].external and clause.obligations:
            yield finding(
                "G104",
                f"clause '{cid}': the response depends on '{bid}', a body outside the instrument whose members the "
                "parties do not control",
                spec.bodies[bid],
                clause=cid,
            )


def check_consultation(spec: Spec) -> Iterator[Finding]:
    for cid, clause in spec.clauses.items():
        if clause.kind is not ClauseKind.CONSULTATION or not clause.body or clause.body not in spec.bodies:
            continue
        if clause.requested_by is None:
            continue
        requesters = set(expand(spec, clause.requested_by))
        members = set(body_members(spec, clause.body))
        left_out = requesters - members
        if left_out:
            yield finding(
                "G102",
                f"clause '{cid}': {names(left_out)} may request consultation but do not sit on "
                f"body '{clause.body}', the only body that consults; add them to the body or name a "
                "body they sit on",
                clause,
                clause=cid,
                parties=tuple(sorted(left_out)),
            )


def check_pledges(spec: Spec) -> Iterator[Finding]:
    pledgers = {p.party for p in spec.pledges}
    for pledge in spec.pledges:
        for cond in pledge.conditions:
            for dep in _participants(cond):
                if dep not in pledgers:
                    yield finding(
                        "G103",
                        f"the pledge of {pledge.party} ({pledge.capability}) is conditional on "
                        f"{dep} taking part, but {dep} pledges nothing; add {dep}'s pledge or drop the "
                        "condition",
                        pledge,
                        parties=(pledge.party, dep),
                    )


def _participants(cond: object) -> Iterator[str]:
    from guarantor.spec import Condition

    if not isinstance(cond, Condition):
        return
    if cond.participates:
        yield cond.participates
    for sub in [*(cond.all or []), *(cond.any or [])]:
        yield from _participants(sub)


def check_design(spec: Spec) -> Iterator[Finding]:
    parties = set(spec.party_ids)
    outside = sorted(set(_protected(spec)) - parties)
    if outside:
        yield finding(
            "G105",
            f"{names(outside)} are protected but not parties: a third-party guarantee, binding only the guarantors",
            spec,
        )
    strengths = [ob.strength for _, _, ob in _obligations(spec) if ob.strength is not None]
    if strengths and min(s.rank for s in strengths) >= Strength.CONSULT.rank:
        yield finding(
            "G106",
            "the strongest obligation is to consult or to seek action elsewhere: no party is bound to help",
            spec,
        )


def check_simulation_parameters(spec: Spec) -> Iterator[Finding]:
    yield from check_simulation(spec)


CHECKS: tuple[Check, ...] = (
    check_obligations,
    check_triggers,
    check_external,
    check_power,
    check_consultation,
    check_pledges,
    check_design,
    check_simulation_parameters,
)


def check_spec(spec: Spec) -> list[Finding]:
    """Every finding for ``spec``, errors first, then by place in the file."""
    found = [f for check in CHECKS for f in check(spec)]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda f: (order[f.severity.value], f.location.line if f.location else 0, f.code))
