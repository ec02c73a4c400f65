"""``guarantor report``: one self-contained HTML (or Markdown) page, a thin layer over guarantor.report."""

from __future__ import annotations

import shlex
import sys
from datetime import date
from typing import Any

import click

from guarantor.cli._common import SEEDS, check_writable, emit_json, fail, json_option, one_on_stdout, write_output
from guarantor.errors import GuarantorError, ReportError
from guarantor.report import FORMATS, Report, build_report, command_line, design_summary, read_design_file, render
from guarantor.report.build import DEFAULT_TRIALS, Progress
from guarantor.simulation import load_scenarios
from guarantor.simulation.whatif import load_posture
from guarantor.spec import Spec, load_spec, resolve_spec_path

__all__ = ["make_report", "report_command"]


def load_arg(arg: str) -> Spec:
    """A spec argument: a path, a bundled instrument's name, or ``-`` for standard input."""
    return load_spec(resolve_spec_path(arg))  # `-` is read bounded, like a file


class StageBars:
    """Progress on standard error: a line per step of the build and a bar for each step that simulates."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def stage(self, name: str, total: int) -> None:
        self.close()
        if self.quiet:
            return
        if total:
            self.bar = click.progressbar(length=total, label=f"report: {name}", file=sys.stderr)
            self.bar.__enter__()
        else:
            click.echo(f"report: {name}", err=True)

    def ticks(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def make_report(
    spec: str,
    others: tuple[str, ...],
    *,
    scenarios_file: str | None,
    posture_file: str | None = None,
    trials: int,
    seed: int,
    output: str,
    fmt: str,
    quiet: bool = False,
    design_file: str | None = None,
) -> Report:
    """Load, build with progress on standard error, and return the report (the CLI writes it)."""
    if spec == "-" and design_file == "-":
        raise ReportError("SPEC - and --design - both read standard input", hint="give one of them as a file")
    specs = [load_arg(spec), *(load_arg(o) for o in others)]
    scenarios = load_scenarios(scenarios_file) if scenarios_file else None
    posture = load_posture(posture_file) if posture_file else None
    design = read_design_file(design_file) if design_file else None
    extra = " ".join(
        shlex.join([flag, value])
        for flag, value in (("--scenarios", scenarios_file), ("--posture", posture_file), ("--design", design_file))
        if value
    )
    command = command_line([spec, *others], trials=trials, seed=seed, output=output, fmt=fmt, extra=extra)
    bars = StageBars(quiet)
    try:
        return build_report(
            specs[0],
            specs[1:],
            scenarios=scenarios,
            posture=posture,
            posture_name=posture_file,
            trials=trials,
            seed=seed,
            day=date.today(),
            command=command,
            progress=Progress(bars.stage, bars.ticks),
            design=design,
            design_name=design_file,
        )
    finally:
        bars.close()


@click.command("report")
@click.argument("spec")
@click.option("--compare", "others", multiple=True, help="Another design to set side by side (repeatable).")
@click.option("--scenarios", "scenarios_file", type=click.Path(exists=True, dir_okay=False), help="Scenario file.")
@click.option(
    "--posture", "posture_file", type=click.Path(dir_okay=False), help="Pledges and scenarios for every design."
)
@click.option(
    "--design", "design_file", default=None, help="A design search for SPEC ('guarantor design --json' output)."
)
@click.option(
    "--trials", type=click.IntRange(min=1), default=DEFAULT_TRIALS, show_default=True, help="Trials per scenario."
)
@click.option("--seed", type=SEEDS, default=0, show_default=True, help="Seed: the same seed gives the same numbers.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True, help="Output form.")
@click.option("-o", "--output", default="report.html", show_default=True, help="Output file; '-' for standard output.")
@json_option
def report_command(
    spec: str,
    others: tuple[str, ...],
    scenarios_file: str | None,
    posture_file: str | None,
    design_file: str | None,
    trials: int,
    seed: int,
    fmt: str,
    output: str,
    as_json: bool,
) -> None:
    """Write one self-contained report on SPEC: how it works, loopholes, power, would it hold, what-ifs."""
    try:
        one_on_stdout(ReportError, as_json, ("-o", output))
        check_writable(output, "-o", ReportError)
        built = make_report(
            spec,
            others,
            scenarios_file=scenarios_file,
            posture_file=posture_file,
            trials=trials,
            seed=seed,
            output=output,
            fmt=fmt,
            quiet=as_json,
            design_file=design_file,
        )
        write_output(output, render(built, fmt), ReportError)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json(_summary(built, output))
    elif output != "-":
        click.echo(f"wrote {output}", err=True)


def _summary(built: Report, output: str) -> dict[str, Any]:
    return {
        "output": output,
        "figures": [f.id for f in built.all_figures()],
        "provenance": built.provenance.to_dict(),
        "what_ifs": [w.to_dict() for w in built.what_ifs],
        "results": [r.to_dict() for r in built.results],
        "design": None if built.design is None else design_summary(built.design),
    }
