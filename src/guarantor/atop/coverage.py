"""Coverage: which ATOP variables the spec language represents, how many alliances use each, and for how
many alliances an import followed by an export gives back the original codes on every row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from guarantor.atop.codebook import ROUND_TRIP_VARIABLES, VARIABLES
from guarantor.atop.exporter import Row, spec_to_rows
from guarantor.atop.reader import AtopAlliance, AtopRow
from guarantor.spec.model import Spec

__all__ = ["CoverageLine", "compare", "coverage", "format_coverage", "round_trip_failures"]


@dataclass(frozen=True, slots=True)
class CoverageLine:
    variable: str
    status: str
    construct: str
    used: int  # alliances with a non-zero code in this variable
    exact: int  # alliances whose export gives back this variable's codes on every row
    total: int

    @property
    def percent(self) -> float | None:
        if self.status in ("not represented", "identifier") or not self.total:
            return None
        return 100.0 * self.exact / self.total

    def to_dict(self) -> dict[str, object]:
        return {
            "variable": self.variable,
            "status": self.status,
            "construct": self.construct,
            "alliances_using": self.used,
            "round_trip_exact": self.exact,
            "alliances": self.total,
            "percent": self.percent,
        }


def _same(original: AtopRow, exported: Row, var: str) -> bool:
    return (original.raw(var) or 0) == (exported.get(var) or 0)


def compare(alliance: AtopAlliance, exported: tuple[Row, list[Row]]) -> dict[str, bool]:
    """For each variable the export writes: does it give back the original codes on every row?"""
    arow, mrows = exported
    got = {(r["member"], r["phase"]): r for r in mrows}
    want = {(r["member"], r["phase"]): r for r in alliance.members}
    rows_match = set(got) == set(want)
    out: dict[str, bool] = {}
    for var in {*arow, *(k for r in mrows for k in r)}:
        ok = rows_match
        if ok and var in arow and var in alliance.row.values:
            ok = _same(alliance.row, arow, var)
        if ok and mrows and var in mrows[0] and var in alliance.members[0].values:
            ok = all(_same(w, got[k], var) for k, w in want.items())
        out[var] = ok
    return out


def round_trip_failures(results: Mapping[int, dict[str, bool]]) -> dict[int, list[str]]:
    """Alliances whose obligation and condition codes do not come back exactly, with the variables."""
    bad = {a: [v for v in ROUND_TRIP_VARIABLES if not r.get(v, False)] for a, r in results.items()}
    return {a: vs for a, vs in bad.items() if vs}


def coverage(alliances: Iterable[AtopAlliance], specs: Mapping[int, Spec]) -> list[CoverageLine]:
    """One line per ATOP variable (the mem1..mem59 list counts as one, ``mem*``)."""
    alliances = list(alliances)
    results = {a.atopid: compare(a, spec_to_rows(specs[a.atopid])) for a in alliances}
    names: dict[str, None] = {}
    for a in alliances[:1]:
        for col in [*a.row.values, *a.members[0].values]:
            names["mem*" if col.startswith("mem") and col[3:].isdigit() else col] = None
    lines = []
    for var in names:
        info = VARIABLES.get(var)
        if var == "mem*":
            status, construct = "represented", "parties (in order)"
        else:
            status, construct = (info.status, info.construct) if info else ("not represented", "")
        used = sum(1 for a in alliances if _uses(a, var))
        exact = sum(1 for a in alliances if all(ok for k, ok in results[a.atopid].items() if _is(var, k)))
        if status in ("not represented", "identifier"):
            exact = 0
        lines.append(CoverageLine(var, status, construct, used, exact, len(alliances)))
    return lines


def _is(var: str, column: str) -> bool:
    return column.startswith("mem") and column[3:].isdigit() if var == "mem*" else column == var


def _uses(alliance: AtopAlliance, var: str) -> bool:
    if var == "mem*":
        return True
    return bool(alliance.row[var]) or any(r[var] for r in alliance.members)


def format_coverage(lines: Iterable[CoverageLine]) -> str:
    """A plain-text table: variable, status, alliances using it, round trip exact, construct."""
    out = [f"{'variable':<10} {'status':<16} {'using':>6} {'exact':>7}  construct"]
    for line in lines:
        pct = "-" if line.percent is None else f"{line.percent:.0f}%"
        out.append(f"{line.variable:<10} {line.status:<16} {line.used:>6} {pct:>7}  {line.construct}")
    return "\n".join(out)
