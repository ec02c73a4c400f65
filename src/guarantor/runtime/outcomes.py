"""Where each clause stands at the end of a fold: honoured, not honoured (and why), or never applied."""

from __future__ import annotations

from datetime import datetime

from guarantor.runtime._engine import Engine, _names
from guarantor.runtime.state import ClauseOutcome, DecisionRecord

__all__ = ["clause_outcomes"]


def clause_outcomes(eng: Engine) -> tuple[ClauseOutcome, ...]:
    """One outcome per clause of the spec, in spec order."""
    out = []
    for cid in eng.clause_ids():
        status, honoured, why = _outcome(eng, cid)
        mine = [d for d in eng.decisions.values() if d.clause == cid and d.case is not None]
        if mine:
            why += "; decisions: " + "; ".join(_decision(d) for d in mine)
        ext = [d for d in eng.decisions.values() if d.clause == cid and d.case is None and d.status == "blocked"]
        if ext:
            why += "; " + "; ".join(_blocked(d) for d in ext)
            honoured = False if honoured is not None else None
        out.append(ClauseOutcome(cid, status, honoured, why))
    return tuple(out)


def _decision(d: DecisionRecord) -> str:
    if d.status == "blocked":
        return _blocked(d)
    return f"{d.body} on {d.time:%Y-%m-%d}: '{d.question}' {d.status}"


def _blocked(d: DecisionRecord) -> str:
    verb = "vetoed by" if d.rule == "veto" else "blocked by"
    return f"{d.body} on {d.time:%Y-%m-%d}: '{d.question}' {verb} {_names(d.blockers)}"


def _breakers(breaches: list[tuple[str, datetime, str]]) -> str:
    """Each party's breaches in words: the first, and how many more up to the last (a year of strikes after a
    ceasefire is one line per party, not one entry per strike)."""
    by_party: dict[str, list[tuple[datetime, str]]] = {}
    for party, t, incident in breaches:
        by_party.setdefault(party, []).append((t, incident))
    out = []
    for party, seen in by_party.items():
        (first, one), (last, other) = seen[0], seen[-1]
        text = f"{party} on {first:%Y-%m-%d} (incident {one})"
        if len(seen) == 2:
            text += f" and on {last:%Y-%m-%d} (incident {other})"
        elif len(seen) > 2:
            text += f" and {len(seen) - 1:,} times more, the last on {last:%Y-%m-%d} (incident {other})"
        out.append(text)
    return "; ".join(out)


def _outcome(eng: Engine, cid: str) -> tuple[str, bool | None, str]:
    if cid in eng.voided:
        when, why = eng.voided[cid]
        return "void", None, f"void since {when:%Y-%m-%d}: {why}"
    if cid in eng.breaches:
        return "breached", False, f"breached by {_breakers(eng.breaches[cid])}"
    cons = [c for c in eng.consultations.values() if c.clause == cid]
    if cons:
        c = cons[-1]
        if c.status == "held":
            return "held", True, f"consultations held on {c.held:%Y-%m-%d} with every party"
        if c.held is not None:
            late = " after the deadline" if c.status == "held-late" else ""
            return c.status, False, f"consultations held{late} on {c.held:%Y-%m-%d} without {_names(c.absent)}"
        return c.status, False if c.status == "missed" else None, f"consultations requested by {c.requested_by}"
    cases = [c for c in eng.cases.values() if c.clause == cid]
    if cases:
        return _case_outcome(eng, cid)
    if cid in eng.declined:
        who = "; ".join(
            f"{p} declined on {t:%Y-%m-%d}" + (f": {why}" if why else "") for p, t, why in eng.declined[cid]
        )
        also = f"; the trigger as written was not met either: {eng.not_met[cid]}" if cid in eng.not_met else ""
        return "declined", None, f"not invoked: {who}{also}"
    if cid in eng.not_met:
        return "not-triggered", None, f"not triggered: {eng.not_met[cid]}"
    return "not-invoked", None, "no event invoked this clause"


def _case_outcome(eng: Engine, cid: str) -> tuple[str, bool | None, str]:
    obs = [o for o in eng.obligations.values() if o.clause == cid]
    missed = sorted({o.bearer for o in obs if o.status == "missed"})
    if missed:
        return "deadline-missed", False, f"deadline missed by {_names(missed)}"
    case = [c for c in eng.cases.values() if c.clause == cid][-1]
    if case.status == "ended":
        done = [o for o in obs if o.status.startswith("fulfilled")]
        return "ended", True if done or case.actions else None, f"measures ended; {len(case.actions)} actions reported"
    if case.status == "blocked":
        blocked = [eng.decisions[d] for d in case.decisions if eng.decisions[d].status == "blocked"]
        return "blocked", False, "; ".join(_blocked(d) for d in blocked)
    if case.status != "decided":
        return case.status, None, f"case {case.id} is {case.status}"
    done = [o for o in obs if o.status.startswith("fulfilled")]
    could = eng.awaiting.get(case.id, [])
    if could:
        made = eng.determined.get(case.id, {})
        yes = sorted(p for p, answer in made.items() if answer)
        why = f"{len(made)} of {len(could)} parties made their own determination ({_names(yes)} to act)"
        return "determinations", None, f"{why}; {len(done)} of {len(obs)} obligations discharged"
    if obs and len(done) < len(obs):
        return "in-progress", None, f"{len(done)} of {len(obs)} obligations discharged; {len(case.actions)} actions"
    return "honoured", True, f"decided; {len(case.actions)} actions reported"
