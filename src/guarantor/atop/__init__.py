"""ATOP (Alliance Treaty Obligations and Provisions): import alliances as draft specs, export specs as
ATOP-coded rows, and measure how much of ATOP the spec language expresses (docs/atop.md)."""

from __future__ import annotations

from guarantor.atop.codebook import ROUND_TRIP_VARIABLES, VARIABLES
from guarantor.atop.coverage import CoverageLine, coverage, format_coverage, round_trip_failures
from guarantor.atop.exporter import ALLIANCE_COLUMNS, MEMBER_COLUMNS, rows_to_csv, spec_to_rows
from guarantor.atop.importer import alliance_to_data, alliance_to_spec
from guarantor.atop.reader import AtopAlliance, AtopRow, read_alliances, read_rows, read_states
from guarantor.atop.run import ImportResult, export_atop, import_atop

__all__ = [
    "ALLIANCE_COLUMNS",
    "MEMBER_COLUMNS",
    "ROUND_TRIP_VARIABLES",
    "VARIABLES",
    "AtopAlliance",
    "AtopRow",
    "CoverageLine",
    "ImportResult",
    "alliance_to_data",
    "alliance_to_spec",
    "coverage",
    "export_atop",
    "format_coverage",
    "import_atop",
    "read_alliances",
    "read_rows",
    "read_states",
    "round_trip_failures",
    "rows_to_csv",
    "spec_to_rows",
]
