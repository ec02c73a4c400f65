"""Plots (matplotlib, the optional ``plot`` extra): time to a sufficient response per design, success
probability per scenario, party criticality."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from guarantor.errors import SimulationError
from guarantor.simulation.result import SimulationResult

__all__ = ["plot_results"]


def plot_results(results: Sequence[SimulationResult], path: str | Path) -> Path:
    """Write a three-panel figure (PNG or SVG, from the suffix) comparing ``results``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise SimulationError("plots need matplotlib", hint="pip install 'guarantor-spec[plot]'") from None
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise SimulationError(f"cannot write a plot to {path.name}", hint="give a .png or .svg file")
    fig, (ax_t, ax_s, ax_c) = plt.subplots(1, 3, figsize=(16, 4.8))
    for r in results:
        _time_panel(ax_t, r)
    ax_t.set(
        xlabel="days after the attack", ylabel="P(sufficient response on hand)", title="Time to a sufficient response"
    )
    ax_t.legend(fontsize=8)
    _success_panel(ax_s, results)
    _criticality_panel(ax_c, results[0])
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None} if path.suffix.lower() == ".svg" else None)
    plt.close(fig)
    return path


def _time_panel(ax: object, r: SimulationResult) -> None:
    weights = r.weights
    days: np.ndarray | None = None
    mix = None
    for sid, w in weights.items():
        days, cdf = r.tallies[sid].cdf()
        mix = w * cdf if mix is None else mix + w * cdf
    if days is not None and mix is not None:
        horizon = max(sc.fait_accompli for sc in r.design.scenarios.values()) * 3
        keep = days <= max(horizon, 30)
        ax.plot(days[keep], mix[keep], label=r.design.spec_id)  # type: ignore[attr-defined]


def _success_panel(ax: object, results: Sequence[SimulationResult]) -> None:
    sids = list(results[0].tallies)
    width = 0.8 / max(len(results), 1)
    for i, r in enumerate(results):
        xs = np.arange(len(sids)) + i * width
        ax.bar(xs, [r.p_success(s) for s in sids], width, label=r.design.spec_id)  # type: ignore[attr-defined]
    ax.set_xticks(np.arange(len(sids)) + 0.4 - width / 2, sids, rotation=30, ha="right", fontsize=8)  # type: ignore[attr-defined]
    ax.set(ylabel="P(sufficient response in time)", ylim=(0, 1), title="Success per scenario")  # type: ignore[attr-defined]
    ax.legend(fontsize=8)  # type: ignore[attr-defined]


def _criticality_panel(ax: object, r: SimulationResult) -> None:
    crit = r.overall_criticality()
    names = list(crit)
    ax.barh(names, [crit[n]["shapley"] for n in names], label="Shapley value")  # type: ignore[attr-defined]
    ax.barh(names, [crit[n]["drop"] for n in names], height=0.3, label="drop without it")  # type: ignore[attr-defined]
    ax.invert_yaxis()  # type: ignore[attr-defined]
    ax.set(xlabel="share of success probability", title=f"Party criticality ({r.design.spec_id})")  # type: ignore[attr-defined]
    ax.legend(fontsize=8)  # type: ignore[attr-defined]
