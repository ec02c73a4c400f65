"""Handlers for what parties and bodies do: request, consult, vote, decide, acknowledge, act, join, leave."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from guarantor.errors import RuntimeStateError
from guarantor.runtime import events as ev
from guarantor.runtime._diplomacy import Diplomacy
from guarantor.runtime._engine import _names
from guarantor.runtime.evolve import replace
from guarantor.runtime.situations import holds
from guarantor.runtime.state import Case, Consultation, DecisionRecord
from guarantor.semantics import Tally, Verdict, body_decider, stand_in
from guarantor.spec import expand

__all__ = ["Runtime"]


class Runtime(Diplomacy):
    """The engine with every event handler."""

    def handlers(self) -> dict[type[ev.Event], Callable[[Any], None]]:
        return {
            **super().handlers(),
            ev.ConsultationRequested: self.on_consultation_requested,
            ev.ConsultationHeld: self.on_consultation_held,
            ev.VoteCast: self.on_vote_cast,
            ev.DecisionTaken: self.on_decision_taken,
            ev.ObligationAcknowledged: self.on_obligation_acknowledged,
            ev.ActionReported: self.on_action_reported,
            ev.MembershipChanged: self.on_membership_changed,
            ev.CeasefireDeclared: self.on_ceasefire_declared,
            ev.AssistanceRequested: self.on_assistance_requested,
        }

    def _clause(self, clause_id: str) -> None:
        if clause_id not in self.spec.clauses:
            raise RuntimeStateError(f"unknown clause '{clause_id}'", hint=f"one of {_names(set(self.spec.clauses))}")

    # Consultations ---------------------------------------------------------------------------------------

    def on_consultation_requested(self, e: ev.ConsultationRequested) -> None:
        self._clause(e.clause)
        clause = self.spec.clauses[e.clause]
        allowed = expand(self.spec, clause.requested_by or "any-party", e.time.date())
        if e.actor not in allowed:
            raise RuntimeStateError(
                f"'{e.actor}' may not request consultations under {e.clause}", hint=f"requesters: {_names(allowed)}"
            )
        concerning = self._concerning(e)
        cid = f"{e.clause}/{e.actor}@{e.time:%Y-%m-%d}"
        void = self.void(e.clause, e.time)
        if void:  # a request under a void clause is recorded, and nothing follows from it
            why = f"{e.actor} requests consultations under {e.clause}, which is void: {void}"
            self.note(e.time, e.clause, "consultation-requested", cid, "void", why)
            return
        deadline = clause.deadline
        due = self._due_time(deadline, e.time, e.clause) if deadline and deadline.is_numeric else None
        self.consultations[cid] = Consultation(cid, e.clause, e.actor, e.time, due, concerning=concerning)
        self.cases[cid] = Case(
            cid,
            e.clause,
            e.time,
            "consulting",
            against=e.actor if e.actor in concerning else concerning[0],
            requested_by=e.actor,
            concerning=concerning,
        )
        limit = f"; due {due:%Y-%m-%d %H:%M}Z ({deadline})" if due else ""
        about = "" if concerning == (e.actor,) else f"; concerning {_names(concerning)}"
        why = f"{e.actor} is entitled to request ({clause.requested_by or 'any-party'}){about}{limit}"
        self.note(e.time, e.clause, "consultation-requested", cid, "requested", why)
        self._issue(cid, e.time)

    def _concerning(self, e: ev.ConsultationRequested) -> tuple[str, ...]:
        """The parties the request is about: those named, else the requester; each must be one the clause covers."""
        named = tuple(e.concerning) or (str(e.actor),)
        allowed = expand(self.spec, self.spec.clauses[e.clause].concerning or "any-party", e.time.date())
        outside = [p for p in named if p not in allowed]
        if e.concerning and outside:
            raise RuntimeStateError(
                f"field 'concerning': a request under {e.clause} may not concern {_names(outside)}",
                hint=f"it may concern {_names(allowed)}",
            )
        return named

    def on_consultation_held(self, e: ev.ConsultationHeld) -> None:
        """One meeting answers every request still pending under the clause (eight allies, 24 February 2022)."""
        self._clause(e.clause)
        pending = [c for c in self.consultations.values() if c.clause == e.clause and c.held is None]
        expected = self.members(e.body, e.time) if e.body else self.parties(e.time)
        absent = tuple(p for p in expected if p not in e.attended)
        if not pending:
            pending = [Consultation(f"{e.clause}/{e.time:%Y-%m-%d}", e.clause, None, e.time, None)]
        where = f" in {e.body}" if e.body else ""
        why = f"attended{where}: {_names(e.attended)}; absent: {_names(absent)}"
        if len(pending) > 1:
            why += f"; one meeting for the {len(pending)} requests of {_names([str(c.requested_by) for c in pending])}"
        for c in pending:
            status = "held-late" if c.status == "missed" else "held" if not absent else "held-incomplete"
            held = replace(c, status=status, held=e.time, attended=tuple(e.attended), absent=absent)
            self.consultations[c.id] = held
            self.note(e.time, e.clause, "consultation-held", c.id, status, why)
            case = c.id if c.id in self.cases else None
            self._discharge(e.clause, case, list(e.attended), e.time, consult_only=True)
        if self.spec.clauses[e.clause].kind == "consultation":
            # the consultation an attack called for has been held: a later attack calls for another one (Budapest
            # paragraph 6 in March 2014, and again after February 2022)
            for answered in [c for c in self.cases.values() if c.clause == e.clause and c.opened <= e.time]:
                self.end_situation(answered)

    # Votes and decisions ---------------------------------------------------------------------------------

    def on_vote_cast(self, e: ev.VoteCast) -> None:
        if e.party not in self.members(e.body, e.time):
            raise RuntimeStateError(f"'{e.party}' does not sit on {e.body} on {e.time:%Y-%m-%d}")
        if e.actor is not None and e.actor != e.party and e.actor != e.body:
            raise RuntimeStateError(
                f"field 'actor': {e.actor} may not cast the vote of {e.party}",
                hint="a vote is submitted by the party whose vote it is (or recorded by the body)",
            )
        cast = self.votes.setdefault((e.body, e.motion), {})
        if e.party in cast:
            raise RuntimeStateError(
                f"field 'party': {e.party} already voted {cast[e.party]} on motion '{e.motion}' in {e.body}",
                hint="one vote per member and motion; record a new motion for a second vote",
            )
        cast[e.party] = e.vote
        self.note(e.time, None, "vote-cast", f"{e.body}/{e.motion}", e.vote, f"{e.party} votes {e.vote}")

    def on_decision_taken(self, e: ev.DecisionTaken) -> None:
        if e.clause is not None:
            self._clause(e.clause)
        case = self._case_for(e.clause, e.case, e.time) if e.clause or e.case else self._case_before(e.body)
        clause_id = e.clause or (case.clause if case else None)
        self._check_provisional(e, clause_id)
        members = self.members(e.body, e.time)
        by = (case.by,) if case and case.by else ()
        decider = body_decider(
            self.spec,
            e.body,
            day=e.time.date(),
            clause=clause_id,
            against=case.against if case else None,
            by=by,
            members=members,
            parties=len(self.parties(e.time)),
        )
        tally = self._tally(e, members)
        verdict = decider.decide(tally)
        status: str = verdict.status
        if verdict.passed and e.conditional_on and not (case and case.attributed):
            status = "conditional"
        did = f"{e.body}@{e.time:%Y-%m-%dT%H:%M}:{len(self.decisions) + 1}"
        blockers = verdict.blockers or (verdict.against if verdict.cause == "vote" else ())
        self.decisions[did] = DecisionRecord(
            did,
            e.body,
            e.question,
            e.time,
            clause_id,
            case.id if case else None,
            status,
            verdict.voters,
            verdict.excluded,
            tuple(sorted(verdict.in_favour)),
            tuple(sorted(verdict.against)),
            tuple(sorted(tally.abstaining)),
            tuple(sorted(blockers)),
            self.spec.bodies[e.body].rule.kind,
            e.conditional_on,
            tuple(e.measures),
            self.ref,
            not_voting=tuple(sorted(tally.silent)),
            absent=tuple(sorted(tally.absent)),
        )
        self._record_decision(did, e, verdict)
        self.met.setdefault(e.body, e.time)
        if case is not None:
            self.cases[case.id] = replace(case, decisions=(*case.decisions, did))
            if verdict.passed and case.status == "awaiting-attribution" and self._answers(case, e.body):
                self._attribute(self.cases[case.id], True, e.question, e.time)
            case = self.cases[case.id]
            if e.decides == "measures-only":
                pass  # the body decided its measures, not that the clause's obligations apply
            elif status == "taken" and case.status in ("awaiting-decision", "blocked", "consulting"):
                self._decided(case.id, e.time)
            elif status == "blocked" and case.status == "awaiting-decision":
                self.cases[case.id] = replace(self.cases[case.id], status="blocked")

    def _tally(self, e: ev.DecisionTaken, members: list[str]) -> Tally:
        """The tally of a decision: its own lists plus the votes cast on its motion. Without ``in_favour``, every
        member not listed otherwise is in favour (the record of a decision taken without a roll call)."""
        cast = self.votes.get((e.body, e.motion or ""), {})
        against = {*e.against, *(p for p, v in cast.items() if v == "no")}
        abstain = {*e.abstaining, *(p for p, v in cast.items() if v == "abstain")}
        silent = {*e.not_voting, *(p for p, v in cast.items() if v == "present-not-voting")}
        absent = set(e.absent)
        listed = against | abstain | silent | absent
        if e.in_favour is not None:
            yes = {*e.in_favour, *(p for p, v in cast.items() if v == "yes")}
        else:
            yes = {m for m in members if m not in listed}
        against -= yes
        abstain -= yes | against
        silent -= yes | against | abstain
        absent -= yes | against | abstain | silent
        return Tally(yes, against, abstain, silent, absent)

    def _case_before(self, body: str) -> Case | None:
        """The latest case waiting for a decision of ``body`` (its own, one it characterises, or one it takes
        provisionally for another body), for a decision that names no clause or case."""
        waiting = ("awaiting-decision", "awaiting-attribution", "blocked")
        for case in reversed(list(self.cases.values())):
            decision = self.spec.clauses[case.clause].decision
            deciding = decision is not None and body in (decision.body, stand_in(self.spec, decision.body))
            if case.status in waiting and (deciding or self._answers(case, body)):
                return case
        return None

    def _answers(self, case: Case, body: str) -> bool:
        """Does ``body`` answer the attribution question of the case's clause by its own decision?"""
        trigger = self.spec.clauses[case.clause].trigger
        return bool(trigger and trigger.attribution and trigger.attribution.by == body)

    def _check_provisional(self, e: ev.DecisionTaken, clause_id: str | None) -> None:
        """A provisional organ acts for the other body only until that body has met."""
        provisional = self.spec.bodies[e.body].provisional if e.body in self.spec.bodies else None
        decision = self.spec.clauses[clause_id].decision if clause_id else None
        if provisional is None or decision is None or decision.body != provisional.acts_for:
            return
        met = self.met.get(provisional.acts_for)
        if met is not None and met <= e.time:
            raise RuntimeStateError(
                f"field 'body': {e.body} acts for {provisional.acts_for} only until it meets, and it met on "
                f"{met:%Y-%m-%d}",
                hint=f"record the decision of {provisional.acts_for} itself",
            )

    def _record_decision(self, did: str, e: ev.DecisionTaken, verdict: Verdict) -> None:
        d = self.decisions[did]
        rule = self.spec.bodies[e.body].rule.kind
        provisional = self.spec.bodies[e.body].provisional
        decision = self.spec.clauses[d.clause].decision if d.clause else None
        for_other = provisional is not None and decision is not None and decision.body == provisional.acts_for
        acting = f" acting provisionally for {decision.body}" if for_other and decision else ""
        head = f"{rule} in {e.body}{acting} ({len(verdict.voters)} members on {e.time:%Y-%m-%d}"
        head += f", {_names(verdict.excluded)} excluded as interested)" if verdict.excluded else ")"
        head += self.contested(verdict.voters, e.time)
        if d.status == "blocked":
            verb = "vetoed by" if rule == "veto" else "blocked by"
            who = f"{verb} {_names(d.blockers)}" if verdict.cause == "vote" else "not taken"
            why = f"{head}: '{e.question}' {who} ({verdict.explanation})"
            self.note(e.time, d.clause, "decision-blocked", did, "blocked", why)
            return
        yes = "no member objected" if rule == "consensus" else f"{len(d.in_favour)} in favour"
        why = f"{head}: '{e.question}' agreed, {yes} ({verdict.threshold})"
        if d.status == "conditional":
            why += f"; conditional on: {e.conditional_on}"
        if d.measures:
            n = len(d.measures)
            why += f"; {n} measure{'s' if n != 1 else ''}: {'; '.join(d.measures)}"
        if e.decides == "measures-only":
            why += "; it decides these measures only: the clause's obligations are not issued"
        self.note(e.time, d.clause, "decision-" + d.status, did, d.status, why)

    # Obligations and actions ---------------------------------------------------------------------------

    def on_obligation_acknowledged(self, e: ev.ObligationAcknowledged) -> None:
        mine = [
            o
            for o in self.obligations.values()
            if o.bearer == e.actor
            and o.clause == e.clause
            and o.status == "pending"
            and (e.case is None or o.case == e.case)
        ]
        if not mine:
            raise RuntimeStateError(f"'{e.actor}' has no pending obligation under {e.clause} to acknowledge")
        for o in mine:
            self.obligations[o.id] = replace(o, status="acknowledged")
        self.note(e.time, e.clause, "obligation-acknowledged", mine[0].case, "acknowledged", f"{e.actor} acknowledges")

    def on_action_reported(self, e: ev.ActionReported) -> None:
        self._clause(e.clause)
        case = self._case_for(e.clause, e.case, e.time)
        if case is None:
            raise RuntimeStateError(f"no open case under {e.clause} for the action '{e.action}'")
        self.cases[case.id] = replace(case, actions=(*case.actions, e.action))
        by = e.by or ([e.actor] if e.actor else [])
        done = self._discharge(e.clause, case.id, by, e.time)
        why = f"{_names(by)}: {e.action}" + (f"; discharges the obligation of {_names(done)}" if done else "")
        self.note(e.time, e.clause, "action-reported", case.id, "acted", why)

    def _discharge(
        self, clause: str, case: str | None, parties: list[str], t: datetime, *, consult_only: bool = False
    ) -> list[str]:
        """Discharge the open obligations of ``parties``; attending consultations discharges only a duty to
        consult, never a duty to assist."""
        done: list[str] = []
        for o in list(self.obligations.values()):
            open_ = o.status in ("pending", "acknowledged", "missed")
            if consult_only and not self._consultative(o.strength, clause):
                continue
            if o.clause == clause and o.bearer in parties and open_ and (case is None or o.case == case):
                self.obligations[o.id] = replace(o, status="fulfilled" if o.status != "missed" else "fulfilled-late")
                done.append(o.bearer)
        return done

    def _consultative(self, strength: str | None, clause: str) -> bool:
        if strength is None:
            return self.spec.clauses[clause].kind == "consultation"
        return strength == "consult"

    # Membership, situations, requests --------------------------------------------------------------------

    def on_membership_changed(self, e: ev.MembershipChanged) -> None:
        self.overlay.append((e.time, e.body, e.party, e.change))
        where = e.body or self.spec.id
        self.note(e.time, None, "membership-changed", e.party, e.change, f"{e.party} {e.change} {where}")

    def on_ceasefire_declared(self, e: ev.CeasefireDeclared) -> None:
        if e.name in self.situations:  # declared again: it holds since the first declaration
            began = self.situations[e.name]
            why = f"'{e.name}' declared again by {e.actor or 'unknown'}; it holds since {began:%Y-%m-%d %H:%M}Z"
            self.note(e.time, None, "situation-recorded", e.name, "holds", why)
            return
        before = self.in_force(e.time)
        was_void = {cid: self.void(cid, e.time) for cid in self.spec.clauses} if self.spec.void_if else {}
        self.situations[e.name] = e.time
        self.note(e.time, None, "situation-began", e.name, "holds", f"'{e.name}' declared by {e.actor or 'unknown'}")
        for cid, void in was_void.items():
            now = None if void else self.void(cid, e.time)
            if now:
                self._voided(cid, now, e.time)
        eif = self.spec.entry_into_force
        if (
            not before
            and eif is not None
            and eif.on is not None
            and holds(eif.on, self.situations, e.time, self.spec, delay=None)
        ):
            start = eif.delay.add_to(e.time) if eif.delay else e.time
            why = f"entry into force on {eif.on.describe()}: in force from {start:%Y-%m-%d}"
            self.note(e.time, None, "entry-into-force", self.spec.id, "in-force", why)

    def _voided(self, cid: str, why: str, t: datetime) -> None:
        """Clause ``cid`` became void at ``t``: recorded, and its open cases close with their open obligations."""
        self.voided[cid] = (t, why)
        self.note(t, cid, "clause-void", cid, "void", why)
        for c in [c for c in self.consultations.values() if c.clause == cid and c.status == "requested"]:
            self.consultations[c.id] = replace(c, status="void")  # no longer owed: never missed
        for case in [c for c in self.cases.values() if c.clause == cid and c.status not in ("closed", "ended")]:
            self.close_ending_obligations(case.id, f"{cid} is void: {why}", t)

    def on_assistance_requested(self, e: ev.AssistanceRequested) -> None:
        self._clause(e.clause)
        case = self._case_for(e.clause, e.case, e.time)
        if case is None:
            raise RuntimeStateError(f"no open case under {e.clause} to request assistance for")
        self.note(e.time, e.clause, "assistance-requested", case.id, case.status, f"{e.actor} requests assistance")
        if case.status == "awaiting-request":
            self._decided(case.id, e.time)
