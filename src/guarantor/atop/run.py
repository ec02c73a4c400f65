"""The two jobs behind the CLI: import a set of alliances to spec files, export spec files to ATOP rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guarantor.atop.coverage import CoverageLine, compare, format_coverage, round_trip_failures
from guarantor.atop.exporter import ALLIANCE_COLUMNS, MEMBER_COLUMNS, Row, rows_to_csv, spec_to_rows
from guarantor.atop.importer import alliance_to_spec
from guarantor.atop.reader import read_alliances, read_states
from guarantor.errors import AtopDataError, Location
from guarantor.spec.dump import spec_to_yaml
from guarantor.spec.library import resolve_spec_path
from guarantor.spec.loader import load_spec

__all__ = ["ImportResult", "export_atop", "export_rows", "import_atop"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    written: list[Path]
    coverage: list[CoverageLine]
    failures: dict[int, list[str]]  # atopid: obligation/condition variables that did not come back

    def format(self) -> str:
        head = f"wrote {len(self.written)} spec(s)"
        fails = [f"atopid {a}: {', '.join(vs)} did not round-trip" for a, vs in sorted(self.failures.items())]
        return "\n".join([head, "", format_coverage(self.coverage), *fails])

    def to_dict(self) -> dict[str, object]:
        return {
            "written": [str(p) for p in self.written],
            "coverage": [c.to_dict() for c in self.coverage],
            "failures": {str(a): vs for a, vs in self.failures.items()},
        }


def import_atop(
    alliances: Path, members: Path, states: Path, out_dir: Path, ids: Iterable[int] | None = None
) -> ImportResult:
    """Write one spec per alliance to ``out_dir``; check each by loading it back and exporting it."""
    chosen = read_alliances(alliances, members, ids)
    if not states.is_file():
        raise AtopDataError(
            f"no COW state table at {states}", hint="pass --states FILE, a CSV file with the columns ccode,stateabb"
        )
    table = read_states(states)
    written, specs, results = [], {}, {}
    for alliance in chosen:
        spec = alliance_to_spec(alliance, table)
        path = out_dir / f"{spec.id}.yaml"
        _write(path, spec_to_yaml(spec))
        specs[alliance.atopid] = loaded = load_spec(path)
        results[alliance.atopid] = compare(alliance, spec_to_rows(loaded, table))
        written.append(path)
    from guarantor.atop.coverage import coverage

    return ImportResult(written, coverage(chosen, specs), round_trip_failures(results))


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AtopDataError(
            f"cannot write {path}: {exc.strerror or exc}",
            hint="give -o a folder that can be created and written",
            location=Location(str(path)),
        ) from None


def export_rows(specs: Iterable[str], *, member_level: bool = False, states: Path | None = None) -> list[Row]:
    """The ATOP rows coding each spec (a path or the name of a bundled instrument): alliance- or member-level."""
    table = read_states(states) if states else None
    rows: list[Row] = []
    for arg in specs:
        alliance_row, member_rows = spec_to_rows(load_spec(resolve_spec_path(arg)), table)
        rows += member_rows if member_level else [alliance_row]
    return rows


def export_atop(specs: Iterable[str], *, member_level: bool = False, states: Path | None = None) -> str:
    """CSV text of the ATOP rows coding each spec (a path or the name of a bundled instrument)."""
    rows = export_rows(specs, member_level=member_level, states=states)
    return rows_to_csv(rows, MEMBER_COLUMNS if member_level else ALLIANCE_COLUMNS)
