"""Read the ATOP alliance-level and member-level CSV files and the COW state table into typed rows.

Every cell but ``version`` must be an integer code or blank. A malformed row is an error that names the
file, the row (its line in the file), the column and the reason: nothing is skipped silently.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from guarantor.atop.codebook import ALLIANCE_REQUIRED, MEMBER_REQUIRED
from guarantor.errors import AtopDataError, Location

__all__ = ["AtopAlliance", "AtopRow", "read_alliances", "read_rows", "read_states"]

_TEXT_COLUMNS = frozenset({"version"})


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


def read_rows(path: str | Path, required: Iterable[str] = ()) -> list[AtopRow]:
    """Every row of an ATOP-style CSV file, checked for the ``required`` columns and integer codes."""
    file = str(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            lines = list(csv.reader(handle))
    except OSError as exc:
        raise AtopDataError(f"cannot read {file}: {exc.strerror}", location=Location(file)) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise AtopDataError(f"{file} is not a readable CSV file: {exc}", location=Location(file)) from None
    if not lines:
        raise AtopDataError(f"{file} is empty; expected a header row", location=Location(file))
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
            col: (None if col in _TEXT_COLUMNS else _cell(file, line, col, i, text))
            for i, (col, text) in enumerate(zip(header, cells, strict=True))
        }
        rows.append(AtopRow(file, line, values))
    return rows


def read_states(path: str | Path) -> dict[int, str]:
    """The COW table: state code to three-letter abbreviation."""
    out: dict[int, str] = {}
    file = str(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"ccode", "stateabb"} <= set(reader.fieldnames):
                raise AtopDataError(f"{file} needs the columns ccode and stateabb", location=Location(file, 1))
            for line, rec in enumerate(reader, start=2):
                code = _cell(file, line, "ccode", 0, rec["ccode"] or "")
                abb = (rec["stateabb"] or "").strip()
                if code is None or not abb:
                    raise AtopDataError(
                        f"row {line}: a state needs a ccode and a stateabb", location=Location(file, line)
                    )
                out[code] = abb
    except OSError as exc:
        raise AtopDataError(f"cannot read {file}: {exc.strerror}", location=Location(file)) from None
    return out


def read_alliances(alliances: str | Path, members: str | Path, ids: Iterable[int] | None = None) -> list[AtopAlliance]:
    """The alliances (all, or those in ``ids``), each with its member rows, in the file's order."""
    wanted = set(ids) if ids is not None else None
    by_id: dict[int, list[AtopRow]] = {}
    alliance_rows = read_rows(alliances, ALLIANCE_REQUIRED)
    known = {row["atopid"] for row in alliance_rows}
    for row in read_rows(members, MEMBER_REQUIRED):
        if row.raw("atopid") is None or row.raw("member") is None:
            raise AtopDataError(f"row {row.line}: atopid and member must not be blank", location=row.where)
        if row["atopid"] not in known:
            raise AtopDataError(
                f"row {row.line}: member row for atopid {row['atopid']}, which the alliance file lacks",
                location=row.where,
            )
        by_id.setdefault(row["atopid"], []).append(row)
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
