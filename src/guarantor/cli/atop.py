"""``guarantor import atop`` and ``guarantor export atop``: ATOP alliances to draft specs and back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from guarantor.cli._common import EXIT_FINDINGS, EXIT_OK, emit_json, fail, json_option
from guarantor.errors import GuarantorError

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
@click.option("--id", "ids", type=int, multiple=True, help="Import only this atopid (repeatable).")
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
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False), help="Write the CSV here [stdout].")
@click.option("--members", "member_level", is_flag=True, help="Member-level rows (one per party and phase).")
@click.option("--states", type=click.Path(dir_okay=False), help="COW state table, to find codes for party ids.")
def export_atop(specs: tuple[str, ...], out_file: str | None, member_level: bool, states: str | None) -> None:
    """ATOP-coded rows of SPEC files or bundled instruments, as CSV with ATOP's column names."""
    from guarantor.atop import export_atop as run_export

    try:
        text = run_export(list(specs), member_level=member_level, states=Path(states) if states else None)
    except GuarantorError as exc:
        fail(exc, as_json=False)
        return
    if out_file:
        Path(out_file).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
