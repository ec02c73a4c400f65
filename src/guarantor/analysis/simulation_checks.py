"""Simulation parameters that cannot be run (G3xx), reported by ``check`` and before any ``simulate`` run."""

from __future__ import annotations

from guarantor.analysis.codes import CODES
from guarantor.analysis.findings import Finding, Severity
from guarantor.semantics import match_scenario
from guarantor.spec.forces import Delay, Scenario
from guarantor.spec.model import Spec

__all__ = ["SIMULATION_CODES", "check_simulation"]

SIMULATION_CODES: dict[str, str] = {code: meta.name for code, meta in CODES.items() if code.startswith("G3")}


def _f(code: str, severity: Severity, message: str, node: object = None, parties: tuple[str, ...] = ()) -> Finding:
    loc = getattr(node, "loc", None)
    return Finding(code, SIMULATION_CODES[code], severity, message, loc, None, parties)


def check_simulation(spec: Spec, scenarios: dict[str, Scenario] | None = None) -> list[Finding]:
    """Findings on pledges and scenarios (the spec's own, or ``scenarios``). Errors stop ``simulate``."""
    chosen = spec.scenarios if scenarios is None else scenarios
    out: list[Finding] = []
    for i, pledge in enumerate(spec.pledges):
        name = f"pledge {i + 1} ({pledge.party} {pledge.capability})"
        if pledge.reliability is None:
            from guarantor.simulation.calibration import default_reliability  # floor 4 helper, as below

            rel = default_reliability(spec, pledge)
            out.append(
                _f(
                    "G308",
                    Severity.WARNING,
                    f"{name} states no reliability: the simulation takes {rel.value:g} "
                    f"(range {rel.low:g}-{rel.high:g}) from the record ({rel.basis})",
                    pledge,
                    (pledge.party,),
                )
            )
        elif not 0 <= pledge.reliability <= 1:
            out.append(
                _f(
                    "G301",
                    Severity.ERROR,
                    f"{name}: reliability {pledge.reliability} is not a probability in [0, 1]",
                    pledge,
                    (pledge.party,),
                )
            )
        out += _delay(f"{name} readiness", pledge.readiness)
    for sid, scenario in chosen.items():
        out += _scenario(spec, sid, scenario)
    return out


def _scenario(spec: Spec, sid: str, sc: Scenario) -> list[Finding]:
    out: list[Finding] = []
    if not 0 <= sc.p_attributed <= 1:
        out.append(_f("G301", Severity.ERROR, f"scenario '{sid}': p_attributed {sc.p_attributed} is not in [0, 1]", sc))
    if not sc.weight > 0:
        out.append(_f("G303", Severity.ERROR, f"scenario '{sid}': weight {sc.weight} must be greater than 0", sc))
    if sc.fait_accompli.approx_days <= 0:
        out.append(_f("G304", Severity.ERROR, f"scenario '{sid}': fait_accompli must be longer than zero", sc))
    out += _delay(f"scenario '{sid}' detection", sc.detection)
    out += _delay(f"scenario '{sid}' attribution", sc.attribution)
    for capability, amount in sc.requires.items():
        pledged = [p for p in spec.pledges if p.capability == capability]
        total = sum(p.amount for p in pledged)
        if amount <= 0:
            out.append(
                _f("G306", Severity.ERROR, f"scenario '{sid}': requires {amount} {capability}; give an amount > 0", sc)
            )
        elif not pledged:
            have = sorted({p.capability for p in spec.pledges}) or ["none"]
            out.append(
                _f(
                    "G302",
                    Severity.ERROR,
                    f"scenario '{sid}' requires {capability!r}, which no party pledges (pledged: {', '.join(have)})",
                    sc,
                )
            )
        elif total < amount:
            out.append(
                _f(
                    "G305",
                    Severity.WARNING,
                    f"scenario '{sid}' requires {amount} {capability} but all pledges together give {total}: "
                    "it can never succeed",
                    sc,
                    tuple(dict.fromkeys(p.party for p in pledged)),
                )
            )
    if not out:
        match = match_scenario(spec, sc)
        if match.clause is None:
            out.append(
                _f("G307", Severity.WARNING, f"scenario '{sid}' never triggers the guarantee: {match.reason}", sc)
            )
    return out


def _delay(name: str, delay: Delay | None) -> list[Finding]:
    if delay is None:
        return []
    if delay.median.approx_days < 0 or (delay.p90 is not None and delay.p90.approx_days < 0):
        return [_f("G304", Severity.ERROR, f"{name}: a delay cannot be negative", delay)]
    if delay.median.approx_days == 0 and delay.p90 is not None and delay.p90.approx_days > 0:
        return [
            _f(
                "G304",
                Severity.ERROR,
                f"{name}: median 0 with p90 {delay.p90} has no log-normal; give a median above zero",
                delay,
            )
        ]
    return []
