"""Stress-test a guarantee against attack scenarios: a vectorised Monte Carlo kernel, exact where the model
allows, criticality, sensitivity and parameter sweeps (see docs/simulation.md)."""

from guarantor.simulation.api import compare, simulate
from guarantor.simulation.comparison import Comparison
from guarantor.simulation.compile import Design, compile_design
from guarantor.simulation.exact import exact_applies, exact_success
from guarantor.simulation.params import BASIS, SimParams
from guarantor.simulation.result import SimulationResult
from guarantor.simulation.scenarios import load_scenarios, scenario_set, scenarios_hash
from guarantor.simulation.sweep import Grid, load_grid, sweep
from guarantor.simulation.whatif import apply_posture, apply_set, load_posture, parse_set, without_party

__all__ = [
    "BASIS",
    "Comparison",
    "Design",
    "Grid",
    "SimParams",
    "SimulationResult",
    "apply_posture",
    "apply_set",
    "compare",
    "compile_design",
    "exact_applies",
    "exact_success",
    "load_grid",
    "load_posture",
    "load_scenarios",
    "parse_set",
    "scenario_set",
    "scenarios_hash",
    "simulate",
    "sweep",
    "without_party",
]
