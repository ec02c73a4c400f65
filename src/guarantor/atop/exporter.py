"""Spec to ATOP rows: the codes are derived from the spec's constructs alone (parties, dated membership,
clauses and their obligations, conditions and triggers, institutions, the term), never from stored codes."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from guarantor.atop.codebook import (
    CONDITIONS,
    CONDITIONS_OF,
    INSTITUTIONS,
    MOBILISATION,
    OBLIGATIONS,
    RENEWAL,
    RENUNCIATION,
    ObligationType,
)
from guarantor.countries import cow_from_iso3
from guarantor.errors import AtopExportError
from guarantor.spec.clauses import Clause, ClauseKind, Obligation, Strength
from guarantor.spec.model import Spec
from guarantor.spec.parties import Actor, Party
from guarantor.spec.query import expand

__all__ = [
    "ALLIANCE_COLUMNS",
    "MEMBER_COLUMNS",
    "Row",
    "condition_suffixes",
    "obligation_type",
    "rows_to_csv",
    "spec_to_rows",
]

Row = dict[str, int | None]

_CODED = [o.variable for o in OBLIGATIONS] + ["conditio"] + [o.any_condition for o in OBLIGATIONS if o.any_condition]
_SPECIFIC = [p + s for p, suffixes in CONDITIONS_OF.items() for s in suffixes]
_TERM = ["speclgth", "length", "renounce", "proren", "renewlgt"]
_INST = ["milcon", "milaid", "intcom", "subord", "organ1", "organ2", "base", "contrib", "armred", "ecaid", "dipaid"]

# The columns the export writes, in ATOP's own order.
ALLIANCE_COLUMNS: tuple[str, ...] = (
    "atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect", "bilat", "maxphase",
    *_TERM, "defense", "offense", "neutral", "nonagg", "consul", "conditio", "defcon", "offcon", "neucon",
    "concon", "dipaid", "statthr1", "statthr2", "milcon", "milaid", "intcom", "subord", "organ1", "organ2",
    "base", "contrib", "armred", "ecaid", *(f"mem{i}" for i in range(1, 60)),
)  # fmt: skip
MEMBER_COLUMNS: tuple[str, ...] = (
    "atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "ineffect", "bilat",
    "phase", "maxphase", *_TERM, "defense", "offense", "neutral", "nonagg", "consul", "conditio", "defcon",
    "offcon", "neucon", "concon", *_SPECIFIC, "olimob", "dipaid", "statthr1", "statthr2", "milcon", "milaid",
    "intcom", "subord", "organ1", "organ2", "base", "contrib", "armred", "ecaid",
)  # fmt: skip

_BY_KIND = {o.kind: o for o in OBLIGATIONS}
_BY_VAR = {o.variable: o for o in OBLIGATIONS}
_SUFFIX_OF_KEY = {c.key: c.suffix for c in CONDITIONS}


@dataclass(frozen=True, slots=True)
class _Duty:
    """One obligation as ATOP sees it: its type, phase (None: every phase), bearers and conditions."""

    type: ObligationType
    phases: tuple[int, ...] | None
    bearers: frozenset[str]
    suffixes: frozenset[str]
    mobilisation: bool


def obligation_type(clause: Clause, obligation: Obligation) -> ObligationType | None:
    """The ATOP obligation a clause's obligation counts as, from the clause kind and the strength."""
    strength = obligation.strength
    if clause.kind in (ClauseKind.COLLECTIVE_DEFENCE, ClauseKind.ASSISTANCE):
        if strength is None or strength.at_least(Strength.ASSIST_ON_REQUEST):
            return _BY_VAR["defense"]
        return _BY_VAR["consul"] if strength is Strength.CONSULT else None
    if clause.kind is ClauseKind.RESPECT:
        return _BY_VAR["nonagg"]
    return _BY_KIND.get(clause.kind)


def condition_suffixes(clause: Clause, obligation: Obligation) -> frozenset[str]:
    """The ATOP condition codes of an obligation: its conditions, and its clause's trigger (place, attacker)."""
    found = {
        _SUFFIX_OF_KEY[key] for c in obligation.conditions for key in _SUFFIX_OF_KEY if getattr(c, key) is not None
    }
    trigger = clause.trigger
    if trigger is not None and trigger.in_ is not None:
        found.add("loc")
    if trigger is not None and trigger.by is not None:
        found.add("adv")
    return frozenset(found)


class _Exporter:
    def __init__(self, spec: Spec, states: Mapping[int, str] | None) -> None:
        self.spec = spec
        self.abbrev = {abb: code for code, abb in (states or {}).items()}
        m = re.fullmatch(r"atop-(\d+)", spec.id)
        self.atopid = int(m[1]) if m else None
        first = spec.signed or (spec.entry_into_force.date if spec.entry_into_force else None)
        joined = [p.joined for p in spec.parties if p.joined]
        start = first or (min(joined) if joined else None)
        if start is None:
            raise AtopExportError(
                f"spec '{spec.id}' has no date: ATOP rows need a begin date",
                hint="give the spec 'signed:' or the parties 'joined:' dates",
            )
        revisions = sorted((e for e in spec.events if e.kind == "revision" and e.date >= start), key=lambda e: e.date)
        # A phase: its start and, for concurrent phases, the parties it concerns (empty: every party).
        self.starts = [start, *(e.date for e in revisions)]
        self.towards = [frozenset[str](), *(frozenset(e.towards) for e in revisions)]
        self.phased = len(self.starts) > 1
        self.duties = [d for cid, c in spec.clauses.items() for d in self._duties(cid, c)]

    def cow(self, party: Actor | None, ident: str) -> int:
        if party is not None and party.cow is not None:
            return party.cow
        for key in (party.iso3 if party else None, ident):
            if key and (code := cow_from_iso3(key) or self.abbrev.get(key)) is not None:
                return code
        raise AtopExportError(
            f"spec '{self.spec.id}': no Correlates of War code for '{ident}'",
            hint=f"add 'cow: <code>' to {ident}, or give it an ISO or COW id",
        )

    def _phases_of(self, obligation: Obligation) -> tuple[int, ...] | None:
        """The phases an obligation is dated to by its after-conditions (None: every phase)."""
        for c in obligation.conditions:
            if c.after is not None and c.after in self.starts[1:]:
                return tuple(i + 1 for i, d in enumerate(self.starts) if i > 0 and d == c.after)
        for c in obligation.conditions:
            if c.not_ is not None and c.not_.after in self.starts[1:]:
                end = c.not_.after
                before = max(d for d in self.starts if d < end)
                return tuple(i + 1 for i, d in enumerate(self.starts) if d == before)
        return None

    def _duties(self, cid: str, clause: Clause) -> list[_Duty]:
        out = []
        for ob in clause.obligations:
            kind = obligation_type(clause, ob)
            if kind is None:
                continue
            bearers = frozenset(expand(self.spec, ob.bearer or "each-party"))
            mobilisation = any(c.event == MOBILISATION for c in ob.conditions)
            phases = self._phases_of(ob) if self.phased else None
            out.append(_Duty(kind, phases, bearers, condition_suffixes(clause, ob), mobilisation))
        return out

    # Membership windows ---------------------------------------------------------------------------

    def _gaps(self, party: str | None) -> list[tuple[date, date | None]]:
        gaps: list[tuple[date, date | None]] = []
        for ev in sorted(self.spec.events, key=lambda e: e.date):
            if ev.party != party:
                continue
            if ev.kind == "suspension":
                gaps.append((ev.date, None))
            elif ev.kind == "reinstatement" and gaps and gaps[-1][1] is None:
                gaps[-1] = (gaps[-1][0], ev.date)
        return gaps

    def _intervals(self, party: Party) -> list[tuple[date, date | None]]:
        begin = party.joined or self.starts[0]
        end = party.left or next(
            (e.effective for e in self.spec.events if e.party == party.id and e.kind == "withdrawal"), None
        )
        end = end or self.spec.terminated
        out: list[tuple[date, date | None]] = [(begin, end)]
        for gap_start, gap_end in sorted(self._gaps(None) + self._gaps(party.id)):
            last_start, last_end = out.pop()
            if (last_end is not None and gap_start >= last_end) or (gap_end is not None and gap_end <= last_start):
                out.append((last_start, last_end))
                continue
            if gap_start > last_start:
                out.append((last_start, gap_start))
            if gap_end is not None and (last_end is None or gap_end < last_end):
                out.append((gap_end, last_end))
        return out

    def member_rows(self) -> list[Row]:
        rows: list[Row] = []
        phases = list(range(1, len(self.starts) + 1)) if self.phased else [0]
        for i, phase in enumerate(phases):
            w_start = self.starts[i]
            w_end = min((d for d in self.starts if d > w_start), default=None)
            for party in self.spec.parties:
                if self.towards[i] and party.id not in self.towards[i]:
                    continue
                for begin, end in self._intervals(party):
                    entry = max(begin, w_start)
                    exit_ = min((d for d in (end, w_end) if d is not None), default=None)
                    if exit_ is None or entry < exit_:
                        rows.append(self._member_row(party, phase, entry, exit_, len(phases)))
        return rows

    def _member_row(self, party: Party, phase: int, entry: date, exit_: date | None, n: int) -> Row:
        row: Row = {"atopid": self.atopid, "member": self.cow(party, party.id)}
        row |= _ymd("yrent", "moent", "dayent", entry) | _ymd("yrexit", "moexit", "dayexit", exit_)
        row |= {"ineffect": int(exit_ is None), "bilat": self.bilat, "phase": phase, "maxphase": n if n > 1 else 0}
        row |= self.term()
        duties = [d for d in self.duties if party.id in d.bearers and (d.phases is None or phase in d.phases)]
        for ob in OBLIGATIONS:
            mine = [d for d in duties if d.type is ob]
            row[ob.variable] = int(bool(mine))
            if ob.prefix and ob.any_condition:
                for suffix in CONDITIONS_OF[ob.prefix]:
                    row[ob.prefix + suffix] = int(any(suffix in d.suffixes for d in mine))
                row[ob.any_condition] = int(any(row[ob.prefix + s] for s in CONDITIONS_OF[ob.prefix]))
        row["olimob"] = int(any(d.mobilisation for d in duties))
        row["conditio"] = int(row["olimob"] == 1 or any(row[o.any_condition] for o in OBLIGATIONS if o.any_condition))
        row |= self.threats() | self.institutions(party.id)
        return row

    # Alliance-wide codes --------------------------------------------------------------------------

    @property
    def bilat(self) -> int:
        return int(len(self.spec.parties) == 2)

    def term(self) -> Row:
        term = self.spec.term
        duration = term.duration if term else None
        months = duration.months if duration and not duration.days and not duration.seconds else 0
        renewal = term.renewal_period if term else None
        return {
            "speclgth": int(duration is not None),
            "length": months,
            "renounce": _reverse(RENUNCIATION, term.renunciation if term else None),
            "proren": _reverse(RENEWAL, term.renewal if term else None),
            "renewlgt": renewal.months if renewal else 0,
        }

    def threats(self) -> Row:
        codes = [self.cow(self.spec.actor(a), a) for a in self.spec.potential_aggressors[:2]]
        codes += [0] * (2 - len(codes))
        return {"statthr1": codes[0], "statthr2": codes[1]}

    def institutions(self, party: str | None) -> Row:
        row: Row = dict.fromkeys(_INST, 0)
        organisations = ["organ1", "organ2"]
        for inst in self.spec.institutions.values():
            var = next((v for v, k in INSTITUTIONS.items() if k is inst.kind), None)
            if var in ("organ1", "organ2"):
                if not organisations:
                    continue
                var = organisations.pop(0)
            if var is None or (party is not None and party not in expand(self.spec, inst.parties)):
                continue
            row[var] = max(row[var] or 0, inst.depth)
        return row

    def alliance_row(self, members: list[Row]) -> Row:
        spec = self.spec
        row: Row = {"atopid": self.atopid}
        row |= _ymd("begyr", "begmo", "begday", self.starts[0]) | _ymd("endyr", "endmo", "endday", spec.terminated)
        row |= {"ineffect": int(spec.terminated is None), "bilat": self.bilat}
        row["maxphase"] = len(self.starts) if self.phased else 0
        row |= self.term()
        for var in [*_CODED]:
            row[var] = max((m[var] or 0 for m in members), default=0)
        row |= self.threats() | self.institutions(None)
        codes = list(dict.fromkeys(self.cow(p, p.id) for p in spec.parties))
        row |= {f"mem{i}": code for i, code in enumerate(codes, start=1)}
        return row


def _ymd(y: str, m: str, d: str, day: date | None) -> Row:
    return {y: day.year, m: day.month, d: day.day} if day else {y: 0, m: 0, d: 0}


def _reverse(table: Mapping[int, str], value: str | None) -> int:
    return next((code for code, name in table.items() if name == value), 0)


def spec_to_rows(spec: Spec, states: Mapping[int, str] | None = None) -> tuple[Row, list[Row]]:
    """The alliance-level row and the member-level rows (one per party and phase) that code ``spec``."""
    exporter = _Exporter(spec, states)
    members = exporter.member_rows()
    return exporter.alliance_row(members), members


def used_columns(rows: list[Row], columns: Iterable[str]) -> list[str]:
    """The given columns that any row uses, in that order."""
    return [c for c in columns if any(c in r for r in rows)]


def rows_to_csv(rows: Iterable[Row], columns: Iterable[str]) -> str:
    """CSV text with the given columns that any row uses, in that order; ``atopid`` first."""
    rows = list(rows)
    used = used_columns(rows, columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(used)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else r[c] for c in used])
    return out.getvalue()
