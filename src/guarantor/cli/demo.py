"""``guarantor demo``: what a newcomer sees first. Checks the 2025 design, then writes the report on it compared
with NATO (1949) and the Budapest Memorandum (1994), and prints a short summary and where the file is."""

from __future__ import annotations

from pathlib import Path

import click

from guarantor.analysis.checks import check_spec
from guarantor.analysis.findings import Finding, Severity
from guarantor.cli._common import (
    SEEDS,
    STDOUT,
    check_writable,
    emit_json,
    fail,
    json_option,
    one_on_stdout,
    write_output,
)
from guarantor.cli.report import make_report
from guarantor.errors import GuarantorError, ReportError
from guarantor.report import brief, render_html
from guarantor.report.build import DEFAULT_TRIALS
from guarantor.spec import load_library_spec

__all__ = ["demo"]

DEFAULT = "ukraine-coalition-2025"
COMPARED = ("nato-1949", "budapest-1994")
SHOWN_FINDINGS = 5


@click.command()
@click.option("--spec", "name", default=DEFAULT, show_default=True, help="A bundled instrument.")
@click.option("--trials", type=click.IntRange(min=1000), default=DEFAULT_TRIALS, show_default=True, help="Trials.")
@click.option("--seed", type=SEEDS, default=2025, show_default=True, help="Simulation seed.")
@click.option(
    "-o", "--output", default="guarantor-demo.html", show_default=True, help="The report ('-': standard output)."
)
@json_option
def demo(name: str, trials: int, seed: int, output: str, as_json: bool) -> None:
    """Check a bundled design and write its report, compared with NATO 1949 and Budapest 1994. --json prints the
    check's counts, the summary and the report's path; with -o - the summary goes to standard error."""
    try:
        one_on_stdout(ReportError, as_json, ("-o", output))
        check_writable(output, "-o", ReportError)
        findings = check_spec(load_library_spec(name))
        if not as_json:
            _print_check(name, findings, err=output == STDOUT)
        others = tuple(c for c in COMPARED if c != name)
        built = make_report(
            name, others, scenarios_file=None, trials=trials, seed=seed, output=output, fmt="html", quiet=as_json
        )
        write_output(output, render_html(built), ReportError)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    where = None if output == STDOUT else Path(output).resolve().as_uri()
    if as_json:
        emit_json({"spec": name, "check": _counts(findings), "brief": brief(built), "report": where})
        return
    err = output == STDOUT
    click.echo("\nIN BRIEF", err=err)
    for line in brief(built):
        click.echo(f"  {line}", err=err)
    if where:
        click.echo(f"\nThe full report: {where}")


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {s.value: sum(f.severity is s for f in findings) for s in Severity}


def _print_check(name: str, findings: list[Finding], *, err: bool) -> None:
    counts = _counts(findings)
    line = f"guarantor check {name}: valid; {counts['error']} errors, {counts['warning']} warnings"
    click.echo(line, err=err)
    for f in findings[:SHOWN_FINDINGS]:
        click.echo(f"  {f.severity.value}: {f.code} {f.name}: {f.message}", err=err)
    if len(findings) > SHOWN_FINDINGS:
        click.echo(f"  ... and {len(findings) - SHOWN_FINDINGS} more, in the report", err=err)
