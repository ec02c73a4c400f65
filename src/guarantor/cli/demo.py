"""``guarantor demo``: what a newcomer sees first. Checks the 2025 design, then writes the report on it compared
with NATO (1949) and the Budapest Memorandum (1994), and prints a short summary and where the file is."""

from __future__ import annotations

from pathlib import Path

import click

from guarantor.analysis.checks import check_spec
from guarantor.analysis.findings import Severity
from guarantor.cli._common import check_writable, fail, write_output
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
@click.option("--seed", type=int, default=2025, show_default=True, help="Simulation seed.")
@click.option("-o", "--output", default="guarantor-demo.html", show_default=True, help="Where to write the report.")
def demo(name: str, trials: int, seed: int, output: str) -> None:
    """Check a bundled design and write its report, compared with NATO 1949 and Budapest 1994."""
    try:
        check_writable(output, "-o", ReportError)
        _check(name)
        others = tuple(c for c in COMPARED if c != name)
        built = make_report(name, others, scenarios_file=None, trials=trials, seed=seed, output=output, fmt="html")
        write_output(output, render_html(built), ReportError)
    except GuarantorError as exc:
        fail(exc, as_json=False)
        return
    click.echo("\nIN BRIEF")
    for line in brief(built):
        click.echo(f"  {line}")
    click.echo(f"\nThe full report: {Path(output).resolve().as_uri()}")


def _check(name: str) -> None:
    spec = load_library_spec(name)
    findings = check_spec(spec)
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    click.echo(f"guarantor check {name}: valid; {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings")
    for f in findings[:SHOWN_FINDINGS]:
        click.echo(f"  {f.severity.value}: {f.code} {f.name}: {f.message}")
    if len(findings) > SHOWN_FINDINGS:
        click.echo(f"  ... and {len(findings) - SHOWN_FINDINGS} more, in the report")
