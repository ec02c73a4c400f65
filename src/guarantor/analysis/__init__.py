"""Static analysis of a spec: findings with stable codes (documented in docs/findings.md)."""

from guarantor.analysis.checks import CHECKS, check_spec
from guarantor.analysis.codes import CODES, FindingCode
from guarantor.analysis.findings import Finding, Severity
from guarantor.analysis.power_checks import check_power
from guarantor.analysis.run import CheckResult, check_file
from guarantor.analysis.simulation_checks import SIMULATION_CODES, check_simulation
from guarantor.analysis.summary import describe_rule, summarise

__all__ = [
    "CHECKS",
    "CODES",
    "SIMULATION_CODES",
    "CheckResult",
    "Finding",
    "FindingCode",
    "Severity",
    "check_file",
    "check_power",
    "check_simulation",
    "check_spec",
    "describe_rule",
    "summarise",
]
