"""Handlers for what real histories record beside votes and decisions: statements, meetings that end without a
decision, bilateral requests and their answers, invocations declined, reports to the Security Council, the end
of measures, and each party's own determination."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guarantor.errors import RuntimeStateError
from guarantor.runtime import events as ev
from guarantor.runtime._engine import Engine, _names
from guarantor.runtime.evolve import replace
from guarantor.runtime.state import Case, RequestRecord
from guarantor.spec import expand, suspended_towards

__all__ = ["Diplomacy"]


class Diplomacy(Engine):
    """The engine with the handlers of diplomatic record."""

    def handlers(self) -> dict[type[ev.Event], Callable[[Any], None]]:
        return {
            **super().handlers(),
            ev.StatementMade: self.on_statement_made,
            ev.MeetingEnded: self.on_meeting_ended,
            ev.RequestMade: self.on_request_made,
            ev.RequestAnswered: self.on_request_answered,
            ev.InvocationDeclined: self.on_invocation_declined,
            ev.ReportedToSecurityCouncil: self.on_reported_to_security_council,
            ev.MeasuresEnded: self.on_measures_ended,
            ev.DeterminationMade: self.on_determination_made,
        }

    def _clause_id(self, clause_id: str, field: str = "clause") -> str:
        if clause_id not in self.spec.clauses:
            raise RuntimeStateError(
                f"field '{field}': unknown clause '{clause_id}'", hint=f"one of {_names(set(self.spec.clauses))}"
            )
        return clause_id

    # Statements and meetings ---------------------------------------------------------------------------

    def on_statement_made(self, e: ev.StatementMade) -> None:
        clause = e.concerns if e.concerns in self.spec.clauses else None
        to = f" to {e.addressee}" if e.addressee else ""
        about = f" about {e.concerns}" if e.concerns else ""
        why = f"{e.party} ({e.stance}){to}{about}: \u201c{e.text}\u201d"
        self.note(e.time, clause, "statement-made", e.party, e.stance, why + (f" [{e.source}]" if e.source else ""))

    def on_meeting_ended(self, e: ev.MeetingEnded) -> None:
        members = self.members(e.body, e.time)
        self.met.setdefault(e.body, e.time)
        if e.clause is not None:
            self._clause_id(e.clause)
        case = self._case_for(e.clause, e.case, e.time) if e.clause or e.case else None
        subject = case.id if case else f"{e.body}@{e.time:%Y-%m-%d}"
        present = f"{len(e.attended)} of {len(members)} members present" if e.attended else f"{len(members)} members"
        why = f"{e.body} met ({present}) and ended without a decision"
        why += f" on '{e.question}'" if e.question else ""
        why += f"; case {case.id} stays {case.status}" if case else ""
        self.note(e.time, e.clause or (case.clause if case else None), "meeting-ended", subject, "no-decision", why)

    # Bilateral requests --------------------------------------------------------------------------------

    def on_request_made(self, e: ev.RequestMade) -> None:
        if self.spec.actor(e.to) is None:
            raise RuntimeStateError(
                f"field 'to': '{e.to}' is not a party or actor of {self.spec.id}", hint="name one of the spec's ids"
            )
        clause = self._clause_id(e.clause) if e.clause is not None else None
        case = self._case_for(clause, e.case, e.time) if clause or e.case else None
        rid = e.id or f"{e.actor or 'request'}->{e.to}@{e.time:%Y-%m-%dT%H:%M}"
        if rid in self.requests:
            raise RuntimeStateError(f"field 'id': request '{rid}' was already made", hint="give each request its id")
        self.requests[rid] = RequestRecord(rid, e.actor, e.to, e.asks, e.time, clause, case.id if case else None)
        why = f"{e.actor or 'a party'} asks {e.to}: {e.asks}"
        self.note(e.time, clause, "request-made", rid, "open", why)

    def on_request_answered(self, e: ev.RequestAnswered) -> None:
        req = self._open_request(e)
        if e.answer == "refused" and not e.reason:
            raise RuntimeStateError(
                f"field 'reason': {req.to} refuses request '{req.id}' without a stated reason",
                hint="write the reason the party gave, or 'no reason stated'",
            )
        self.requests[req.id] = replace(req, status=e.answer, answered=e.time, reason=e.reason)
        why = f"{req.to} {e.answer} the request of {req.by or 'a party'} ({req.asks})"
        why += f"; reason given: {e.reason}" if e.reason else ""
        self.note(e.time, req.clause, "request-" + e.answer, req.id, e.answer, why)

    def _open_request(self, e: ev.RequestAnswered) -> RequestRecord:
        if e.request is not None:
            req = self.requests.get(e.request)
            if req is None:
                raise RuntimeStateError(
                    f"field 'request': unknown request '{e.request}'", hint=f"one of {_names(set(self.requests))}"
                )
        else:
            mine = [r for r in self.requests.values() if r.to == e.actor and r.status == "open"]
            if not mine:
                raise RuntimeStateError(f"field 'actor': no open request is addressed to '{e.actor}'")
            req = mine[-1]
        if e.actor is not None and e.actor != req.to:
            raise RuntimeStateError(f"field 'actor': request '{req.id}' was made to {req.to}, not to {e.actor}")
        if req.status != "open":
            raise RuntimeStateError(f"field 'request': request '{req.id}' was already {req.status}")
        return req

    # Invocations declined, reports, the end of measures --------------------------------------------------

    def on_invocation_declined(self, e: ev.InvocationDeclined) -> None:
        clause = self.spec.clauses[self._clause_id(e.clause)]
        day = e.time.date()
        if clause.trigger is not None and any(t.value != "request" for t in clause.trigger.types):
            could = expand(self.spec, clause.trigger.against, day)
        else:
            could = expand(self.spec, clause.requested_by or "any-party", day)
        if e.party not in could:
            raise RuntimeStateError(
                f"field 'party': '{e.party}' could not have invoked {e.clause} on {day}", hint=f"only {_names(could)}"
            )
        self.declined.setdefault(e.clause, []).append((e.party, e.time, e.reason))
        why = f"{e.party} could invoke {e.clause} and chose not to" + (f": {e.reason}" if e.reason else "")
        self.note(e.time, e.clause, "invocation-declined", e.party, "declined", why)

    def on_reported_to_security_council(self, e: ev.ReportedToSecurityCouncil) -> None:
        clause = self.spec.clauses[self._clause_id(e.clause)]
        case = self._case_for(e.clause, e.case, e.time)
        self.reports.setdefault(e.clause, []).append((e.actor, e.time, e.document))
        doc = f" ({e.document})" if e.document else ""
        why = f"{e.actor or 'a party'} reports to the UN Security Council{doc}"
        why += f", as {e.clause} requires ({clause.report_to})" if clause.report_to else ""
        self.note(e.time, e.clause, "reported-to-security-council", case.id if case else e.clause, "reported", why)

    def on_measures_ended(self, e: ev.MeasuresEnded) -> None:
        self._clause_id(e.clause)
        case = self._case_for(e.clause, e.case, e.time)
        if case is None:
            raise RuntimeStateError(f"field 'case': no open case under {e.clause} whose measures could end")
        ended = []
        for o in list(self.obligations.values()):
            if o.case == case.id and (not e.by or o.bearer in e.by) and o.status in ("pending", "acknowledged"):
                self.obligations[o.id] = replace(o, status="ended")
                ended.append(o.bearer)
        owed = [o for o in self.obligations.values() if o.case == case.id and o.status in ("pending", "acknowledged")]
        if not e.by or (ended and not owed):  # every bearer's measures ended (by name or not): the case is over
            self.cases[case.id] = replace(case, status="ended")
            self.end_situation(case)
        verb = "forces withdrawn" if e.withdrawal else "measures ended"
        why = f"{verb}: {e.what}" + (f" ({_names(e.by)})" if e.by else "")
        why += f"; open obligations of {_names(ended)} end" if ended else ""
        self.note(e.time, e.clause, "measures-ended", case.id, self.cases[case.id].status, why)

    # Each party's own determination ----------------------------------------------------------------------

    def on_determination_made(self, e: ev.DeterminationMade) -> None:
        clause = self.spec.clauses[self._clause_id(e.clause)]
        own = [i for i, ob in enumerate(clause.obligations) if ob.starts == "own-determination"]
        if not own:
            raise RuntimeStateError(
                f"field 'clause': no duty of {e.clause} starts with a party's own determination",
                hint="write 'starts: own-determination' on the obligation (docs/spec-reference.md)",
            )
        case = self._determined_case(e)
        if e.party in self.determined.get(case.id, {}):
            raise RuntimeStateError(f"field 'party': {e.party} already made its determination in case {case.id}")
        self.determined.setdefault(case.id, {})[e.party] = e.answer
        if not e.answer:
            why = f"{e.party} determines for itself that {e.clause} does not call on it to act in this case"
            self.note(e.time, e.clause, "determination-made", case.id, "not-applicable", why)
            return
        if not any(e.party in self.bearers(clause.obligations[i], case, e.time) for i in own):
            held = suspended_towards(self.spec, e.party, case.against, e.time.date())
            since = f": its obligations towards {case.against} are suspended since {held.effective}" if held else ""
            raise RuntimeStateError(f"field 'party': {e.party} bears no duty of {e.clause} in case {case.id}{since}")
        why = f"{e.party} determines for itself that {e.clause} applies; its duty starts now"
        self.note(e.time, e.clause, "determination-made", case.id, "determined", why)
        self.issue_own(case, own, e.party, e.time)

    def _determined_case(self, e: ev.DeterminationMade) -> Case:
        case = self._case_for(e.clause, e.case, e.time)
        if case is None or case.status not in ("decided", "awaiting-determination"):
            where = f"case {case.id} is {case.status}" if case else f"no open case under {e.clause}"
            raise RuntimeStateError(f"field 'case': {where}; a determination needs a case whose trigger held")
        return case
