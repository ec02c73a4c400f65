"""Search for the design that makes a guarantee hold: decision variables, political limits and an objective
in a design file; designs scored by the simulation on common random numbers (see docs/design.md)."""

from guarantor.design.api import design
from guarantor.design.evaluate import Evaluation
from guarantor.design.front import hypervolume, pareto_front
from guarantor.design.result import DesignResult, role_table
from guarantor.design.space import DesignSpace, Limit, Objective, Variable, load_space

__all__ = [
    "DesignResult",
    "DesignSpace",
    "Evaluation",
    "Limit",
    "Objective",
    "Variable",
    "design",
    "hypervolume",
    "load_space",
    "pareto_front",
    "role_table",
]
