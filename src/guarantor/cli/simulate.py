"""``guarantor simulate`` and ``guarantor sweep``: thin layers over guarantor.simulation. Every input is
checked before any work starts (exit 2 naming the value and its allowed range); results are printed before a
file is written."""

from __future__ import annotations

import dataclasses
import json
import math
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from guarantor.analysis.findings import Severity
from guarantor.analysis.simulation_checks import check_simulation
from guarantor.cli._common import EXIT_BAD_INPUT, SEEDS, check_writable, emit_json, fail, json_option, write_output
from guarantor.errors import GuarantorError, SimulationError
from guarantor.simulation import (
    Comparison,
    SimParams,
    SimulationResult,
    apply_posture,
    apply_set,
    compare,
    load_grid,
    load_posture,
    load_scenarios,
    parse_set,
    scenario_set,
    sweep,
    without_party,
)
from guarantor.simulation.kernel import STAGES
from guarantor.spec import Spec, load_spec, resolve_spec_path

__all__ = ["print_comparison", "print_result", "simulate_command", "sweep_command"]


class FiniteFloat(click.ParamType):  # type: ignore[type-arg]
    """A finite float within [low, high]: nan and infinities are refused, naming the range."""

    name = "number"

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number in [{self.low:g}, {self.high:g}]", param, ctx)
        if not math.isfinite(number) or not self.low <= number <= self.high:
            self.fail(f"{value} is not a finite number in [{self.low:g}, {self.high:g}]", param, ctx)
        return number


def _load(arg: str) -> Spec:
    return load_spec(resolve_spec_path(arg))


def _write(path: str, text: str) -> None:
    write_output(path, text + "\n", SimulationError, hint="the results are printed above")


@contextmanager
def _progress(total: int, label: str, every: float = 5.0) -> Iterator[Callable[[int], None]]:
    """Progress on stderr once a run has taken more than a second: a bar on a terminal, otherwise a line every
    few seconds with the rate and an estimate of the time left."""
    started = time.monotonic()
    state: dict[str, Any] = {"bar": None, "done": 0, "said": started}
    terminal = sys.stderr.isatty()

    def tick(n: int) -> None:
        state["done"] += n
        now = time.monotonic()
        if now - started <= 1.0:
            return
        if not terminal:
            if now - state["said"] >= every or state["done"] >= total:
                state["said"] = now
                rate = state["done"] / (now - started)
                left = (total - state["done"]) / rate if rate > 0 else 0.0
                click.echo(f"{label}: {state['done']}/{total}, {rate:,.0f}/s, about {left:.0f} s left", err=True)
            return
        bar: Any = state["bar"]
        if bar is None:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            bar.update(state["done"] - n)
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


def _designs(
    spec: str, others: tuple[str, ...], posture: str | None, without: tuple[str, ...], sets: tuple[str, ...]
) -> tuple[list[Spec], SimParams]:
    """The specs to run, with the posture and what-ifs applied. A what-if on a single design is compared with
    the design as written."""
    overrides = [parse_set(s) for s in sets]
    loaded = [_load(spec), *(_load(o) for o in others)]
    if posture:
        chosen = load_posture(posture)
        loaded = [apply_posture(s, chosen) for s in loaded]
    params = SimParams()
    changed: list[Spec] = []
    for s in loaded:
        for party in without:
            s = without_party(s, party)
        for path, value in overrides:
            s, params = apply_set(s, params, path, value)
        changed.append(s)
    spec_changed = any(a is not b for a, b in zip(loaded, changed, strict=True))
    if len(loaded) == 1 and spec_changed:
        return [loaded[0], changed[0]], params
    return changed, params


@click.command("simulate")
@click.argument("spec")
@click.option("--scenarios", "scenarios_file", type=click.Path(dir_okay=False), help="Scenario file (YAML).")
@click.option("--posture", "posture_file", type=click.Path(dir_okay=False), help="Pledges and scenarios for any spec.")
@click.option(
    "--trials", type=click.IntRange(1, 10**9), default=100_000, show_default=True, help="Trials per scenario."
)
@click.option("--seed", type=SEEDS, default=0, show_default=True, help="Seed (0 or more).")
@click.option("--rho", type=FiniteFloat(0, 1), default=None, help="Correlation of the parties' acts (default 0.7).")
@click.option("--compare", "others", multiple=True, help="Another design, run on the same scenarios and streams.")
@click.option("--without", multiple=True, metavar="PARTY", help="Withdraw every pledge of PARTY (compared).")
@click.option("--set", "sets", multiple=True, metavar="PATH=VALUE", help="Override a spec value or parameter.")
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False), help="Write plots to FILE.png or FILE.svg.")
@click.option("-o", "--output", "output", default=None, help="Write the JSON result to FILE ('-': standard output).")
@json_option
def simulate_command(
    spec: str,
    scenarios_file: str | None,
    posture_file: str | None,
    trials: int,
    seed: int,
    rho: float | None,
    others: tuple[str, ...],
    without: tuple[str, ...],
    sets: tuple[str, ...],
    plot_file: str | None,
    output: str | None,
    as_json: bool,
) -> None:
    """Stress-test SPEC against attack scenarios (Monte Carlo, exact where the model allows)."""
    try:
        check_writable(plot_file, "--plot", SimulationError, (".png", ".svg"))
        check_writable(output, "--output", SimulationError)
        specs, params = _designs(spec, others, posture_file, without, sets)
        if rho is not None:
            params = dataclasses.replace(params, rho=rho)
        scenarios = load_scenarios(scenarios_file) if scenarios_file else None
        _refuse_on_errors(specs, scenarios, as_json)
        shared = scenario_set(specs[0], scenarios)
        with _progress(trials * len(specs), "simulating") as tick:
            result = compare(
                specs, shared, trials=trials, seed=seed, params=params, progress=tick, with_sensitivity=True
            )
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    payload = result.results[0].to_dict() if len(result.results) == 1 else result.to_dict()
    if as_json:
        emit_json(payload)
    elif len(result.results) == 1:
        print_result(result.results[0])
    else:
        print_comparison(result)
    try:
        if output:
            _write(output, json.dumps(payload, indent=2, default=str))
        if plot_file:
            from guarantor.simulation.plots import plot_results

            plot_results(result.results, plot_file)
            click.echo(f"wrote {plot_file}", err=True)
    except GuarantorError as exc:
        fail(exc, as_json=False)


def _pct(rate: dict[str, Any]) -> str:
    lo, hi = rate["ci95"]
    return f"{100 * rate['estimate']:5.1f}% [{100 * lo:.1f}-{100 * hi:.1f}]"


def print_result(r: SimulationResult) -> None:
    """The readable table of a simulation result (also used by `guarantor demo`)."""
    d = r.to_dict()
    click.echo(f"{r.design.spec_id}  spec {r.design.spec_sha256[:12]}  seed {r.seed}  {r.trials} trials/scenario")
    w = max(24, *(len(sid) for sid in r.tallies))
    click.echo(f"  {'scenario':<{w}} {'trigger':>20} {'sufficient in time':>20} {'holds 90 d':>20}  p50 days")
    for sid, row in d["scenarios"].items():  # type: ignore[attr-defined]
        p50 = row["time_to_success_quantiles"]["p50"]
        click.echo(
            f"  {sid:<{w}} {_pct(row['p_trigger']):>20} {_pct(row['p_success']):>20} "
            f"{_pct(row['graded']['holds']['90d']):>20}  {'-' if p50 is None else f'{p50:.1f}'}"
        )
        _explain(row)
    overall: Any = d["overall"]
    click.echo(f"  {'weighted mix':<{w}} {'':>20} {_pct(overall['p_success']):>20} {_pct(overall['holds']['90d']):>20}")
    if overall["impossible_weight"] > 0:
        click.echo(f"  {100 * overall['impossible_weight']:.0f}% of the scenario weight cannot succeed by construction")
    losses = "  ".join(f"{k} {100 * v:.1f}%" for k, v in overall["stage_losses"].items() if v > 0.0005)
    click.echo(f"  where the mix fails: {losses or 'nowhere'}")
    det: Any = d["deterrence"]
    if det:
        click.echo(
            f"  deterrence: the attacker's best option is {det['attacker_best_option']} "
            f"({100 * det['p_response_on_best_option']:.1f}% sufficient response); P(deterred) "
            f"{100 * det['p_deterred']:.1f}% (resolve uniform on {det['resolve'][0]}-{det['resolve'][1]})"
        )
    for note in r.notes:
        click.echo(f"  note: {note}")
    crit = overall["criticality"]
    if crit:
        click.echo("  criticality (Shapley; drop without the party):")
        for party, row in crit.items():
            click.echo(f"    {party:<10} {row['shapley']:.3f}  {row['drop']:.3f}")
    if r.sensitivity and any(abs(float(row["swing"])) > 0 for row in r.sensitivity):  # type: ignore[arg-type]
        click.echo("  sensitivity (+-10%, largest swing first):")
        for row in r.sensitivity[:5]:
            click.echo(f"    {row['parameter']:<24} {row['p_low']:.3f} -> {row['p_high']:.3f}")


def _explain(row: dict[str, Any]) -> None:
    if row["impossible"]:
        click.echo(f"      impossible by construction: {'; '.join(row['impossible'])}")
        return
    losses = row["stage_losses"]
    parts = [f"{k} {100 * losses[k]:.1f}%" for k in STAGES if losses[k] > 0.0005]
    if parts:
        click.echo(f"      lost at: {', '.join(parts)}")
    b = row["binding"]
    if b["capability"]:
        who = f"; binding party {b['party']} (+{100 * b['gain_if_certain']:.1f} pts if certain)" if b["party"] else ""
        click.echo(f"      binding: {b['capability']} short in {100 * b['short_in_failures']:.0f}% of failures{who}")


def print_comparison(c: Comparison) -> None:
    """One side-by-side table: each design's P(sufficient in time) and its difference from the first, with the
    interval of the paired difference (common random numbers)."""
    names = [r.design.spec_id for r in c.results]
    diffs = c.differences()
    w = max(20, *(len(n) for n in names))
    dw = max(26, *(len(n) + 5 for n in names[1:]))
    click.echo(
        f"compared on the same scenarios and random streams; {c.base.trials} trials/scenario, seed {c.base.seed}"
    )
    sw = max(24, *(len(sid) for sid in c.base.tallies))
    head = f"  {'scenario':<{sw}}" + "".join(f" {n:>{w}}" for n in names)
    click.echo(head + "".join(f" {'diff ' + n:>{dw}}" for n in names[1:]))
    for sid in c.base.tallies:
        rates = [r.tallies[sid].rate(r.tallies[sid].success) for r in c.results]
        line = f"  {sid:<{sw}}" + "".join(f" {_pct(rate):>{w}}" for rate in rates)
        click.echo(line + "".join(f" {_diff(d['scenarios'][sid]):>{dw}}" for d in diffs))  # type: ignore[index]
    line = f"  {'weighted mix':<{sw}}" + "".join(f" {_pct(r.overall('success')):>{w}}" for r in c.results)
    click.echo(line + "".join(f" {_diff(d['overall']):>{dw}}" for d in diffs))  # type: ignore[arg-type]


def _diff(row: dict[str, Any]) -> str:
    lo, hi = row["ci95"]
    return f"{100 * row['estimate']:+5.1f} pts [{100 * lo:+.1f}, {100 * hi:+.1f}]"


def _check_address(address: str) -> None:
    """Refuse an unreachable Ray address before any work starts."""
    if address == "auto":
        return
    target = address.removeprefix("ray://")
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SimulationError(f"--address {address!r} is not HOST:PORT", hint="e.g. --address 10.0.0.5:6379")
    try:
        socket.create_connection((host, int(port)), timeout=3).close()
    except OSError as exc:
        raise SimulationError(
            f"--address {address}: nothing answers there ({exc.strerror or exc})",
            hint="start the Ray head first, or leave out --address to use a local process pool",
        ) from None


@click.command("sweep")
@click.argument("spec")
@click.option("--grid", "grid_file", type=click.Path(dir_okay=False), required=True, help="Grid YAML.")
@click.option("--scenarios", "scenarios_file", type=click.Path(dir_okay=False), help="Scenario file.")
@click.option("--posture", "posture_file", type=click.Path(dir_okay=False), help="Pledges and scenarios for any spec.")
@click.option("--address", default=None, help="Ray cluster address (runs on Ray; default: a local process pool).")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True, help="Local worker processes.")
@click.option("--backend", type=click.Choice(["process", "ray", "serial"]), default=None, help="Default: process.")
@click.option("-o", "--output", "output", default=None, help="Write the JSON result to FILE ('-': standard output).")
@json_option
def sweep_command(
    spec: str,
    grid_file: str,
    scenarios_file: str | None,
    posture_file: str | None,
    address: str | None,
    workers: int,
    backend: str | None,
    output: str | None,
    as_json: bool,
) -> None:
    """Run SPEC over a parameter grid (a local process pool; Ray with --address)."""
    try:
        check_writable(output, "--output", SimulationError)
        if address:
            _check_address(address)
        backend = backend or ("ray" if address else "process")
        loaded = _load(spec)
        if posture_file:
            loaded = apply_posture(loaded, load_posture(posture_file))
        scenarios = load_scenarios(scenarios_file) if scenarios_file else None
        grid = load_grid(grid_file)
        _refuse_on_errors([loaded], scenarios, as_json)
        with _progress(len(grid.points()), "sweeping") as tick:
            rows = sweep(loaded, grid, scenarios, backend=backend, workers=workers, address=address, progress=tick)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    payload = {"spec": loaded.id, "seed": grid.seed, "trials": grid.trials, "points": rows}
    if as_json:
        emit_json(payload)
    else:
        _print_sweep(grid.parameters, rows)
    if output:
        try:
            _write(output, json.dumps(payload, indent=2))
        except GuarantorError as exc:
            fail(exc, as_json=False)


def _print_sweep(parameters: dict[str, list[float]], rows: list[dict[str, Any]]) -> None:
    names = list(parameters)
    sids = list(rows[0]["scenarios"]) if rows else []
    click.echo("  ".join(f"{n[:18]:>18}" for n in names) + f"  {'mix':>7}" + "".join(f"  {s[:14]:>14}" for s in sids))
    for row in rows:
        line = "  ".join(f"{row['point'][n]:>18g}" for n in names) + f"  {row['p_success']:>7.4f}"
        click.echo(line + "".join(f"  {row['scenarios'][s]:>14.4f}" for s in sids))
