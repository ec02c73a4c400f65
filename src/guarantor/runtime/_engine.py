"""The mutable builder behind ``fold``: one handler per event type, each recording its transitions."""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from guarantor.errors import RuntimeStateError
from guarantor.runtime import events as ev
from guarantor.runtime.deadlines import due_time, sweep_consultations, sweep_obligations
from guarantor.runtime.evolve import replace
from guarantor.runtime.situations import holds
from guarantor.runtime.state import (
    Case,
    Consultation,
    DecisionRecord,
    Explanation,
    MissedDeadline,
    ObligationRecord,
    RequestRecord,
    Transition,
)
from guarantor.runtime.stream import TriggerStream
from guarantor.semantics import (
    CompiledTrigger,
    Decider,
    SituationKey,
    body_decider,
    compile_decider,
    compile_trigger,
    place_key,
    situation_of,
    static_check,
    voidance_words,
)
from guarantor.spec import (
    Deadline,
    Obligation,
    Spec,
    body_members,
    expand,
    in_force,
    in_force_on,
    parties_on,
    suspended_towards,
    version_on,
)
from guarantor.spec.clauses import PartySet

__all__ = ["Engine"]


# An obligation's terms apart from its case: deadline, strength, deadline text, binding, towards, means, carved.
_Terms = tuple[Deadline | None, str | None, str | None, bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


# The clauses an incident may open on a day, and the parties their triggers protect (see ``Engine._streams_on``).
_DayStreams = tuple[list[tuple[str, TriggerStream, frozenset[str]]], frozenset[str] | None]
# What issuing a clause's obligations gives at a moment (see ``Engine._plan``).
_Plan = tuple[tuple[tuple[Any, ...], ...], list[str], str]


# Whether each event type has a ``body`` and a ``party`` field (see ``Engine._zone_of``).
_FIELDS_OF: dict[type, tuple[bool, bool]] = {}


def _names(items: list[str] | tuple[str, ...] | set[str]) -> str:
    return ", ".join(sorted(items)) or "none"


class Engine:
    """Applies events in time order; ``fold`` drives it and freezes the result."""

    def __init__(self, spec: Spec) -> None:
        self.base = spec  # the spec as written; ``spec`` is its version in force at the current event
        self.spec = spec
        self._version: tuple[str, ...] | None = None
        self._zone: str | None = None
        actors = [*spec.parties, *spec.actors]
        self._zones = {a.id: a.timezone for a in actors if a.timezone}  # looked up per event: a dict, not a scan
        self._contests = {p.id: p for p in spec.parties if p.contested}
        self.cases: dict[str, Case] = {}
        self.consultations: dict[str, Consultation] = {}
        self.decisions: dict[str, DecisionRecord] = {}
        self.obligations: dict[str, ObligationRecord] = {}
        self.missed: list[MissedDeadline] = []
        self.transitions: list[Transition] = []
        self.situations: dict[str, datetime] = {}
        self.breaches: dict[str, list[tuple[str, datetime, str]]] = {}
        self.not_met: dict[str, str] = {}
        self.votes: dict[tuple[str, str], dict[str, str]] = {}
        self.overlay: list[tuple[datetime, str | None, str, str]] = []
        self._streams: dict[tuple[str, tuple[str, ...]], TriggerStream] = {}
        self._ref = ""
        self._entry: tuple[int, ev.Event] | None = None  # the entry being applied; ``ref`` names it on demand
        self._due: list[tuple[datetime, str]] = []
        self._issued: set[str] = set()
        self._dispatch: dict[type[ev.Event], Callable[[Any], None]] = {}
        self._parties: dict[date, list[str]] = {}
        self.met: dict[str, datetime] = {}  # when each body first met (a decision, or a meeting without one)
        self._deciders: dict[tuple[str, date, str | None, str | None, int], Decider] = {}
        self.requests: dict[str, RequestRecord] = {}
        self.declined: dict[str, list[tuple[str, datetime, str | None]]] = {}
        self.reports: dict[str, list[tuple[str | None, datetime, str | None]]] = {}
        self.determined: dict[str, dict[str, bool]] = {}
        self.awaiting: dict[str, list[str]] = {}  # case -> the parties whose duty starts with their determination
        self.incidents: set[str] = set()
        # One attack, one case: the open case of each situation, the incidents that joined each case, every
        # join in order (incident, case), and the cases each joined incident is part of, indexed from that log
        # when an attribution asks (joins are many, attributions few).
        self._open: dict[SituationKey, str] = {}
        self._joined: dict[str, list[str]] = {}
        self._joins: list[tuple[str, str]] = []
        self._part_of: dict[str, list[str]] = {}
        self._seen_amendments: set[str] = set()
        # Caches of what depends only on the version in force and the day (never on the events): party sets
        # expanded, the key of the trigger streams, due times; and whether the guarantee is in force, which
        # depends on the situations too (they only grow, so their number dates them).
        self._expanded: dict[tuple[object, ...], tuple[str, ...]] = {}
        self._day_streams: dict[date, _DayStreams] = {}
        self._in_force: dict[tuple[object, ...], bool] = {}
        self._dues: dict[tuple[int, datetime], datetime | None] = {}
        self._members: dict[date, tuple[str, ...]] = {}
        self._bearers: dict[tuple[object, ...], tuple[tuple[int, Obligation, list[str]], ...]] = {}
        self._term_cache: dict[tuple[object, ...], _Terms] = {}
        self._breakers: dict[tuple[object, ...], list[str]] = {}  # the undertakings an incident's kind breaks
        self._voids: dict[tuple[object, ...], str | None] = {}  # why a clause is void at a moment, if it is
        self.voided: dict[str, tuple[datetime, str]] = {}  # the clauses a declared situation voided: when, why
        self._suspension_counts: dict[date, int] = {}
        self._assessments: dict[str, dict[str, bool]] = {}  # each case's assessment answers, by incident
        self._settled: set[str] = set()  # closed cases that answers no longer move (superseded or merged)
        self._plans: dict[tuple[object, ...], _Plan] = {}
        self._assured: dict[tuple[object, ...], str | None] = {}  # the clause an undertaking assures, if any
        self._stamps: dict[datetime, str] = {}  # due times as explanations write them
        self._keep: dict[int, object] = {}  # the deadlines whose ids key ``_dues`` (alive, so ids stay theirs)

    # Recording -------------------------------------------------------------------------------------------

    @property
    def ref(self) -> str:
        """How explanations name the entry being applied (``#12 incident_reported acled:UKR1``)."""
        if self._entry is not None:
            n, event = self._entry
            ident = getattr(event, "id", None)
            self._ref = f"#{n} {event.type}" + (f" {ident}" if ident else "")
            self._entry = None
        return self._ref

    def note(self, t: datetime, clause: str | None, kind: str, subject: str, state: str, why: str, *also: str) -> None:
        ref = self.ref
        inputs = tuple(i for i in (*also, ref) if i) if also else ((ref,) if ref else ())
        explanation = Explanation(clause, why, inputs, t)
        self.transitions.append(Transition(t, clause, kind, subject, state, explanation, self._zone))

    def advance(self, clock: datetime) -> None:
        """Let time pass to ``clock``: record every binding deadline missed before it."""
        heap = self._due
        if heap and heap[0][0] < clock:
            for ob, miss in sweep_obligations(self.obligations, heap, clock):
                self.missed.append(miss)
                stamp = self._stamps.get(miss.due)
                if stamp is None:
                    stamp = self._stamps[miss.due] = f"{miss.due:%Y-%m-%d %H:%M}Z"
                why = f"{ob.bearer} did not act under {ob.clause} by {ob.deadline} (due {stamp})"
                self.note(miss.due, ob.clause, "deadline-missed", ob.id, "missed", why)
        if not self.consultations:
            return
        for c in sweep_consultations(self.consultations, clock):
            due = c.due or c.requested
            self.missed.append(MissedDeadline("all", "consultations", c.id, c.clause, due))
            self.note(
                due, c.clause, "deadline-missed", c.id, "missed", f"no consultation held under {c.clause} by due time"
            )

    def apply(self, n: int, event: ev.Event) -> None:
        self.enter_version(event.time)
        self._zone = self._zone_of(event)
        self._entry = (n, event)
        if not self._dispatch:
            self._dispatch = self.handlers()
        handler = self._dispatch.get(type(event))
        try:
            if handler is None:
                raise RuntimeStateError(f"no handler for event type '{event.type}'")
            handler(event)
        except RuntimeStateError as exc:
            where = f"entry {n} ({event.type} at {event.time:%Y-%m-%dT%H:%M}Z)"
            error = type(exc)(f"{where}: {exc.message}", hint=exc.hint, location=exc.location)
            error.entry = n
            raise error from None

    def handlers(self) -> dict[type[ev.Event], Callable[[Any], None]]:
        """The handler of each event type (filled in by the subclass that has them all)."""
        return {
            ev.IncidentReported: self.on_incident_reported,
            ev.AttributionAssessed: self.on_attribution_assessed,
            ev.UndertakingBreached: self.on_undertaking_breached,
        }

    # Versions, places, contested status -----------------------------------------------------------------

    def enter_version(self, t: datetime) -> None:
        """Use the text in force at ``t``; an amendment entering into force during the replay is recorded."""
        if self._version is not None and not self.base.amendments:
            return  # one text for ever
        due = in_force_on(self.base, t.date())
        key = tuple(a.id for a in due)
        if key == self._version:
            return
        first, self._version = self._version is None, key
        self.spec = version_on(self.base, t.date())
        for a in [] if first else [a for a in due if a.id not in self._seen_amendments]:
            when = datetime(a.in_force.year, a.in_force.month, a.in_force.day, tzinfo=t.tzinfo)
            changed = ", ".join(sorted(a.touches())) or "the scope"
            self.note(when, None, "amendment-in-force", a.id, "in-force", f"in force from {a.in_force}: {changed}")
            for case in [c for c in self.cases.values() if c.clause in a.repeals and c.status != "closed"]:
                self._set_case(case.id, "closed", f"{case.clause} repealed by amendment {a.id}", when)
        self._seen_amendments.update(key)

    def clause_ids(self) -> list[str]:
        """Every clause of every version, base text first."""
        return list(dict.fromkeys([*self.base.clauses, *(c for a in self.base.amendments for c in a.clauses)]))

    def _zone_of(self, event: ev.Event) -> str | None:
        """The time zone the event's explanations are shown in: its body's, else its party's or actor's."""
        has = _FIELDS_OF.get(type(event))
        if has is None:  # (asking a slotted event for a field it lacks raises inside getattr: ask once per type)
            names = {f.name for f in dataclasses.fields(event)}
            has = _FIELDS_OF[type(event)] = ("body" in names, "party" in names)
        body = getattr(event, "body") if has[0] else None  # noqa: B009 (the field exists on this type)
        if body in self.spec.bodies and self.spec.bodies[body].timezone:
            return self.spec.bodies[body].timezone
        for name in (getattr(event, "party") if has[1] else None, event.actor):  # noqa: B009
            if isinstance(name, str) and name in self._zones:
                return self._zones[name]
        return None

    def contested(self, names: list[str] | tuple[str, ...], t: datetime) -> str:
        """'; status contested: ...' for the parties among ``names`` whose status is contested at ``t``."""
        out: list[str] = []
        for name in names if self._contests else ():
            party = self._contests.get(name)
            c = party.contested_on(t.date()) if party else None
            if c is not None:
                out.append(f"{name} since {c.since}" + (f" ({c.text})" if c.text else ""))
        return f"; status contested: {'; '.join(out)}" if out else ""

    # Membership ------------------------------------------------------------------------------------------

    def parties(self, t: datetime) -> list[str]:
        if self.overlay:
            return self._adjust(parties_on(self.spec, t.date()), None, t)
        day = t.date()
        if day not in self._parties:
            self._parties[day] = list(self.parties_on(day))
        return self._parties[day]

    def members(self, body_id: str, t: datetime) -> list[str]:
        body = self.spec.bodies.get(body_id)
        if body is None:
            raise RuntimeStateError(f"unknown body '{body_id}'", hint=f"one of {_names(set(self.spec.bodies))}")
        if body.seats() is None:  # a party set: ``body_members`` expands it, here through the cache
            base = self._adjust(list(self.expand(body.members, t.date())), None, t)  # type: ignore[arg-type]
        else:
            base = body_members(self.spec, body_id, t.date())
        return self._adjust(base, body_id, t)

    def _adjust(self, base: list[str], body: str | None, t: datetime) -> list[str]:
        out = list(base)
        for when, where, party, change in self.overlay:
            if where == body and when <= t:
                if change == "joined" and party not in out:
                    out.append(party)
                elif change == "left" and party in out:
                    out.remove(party)
        return out

    def void(self, cid: str, t: datetime) -> str | None:
        """Why clause ``cid`` is void at ``t`` (a voidance of the spec whose condition holds by the situations
        declared so far: "if Ukraine attacks Russia, all security guarantees should be lost"), or None."""
        key = (cid, t, len(self.situations), self._version)
        if key in self._voids:
            return self._voids[key]
        found = None
        for void in self.spec.void_if:
            if (void.clauses is None or cid in void.clauses) and holds(void.when, self.situations, t, self.spec):
                found = voidance_words(void)
                break
        self._voids[key] = found
        return found

    def in_force(self, t: datetime) -> bool:
        key = (t, len(self.situations), self._version)
        found = self._in_force.get(key)
        if found is None:
            eif = self.spec.entry_into_force
            if eif is not None and eif.on is not None:
                found = holds(eif.on, self.situations, t, self.spec, delay=eif.delay)
            else:
                found = in_force(self.spec, t.date())
            self._in_force[key] = found
        return found

    def parties_on(self, day: date) -> tuple[str, ...]:
        """The parties on ``day`` by the spec alone (without membership events), cached per day."""
        found = self._members.get(day)
        if found is None:
            found = self._members[day] = tuple(parties_on(self.spec, day))
        return found

    def expand(self, value: PartySet | None, day: date, victim: str | None = None) -> tuple[str, ...]:
        """``spec.expand`` in the version in force, cached: it depends on the day only through who is a party
        that day (``is_member``), so days with the same parties share one entry."""
        key = (self._version, value if not isinstance(value, list) else tuple(value), self.parties_on(day), victim)
        found = self._expanded.get(key)
        if found is None:
            found = self._expanded[key] = tuple(expand(self.spec, value, day, victim=victim))
        return found

    # Incidents and triggers ------------------------------------------------------------------------------

    def _streams_on(self, day: date, t: datetime) -> _DayStreams:
        """The clauses an incident may open on ``day`` (those with a trigger that opens on incidents), each with
        its trigger stream and the undertakings whose breach it answers; and the parties those triggers protect
        (``None`` when one protects anyone). A stream is compiled for the text and the parties of a day and
        shared by the days that have both; cached per day without membership events."""
        found = None if self.overlay else self._day_streams.get(day)
        if found is not None:
            return found
        members = (*(self._version or ()), "|", *self.parties(t))
        streams = []
        protected: set[str] | None = set()
        for cid, clause in self.spec.clauses.items():
            if clause.trigger is None:
                continue
            key = (cid, members)
            stream = self._streams.get(key)
            if stream is None:
                stream = self._streams[key] = TriggerStream(compile_trigger(self.spec, cid, day))
            if stream.trigger.opens_on_incident:  # a request is an act of a party, not an incident
                streams.append((cid, stream, frozenset(clause.trigger.breach_of)))
                against = stream.trigger.against
                protected = None if against is None or protected is None else protected | against
        found = (streams, None if protected is None else frozenset(protected))
        if not self.overlay:
            self._day_streams[day] = found
        return found

    def on_incident_reported(self, e: ev.IncidentReported) -> None:
        """Each clause whose trigger opens on incidents: the incident opens a case, joins the open case of the
        same attack, or is recorded as not meeting the trigger (when it is against a party the clause protects)."""
        self.incidents.add(e.id)
        t = e.time
        day = t.date()
        live = self.in_force(t)
        broken = self._breaches_of(e, day) if live and self.spec.undertakings else None
        streams, protected = self._streams_on(day, t)
        if not broken and protected is not None and e.against not in protected and (e.against or "") not in protected:
            return  # against none the triggers protect: no trigger holds (nor counts it), none records it
        # What the triggers read of the incident, read once for all of them (``TriggerStream.step``'s arguments
        # after the kind, which is "breach" for a clause that answers a breach of an undertaking it breaks).
        fields = (e.event_type, e.against or "", e.by or "", e.country or "", place_key(e.region), e.severity)
        seconds = int(t.timestamp())
        opened = self._open
        voids = self.spec.void_if
        later: list[tuple[str, TriggerStream, bool, bool, list[str] | None]] = []  # done after the breaches
        joined_on: list[str] = []  # the undertakings whose breach a joined case answers
        for cid, stream, breach_of in streams:
            hit = [u for u in broken if u in breach_of] if broken else None
            held = stream.step(seconds, "breach" if hit else e.kind, *fields)
            if not held or not live or (voids and self.void(cid, t)):
                later.append((cid, stream, False, held, hit))
                continue
            current = opened.get(situation_of(cid, e.against, e.by))
            if current is None:
                later.append((cid, stream, True, held, hit))
            else:  # the same attack goes on: the incident is part of the case already open
                self._join(current, e.id)
                if hit:
                    joined_on += hit
        if broken:
            self._record_breaches(e, broken, joined_on, later)
        for cid, stream, opens, held, hit in later:
            if opens:
                self._open_case(stream, cid, e, hit)
            else:
                self._not_met(stream, cid, e, held, hit, live)

    def _breaches_of(self, e: ev.IncidentReported, day: date) -> list[str]:
        """Undertakings this incident breaches: its kind or event type is listed, and its author is bound (the
        caller asks only while the guarantee is in force: an undertaking binds only then)."""
        key = (self._version, e.kind, e.event_type, e.by, self.parties_on(day))
        found = self._breakers.get(key)
        if found is None:  # which undertakings such an incident by such an author breaks, whatever the incident
            found = self._breakers[key] = [
                uid
                for uid, und in self.spec.undertakings.items()
                if (e.kind in und.breach_event_types or e.event_type in und.breach_event_types)
                and e.by in self.expand(und.by, day)
            ]
        return found

    def _record_breaches(
        self,
        e: ev.IncidentReported,
        broken: list[str],
        joined_on: list[str],
        later: list[tuple[str, TriggerStream, bool, bool, list[str] | None]],
    ) -> None:
        """Record each undertaking the incident breaks. Its ``undertaking-breached`` transition is left out when
        every clause that answers the breach took the incident into the case it has open: the breach is part of
        an attack already answered (as the join is), and it still counts in its assurance's outcome."""
        elsewhere = {u for *_, hit in later if hit for u in hit}  # answered by a clause that did not join it
        for uid in broken:
            quiet = uid in joined_on and uid not in elsewhere
            self._breach(uid, e.by, e.against, e.id, e.time, noted=not quiet)

    def _breach(
        self, uid: str, by: str | None, against: str | None, incident: str | None, t: datetime, *, noted: bool = True
    ) -> None:
        # An undertaking named after its clause ("para1" or "para1-...") is that clause's assurance.
        key = (self._version, uid)
        if key not in self._assured:
            self._assured[key] = next((c for c in self.spec.clauses if uid == c or uid.startswith(c + "-")), None)
        clause = self._assured[key]
        if clause is not None:
            self.breaches.setdefault(clause, []).append((str(by), t, incident or uid))
        if noted:
            why = f"{by} is bound by '{uid}'" + (f"; incident {incident} against {against}" if incident else "")
            self.note(t, clause, "undertaking-breached", uid, "breached", why)

    def _not_met(
        self, stream: TriggerStream, cid: str, e: ev.IncidentReported, held: bool, via: list[str] | None, live: bool
    ) -> None:
        """Record why the clause's trigger did not hold at the incident, when it is against a party it protects
        (``via``: the undertakings it breaks, which make it a breach for this clause)."""
        trig = stream.trigger
        if trig.against is not None and e.against not in trig.against:
            return  # not relevant: against no one this clause protects
        if held:
            void = self.void(cid, e.time) if live else None
            reason = f"the clause is void: {void}" if void else "the guarantee is not in force on this date"
        else:
            seen = replace(e, kind="breach") if via else e
            reason = static_check(trig, seen) or f"fewer than {trig.window_count} such incidents within the window"
        self.not_met[cid] = reason
        self.note(e.time, cid, "trigger-not-met", f"{cid}/{e.id}", "not-triggered", reason)

    def _open_case(self, stream: TriggerStream, cid: str, e: ev.IncidentReported, via: list[str] | None) -> None:
        """The trigger held and no case of this attack is open: open one, and take it through its gates."""
        held_by = f"breach of {_names(via)}" if via else stream.described
        self._start_case(stream.trigger, f"{cid}/{e.id}", e.time, e.id, e.against, e.by, f"trigger held ({held_by})")

    def _start_case(
        self,
        trig: CompiledTrigger,
        subject: str,
        t: datetime,
        incident: str | None,
        against: str | None,
        by: str | None,
        why: str,
    ) -> None:
        """Open case ``subject`` under the trigger's clause as the case of its attack, and take it through its
        gates: an assessment (attribution, threshold) first, then the decision or request."""
        cid = trig.clause
        self.cases[subject] = Case(subject, cid, t, "open", incident=incident, against=against, by=by)
        self._open[situation_of(cid, against, by)] = subject
        self._joined[subject] = []
        self.note(t, cid, "case-opened", subject, "open", why)
        if trig.assessment:  # attribution, or whether the attack reaches the threshold: an assessment answers
            what = "attribution" if trig.threshold is None else "assessment"
            self._set_case(subject, "awaiting-attribution", f"{what} needed: {trig.assessment}", t)
        else:
            self._after_gates(subject, t)

    def on_undertaking_breached(self, e: ev.UndertakingBreached) -> None:
        """A breach reported as such: each clause that answers it opens the case of the attack, or the breach
        joins the case already open, as an incident would (a void clause opens none)."""
        if e.undertaking not in self.spec.undertakings:
            raise RuntimeStateError(
                f"unknown undertaking '{e.undertaking}'", hint="name one in the spec's 'undertakings'"
            )
        live = self.in_force(e.time)
        if live:  # an undertaking binds only while the guarantee is in force
            self._breach(e.undertaking, e.by, e.against, e.incident, e.time)
        for cid, clause in self.spec.clauses.items():
            trig = clause.trigger
            if trig is None or e.undertaking not in trig.breach_of:
                continue
            void = self.void(cid, e.time)
            subject = f"{cid}/{e.incident or e.undertaking}@{e.time:%Y%m%dT%H%M}"
            if void or not live:
                reason = f"the clause is void: {void}" if void else "the guarantee is not in force on this date"
                self.note(e.time, cid, "trigger-not-met", subject, "not-triggered", reason)
                continue
            current = self._open.get(situation_of(cid, e.against, e.by))
            if current is not None:  # part of the attack that case answers (once: an incident already in it stays)
                known = e.incident is not None and (
                    e.incident == self.cases[current].incident or e.incident in self._joined[current]
                )
                if not known:
                    self._join(current, e.incident or subject)
                continue
            why = f"undertaking '{e.undertaking}' breached by {e.by}"
            trigger = compile_trigger(self.spec, cid, e.time.date())
            self._start_case(trigger, subject, e.time, e.incident, e.against, e.by, why)

    def on_attribution_assessed(self, e: ev.AttributionAssessed) -> None:
        """An answer about one incident, for each case it is part of (opened or joined) that waits for an
        assessment (its trigger asks attribution or a threshold): a case is answered yes by a yes on any of its
        incidents, and no once each of them has been answered no. A case that asks nothing, ended, or closed
        otherwise than by its assessment (void, repealed) only records the answer."""
        cases = [c for c in self.cases.values() if c.incident == e.incident]
        cases += [self.cases[cid] for cid in self._cases_joined_by(e.incident)]
        if not cases and e.incident not in self.incidents:
            raise RuntimeStateError(
                f"field 'incident': no incident '{e.incident}' was reported", hint="report it with incident_reported"
            )
        question = e.question or "attribution"
        answer = "yes" if e.answer else "no"
        if not cases:
            why = f"{question}: {answer} (no case is open on this incident)"
            self.note(e.time, None, "attribution-recorded", e.incident, answer, why)
        for case in cases:
            self._assess(case, e.incident, e.answer, question, e.time, e.attributed_to)

    def _assess(
        self, case: Case, incident: str, answer: bool, question: str, t: datetime, to: str | None = None
    ) -> None:
        said = "yes" if answer else "no"
        clause = self.spec.clauses.get(case.clause)
        waits = (
            clause is not None
            and clause.trigger is not None
            and compile_trigger(self.spec, case.clause, t.date()).assessment
        )
        settled = (
            case.status == "ended" or (case.status == "closed" and case.attributed is None) or case.id in self._settled
        )
        if not waits or settled or self.void(case.clause, t):
            state = "does not wait for one" if not waits else f"is {case.status}"
            why = f"{question}: {said} for {incident}; case {case.id} {state}"
            self.note(t, case.clause, "attribution-recorded", incident, said, why)
            return
        answers = self._assessments.setdefault(case.id, {})
        answers[incident] = answer
        members = [case.incident or "", *self._joined.get(case.id, [])]
        verdict: bool | None = True if any(answers.get(i) for i in members) else None
        if verdict is None and (case.attributed or all(i in answers for i in members)):
            verdict = False  # every incident answered no, or the one yes that carried the case withdrawn
        if verdict is None or verdict == case.attributed:
            waiting = [i for i in members if i not in answers]
            more = f"; it waits for {len(waiting):,} more incident(s)" if verdict is None else ""
            why = f"{question}: {said} for {incident}, part of case {case.id}{more}"
            self.note(t, case.clause, "attribution-recorded", incident, said, why)
        else:
            if verdict and to and case.by is None:
                named = self._name_attacker(case, to, t)
                if named is None:
                    return
                case = named
            if case.attributed is None:
                self._attribute(case, verdict, question, t)
            else:
                self._revise(case, verdict, question, t)

    def _name_attacker(self, case: Case, attacker: str, t: datetime) -> Case | None:
        """A case opened on incidents that named no attacker, now attributed to ``attacker``: the case is that
        attacker's attack, so later incidents by no named attacker open their own case instead of joining it.
        When that attacker's attack already has its case open, this one is part of it: its incidents join that
        case and it closes (None is returned)."""
        unnamed = situation_of(case.clause, case.against, None)
        if self._open.get(unnamed) == case.id:
            del self._open[unnamed]
        named = situation_of(case.clause, case.against, attacker)
        other = self._open.get(named)
        if other is not None and other != case.id:
            self._join(other, *[i for i in (case.incident, *self._joined.get(case.id, [])) if i])
            self.cases[case.id] = replace(case, by=attacker)
            why = f"attributed to {attacker}, whose attack has case {other} open: its incidents join it"
            self.close_ending_obligations(case.id, why, t)
            self._settled.add(case.id)
            return None
        self._open[named] = case.id
        self.cases[case.id] = case = replace(case, by=attacker)
        why = f"the attack is attributed to {attacker}"
        self.note(t, case.clause, "attacker-named", case.id, case.status, why)
        return case

    def _attribute(self, case: Case, answer: bool, question: str, t: datetime) -> None:
        self.cases[case.id] = case = replace(case, attributed=answer)
        if not answer:
            self._set_case(case.id, "closed", f"attribution answered no: {question}", t)
            return
        self.note(t, case.clause, "attribution-confirmed", case.id, "attributed", f"{question}: yes")
        conditional = [d for d in self.decisions.values() if d.case == case.id and d.status == "conditional"]
        for d in conditional:
            self.decisions[d.id] = replace(d, status="confirmed")
            why = f"{d.body} decision of {d.time:%Y-%m-%d} was conditional on '{d.conditional_on}', now met"
            self.note(t, case.clause, "decision-confirmed", d.id, "confirmed", why, d.input)
        if conditional:
            self._decided(case.id, t)
        else:
            self._after_gates(case.id, t)

    def _revise(self, case: Case, answer: bool, question: str, t: datetime) -> None:
        """A changed answer: the replay goes on from the new one (a reversal closes, a new yes reopens)."""
        before = "yes" if case.attributed else "no"
        why = f"{question}: revised from {before} to {'yes' if answer else 'no'}"
        self.note(t, case.clause, "attribution-revised", case.id, "yes" if answer else "no", why)
        if answer:
            situation = situation_of(case.clause, case.against, case.by)
            other = self._open.get(situation)
            if other is not None and other != case.id:  # the attack has its case again: this one stays closed
                why = f"the attack's case {other} is open: {case.id} stays closed, and answers about it are recorded"
                self.note(t, case.clause, "attribution-recorded", case.id, "yes", why)
                self._settled.add(case.id)
                return
            self.cases[case.id] = replace(case, attributed=None, status="open")
            self._open[situation] = case.id  # reopened: further incidents of the attack join it again
            self._issued.discard(case.id)
            self._attribute(self.cases[case.id], True, question, t)
            return
        self.cases[case.id] = replace(case, attributed=False)
        self.close_ending_obligations(case.id, "attribution reversed", t)

    def close_ending_obligations(self, case_id: str, why: str, t: datetime) -> None:
        """Close the case, and with it every obligation still open under it (the explanation names whose)."""
        ended = self._end_obligations(case_id, None)
        also = f"; open obligations of {_names(ended)} end" if ended else ""
        self._set_case(case_id, "closed", why + also, t)

    def _end_obligations(self, case_id: str, bearers: list[str] | None) -> list[str]:
        ended = []
        for o in list(self.obligations.values()):
            if o.case == case_id and (not bearers or o.bearer in bearers) and o.status in ("pending", "acknowledged"):
                self.obligations[o.id] = replace(o, status="ended")
                ended.append(o.bearer)
        return ended

    # Cases, decisions, obligations --------------------------------------------------------------------

    def _join(self, case_id: str, *incidents: str) -> None:
        """``incidents`` are part of the attack case ``case_id`` answers: listed on it, and logged for
        ``_cases_joined_by``."""
        self._joined[case_id] += incidents
        self._joins += [(i, case_id) for i in incidents]

    def _cases_joined_by(self, incident: str) -> list[str]:
        """The cases ``incident`` joined (indexing the joins made since the last question first)."""
        index, joins = self._part_of, self._joins
        for joined, case_id in joins:
            index.setdefault(joined, []).append(case_id)
        joins.clear()
        return index.get(incident, [])

    def final_cases(self) -> tuple[Case, ...]:
        """The cases, each with the incidents that joined it."""
        joined = self._joined
        return tuple(replace(c, joined=tuple(joined[c.id])) if joined.get(c.id) else c for c in self.cases.values())

    def end_situation(self, case: Case) -> None:
        """The attack ``case`` answers is over (the case closed, or its measures ended): a further incident of
        the same clause, target and attacker opens a new case."""
        situation = situation_of(case.clause, case.against, case.by)
        if self._open.get(situation) == case.id:
            del self._open[situation]

    def _set_case(self, case_id: str, status: str, why: str, t: datetime) -> None:
        case = self.cases[case_id]
        self.cases[case_id] = replace(case, status=status)
        if status == "closed":
            self.end_situation(case)
        self.note(t, case.clause, "case-" + status if status == "closed" else "case-updated", case_id, status, why)

    def decider(self, case: Case, t: datetime) -> Decider:
        """The compiled decider of the case's clause on ``t``, over the body's members then (cached: many cases
        share a clause, a day, the parties to the dispute and a membership)."""
        # Membership changes only through the overlay, which grows in time order: its length dates the members.
        key = (case.clause, t.date(), case.against, case.by, len(self.overlay))
        found = self._deciders.get(key)
        if found is None:
            decision = self.spec.clauses[case.clause].decision
            by = (case.by,) if case.by else ()
            if decision is None:
                found = compile_decider(self.spec, case.clause, day=t.date(), against=case.against, by=by)
            else:  # what compile_decider does, with the members and the number of parties from the caches
                found = body_decider(
                    self.spec,
                    decision.body,
                    day=t.date(),
                    clause=case.clause,
                    against=case.against,
                    by=by,
                    members=self.members(decision.body, t),
                    parties=len(self.parties_on(t.date())),
                )
            self._deciders[key] = found
        return found

    def _after_gates(self, case_id: str, t: datetime) -> None:
        case = self.cases[case_id]
        clause = self.spec.clauses[case.clause]
        if clause.decision is not None:
            decider = self.decider(case, t)
            if decider.kind == "blocked":
                self._set_case(case_id, "blocked", f"the decision cannot be taken: {decider.reason}", t)
                return
            if decider.collective:
                self._set_case(case_id, "awaiting-decision", f"a decision of {clause.decision.body} is needed", t)
                return
        if clause.request_required:
            self._set_case(case_id, "awaiting-request", "the protected party must request assistance", t)
            return
        self._decided(case_id, t)

    def _decided(self, case_id: str, t: datetime) -> None:
        case = self.cases[case_id]
        if case.status == "decided":
            return
        self.cases[case_id] = replace(case, status="decided")
        self._issue(case_id, t)

    def _issue(self, case_id: str, t: datetime) -> None:
        case = self.cases[case_id]
        if case_id in self._issued:
            return
        self._issued.add(case_id)
        terms, waiting, why = self._plan(case, t)
        if terms:
            clause, obligations, heap = case.clause, self.obligations, self._due
            for i, bearer, strength, due, text, binding, action, towards, means, carved in terms:
                key = f"{case_id}#{i}:{bearer}"
                if binding and due is not None:
                    heapq.heappush(heap, (due, key))
                record = (key, clause, case_id, bearer, strength, t, due, text, binding, "pending", action)
                obligations[key] = ObligationRecord(*record, towards, means, carved)
            self.note(t, clause, "obligations-issued", case_id, "pending", why)
        if waiting:
            uniq = sorted(set(waiting))
            self.awaiting[case_id] = uniq
            why = f"each of {_names(uniq)} decides for itself; nothing is issued before its own determination"
            why += self.suspended_bearers(case.clause, case.against, t)
            self.note(t, case.clause, "awaiting-determination", case_id, "awaiting-determination", why)

    def _plan(self, case: Case, t: datetime) -> _Plan:
        """What issuing the case's clause at ``t`` gives, whatever the case: the terms of each obligation issued
        (index, bearer, strength, due, deadline, binding, action, towards, means, carved out), the bearers who
        wait for their own determination, and the explanation. Cached: cases share a clause, a moment, the
        parties and a victim."""
        key = (self._version, case.clause, self._who(t), case.against, t)
        found = self._plans.get(key)
        if found is not None:
            return found
        terms: list[tuple[Any, ...]] = []
        waiting: list[str] = []
        for i, ob, bearers in self._duties(case, t):
            if ob.starts == "own-determination":
                waiting += bearers
                continue
            for bearer in bearers:
                deadline, strength, text, binding, towards, means, carved = self._terms(
                    case.clause, i, ob, bearer, t.date()
                )
                due = self._due_time(deadline, t, case.clause)
                terms.append((i, bearer, strength, due, text, binding, ob.action, towards, means, carved))
        why = self._why_issued([(term[1], term[9]) for term in terms], t) if terms else ""
        why += self.suspended_bearers(case.clause, case.against, t) if terms else ""
        found = self._plans[key] = (tuple(terms), waiting, why)
        return found

    def _who(self, t: datetime) -> object:
        """What ``parties(t)`` depends on: the spec's parties that day or, after membership events, the moment
        (the overlay only grows, so its length dates it)."""
        return (t, len(self.overlay)) if self.overlay else self.parties_on(t.date())

    def _duties(self, case: Case, t: datetime) -> tuple[tuple[int, Obligation, list[str]], ...]:
        """Each obligation of the case's clause with its bearers at ``t`` (cached: many cases share a clause, the
        parties and a victim)."""
        key = (self._version, case.clause, self._who(t), case.against, self._suspensions(t.date()))
        found = self._bearers.get(key)
        if found is None:
            obligations = self.spec.clauses[case.clause].obligations
            found = tuple((i, ob, self.bearers(ob, case, t)) for i, ob in enumerate(obligations))
            self._bearers[key] = found
        return found

    def issue_own(self, case: Case, indices: list[int], party: str, t: datetime) -> list[str]:
        """Issue ``party``'s duties that start with its own determination; the keys of those issued."""
        clause = self.spec.clauses[case.clause]
        out = [
            self._oblige(case, i, clause.obligations[i], party, t)
            for i in indices
            if party in self.bearers(clause.obligations[i], case, t)
        ]
        if out:
            self.note(t, case.clause, "obligations-issued", case.id, "pending", self._issued_why(case, out, t))
        return out

    def bearers(self, ob: Obligation, case: Case, t: datetime) -> list[str]:
        """The bearers of ``ob`` in ``case`` on that day (``all-other-parties`` leaves out the victim), less
        those whose obligations towards the victim are suspended (``suspended_towards``)."""
        parties = set(self.parties(t))
        day = t.date()
        named = self.expand(ob.bearer or "each-party", day, case.against)
        held = self._suspensions(day) > 0
        return [
            b
            for b in named
            if (b in parties or not ob.individual) and not (held and suspended_towards(self.spec, b, case.against, day))
        ]

    def _suspensions(self, day: date) -> int:
        """How many suspensions and reinstatements are in effect by ``day``: who bears what towards whom
        changes only with them, so the caches of bearers key on the count."""
        found = self._suspension_counts.get(day)
        if found is None:
            kinds = ("suspension", "reinstatement")
            found = sum(1 for ev in self.spec.events if ev.kind in kinds and ev.effective <= day)
            self._suspension_counts[day] = found
        return found

    def suspended_bearers(self, clause: str, victim: str | None, t: datetime) -> str:
        """'; obligations suspended: ...' for the parties whose obligations under ``clause`` towards ``victim``
        are suspended on that day (they would bear one otherwise), for explanations."""
        if victim is None or not self._suspensions(t.date()):
            return ""
        out: dict[str, str] = {}  # by party, each once
        for ob in self.spec.clauses[clause].obligations:
            for b in self.expand(ob.bearer or "each-party", t.date(), victim):
                ev = suspended_towards(self.spec, b, victim, t.date())
                if ev is not None and b not in out:
                    out[b] = f"{b} towards {victim} since {ev.effective}" + (f" ({ev.text})" if ev.text else "")
        return f"; obligations suspended: {'; '.join(out.values())}" if out else ""

    def _issued_why(self, case: Case, keys: list[str], t: datetime) -> str:
        """The explanation of the obligations ``keys`` just issued (only those are read: issuing stays linear)."""
        return self._why_issued([(o.bearer, o.carved_out) for o in (self.obligations[k] for k in keys)], t)

    def _why_issued(self, issued: list[tuple[str, tuple[str, ...]]], t: datetime) -> str:
        """The explanation of obligations issued at ``t`` to bearers with the means carved out for each."""
        uniq = sorted({bearer for bearer, _ in issued})
        why = f"{len(uniq)} bearer{'s' if len(uniq) != 1 else ''} on {t:%Y-%m-%d}: {', '.join(uniq)}"
        by_means: dict[tuple[str, ...], list[str]] = {}
        for means, bearer in sorted({(carved, bearer) for bearer, carved in issued if carved}):
            by_means.setdefault(means, []).append(bearer)
        for means, who in by_means.items():
            why += f"; carve-out: {', '.join(means)} not required of {_names(who)} without consent, other means bind"
        return why + self.contested(uniq, t)

    def _oblige(self, case: Case, i: int, ob: Obligation, bearer: str, t: datetime) -> str:
        """Record ``bearer``'s obligation ``i`` in ``case``; its key."""
        deadline, strength, text, binding, towards, means, carved = self._terms(case.clause, i, ob, bearer, t.date())
        due = self._due_time(deadline, t, case.clause)
        key = f"{case.id}#{i}:{bearer}"
        if binding and due is not None:
            heapq.heappush(self._due, (due, key))
        self.obligations[key] = ObligationRecord(
            key,
            case.clause,
            case.id,
            bearer,
            strength,
            t,
            due,
            text,
            binding,
            action=ob.action,
            towards=towards,
            means=means,
            carved_out=carved,
        )
        return key

    def _terms(self, clause_id: str, i: int, ob: Obligation, bearer: str, day: date) -> _Terms:
        """What ``bearer``'s obligation ``i`` under the clause says on ``day``, whatever the case (cached per
        party list): its deadline, strength after carve-outs, deadline in words, whether the deadline binds,
        towards whom, the means and the means carved out."""
        key = (self._version, clause_id, i, bearer, self.parties_on(day))
        found = self._term_cache.get(key)
        if found is not None:
            return found
        deadline = ob.deadline or self.spec.clauses[clause_id].deadline
        strength, carved = ob.strength, []
        for co in ob.carve_outs:
            if not (co.limits_to or co.means):
                continue  # a carve-out that limits nothing here (primacy) needs no expansion per bearer
            if not co.parties or bearer in self.expand(co.parties, day):
                if co.limits_to and (strength is None or co.limits_to.rank > strength.rank):
                    strength = co.limits_to
                carved += [m for m in co.means if m not in carved]
        found = self._term_cache[key] = (
            deadline,
            strength.value if strength else None,
            str(deadline) if deadline else None,
            bool(deadline and deadline.is_numeric),
            self.expand(ob.towards, day),
            tuple(m for m in ob.means if m not in carved),
            tuple(carved),
        )
        return found

    def _due_time(self, deadline: Deadline | None, t: datetime, clause: str) -> datetime | None:
        key = (id(deadline), t)
        if key in self._dues:
            return self._dues[key]
        try:
            found = self._dues[key] = due_time(deadline, t)
            self._keep[id(deadline)] = deadline
            return found
        except (OverflowError, ValueError):
            raise RuntimeStateError(
                f"field 'time': the deadline {deadline} of {clause} from {t:%Y-%m-%dT%H:%M}Z falls after year 9999",
                hint="no calendar reaches that far: correct the event's time or the clause's deadline",
            ) from None

    def _case_for(self, clause: str | None, case_id: str | None, t: datetime) -> Case | None:
        if case_id is not None:
            case = self.cases.get(case_id)
            if case is None:
                raise RuntimeStateError(f"unknown case '{case_id}'", hint=f"one of {_names(set(self.cases))}")
            return case
        open_ = [c for c in self.cases.values() if c.clause == clause and c.status != "closed" and c.opened <= t]
        return open_[-1] if open_ else None
