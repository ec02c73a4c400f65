"""How a guarantee works, in plain language: sentences built from the spec, each traced to what it restates.

The sentences say who protects whom, each party's role, what triggers the guarantee, who decides by what rule
within what time, who must do what by when, and what it does not cover. Every sentence carries the clauses (or
bodies, parties, pledges) it comes from, with their treaty text and source, so a reader can check it.
"""

from __future__ import annotations

from guarantor.analysis.summary import describe_rule
from guarantor.report.trace import Sentence, Trace
from guarantor.spec import (
    Body,
    Clause,
    Obligation,
    Party,
    Pledge,
    Spec,
    Strength,
    TriggerType,
    body_members,
    expand,
)
from guarantor.spec.clauses import BUILTIN_SETS, PartySet, Trigger
from guarantor.spec.values import Deadline, Duration

__all__ = ["STRENGTH_WORDS", "duration_words", "how_it_works", "name_of", "names_of"]

STRENGTH_WORDS: dict[Strength, str] = {
    Strength.AUTOMATIC_MILITARY: "must give military aid at once, with all in its power",
    Strength.ALL_MEANS: "must give aid and assistance by all the means in its power",
    Strength.AS_DEEMED_NECESSARY: "must take such action as it deems necessary (it chooses what)",
    Strength.ASSIST: "must assist in meeting the attack",
    Strength.CONSTITUTIONAL_PROCESSES: "must act in accordance with its constitutional processes",
    Strength.ASSIST_ON_REQUEST: "must give the help needed when asked",
    Strength.INTENT_TO_ASSIST: "states an intent to assist, which is not a binding duty",
    Strength.CONSULT: "must consult",
    Strength.SEEK_EXTERNAL_ACTION: "must only seek action by an outside body",
    Strength.NONE: "undertakes, with no duty to act if this fails",
}

Section = tuple[str, list[Sentence]]


def how_it_works(spec: Spec) -> list[Section]:
    """The headed sentences of the report's first section, in reading order."""
    return [
        ("Who protects whom", _protection(spec)),
        ("Each party and its role", [_party(spec, p) for p in spec.parties]),
        ("What triggers it", _triggers(spec)),
        ("Who decides, by what rule, within what time", _decisions(spec)),
        ("Who must do what, by when", _obligations(spec)),
        ("What it does not cover", _gaps(spec)),
    ]


# Names ------------------------------------------------------------------------------------------------------


def name_of(spec: Spec, actor_id: str) -> str:
    """'United Kingdom (GBR)', or the id alone when the spec gives no name."""
    actor = spec.actor(actor_id)
    return f"{actor.name} ({actor_id})" if actor and actor.name and actor.name != actor_id else actor_id


def names_of(spec: Spec, party_set: PartySet | None, limit: int = 8) -> str:
    """A party set in words: its named role or set, then who is in it."""
    members = expand(spec, party_set)
    if not members:
        return "no one"
    shown = [name_of(spec, m) for m in members[:limit]]
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
    if len(members) > limit:
        text = ", ".join(shown) + f" and {len(members) - limit} more"
    label = party_set if isinstance(party_set, str) else None
    if label in BUILTIN_SETS:
        return f"every party ({text})" if len(members) > 1 else text
    if label and label not in members:
        return f"the {label.replace('-', ' ')} ({text})"
    return text


def duration_words(value: Duration | Deadline | None) -> str:
    """'24 hours', '3 days', 'forthwith': a duration or deadline as a reader says it."""
    if value is None:
        return ""
    if isinstance(value, Deadline):
        if value.name:
            return value.name
        value = value.duration
    hours = value.approx_hours
    if hours < 48:
        return f"{hours:g} hour{'s' if hours != 1 else ''}"
    days = value.approx_days
    return f"{days:g} day{'s' if days != 1 else ''}"


def _clause(spec: Spec, cid: str) -> Trace:
    c = spec.clauses[cid]
    return Trace("clause", cid, c.text, c.source, c.loc)


def _body(spec: Spec, bid: str) -> Trace:
    b = spec.bodies[bid]
    return Trace("body", bid, b.text, b.source, b.loc)


def _instrument(spec: Spec) -> Trace:
    return Trace("instrument", spec.id, spec.text or spec.notes, spec.source, spec.loc)


# Sections ---------------------------------------------------------------------------------------------------


def _protection(spec: Spec) -> list[Sentence]:
    out = [Sentence(f"{spec.title} protects {names_of(spec, spec.protects)}.", (_instrument(spec),))]
    if spec.potential_aggressors:
        who = ", ".join(name_of(spec, a) for a in spec.potential_aggressors)
        out.append(Sentence(f"It is written against attack by {who}.", (_instrument(spec),)))
    eif = spec.entry_into_force
    if eif is not None:
        when = f"on {eif.date.isoformat()}" if eif.date else (f"when {eif.on.describe()}" if eif.on else "")
        delay = f", {duration_words(eif.delay)} after that" if eif.delay else ""
        trace = Trace("instrument", f"{spec.id} entry into force", eif.text, eif.source, eif.loc)
        out.append(Sentence(f"It takes effect {when}{delay}.", (trace,)))
    elif spec.signed:
        out.append(Sentence(f"It was signed on {spec.signed.isoformat()}.", (_instrument(spec),)))
    return out


def _party(spec: Spec, party: Party) -> Sentence:
    roles = f" has the role {', '.join(party.roles)}" if party.roles else " is a party"
    duties = [cid for cid, c in spec.clauses.items() if any(party.id in expand(spec, o.bearer) for o in c.obligations)]
    bears = f"; it bears duties under {', '.join(duties)}" if duties else "; it bears no duty under any clause"
    pledges = [p for p in spec.pledges if p.party == party.id]
    offers = f"; it pledges {'; '.join(_pledge_words(p) for p in pledges)}" if pledges else ""
    note = f" ({party.notes.rstrip('.')})" if party.notes else ""
    traces = (
        Trace("party", party.id, party.notes, party.source, party.loc),
        *(_clause(spec, cid) for cid in duties),
        *(Trace("pledge", p.id or f"{p.party}-{p.capability}", p.basis, p.source, p.loc) for p in pledges),
    )
    return Sentence(f"{name_of(spec, party.id)}{roles}{note}{bears}{offers}.", traces)


def _pledge_words(p: Pledge) -> str:
    unit = f" {p.unit}" if p.unit else ""
    ready = ""
    if p.readiness:
        late = f" (1 in 10 later than {duration_words(p.readiness.p90)})" if p.readiness.p90 else ""
        ready = f", ready in about {duration_words(p.readiness.median)}{late}"
    only = f", only if {' and '.join(c.describe() for c in p.conditions)}" if p.conditions else ""
    assumed = " [an assumption]" if p.assumption else ""
    return f"{p.amount:,g}{unit} of {p.capability}{ready}{only}{assumed}"


def _trigger_words(spec: Spec, t: Trigger) -> str:
    types = " or ".join(x.value.replace("-", " ") for x in t.types)
    breach = f" (breach of {', '.join(t.breach_of)})" if t.breach_of else ""
    by = f" by {names_of(spec, t.by)}" if t.by else ""
    where = ""
    if t.in_ is not None:
        places = [*t.in_.regions]
        if t.in_.territory_of:
            places.append(f"the territory of {names_of(spec, t.in_.territory_of)}")
        if t.in_.administered_by:
            places.append(f"territory administered by {names_of(spec, t.in_.administered_by)}")
        where = f" in {' or '.join(places)}" if places else ""
    gate = f", and only once someone answers yes to '{t.attribution.question}'" if t.attribution else ""
    return f"{types}{breach}{by} against {names_of(spec, t.against)}{where}{gate}"


def _triggers(spec: Spec) -> list[Sentence]:
    out = []
    for cid, c in spec.clauses.items():
        if c.trigger is not None:
            text = f"Clause {cid} ({c.title or c.kind.value}) applies to {_trigger_words(spec, c.trigger)}."
            out.append(Sentence(text, (_clause(spec, cid),)))
        elif c.requested_by is not None:
            text = f"Clause {cid} ({c.title or c.kind.value}) applies when {names_of(spec, c.requested_by)} asks."
            out.append(Sentence(text, (_clause(spec, cid),)))
    return out or [Sentence("No clause names a trigger: nothing sets the guarantee off.", (_instrument(spec),))]


def _decisions(spec: Spec) -> list[Sentence]:
    out = []
    used: set[str] = set()
    for cid, c in spec.clauses.items():
        bid = c.decision.body if c.decision else c.body
        if bid is None or bid not in spec.bodies:
            continue
        used.add(bid)
        question = f" the question '{c.decision.question}'" if c.decision and c.decision.question else ""
        within = f", within {duration_words(c.deadline)}" if c.deadline else ", with no time limit"
        text = f"Under {cid}, {_body_words(spec, bid)} decides{question}{within}."
        out.append(Sentence(text, (_clause(spec, cid), _body(spec, bid))))
    for bid in spec.bodies:
        if bid not in used:
            text = f"{_body_words(spec, bid)[0].upper()}{_body_words(spec, bid)[1:]} decides nothing under any clause."
            out.append(Sentence(text, (_body(spec, bid),)))
    return out


def _body_words(spec: Spec, bid: str) -> str:
    body: Body = spec.bodies[bid]
    members = body_members(spec, bid)
    who = ", ".join(members[:8]) + (f" and {len(members) - 8} more" if len(members) > 8 else "")
    outside = ", a body outside the instrument," if body.external else ""
    interested = "; parties to the dispute do not vote" if body.exclude_interested else ""
    return (
        f"the body {body.name or bid} ({bid}){outside} of {who or 'no one'} by {describe_rule(body.rule)}{interested}"
    )


def _obligations(spec: Spec) -> list[Sentence]:
    out = []
    for cid, c in spec.clauses.items():
        for ob in c.obligations:
            out.append(Sentence(_duty_words(spec, c, ob), (_clause(spec, cid),)))
    return out or [Sentence("No clause puts a duty on anyone.", (_instrument(spec),))]


def _duty_words(spec: Spec, c: Clause, ob: Obligation) -> str:
    who = names_of(spec, ob.bearer) if ob.bearer else "no one (the clause names no bearer)"
    duty = STRENGTH_WORDS[ob.strength] if ob.strength else "has a duty of unstated strength"
    what = f": {ob.action}" if ob.action else ""
    deadline = ob.deadline or c.deadline
    by = f", within {duration_words(deadline)}" if deadline else ", with no deadline"
    jointly = " (jointly)" if not ob.individual else ""
    only = f", only if {' and '.join(x.describe() for x in ob.conditions)}" if ob.conditions else ""
    return f"{who}{jointly} {duty}{what}{by}{only}."


def _gaps(spec: Spec) -> list[Sentence]:
    out = []
    for cid, c in spec.clauses.items():
        for ob in c.obligations:
            for co in ob.carve_outs:
                limit = f" limits it to: {co.limits_to.value}" if co.limits_to else " narrows it"
                text = f"Under {cid}, an exception ({co.kind}) for {names_of(spec, co.parties)}{limit}" + (
                    f": {co.text}" if co.text else "."
                )
                trace = Trace("clause", cid, co.text or c.text, co.source or c.source, co.loc or c.loc)
                out.append(Sentence(text if text.endswith(".") else text + ".", (trace,)))
    covered = {t for c in spec.clauses.values() if c.trigger for t in c.trigger.types}
    missing = [t.value.replace("-", " ") for t in _uncovered(covered)]
    if missing and covered:
        traces = tuple(_clause(spec, cid) for cid, c in spec.clauses.items() if c.trigger)
        out.append(Sentence(f"No clause is triggered by {', or '.join(missing)}.", traces))
    if spec.scope and spec.scope.excludes:
        out.append(Sentence(f"Excluded from its scope: {', '.join(spec.scope.excludes)}.", (_instrument(spec),)))
    return out or [Sentence("The spec names no exception.", (_instrument(spec),))]


def _uncovered(covered: set[TriggerType]) -> list[TriggerType]:
    """The broad kinds of attack no trigger reaches: armed attack covers nuclear use, aggression covers both."""
    reaches = set(covered)
    if reaches & {TriggerType.AGGRESSION}:
        reaches |= {TriggerType.ARMED_ATTACK, TriggerType.ARMED_AGGRESSION}
    if reaches & {TriggerType.ARMED_ATTACK, TriggerType.ARMED_AGGRESSION}:
        reaches.add(TriggerType.NUCLEAR_USE)
    kinds = (TriggerType.ARMED_ATTACK, TriggerType.AGGRESSION, TriggerType.THREAT, TriggerType.NUCLEAR_USE)
    return [k for k in kinds if k not in reaches]
