"""``guarantor import atop`` and ``guarantor export atop``: ATOP alliances to draft specs and back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from guarantor.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    STDOUT,
    check_writable,
    emit_json,
    fail,
    json_option,
    write_output,
)
from guarantor.errors import AtopExportError, GuarantorError

__all__ = ["export_group", "import_group"]


@click.group("import")
def import_group() -> None:
    """Import guarantees from other formats as draft specs."""


@click.group("export")
def export_group() -> None:
    """Export specs to other formats."""


@import_group.command("atop")
@click.option(
    "--alliances", "alliances", required=True, type=click.Path(dir_okay=False), help="ATOP alliance-level CSV."
)
@click.option("--members", "members", required=True, type=click.Path(dir_okay=False), help="ATOP member-level CSV.")
@click.option(
    "--states", type=click.Path(dir_okay=False), help="COW state table [default: cow-states.csv beside --alliances]."
)
@click.option(
    "--id", "ids", type=click.IntRange(1000, 9999), multiple=True, help="Import only this atopid (repeatable)."
)
@click.option(
    "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the specs."
)
@json_option
def import_atop(
    alliances: str, members: str, states: str | None, ids: tuple[int, ...], out_dir: str, as_json: bool
) -> None:
    """One draft spec per ATOP alliance, then a coverage table (exit 1 if a code fails to round-trip)."""
    from guarantor.atop import import_atop as run_import

    try:
        states_path = Path(states) if states else Path(alliances).parent / "cow-states.csv"
        result = run_import(Path(alliances), Path(members), states_path, Path(out_dir), ids or None)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json(result.to_dict())
    else:
        click.echo(result.format())
    sys.exit(EXIT_FINDINGS if result.failures else EXIT_OK)


@export_group.command("atop")
@click.argument("specs", nargs=-1, required=True)
@click.option("-o", "--output", default=STDOUT, metavar="FILE", help="Write the CSV here ('-': standard output).")
@click.option("--members", "member_level", is_flag=True, help="Member-level rows (one per party and phase).")
@click.option("--states", type=click.Path(dir_okay=False), help="COW state table, to find codes for party ids.")
@json_option
def export_atop(specs: tuple[str, ...], output: str, member_level: bool, states: str | None, as_json: bool) -> None:
    """ATOP-coded rows of SPEC files or bundled instruments, as CSV with ATOP's column names. --json prints the
    rows as JSON objects (the CSV is still written with -o FILE)."""
    from guarantor.atop import ALLIANCE_COLUMNS, MEMBER_COLUMNS, rows_to_csv
    from guarantor.atop.exporter import used_columns
    from guarantor.atop.run import export_rows

    columns = MEMBER_COLUMNS if member_level else ALLIANCE_COLUMNS
    try:
        check_writable(output, "-o", AtopExportError)
        rows = export_rows(list(specs), member_level=member_level, states=Path(states) if states else None)
        if not as_json or output != STDOUT:
            write_output(output, rows_to_csv(rows, columns), AtopExportError)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        used = used_columns(rows, columns)
        emit_json({"output": None if output == STDOUT else output, "rows": [{c: r.get(c) for c in used} for r in rows]})
