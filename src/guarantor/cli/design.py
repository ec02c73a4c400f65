"""``guarantor design``: a thin layer over guarantor.design. Inputs are checked before the search starts;
the table is printed before any file is written."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import click

from guarantor.cli._common import SEEDS, check_writable, emit_json, fail, json_option, one_on_stdout, write_output
from guarantor.design import DesignResult, design, load_space
from guarantor.design.plot import front_svg
from guarantor.errors import DesignSpaceError, GuarantorError
from guarantor.spec import load_spec, resolve_spec_path

__all__ = ["design_command"]


@click.command("design")
@click.argument("spec")
@click.option("--space", "space_path", required=True, help="The design file: variables, limits, objective.")
@click.option("--budget", type=click.IntRange(min=1), default=60, show_default=True, help="Designs simulated at most.")
@click.option("--seed", type=SEEDS, default=0, show_default=True, help="Seed shared by every design (CRN).")
@click.option(
    "--trials", type=click.IntRange(min=1), default=None, help="Trials per design (default: the design file's)."
)
@click.option("--posture", default=None, help="A posture file (scenarios and pledges) applied first.")
@click.option(
    "--workers", type=click.IntRange(1, 256), default=1, show_default=True, help="Local processes evaluating designs."
)
@click.option("--address", default=None, help="A Ray cluster to evaluate on instead (ray://host:port).")
@click.option(
    "--method",
    type=click.Choice(["auto", "exhaustive", "optuna", "random", "grid"]),
    default="auto",
    show_default=True,
    help="auto: every design when they fit the budget, else Optuna started from a CP-SAT allocation.",
)
@click.option("-o", "--output", default=None, help="Write the chosen design as a spec file ('-': stdout).")
@click.option("--svg", "svg_path", default=None, help="Write the front (cost against probability) as SVG.")
@json_option
def design_command(
    spec: str,
    space_path: str,
    budget: int,
    seed: int,
    trials: int | None,
    posture: str | None,
    workers: int,
    address: str | None,
    method: str,
    output: str | None,
    svg_path: str | None,
    as_json: bool,
) -> None:
    """Search the design space of SPEC for the roles and pledges that make it hold."""
    try:
        check_writable(output, "-o", DesignSpaceError)
        check_writable(svg_path, "--svg", DesignSpaceError, (".svg",))
        one_on_stdout(DesignSpaceError, as_json, ("-o", output), ("--svg", svg_path))
        loaded = load_spec(resolve_spec_path(spec))
        space = load_space(space_path)
        result = design(
            loaded,
            space,
            budget=budget,
            seed=seed,
            trials=trials,
            workers=workers,
            address=address,
            method=method,  # type: ignore[arg-type]
            posture=posture,
            progress=_progress(),
        )
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json(result.to_dict())
    elif output != "-":
        _print(result)
    try:
        if output:
            write_output(output, result.spec_yaml(), DesignSpaceError, hint=_PRINTED)
        if svg_path:
            write_output(svg_path, front_svg(result), DesignSpaceError, hint=_PRINTED)
    except GuarantorError as exc:
        fail(exc, as_json=False)  # after the results: on standard error, not a second JSON document


_PRINTED = "the results are printed above; give a writable path to keep them"


def _progress(every: float = 3.0) -> Callable[[int, int], None]:
    """A line on stderr every few seconds (terminal or not): designs done, rate, time left."""
    started = time.monotonic()
    last = [started]

    def tick(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < every and done < total:
            return
        last[0] = now
        rate = done / max(now - started, 1e-9)
        left = (total - done) / rate if rate > 0 else 0.0
        click.echo(f"design: {done}/{total} designs simulated, {rate:.2f}/s, about {left:.0f} s left", err=True)

    return tick


def _print(result: DesignResult) -> None:
    out = sys.stdout
    out.write(f"{result.spec_id}: {len(result.evaluations)} designs simulated ({result.method}), ")
    out.write(f"seed {result.seed}, {result.trials} trials each; {result.skipped_infeasible} broke a limit\n\n")
    out.write("Front (cost against probability of a sufficient, timely response):\n")
    out.write(f"  {'cost':>8}  {'p':>6}  {'95% interval':>15}  design\n")
    for e in result.front:
        vals = ", ".join(f"{k}={v}" for k, v in e.values.items())
        out.write(f"  {e.cost:8.2f}  {e.p:6.3f}  [{e.ci95[0]:.3f}, {e.ci95[1]:.3f}]  {vals}\n")
    if result.chosen is None:
        out.write("\nNo feasible design.\n")
        return
    out.write(f"\nChosen: {result.why_chosen}\n\nRoles:\n")
    for row in result.roles():
        pledges = row["pledges"]
        assert isinstance(pledges, list)
        roles = ", ".join(row["roles"]) if isinstance(row["roles"], list) and row["roles"] else "-"
        what = "; ".join(_pledge_text(p) for p in pledges) or "no pledge"
        out.write(f"  {row['party']:<5} ({roles}): {what}\n")
    if result.binding:
        out.write("\nLimits that bind (what relaxing each would buy, on the same random numbers):\n")
        for r in result.binding:
            move = ", ".join(f"{k}={v}" for k, v in r.move.items())
            out.write(f"  {r.limit}: {r.gain:+.3f} (to {r.p:.3f} at cost {r.cost:g}: {move})\n")
    for note in result.notes:
        out.write(f"\nnote: {note}\n")


def _pledge_text(p: object) -> str:
    assert isinstance(p, dict)
    unit = f" {p['unit']}" if p.get("unit") else ""
    return f"{p['amount']:g}{unit} {p['capability']} ({p['arrival']})"
