"""The curated top level: ``guarantor.load``, ``check``, ``power``, ``simulate`` and ``replay``.

Each accepts a spec as a loaded :class:`~guarantor.spec.Spec`, a path, ``-`` (standard input) or the name
of a bundled instrument, and returns a typed result with ``to_json()`` and a rich display in Jupyter
(``_repr_html_``). Bad input raises an error of the ``GuarantorError`` tree, never anything else.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the heavy parts load on first use, so ``import guarantor`` stays light
    from guarantor.analysis.run import CheckResult
    from guarantor.games.power import Method, PowerReport
    from guarantor.runtime.events import Event
    from guarantor.runtime.replay import Replay
    from guarantor.simulation.params import SimParams
    from guarantor.simulation.result import SimulationResult
    from guarantor.spec.forces import Scenario
    from guarantor.spec.model import Spec

__all__ = ["check", "load", "power", "replay", "simulate"]


def load(source: Spec | str | os.PathLike[str]) -> Spec:
    """The spec at ``source``: a YAML file, ``-`` for standard input, or a bundled instrument's name."""
    from guarantor.spec import load_spec, resolve_spec_path
    from guarantor.spec.model import Spec

    if isinstance(source, Spec):
        return source
    return load_spec(resolve_spec_path(os.fspath(source)))


def check(spec: Spec | str | os.PathLike[str]) -> CheckResult:
    """Validate and analyse a spec: load problems and loophole findings in one result (never raises for a
    spec that does not load: ``valid`` is False and the findings say why)."""
    from guarantor.analysis.checks import check_spec
    from guarantor.analysis.run import CheckResult, check_file
    from guarantor.spec.model import Spec

    if isinstance(spec, Spec):
        return CheckResult(spec.id, True, check_spec(spec), spec)
    return check_file(os.fspath(spec))


def power(
    spec: Spec | str | os.PathLike[str] | None = None,
    body: str | None = None,
    *,
    on: date | None = None,
    weights: Sequence[int] | None = None,
    quota: int | None = None,
    players: Sequence[str] | None = None,
    method: Method = "auto",
) -> PowerReport:
    """Exact voting power: of ``body`` in ``spec`` (membership ``on`` a date), or of an ad-hoc weighted body
    (``weights`` and ``quota``, optional ``players`` names)."""
    from guarantor.errors import GameError
    from guarantor.games import SimpleGame, power_report
    from guarantor.games.power import require_reachable
    from guarantor.semantics import body_game

    if spec is not None:
        if body is None:
            raise GameError("name the body to analyse", hint="power(spec, 'body-id')")
        return power_report(require_reachable(body_game(load(spec), body, on), f"body '{body}'"), method=method)
    if weights is None or quota is None:
        raise GameError("give a spec and a body, or weights and a quota", hint="power(weights=[4, 4, 1], quota=5)")
    game = SimpleGame.weighted(list(weights), quota, list(players) if players else None)
    return power_report(require_reachable(game, "the weighted body"), method=method)


def simulate(
    spec: Spec | str | os.PathLike[str],
    scenarios: dict[str, Scenario] | None = None,
    *,
    trials: int = 100_000,
    seed: int = 0,
    params: SimParams | None = None,
) -> SimulationResult:
    """Stress-test a guarantee against attack scenarios (default: the spec's own); same inputs, same numbers."""
    from guarantor.simulation import simulate as run

    return run(load(spec), scenarios, trials=trials, seed=seed, params=params)


def replay(
    spec: Spec | str | os.PathLike[str],
    events: str | os.PathLike[str] | Sequence[Event],
    *,
    as_of: datetime | None = None,
) -> Replay:
    """Run a guarantee over a timeline (a YAML or JSONL file, or a list of events): every state change with
    the clause that caused it, and the state ``as_of`` a time (default: after the last event)."""
    from guarantor.runtime import load_timeline
    from guarantor.runtime import replay as run

    timeline = list(events) if isinstance(events, Sequence) and not isinstance(events, str) else None
    if timeline is None:
        timeline = list(load_timeline(os.fspath(events)).events)  # type: ignore[arg-type]
    return run(load(spec), timeline, as_of)
