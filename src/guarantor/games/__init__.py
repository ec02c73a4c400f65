"""Decision bodies as simple games, with exact voting power.

A decision rule over the members who vote becomes a :class:`SimpleGame`: a monotone boolean function.
``guarantor.semantics`` builds a spec's body on a date into one (``body_game``), so one piece of code
answers "did this body decide?" everywhere; :func:`power_report` measures who holds power in it, exactly.
"""

from guarantor.games.coalitions import (
    blocking_coalitions_within,
    can_block,
    dual_game,
    minimal_blocking_coalitions,
    minimal_winning_coalitions,
    null_players,
    veto_players,
)
from guarantor.games.compile import game_from_rule, is_collective
from guarantor.games.examples import eec_1958, eu27_population_shares, eu_council_lisbon, un_security_council
from guarantor.games.game import AllOf, AnyOf, Node, Quota, SimpleGame
from guarantor.games.power import (
    INDICES,
    Method,
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
    "Method",
    "Node",
    "PowerReport",
    "Quota",
    "SimpleGame",
    "SwingCounts",
    "banzhaf",
    "blocking_coalitions_within",
    "can_block",
    "dual_game",
    "eec_1958",
    "eu27_population_shares",
    "eu_council_lisbon",
    "game_from_rule",
    "is_collective",
    "minimal_blocking_coalitions",
    "minimal_winning_coalitions",
    "null_players",
    "power_report",
    "shapley_shubik",
    "swing_counts",
    "un_security_council",
    "veto_players",
]
