"""Decision bodies as simple games, with exact voting power.

A decision rule of a body on a date becomes a :class:`SimpleGame`: a monotone boolean function over the
members who vote. Analysis, simulation and runtime all decide through it, so one piece of code answers
"did this body decide?" everywhere; :func:`power_report` measures who holds power in it, exactly.
"""

from guarantor.games.game import AllOf, AnyOf, Node, Quota, SimpleGame
from guarantor.games.power import (
    INDICES,
    PowerReport,
    SwingCounts,
    banzhaf,
    power_report,
    shapley_shubik,
    swing_counts,
)

__all__ = [
    "INDICES",
    "AllOf",
    "AnyOf",
    "Node",
    "PowerReport",
    "Quota",
    "SimpleGame",
    "SwingCounts",
    "banzhaf",
    "power_report",
    "shapley_shubik",
    "swing_counts",
]
