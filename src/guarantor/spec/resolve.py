"""Reference resolution: every name in a spec must point at something the spec defines.

An unknown name is an error naming the place, the name, and the closest known names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from guarantor.errors import Location, SpecError, SpecReferenceError
from guarantor.spec.bodies import Body
from guarantor.spec.clauses import BUILTIN_SETS, Clause, PartySet, Trigger
from guarantor.spec.conditions import Condition

if TYPE_CHECKING:
    from guarantor.spec.model import Spec
    from guarantor.spec.yamlpos import Document, Path

__all__ = ["did_you_mean", "resolve_references"]


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    if not close:
        lowered = {k.lower(): k for k in known}
        close = [lowered[name.lower()]] if name.lower() in lowered else []
    return f"did you mean {', '.join(repr(c) for c in close)}?" if close else None


class _Resolver:
    def __init__(self, spec: Spec, doc: Document) -> None:
        self.spec, self.doc = spec, doc
        self.problems: list[SpecError] = []
        self.actors = set(spec.actor_ids)
        self.roles = set(spec.roles) | {r for p in spec.parties for r in p.roles}
        self.set_names = self.actors | self.roles | set(BUILTIN_SETS)
        self.all_bodies = {*spec.bodies, *(b for a in spec.amendments for b in a.bodies)}
        self.all_clauses = {*spec.clauses, *(c for a in spec.amendments for c in a.clauses)}

    def unknown(self, what: str, name: str, known: Iterable[str], path: Path) -> None:
        known = sorted(known)
        hint = did_you_mean(name, known) or (f"known {what}s: {', '.join(known[:12])}" if known else None)
        self.problems.append(
            SpecReferenceError(
                f"unknown {what} '{name}' at {'.'.join(map(str, path))}", hint=hint, location=self.where(path)
            )
        )

    def where(self, path: Path) -> Location:
        return self.doc.where(path)

    def actor(self, name: str | None, path: Path) -> None:
        if name is not None and name not in self.actors:
            self.unknown("party or actor", name, self.actors, path)

    def party_set(self, value: PartySet | None, path: Path, *, anyone: bool = False) -> None:
        """Check every name of a party set; ``anyone``: the set may be ``any-state`` (a trigger's by or against)."""
        if value is None:
            return
        for i, name in enumerate([value] if isinstance(value, str) else value):
            where = path if isinstance(value, str) else (*path, i)
            if name not in self.set_names:
                self.unknown("party, role or set", name, self.set_names, where)
            elif name == "any-state" and not anyone:
                self.problems.append(
                    SpecReferenceError(
                        f"'any-state' at {'.'.join(map(str, where))} lists no one: only a trigger's 'by' or 'against' "
                        "may use it",
                        hint="name the parties, a role, or a set such as all-parties",
                        location=self.where(where),
                    )
                )

    def named(self, what: str, name: str | None, table: Iterable[str], path: Path) -> None:
        if name is not None and name not in set(table):
            self.unknown(what, name, table, path)

    def condition(self, cond: Condition, path: Path) -> None:
        self.named("condition", cond.ref, self.spec.conditions, path)
        self.actor(cond.participates, (*path, "participates"))
        self.party_set(cond.adversary, (*path, "adversary"))
        self.party_set(cond.requested, (*path, "requested"))
        if cond.not_:
            self.condition(cond.not_, (*path, "not"))
        for key, group in (("all", cond.all), ("any", cond.any)):
            for i, sub in enumerate(group or []):
                self.condition(sub, (*path, key, i))

    def run(self) -> list[SpecError]:
        spec = self.spec
        for role, members in spec.roles.items():
            for i, m in enumerate(members):
                self.actor(m, ("roles", role, i))
        self.party_set(spec.protects, ("protects",))
        for i, a in enumerate(spec.potential_aggressors):
            self.actor(a, ("potential_aggressors", i))
        if spec.scope:
            self.party_set(spec.scope.territory_of, ("scope", "territory_of"))
        for i, party in enumerate(spec.parties):
            for j, c in enumerate(party.accession.conditions if party.accession else []):
                self.condition(c, ("parties", i, "accession", "conditions", j))
        self.bodies()
        for cid, clause in spec.clauses.items():
            self.clause(cid, clause)
        self.amendments()
        for name, cond in spec.conditions.items():
            self.condition(cond, ("conditions", name))
        for uid, und in spec.undertakings.items():
            self.party_set(und.by, ("undertakings", uid, "by"))
            self.party_set(und.monitored_by, ("undertakings", uid, "monitored_by"))
        for i, pledge in enumerate(spec.pledges):
            self.actor(pledge.party, ("pledges", i, "party"))
            for j, c in enumerate(pledge.conditions):
                self.condition(c, ("pledges", i, "conditions", j))
        for i, void in enumerate(spec.void_if):
            self.condition(void.when, ("void_if", i, "when"))
            for j, cid in enumerate(void.clauses or []):
                self.named("clause", cid, spec.clauses, ("void_if", i, "clauses", j))
        if spec.entry_into_force:
            for i, r in enumerate(spec.entry_into_force.ratification):
                self.actor(r.party, ("entry_into_force", "ratification", i, "party"))
        for sid, sc in spec.scenarios.items():
            self.actor(sc.by, ("scenarios", sid, "by"))
            self.actor(sc.against, ("scenarios", sid, "against"))
        for i, ev in enumerate(spec.events):
            self.actor(ev.party, ("events", i, "party"))
            for j, t in enumerate(ev.towards):
                self.actor(t, ("events", i, "towards", j))
        for iid, inst in spec.institutions.items():
            self.party_set(inst.parties, ("institutions", iid, "parties"))
        if spec.entry_into_force and spec.entry_into_force.on:
            self.condition(spec.entry_into_force.on, ("entry_into_force", "on"))
        return self.problems

    def bodies(self) -> None:
        for bid, body in self.spec.bodies.items():
            self.body(body, ("bodies", bid))

    def body(self, body: Body, base: Path) -> None:
        seats = body.seats()
        if seats is None:
            self.party_set(body.members, (*base, "members"))  # type: ignore[arg-type]
        else:
            for i, seat in enumerate(seats):
                self.actor(seat.id, (*base, "members", i, "id"))
        self.rule_refs(body.rule, (*base, "rule"))
        if body.provisional is not None:
            others = self.all_bodies - {base[-1]}  # a body cannot act provisionally for itself
            self.named("body", body.provisional.acts_for, others, (*base, "provisional", "acts_for"))
        exclusion = body.exclusion
        for i, cid in enumerate(exclusion.clauses if exclusion else []):
            self.named("clause", cid, self.all_clauses, (*base, "exclude_interested", "clauses", i))

    def amendments(self) -> None:
        """Names inside an amendment may point at what the base spec or any amendment defines."""
        for i, a in enumerate(self.spec.amendments):
            for bid, body in a.bodies.items():
                self.body(body, ("amendments", i, "bodies", bid))
            for cid, clause in a.clauses.items():
                self.clause(cid, clause, ("amendments", i, "clauses", cid))
            if a.scope:
                self.party_set(a.scope.territory_of, ("amendments", i, "scope", "territory_of"))

    def rule_refs(self, rule: object, path: Path) -> None:
        from guarantor.spec.rules import AllOfRule, AnyOfRule, VetoRule, WeightedRule

        if isinstance(rule, VetoRule):
            for i, h in enumerate(rule.holders):
                self.actor(h, (*path, "holders", i))
            self.rule_refs(rule.then, (*path, "then"))
        elif isinstance(rule, AllOfRule | AnyOfRule):
            for i, sub in enumerate(rule.rules):
                self.rule_refs(sub, (*path, "rules", i))
        elif isinstance(rule, WeightedRule) and isinstance(rule.weights, dict):
            for name in rule.weights:
                self.actor(name, (*path, "weights", name))

    def clause(self, cid: str, clause: Clause, path: Path | None = None) -> None:
        base: Path = path or ("clauses", cid)
        bodies = self.all_bodies
        self.named("body", clause.body, bodies, (*base, "body"))
        if clause.decision:
            self.named("body", clause.decision.body, bodies, (*base, "decision", "body"))
        self.named("clause", clause.overrides, self.all_clauses, (*base, "overrides"))
        self.party_set(clause.requested_by, (*base, "requested_by"))
        if clause.trigger:
            self.trigger(clause.trigger, (*base, "trigger"))
        for i, ob in enumerate(clause.obligations):
            p = (*base, "obligations", i)
            self.party_set(ob.bearer, (*p, "bearer"))
            self.party_set(ob.towards, (*p, "towards"))
            for j, c in enumerate(ob.conditions):
                self.condition(c, (*p, "conditions", j))
            for j, co in enumerate(ob.carve_outs):
                self.party_set(co.parties, (*p, "carve_outs", j, "parties"))

    def trigger(self, trig: Trigger, path: Path) -> None:
        if trig.attribution is not None:
            self.named("body", trig.attribution.by, self.spec.bodies, (*path, "attribution", "by"))
        self.party_set(trig.against, (*path, "against"), anyone=True)
        self.party_set(trig.by, (*path, "by"), anyone=True)
        if trig.in_:
            self.party_set(trig.in_.territory_of, (*path, "in", "territory_of"))
            self.party_set(trig.in_.administered_by, (*path, "in", "administered_by"))
        for i, u in enumerate(trig.breach_of):
            self.named("undertaking", u, self.spec.undertakings, (*path, "breach_of", i))


def resolve_references(spec: Spec, doc: Document) -> list[SpecError]:
    """Every unresolved name in ``spec``, each with its place and a suggestion."""
    return _Resolver(spec, doc).run()
