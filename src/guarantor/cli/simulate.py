"""``guarantor simulate`` and ``guarantor sweep``: thin layers over guarantor.simulation."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from guarantor.analysis.findings import Severity
from guarantor.analysis.simulation_checks import check_simulation
from guarantor.cli._common import EXIT_BAD_INPUT, emit_json, fail, json_option
from guarantor.errors import GuarantorError, SimulationError
from guarantor.simulation import (
    SimParams,
    SimulationResult,
    compare,
    load_grid,
    load_scenarios,
    scenario_set,
    sweep,
)
from guarantor.spec import Spec, load_spec, resolve_spec_path

__all__ = ["simulate_command", "sweep_command"]


def _load(arg: str) -> Spec:
    return load_spec(resolve_spec_path(arg))


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr that appears only once a run has taken more than a second."""
    started = time.monotonic()
    state: dict[str, Any] = {"bar": None, "done": 0}

    def tick(n: int) -> None:
        state["done"] += n
        bar: Any = state["bar"]
        if bar is None and time.monotonic() - started > 1.0:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            bar.update(state["done"] - n)
        if bar is not None:
            bar.update(n)

    try:
        yield tick
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)


def _refuse_on_errors(specs: list[Spec], scenarios: dict[str, Any] | None, as_json: bool) -> None:
    for spec in specs:
        errors = [f for f in check_simulation(spec, scenario_set(spec, scenarios)) if f.severity is Severity.ERROR]
        if errors:
            if as_json:
                emit_json({"spec": spec.id, "findings": [f.to_dict() for f in errors]})
            else:
                for f in errors:
                    where = f"{f.location}: " if f.location else ""
                    click.echo(f"{where}{f.code} {f.name}: {f.message}", err=True)
                click.echo(f"simulate: {spec.id} has bad simulation parameters; nothing was run", err=True)
            sys.exit(EXIT_BAD_INPUT)


@click.command("simulate")
@click.argument("spec")
@click.option("--scenarios", "scenarios_file", type=click.Path(exists=True, dir_okay=False), help="Scenario file.")
@click.option("--trials", type=click.IntRange(min=1), default=100_000, show_default=True, help="Trials per scenario.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed: the same seed gives the same numbers.")
@click.option("--rho", type=click.FloatRange(0, 1), default=None, help="Political-will correlation (default 0.7).")
@click.option("--compare", "others", multiple=True, help="Another design to run on the same scenarios and streams.")
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False), help="Write plots to FILE.png or FILE.svg.")
@json_option
def simulate_command(
    spec: str,
    scenarios_file: str | None,
    trials: int,
    seed: int,
    rho: float | None,
    others: tuple[str, ...],
    plot_file: str | None,
    as_json: bool,
) -> None:
    """Stress-test SPEC against attack scenarios (Monte Carlo, exact where the model allows)."""
    try:
        specs = [_load(spec), *(_load(o) for o in others)]
        scenarios = load_scenarios(scenarios_file) if scenarios_file else None
        _refuse_on_errors(specs, scenarios, as_json)
        params = SimParams() if rho is None else SimParams(rho=rho)
        shared = scenario_set(specs[0], scenarios)
        with _progress(trials * len(specs), "simulating") as tick:
            results = compare(
                specs, shared, trials=trials, seed=seed, params=params, progress=tick, with_sensitivity=True
            )
        if plot_file:
            from guarantor.simulation.plots import plot_results

            plot_results(results, plot_file)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        payload = results[0].to_dict() if len(results) == 1 else {"designs": [r.to_dict() for r in results]}
        emit_json(payload)
    else:
        for r in results:
            print_result(r)
    if plot_file:
        click.echo(f"wrote {plot_file}", err=True)


def _pct(rate: dict[str, Any]) -> str:
    lo, hi = rate["ci95"]
    return f"{100 * rate['estimate']:5.1f}% [{100 * lo:.1f}-{100 * hi:.1f}]"


def print_result(r: SimulationResult) -> None:
    """The readable table of a simulation result (also used by `guarantor demo`)."""
    d = r.to_dict()
    click.echo(f"{r.design.spec_id}  spec {r.design.spec_sha256[:12]}  seed {r.seed}  {r.trials} trials/scenario")
    click.echo(f"  {'scenario':<22} {'trigger':>22} {'decision':>22} {'sufficient in time':>22}  p50 days")
    for sid, row in d["scenarios"].items():  # type: ignore[attr-defined]
        p50 = row["time_to_success_quantiles"]["p50"]
        click.echo(
            f"  {sid:<22} {_pct(row['p_trigger']):>22} {_pct(row['p_decision']):>22} "
            f"{_pct(row['p_success']):>22}  {'-' if p50 is None else f'{p50:.1f}'}"
        )
        if row["clause"] is None:
            click.echo(f"      no trigger: {row['matched']}")
    overall: Any = d["overall"]
    click.echo(f"  {'weighted mix':<22} {'':>22} {'':>22} {_pct(overall['p_success']):>22}")
    crit = overall["criticality"]
    if crit:
        click.echo("  criticality (Shapley; drop without the party):")
        for party, row in crit.items():
            click.echo(f"    {party:<10} {row['shapley']:.3f}  {row['drop']:.3f}")
    if r.sensitivity:
        click.echo("  sensitivity (+-10%, largest swing first):")
        for row in r.sensitivity[:5]:
            click.echo(f"    {row['parameter']:<24} {row['p_low']:.3f} -> {row['p_high']:.3f}")


@click.command("sweep")
@click.argument("spec")
@click.option("--grid", "grid_file", type=click.Path(exists=True, dir_okay=False), required=True, help="Grid YAML.")
@click.option("--scenarios", "scenarios_file", type=click.Path(exists=True, dir_okay=False), help="Scenario file.")
@click.option("--address", default=None, help="Ray cluster address (default: start a local Ray).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Local Ray CPUs.")
@click.option(
    "--backend", type=click.Choice(["ray", "process", "serial"]), default="ray", show_default=True, help="Executor."
)
@json_option
def sweep_command(
    spec: str,
    grid_file: str,
    scenarios_file: str | None,
    address: str | None,
    workers: int,
    backend: str,
    as_json: bool,
) -> None:
    """Run SPEC over a parameter grid (on Ray: local by default, a cluster with --address)."""
    try:
        loaded = _load(spec)
        scenarios = load_scenarios(scenarios_file) if scenarios_file else None
        _refuse_on_errors([loaded], scenarios, as_json)
        grid = load_grid(grid_file)
        with _progress(len(grid.points()), "sweeping") as tick:
            rows = sweep(loaded, grid, scenarios, backend=backend, workers=workers, address=address, progress=tick)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    except ImportError as exc:  # pragma: no cover
        fail(SimulationError(str(exc)), as_json=as_json)
        return
    if as_json:
        emit_json({"spec": loaded.id, "seed": grid.seed, "trials": grid.trials, "points": rows})
        return
    names = list(grid.parameters)
    click.echo("  ".join(f"{n:>18}" for n in names) + f"  {'p_success':>10}")
    for row in rows:
        click.echo("  ".join(f"{row['point'][n]:>18g}" for n in names) + f"  {row['p_success']:>10.4f}")
