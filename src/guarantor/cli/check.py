"""``guarantor check``, ``guarantor schema`` and ``guarantor library``."""

from __future__ import annotations

import sys

import click

from guarantor.analysis.findings import Finding, Severity
from guarantor.analysis.run import check_file
from guarantor.analysis.summary import summarise
from guarantor.cli._common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, emit_json, fail, json_option
from guarantor.errors import GuarantorError
from guarantor.spec import library_names, library_path, load_library_spec
from guarantor.spec.schema import spec_json_schema

__all__ = ["check", "library", "schema"]


@click.command()
@click.argument("spec")
@json_option
@click.option("--summary", is_flag=True, help="Also print who protects whom, triggers, decisions, obligations.")
def check(spec: str, as_json: bool, summary: bool) -> None:
    """Validate SPEC (a file or a bundled instrument's name) and report loopholes.

    Exit 0: valid, no error-level finding; 1: valid with error-level findings; 2: not a valid spec.
    """
    result = check_file(spec)
    if as_json:
        emit_json(result.to_dict())
    else:
        if summary and result.spec is not None:
            click.echo(summarise(result.spec, result.findings))
            click.echo()
        _print_findings(result.path, result.valid, result.findings)
    if not result.valid:
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in result.findings) else EXIT_OK)


def _print_findings(path: str, valid: bool, findings: list[Finding]) -> None:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    state = "valid" if valid else "NOT VALID"
    click.echo(
        f"{path}: {state}; {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} notes"
    )
    for f in findings:
        where = str(f.location) if f.location else path
        click.echo(f"{where}: {f.severity.value}: {f.code} {f.name}: {f.message}")


@click.command()
@json_option
def schema(as_json: bool) -> None:
    """Print the JSON Schema of the spec language (for editors). It is JSON with or without --json."""
    emit_json(spec_json_schema())


@click.group()
def library() -> None:
    """The bundled library of real instruments."""


@library.command("list")
@json_option
def library_list(as_json: bool) -> None:
    """List the bundled instruments."""
    rows = []
    for name in library_names():
        spec = load_library_spec(name)
        rows.append({"name": name, "title": spec.title, "parties": len(spec.parties), "clauses": len(spec.clauses)})
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(f"{row['name']:<26} {row['title']} ({row['parties']} parties, {row['clauses']} clauses)")


@library.command("show")
@click.argument("name")
@json_option
def library_show(name: str, as_json: bool) -> None:
    """Print the text of a bundled instrument (copy it to start a spec of your own)."""
    try:
        path = library_path(name)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json({"name": name, "path": str(path), "text": path.read_text(encoding="utf-8")})
        return
    click.echo(f"# guarantor library: {name}")
    click.echo(path.read_text(encoding="utf-8"))
