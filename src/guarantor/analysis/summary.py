"""A readable account of a guarantee: who protects whom, what triggers it, who decides, who must do what."""

from __future__ import annotations

from guarantor.analysis.findings import Finding
from guarantor.spec import Spec, body_members, expand
from guarantor.spec.rules import (
    AllOfRule,
    AnyOfRule,
    AutomaticRule,
    ConsensusRule,
    CountRule,
    Rule,
    UnanimityRule,
    UnilateralRule,
    VetoRule,
    WeightedRule,
)

__all__ = ["describe_rule", "summarise"]


def describe_rule(rule: Rule) -> str:
    """One line of English for a decision rule."""
    if isinstance(rule, ConsensusRule):
        return "consensus (any member can block)"
    if isinstance(rule, UnanimityRule):
        return "unanimity" + (f" minus {rule.minus}" if rule.minus else "")
    if isinstance(rule, AutomaticRule):
        return "automatic (no vote needed)"
    if isinstance(rule, UnilateralRule):
        return f"each member decides for itself ({rule.process})"
    if isinstance(rule, CountRule):
        parts = [f"at least {rule.at_least}"] if rule.at_least is not None else []
        parts += [f"{rule.fraction} of the {rule.of} members"] if rule.fraction is not None else []
        return " and ".join(parts) + " in favour"
    if isinstance(rule, WeightedRule):
        weights = "weights by " + rule.weights if isinstance(rule.weights, str) else "weighted votes"
        return f"{weights}, quota {rule.quota}"
    if isinstance(rule, VetoRule):
        return f"{describe_rule(rule.then)}, with a veto for {', '.join(rule.holders)}"
    if isinstance(rule, AllOfRule):
        return " AND ".join(f"({describe_rule(r)})" for r in rule.rules)
    if isinstance(rule, AnyOfRule):
        return " OR ".join(f"({describe_rule(r)})" for r in rule.rules)
    raise TypeError(rule)  # pragma: no cover - the union is closed


def _list(items: list[str], limit: int = 12) -> str:
    if not items:
        return "none"
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def summarise(spec: Spec, findings: list[Finding]) -> str:
    """The text printed by ``guarantor demo`` and ``guarantor check --summary``."""
    out = [f"{spec.title} ({spec.id})", "=" * min(100, len(spec.title) + len(spec.id) + 3)]
    if spec.entry_into_force and spec.entry_into_force.on:
        delay = f" plus {spec.entry_into_force.delay}" if spec.entry_into_force.delay else ""
        out.append(f"Enters into force: when {spec.entry_into_force.on.describe()}{delay}")
    elif spec.signed:
        out.append(f"Signed: {spec.signed.isoformat()}")
    out += ["", "WHO PROTECTS WHOM"]
    out.append(f"  Protected: {_list(expand(spec, spec.protects))}")
    roles = dict(spec.roles)
    for party in spec.parties:
        for role in party.roles:
            roles.setdefault(role, [])
            if party.id not in roles[role]:
                roles[role] = [*roles[role], party.id]
    for role, members in roles.items():
        out.append(f"  {role}: {_list(list(members))}")
    out.append(f"  All parties ({len(spec.parties)}): {_list(spec.party_ids)}")
    if spec.potential_aggressors:
        out.append(f"  Potential aggressors: {_list(spec.potential_aggressors)}")
    out += _triggers(spec) + _decisions(spec) + _obligations(spec) + _pledges(spec) + _findings(findings)
    return "\n".join(out)


def _triggers(spec: Spec) -> list[str]:
    out = ["", "WHAT TRIGGERS IT"]
    for cid, clause in spec.clauses.items():
        t = clause.trigger
        if t is None:
            continue
        where = ""
        if t.in_ and t.in_.regions:
            where = f" in {', '.join(t.in_.regions)}"
        gate = f"; only if {t.attribution.question}" if t.attribution and t.attribution.required else ""
        breach = f" of {', '.join(t.breach_of)}" if t.breach_of else ""
        out.append(f"  {cid}: {' or '.join(x.value for x in t.types)}{breach} against {t.against}{where}{gate}")
    for uid, und in spec.undertakings.items():
        out.append(f"  undertaking {uid} by {und.by}: {und.text or ''}".rstrip())
    return out


def _decisions(spec: Spec) -> list[str]:
    out = ["", "WHO DECIDES AND HOW"]
    for bid, body in spec.bodies.items():
        members = body_members(spec, bid)
        tag = " (external)" if body.external else ""
        noun = "member" if len(members) == 1 else "members"
        out.append(f"  {body.name or bid}{tag}: {len(members)} {noun}; {describe_rule(body.rule)}")
        exclusion = body.exclusion
        if exclusion is not None:
            when = " in a dispute between members" if exclusion.when == "between-members" else ""
            where = f" (decisions under {', '.join(exclusion.clauses)})" if exclusion.clauses else ""
            out.append(f"    members party to the dispute do not vote{when}{where}")
        if body.provisional is not None:
            out.append(f"    acts provisionally for {body.provisional.acts_for} until it meets")
    return out


def _obligations(spec: Spec) -> list[str]:
    out = ["", "WHO MUST DO WHAT, BY WHEN"]
    for cid, clause in spec.clauses.items():
        for ob in clause.obligations:
            strength = ob.strength.value if ob.strength else "unspecified strength"
            by = f", by {ob.deadline}" if ob.deadline else (f", by {clause.deadline}" if clause.deadline else "")
            action = f": {ob.action}" if ob.action else ""
            out.append(f"  {cid}: {ob.bearer or 'NO BEARER'} ({strength}){by}{action}")
        if not clause.obligations and clause.deadline:
            out.append(f"  {cid}: {clause.kind.value} within {clause.deadline}")
    return out


def _pledges(spec: Spec) -> list[str]:
    if not spec.pledges:
        return []
    out = ["", "PLEDGES"]
    for p in spec.pledges:
        ready = f", ready in {p.readiness.median} (p90 {p.readiness.p90})" if p.readiness else ""
        cond = f", only if {' and '.join(c.describe() for c in p.conditions)}" if p.conditions else ""
        assumed = " [assumption]" if p.assumption else ""
        out.append(f"  {p.party}: {p.amount:g} x {p.capability} ({p.domain}){ready}{cond}{assumed}")
    return out


def _findings(findings: list[Finding]) -> list[str]:
    out = ["", f"FINDINGS ({len(findings)})"]
    for f in findings:
        out.append(f"  {f.severity.value:<7} {f.code} {f.name}: {f.message}")
    return out if findings else [*out, "  none"]
