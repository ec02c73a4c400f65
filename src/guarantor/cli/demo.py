"""``guarantor demo``: the main job on the bundled default, for a first look."""

from __future__ import annotations

import click

from guarantor.analysis.checks import check_spec
from guarantor.analysis.summary import summarise
from guarantor.cli._common import fail
from guarantor.cli.simulate import print_result
from guarantor.errors import GameError, GuarantorError
from guarantor.games import power_report
from guarantor.semantics import body_game
from guarantor.simulation import simulate
from guarantor.spec import Spec, load_library_spec

__all__ = ["demo"]

DEFAULT = "ukraine-coalition-2025"


@click.command()
@click.option("--spec", "name", default=DEFAULT, show_default=True, help="A bundled instrument.")
@click.option("--trials", type=click.IntRange(min=1000), default=50_000, show_default=True, help="Simulation trials.")
@click.option("--seed", type=int, default=2025, show_default=True, help="Simulation seed.")
def demo(name: str, trials: int, seed: int) -> None:
    """Check a bundled design, measure power in its bodies and stress-test it: a readable account."""
    try:
        spec = load_library_spec(name)
        click.echo(summarise(spec, check_spec(spec)))
        click.echo("\nPOWER IN THE DECIDING BODIES")
        for line in _power_lines(spec):
            click.echo(line)
        if spec.scenarios:
            click.echo(f"\nWOULD IT HOLD? ({trials:,} trials per scenario, seed {seed})")
            print_result(simulate(spec, trials=trials, seed=seed, with_sensitivity=True))
    except GuarantorError as exc:
        fail(exc, as_json=False)


def _power_lines(spec: Spec) -> list[str]:
    lines = []
    for bid, body in spec.bodies.items():
        try:
            game = body_game(spec, bid, by=spec.potential_aggressors)
        except GameError as exc:
            lines.append(f"  {body.name or bid}: {exc.message}")
            continue
        report = power_report(game)
        shares = ", ".join(f"{p} {float(v):.3f}" for p, v in zip(report.players, report.shapley_shubik, strict=True))
        vetoes = ", ".join(report.veto_players) or "none"
        lines.append(f"  {body.name or bid}: veto players: {vetoes}")
        lines.append(f"    Shapley-Shubik: {shares}")
    return lines or ["  no decision bodies"]
