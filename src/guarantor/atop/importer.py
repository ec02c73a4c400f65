"""ATOP alliance to draft spec: parties, dated membership, obligations with their conditions, institutions
and the term, each generated clause saying which ATOP variables it came from."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from guarantor.atop.codebook import (
    CONDITIONS,
    CONDITIONS_OF,
    INSTITUTIONS,
    MOBILISATION,
    OBLIGATIONS,
    RENEWAL,
    RENUNCIATION,
    VARIABLES,
    ObligationType,
)
from guarantor.atop.reader import AtopAlliance, AtopRow
from guarantor.countries import cow_state
from guarantor.errors import AtopDataError
from guarantor.spec.loader import spec_from_data
from guarantor.spec.model import Spec

__all__ = ["SOURCE", "alliance_to_data", "alliance_to_spec", "party_ids"]

SOURCE = "ATOP v4.01"

_CONDITION_VALUES: dict[str, object] = {
    "adversary": "potential-aggressors",
    "attack_in": "treaty-area",
    "conflict": "named-conflict",
    "adversaries_at_least": 2,
    "demand_refused": "named-demand",
    "unprovoked": True,
    "ally_attacked": True,
    "requested": "any-party",
}
_MEANING = {c.suffix: c for c in CONDITIONS}
_WHAT = {"begyr": "begin", "endyr": "end", "yrent": "entry", "yrexit": "exit"}


def _date(row: AtopRow, year: str, month: str, day: str, approx: list[str] | None = None) -> date | None:
    """The date in three columns; an unknown month or day (coded 0) becomes the 1st, noted in ``approx``."""
    if not row[year]:
        return None
    if (not row[month] or not row[day]) and approx is not None:
        approx.append(f"{_WHAT[year]} in row {row.line}")
    try:
        return date(row[year], row[month] or 1, row[day] or 1)
    except ValueError as exc:
        raise AtopDataError(
            f"row {row.line}: {year}/{month}/{day} = {row[year]}/{row[month]}/{row[day]} is not a date ({exc})",
            location=row.where,
        ) from None


def party_ids(codes: Sequence[int], states: Mapping[int, str]) -> dict[int, str]:
    """A readable, unique party id per COW code: the ISO code, else the COW abbreviation, else COW<code>."""
    out: dict[int, str] = {}
    for code in codes:
        iso = cow_state(code)[1]
        for candidate in (iso, states.get(code), f"COW{code}"):
            if candidate and candidate not in out.values():
                out[code] = candidate
                break
    return out


def _actor(code: int, ident: str, states: Mapping[int, str]) -> dict[str, Any]:
    name, iso = cow_state(code)
    actor: dict[str, Any] = {"id": ident, "cow": code}
    if name:
        actor["name"] = name
    if iso:
        actor["iso3"] = iso
    if code not in states:
        actor["notes"] = f"COW code {code} is not in the states table"
    return actor


class _Builder:
    def __init__(self, alliance: AtopAlliance, states: Mapping[int, str]) -> None:
        self.a, self.states = alliance, states
        self.rows = sorted(alliance.members, key=lambda r: (r["phase"], r.line))
        self.phases = sorted({r["phase"] for r in self.rows})
        if len(self.phases) > 1 and 0 in self.phases:
            bad = next(r for r in self.rows if r["phase"] == 0)
            raise AtopDataError(f"row {bad.line}: phase 0 mixed with numbered phases", location=bad.where)
        listed = [alliance.row[f"mem{i}"] for i in range(1, 100) if alliance.row[f"mem{i}"]]
        codes = list(dict.fromkeys([*listed, *(r["member"] for r in self.rows)]))
        threats = [c for c in (alliance.row["statthr1"], alliance.row["statthr2"]) if c]
        self.ids = party_ids([*codes, *threats], states)
        self.codes = codes
        self.threats = list(dict.fromkeys(threats))
        self.approx: list[str] = []
        self.entry = {r.line: _date(r, "yrent", "moent", "dayent", self.approx) for r in self.rows}
        self.exit = {r.line: _date(r, "yrexit", "moexit", "dayexit", self.approx) for r in self.rows}
        self.start = {p: min(self._entry(r) for r in self._rows(p)) for p in self.phases}

    def _rows(self, phase: int) -> list[AtopRow]:
        return [r for r in self.rows if r["phase"] == phase]

    def _entry(self, row: AtopRow) -> date:
        day = self.entry[row.line]
        if day is None:
            raise AtopDataError(
                f"row {row.line}: yrent is blank or 0; a member needs an entry date", location=row.where
            )
        return day

    def _end(self, phase: int) -> date | None:
        exits = [self.exit[r.line] for r in self._rows(phase)]
        return None if any(e is None for e in exits) else max(e for e in exits if e is not None)

    # Parties and dated membership ----------------------------------------------------------------

    def parties(self) -> list[dict[str, Any]]:
        out = []
        for code in self.codes:
            rows = sorted((r for r in self.rows if r["member"] == code), key=self._entry)
            party = _actor(code, self.ids[code], self.states)
            party["joined"] = self._entry(rows[0])
            last = [self.exit[r.line] for r in rows]
            if all(e is not None for e in last):
                party["left"] = max(e for e in last if e is not None)
            party["source"] = f"{SOURCE}, member-level row(s) {', '.join(str(r.line) for r in rows)}"
            out.append(party)
        return out

    def events(self) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        gaps: set[tuple[date, date]] = set()
        src = f"{SOURCE}, atopid {self.a.atopid}: phase"
        for prev, nxt in zip(self.phases, self.phases[1:], strict=False):
            end = self._end(prev)
            if end is not None and end < self.start[nxt]:
                gaps.add((end, self.start[nxt]))
                events.append({"kind": "suspension", "date": end, "text": "the alliance lapsed", "source": src})
                events.append({"kind": "reinstatement", "date": self.start[nxt], "source": src})
            text = f"the terms were revised: ATOP phase {nxt} begins"
            revision = {"kind": "revision", "date": self.start[nxt], "text": text, "source": src}
            if [self.start[p] for p in self.phases].count(self.start[nxt]) > 1:
                # Concurrent phases (one treaty per successor state): each revision names its parties.
                revision["towards"] = list(dict.fromkeys(self.ids[r["member"]] for r in self._rows(nxt)))
            events.append(revision)
        for code in self.codes:
            rows = sorted((r for r in self.rows if r["member"] == code), key=self._entry)
            for before, after in itertools.pairwise(rows):
                out, back = self.exit[before.line], self._entry(after)
                if out is not None and out < back and (out, back) not in gaps:
                    who = self.ids[code]
                    row_src = f"{SOURCE}, member-level rows {before.line} and {after.line}"
                    events.append({"kind": "suspension", "date": out, "party": who, "source": row_src})
                    events.append({"kind": "reinstatement", "date": back, "party": who, "source": row_src})
        return sorted(events, key=lambda e: e["date"])  # stable: concurrent revisions keep phase order

    # Obligations ---------------------------------------------------------------------------------

    def _phase_conditions(self, phase: int) -> list[dict[str, Any]]:
        if len(self.phases) < 2:
            return []
        i = self.phases.index(phase)
        out: list[dict[str, Any]] = []
        if i > 0:
            out.append({"after": self.start[phase], "text": f"ATOP phase {phase}"})
        later = sorted(d for d in self.start.values() if d > self.start[phase])
        if later:
            out.append({"not": {"after": later[0]}, "text": f"ATOP phase {phase}"})
        return out

    def _conditions(self, row: AtopRow, ob: ObligationType) -> tuple[str, ...]:
        found = [s for s in CONDITIONS_OF[ob.prefix] if row[ob.prefix + s]] if ob.prefix else []
        return (*found, "olimob") if row["olimob"] else tuple(found)

    def _condition(self, ob: ObligationType, suffix: str) -> dict[str, Any]:
        if suffix == "olimob":
            return {"event": MOBILISATION, "text": "ATOP olimob=1: a further condition, such as mobilisation [U]"}
        code = _MEANING[suffix]
        return {code.key: _CONDITION_VALUES[code.key], "text": f"ATOP {ob.prefix}{suffix}=1: {code.meaning}"}

    def clauses(self) -> dict[str, Any]:
        clauses: dict[str, Any] = {}
        all_ids = [self.ids[c] for c in self.codes]
        for phase in self.phases:
            for ob in OBLIGATIONS:
                groups: dict[tuple[str, ...], list[str]] = {}
                for row in self._rows(phase):
                    if row[ob.variable]:
                        groups.setdefault(self._conditions(row, ob), []).append(self.ids[row["member"]])
                if not groups:
                    continue
                key = ob.clause_id + (f"-phase-{phase}" if len(self.phases) > 1 else "")
                clauses[key] = self._clause(ob, phase, groups, all_ids)
        return clauses

    def _clause(
        self, ob: ObligationType, phase: int, groups: dict[tuple[str, ...], list[str]], all_ids: list[str]
    ) -> dict[str, Any]:
        obligations = []
        for conds, bearers in groups.items():
            obligation: dict[str, Any] = {"bearer": "each-party" if bearers == all_ids else bearers}
            if ob.strength:
                obligation["strength"] = ob.strength.value
            obligation["action"] = ob.action
            if ob.variable == "nonagg":
                obligation["towards"] = "all-parties"
            conditions = [self._condition(ob, s) for s in conds] + self._phase_conditions(phase)
            if conditions:
                obligation["conditions"] = conditions
            obligations.append(obligation)
        used = [ob.variable, *([ob.any_condition] if ob.any_condition else [])]
        used += [f"{ob.prefix}*"] if ob.prefix else []
        clause: dict[str, Any] = {
            "kind": ob.kind.value,
            "title": f"{ob.clause_id.capitalize()} (generated from ATOP)",
            "source": f"{SOURCE}, atopid {self.a.atopid}" + (f", phase {phase}" if phase else ""),
            "notes": f"Generated from ATOP member-level variables {', '.join(used)} and olimob; "
            + ("members differ (asymmetric)" if len(groups) > 1 else "the same for every bearer"),
        }
        if ob.variable == "defense":
            clause["trigger"] = {"types": ["armed-attack"], "against": "protected"}
        clause["obligations"] = obligations
        return clause

    # Institutions and term -----------------------------------------------------------------------

    def institutions(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for var, kind in INSTITUTIONS.items():
            depth = self.a.row[var]
            if not depth:
                continue
            having = [self.ids[c] for c in self.codes if any(r[var] for r in self.rows if r["member"] == c)]
            ident = kind.value + ("-2" if var == "organ2" else "")
            out[ident] = {
                "kind": kind.value,
                "depth": depth,
                "parties": "all-parties" if not having or len(having) == len(self.codes) else having,
                "source": f"{SOURCE}, atopid {self.a.atopid}: {var}={depth}",
                "notes": f"Generated from ATOP {var}",
            }
        return out

    def term(self) -> dict[str, Any] | None:
        row = self.a.row
        term: dict[str, Any] = {}
        if row["length"] > 0:
            term["duration"] = f"P{row['length']}M"
        if row["proren"] in RENEWAL:
            term["renewal"] = RENEWAL[row["proren"]]
        if row["renewlgt"] > 0:
            term["renewal_period"] = f"P{row['renewlgt']}M"
        if row["renounce"] in RENUNCIATION:
            term["renunciation"] = RENUNCIATION[row["renounce"]]
        if not term:
            return None
        term["source"] = f"{SOURCE}, atopid {self.a.atopid}: length, speclgth, proren, renewlgt, renounce"
        return term

    def unrepresented(self) -> list[str]:
        row = self.a.row
        names = [c for c in row.values if c not in VARIABLES and not (c.startswith("mem") and c[3:].isdigit())]
        return [f"{c}={row[c]}" for c in names if row[c]]

    def title(self) -> str:
        names = [cow_state(c)[0] or self.ids[c] for c in self.codes]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} others" if len(names) > 5 else "")
        return f"ATOP alliance {self.a.atopid} ({self.start[self.phases[0]].year}): {shown}"


def alliance_to_data(alliance: AtopAlliance, states: Mapping[int, str]) -> dict[str, Any]:
    """The spec of one ATOP alliance, as plain data in the form the loader reads."""
    b = _Builder(alliance, states)
    row = alliance.row
    data: dict[str, Any] = {"id": f"atop-{alliance.atopid}", "title": b.title(), "kind": "alliance"}
    data["signed"] = _date(row, "begyr", "begmo", "begday", b.approx)
    if terminated := _date(row, "endyr", "endmo", "endday", b.approx):
        data["terminated"] = terminated
    if term := b.term():
        data["term"] = term
    data["source"] = f"{SOURCE}, atopid {alliance.atopid}, alliance-level row {row.line}"
    skipped = b.unrepresented()
    data["notes"] = "Draft generated from ATOP codes; review against the treaty text before use." + (
        f" Codes the spec language does not express yet: {', '.join(skipped)}." if skipped else ""
    )
    if b.approx:
        data["notes"] += f" Dates with no day or month in ATOP, set to the 1st: {', '.join(b.approx)}."
    data["parties"] = b.parties()
    parties = set(b.codes)
    if actors := [_actor(c, b.ids[c], states) for c in b.threats if c not in parties]:
        data["actors"] = actors
    if b.threats:
        data["potential_aggressors"] = [b.ids[c] for c in b.threats]
    if events := b.events():
        data["events"] = events
    data["clauses"] = b.clauses()
    if institutions := b.institutions():
        data["institutions"] = institutions
    return data


def alliance_to_spec(alliance: AtopAlliance, states: Mapping[int, str]) -> Spec:
    """The spec of one ATOP alliance, validated and resolved like any hand-written spec."""
    return spec_from_data(alliance_to_data(alliance, states), file=f"atop-{alliance.atopid}")
