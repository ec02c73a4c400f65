"""The report's chart of a design search: every simulated design as a point (cost against probability), the
front as a step line and the recommended design marked, with its numbers as the text alternative."""

from __future__ import annotations

from typing import Any

from guarantor.report.design_file import DesignData
from guarantor.report.svg import Figure, draw
from guarantor.report.tables import pct

__all__ = ["front_chart"]


def front_chart(d: DesignData) -> Figure | None:
    """Every simulated design as a point, the front as a step line, the recommended design marked."""
    if not d.front:
        return None
    feasible = [e for e in d.evaluations if e.feasible]

    def paint(ax: Any) -> None:
        ax.scatter(
            [e.cost for e in feasible],
            [e.p_success for e in feasible],
            s=12,
            color="#999999",
            label="designs simulated",
        )
        ax.step([e.cost for e in d.front], [e.p_success for e in d.front], where="post", color="#1f4e79", label="front")
        if d.chosen is not None:
            ax.scatter([d.chosen.cost], [d.chosen.p_success], s=60, color="#c0392b", zorder=3, label="recommended")
        ax.set_xlabel("cost")
        ax.set_ylabel("P(sufficient response in time)")
        ax.set_ylim(0, 1)
        ax.legend(loc="best", fontsize=8)

    alt = (
        f"Cost against the chance of a sufficient response in time for {d.simulated} designs simulated. Front: "
        + "; ".join(f"cost {e.cost:g}, {pct(e.p_success)}" for e in d.front)
    )
    if d.chosen is not None:
        alt += f". Recommended: cost {d.chosen.cost:g}, {pct(d.chosen.p_success)}"
    return draw(
        "design-front",
        "Design search: cost against probability",
        alt + ".",
        _caption(d),
        (6.4, 3.6),
        paint,
    )


def _caption(d: DesignData) -> str:
    low, top = d.front[0], d.front[-1]
    if low is top:
        text = f"One design is on the front: {pct(top.p_success)} at cost {top.cost:g}"
    else:
        text = (
            f"The front rises from {pct(low.p_success)} at cost {low.cost:g} to {pct(top.p_success)} at cost "
            f"{top.cost:g}"
        )
    if d.chosen is not None:
        text += f"; the recommended design gives {pct(d.chosen.p_success)} at cost {d.chosen.cost:g}"
    return text + f" ({d.simulated} designs simulated)."
