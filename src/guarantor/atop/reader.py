"""Read the ATOP alliance-level and member-level CSV files and the COW state table into typed rows.

Every cell but ``version`` must be an integer code or blank, within the range the codebook gives its variable
(``CODE_RANGES``). A malformed row, a code outside the codebook or an alliance listed twice is an error that
names the file, the row (its line in the file), the column and the reason: nothing is skipped or overwritten
silently. Files are read through the bounded reader: an endless stream stops at ``MAX_BYTES``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from guarantor.atop.codebook import ALLIANCE_REQUIRED, CODE_RANGES, MEMBER_REQUIRED
from guarantor.bounded import open_bounded
from guarantor.errors import AtopDataError, Location

__all__ = ["AtopAlliance", "AtopRow", "read_alliances", "read_rows", "read_states"]

_TEXT_COLUMNS = frozenset({"version"})
MAX_BYTES = 64 * 1024 * 1024  # the ATOP v4.01 member-level file is 0.5 MB


@dataclass(frozen=True, slots=True)
class AtopRow:
    """One CSV row: its integer codes (None for a blank cell) and where it was read from."""

    file: str
    line: int
    values: Mapping[str, int | None]

    def __getitem__(self, column: str) -> int:
        """The code in ``column``; a blank cell counts as 0 (not coded)."""
        return self.values.get(column) or 0

    def raw(self, column: str) -> int | None:
        return self.values.get(column)

    @property
    def where(self) -> Location:
        return Location(self.file, self.line)


@dataclass(frozen=True, slots=True)
class AtopAlliance:
    """An alliance: its alliance-level row and its member-level rows (one per member and phase)."""

    atopid: int
    row: AtopRow
    members: tuple[AtopRow, ...]


def _cell(file: str, line: int, column: str, index: int, text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if number.is_integer():
        return int(number)
    raise AtopDataError(
        f"row {line}, column '{column}': expected an integer code or a blank cell, got {text!r}",
        hint="fix or remove the row; ATOP codes are whole numbers",
        location=Location(file, line, index + 1),
    )


def _coded(file: str, line: int, column: str, index: int, text: str) -> int | None:
    """The integer in a cell, checked against the range the codebook gives ``column``."""
    value = _cell(file, line, column, index, text)
    low, high = CODE_RANGES.get(column, (None, None))
    if value is not None and low is not None and high is not None and not low <= value <= high:
        raise AtopDataError(
            f"row {line}, column '{column}': {value} is not an ATOP code for {column} (the codebook allows "
            f"{low} to {high})",
            hint="fix the cell, or check that the file is ATOP v4.01 and not another dataset's coding",
            location=Location(file, line, index + 1),
        )
    return value


def _csv_lines(path: str | Path, what: str) -> list[list[str]]:
    """The rows of a CSV file, read through the bounded reader (``-`` is standard input)."""
    file = str(path)
    try:
        with open_bounded(path, MAX_BYTES, error=AtopDataError, what=what) as raw:
            return list(csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise AtopDataError(
            f"{file} is not a readable CSV file: {exc}", hint=f"pass {what} as UTF-8 CSV", location=Location(file)
        ) from None


def read_rows(path: str | Path, required: Iterable[str] = ()) -> list[AtopRow]:
    """Every row of an ATOP-style CSV file, checked for the ``required`` columns and integer codes."""
    file = str(path)
    lines = _csv_lines(path, "an ATOP file")
    if not lines:
        raise AtopDataError(
            f"{file} is empty; expected a header row", hint="pass an ATOP v4.01 CSV file", location=Location(file)
        )
    header = [h.strip() for h in lines[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise AtopDataError(
            f"{file} lacks the column(s) {', '.join(missing)}",
            hint="pass the ATOP v4 alliance-level or member-level file",
            location=Location(file, 1),
        )
    rows = []
    for line, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # a blank line is not a row
        if len(cells) != len(header):
            raise AtopDataError(
                f"row {line} has {len(cells)} cells but the header has {len(header)} columns",
                location=Location(file, line),
            )
        values = {
            col: (None if col in _TEXT_COLUMNS else _coded(file, line, col, i, text))
            for i, (col, text) in enumerate(zip(header, cells, strict=True))
        }
        rows.append(AtopRow(file, line, values))
    return rows


def read_states(path: str | Path) -> dict[int, str]:
    """The COW table: state code to three-letter abbreviation."""
    file = str(path)
    lines = _csv_lines(path, "a COW state table")
    header = [h.strip() for h in lines[0]] if lines else []
    if "ccode" not in header or "stateabb" not in header:
        raise AtopDataError(
            f"{file} needs the columns ccode and stateabb",
            hint="pass the COW state table (cow-states.csv: ccode,stateabb,...)",
            location=Location(file, 1),
        )
    code_at, abb_at = header.index("ccode"), header.index("stateabb")
    out: dict[int, str] = {}
    for line, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = [*cells, *[""] * (len(header) - len(cells))]
        code = _cell(file, line, "ccode", code_at, cells[code_at])
        abb = cells[abb_at].strip()
        if code is None or not abb:
            raise AtopDataError(f"row {line}: a state needs a ccode and a stateabb", location=Location(file, line))
        out[code] = abb
    return out


def _column(row: AtopRow, name: str) -> Location:
    """The place of ``name``'s cell in ``row``."""
    return Location(row.file, row.line, list(row.values).index(name) + 1)


def _once(rows: list[AtopRow], key: tuple[str, ...], column: str, what: str, hint: str) -> None:
    """Each ``key`` (a tuple of columns) on one row only: a second row would silently replace the first."""
    first: dict[tuple[int, ...], AtopRow] = {}
    for row in rows:
        seen = first.setdefault(tuple(row[c] for c in key), row)
        if seen is not row:
            raise AtopDataError(
                f"row {row.line}, column '{column}': {what.format_map(row)} is listed twice "
                f"(rows {seen.line} and {row.line})",
                hint=hint,
                location=_column(row, column),
            )


def _unique_alliances(rows: list[AtopRow]) -> None:
    """Each atopid once in the alliance file: a second row would silently replace the first alliance's spec."""
    for row in rows:
        if row.raw("atopid") is None:
            raise AtopDataError(
                f"row {row.line}, column 'atopid': blank",
                hint="every alliance needs its atopid",
                location=_column(row, "atopid"),
            )
    _once(rows, ("atopid",), "atopid", "alliance {atopid}", "keep one row per alliance in the alliance-level file")


def _unique_members(rows: list[AtopRow]) -> None:
    """A member is in a phase of an alliance once per entry date (it may leave and rejoin within a phase)."""
    _once(
        rows,
        ("atopid", "member", "phase", "yrent", "moent", "dayent"),
        "member",
        "member {member} of alliance {atopid} in phase {phase} with the same entry date",
        "remove the duplicate row from the member-level file",
    )


def read_alliances(alliances: str | Path, members: str | Path, ids: Iterable[int] | None = None) -> list[AtopAlliance]:
    """The alliances (all, or those in ``ids``), each with its member rows, in the file's order."""
    wanted = set(ids) if ids is not None else None
    by_id: dict[int, list[AtopRow]] = {}
    alliance_rows = read_rows(alliances, ALLIANCE_REQUIRED)
    _unique_alliances(alliance_rows)
    known = {row["atopid"] for row in alliance_rows}
    member_rows = read_rows(members, MEMBER_REQUIRED)
    for row in member_rows:
        if row.raw("atopid") is None or row.raw("member") is None:
            raise AtopDataError(f"row {row.line}: atopid and member must not be blank", location=row.where)
        if row["atopid"] not in known:
            raise AtopDataError(
                f"row {row.line}: member row for atopid {row['atopid']}, which the alliance file lacks",
                location=row.where,
            )
        by_id.setdefault(row["atopid"], []).append(row)
    _unique_members(member_rows)
    if wanted is not None and (unknown := wanted - known):
        raise AtopDataError(
            f"no alliance with atopid {', '.join(map(str, sorted(unknown)))} in {alliances}",
            hint="atopids are four-digit numbers such as 3180 (NATO)",
        )
    out = []
    for row in alliance_rows:
        if wanted is not None and row["atopid"] not in wanted:
            continue
        rows = by_id.get(row["atopid"])
        if not rows:
            raise AtopDataError(f"row {row.line}: alliance {row['atopid']} has no member rows", location=row.where)
        out.append(AtopAlliance(row["atopid"], row, tuple(rows)))
    return out
