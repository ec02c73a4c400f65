"""Build a report: check, power, the stress test and its what-ifs, figures and provenance, in that order."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from guarantor.analysis.checks import check_spec
from guarantor.analysis.findings import Finding, Severity
from guarantor.design.result import DesignResult
from guarantor.report import charts
from guarantor.report.bodies import body_powers
from guarantor.report.design_chart import front_chart
from guarantor.report.design_file import DesignData, design_data
from guarantor.report.design_section import design_section
from guarantor.report.document import Provenance, Report
from guarantor.report.narrative import how_it_works
from guarantor.report.svg import Figure
from guarantor.report.whatifs import what_ifs
from guarantor.simulation import SimParams, compare, scenario_set, scenarios_hash
from guarantor.simulation.whatif import apply_posture
from guarantor.spec import Scenario, Spec, spec_hash
from guarantor.spec.forces import Posture

__all__ = ["DEFAULT_TRIALS", "Progress", "build_report", "command_line"]

DEFAULT_TRIALS = 20_000

Ticks = Callable[[int], None]
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Progress:
    """Hooks for a long build: ``stage(name, total)`` at each step (``total``: trials it will simulate, 0 for
    none), then ``ticks(n)`` for each batch of ``n`` trials."""

    stage: Callable[[str, int], None] = lambda name, total: None
    ticks: Ticks | None = None


def build_report(
    spec: Spec,
    compared: Sequence[Spec] = (),
    *,
    scenarios: dict[str, Scenario] | None = None,
    posture: Posture | None = None,
    posture_name: str | None = None,
    trials: int = DEFAULT_TRIALS,
    seed: int = 0,
    params: SimParams | None = None,
    day: date,
    command: str | None = None,
    progress: Progress | None = None,
    design: DesignResult | Mapping[str, Any] | None = None,
    design_name: str | None = None,
) -> Report:
    """The report on ``spec``, compared with ``compared`` on ``spec``'s scenarios (or ``scenarios``, or the
    ``posture``'s scenarios and pledges, applied to every design as ``simulate --posture`` does).

    The numbers are those of ``simulate SPEC --compare ...`` with the same seed and trials; ``day`` is the
    report's date (passed in, never read from the clock here). ``design``, a design search for ``spec`` (a
    ``DesignResult`` or its JSON as read back from ``design_name``), adds the section "Design search"; it is
    checked against ``spec`` before anything is simulated.
    """
    hooks = progress or Progress()
    searched = design_data(design, spec, source=design_name) if design is not None else None
    specs = [spec, *compared]
    hooks.stage("check", 0)
    findings = {s.id: worst_first(check_spec(s)) for s in specs}
    hooks.stage("power", 0)
    powers = {s.id: body_powers(s) for s in specs}
    simulated = [apply_posture(s, posture) for s in specs] if posture is not None else specs
    chosen = scenario_set(simulated[0], scenarios)
    report = Report(
        specs,
        findings,
        how_it_works(spec),
        powers,
        [],
        [],
        _provenance(specs, chosen, trials, seed, day, command, posture_name, searched),
        design=design_section(searched, spec) if searched is not None else None,
    )
    if chosen:
        hooks.stage("simulate", trials * len(specs))
        runs = compare(
            simulated, chosen, trials=trials, seed=seed, params=params, progress=hooks.ticks, with_sensitivity=True
        )
        report.results, report.differences = runs.results, runs.differences()
        report.what_ifs = what_ifs(
            simulated[0], runs.base, chosen, params=params, stage=hooks.stage, progress=hooks.ticks
        )
    else:
        report.no_simulation = f"{spec.id} names no attack scenarios, so nothing was simulated; give --scenarios FILE."
    hooks.stage("figures", 0)
    report.figures = figures(report)
    return report


def _provenance(
    specs: list[Spec],
    chosen: dict[str, Scenario],
    trials: int,
    seed: int,
    day: date,
    command: str | None,
    posture: str | None,
    searched: DesignData | None,
) -> Provenance:
    return Provenance(
        spec_hashes={s.id: spec_hash(s) for s in specs},
        scenarios=tuple(chosen),
        scenarios_sha256=scenarios_hash(chosen) if chosen else None,
        seed=seed,
        trials=trials,
        version=_version(),
        day=day,
        command=command or command_line([s.id for s in specs], trials=trials, seed=seed),
        posture=posture,
        design=searched.source if searched is not None else None,
    )


def worst_first(findings: list[Finding]) -> list[Finding]:
    """Errors before warnings before notes; within a severity, in the order the checks found them."""
    return sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])


def command_line(
    specs: Sequence[str], *, trials: int, seed: int, output: str = "report.html", fmt: str = "html", extra: str = ""
) -> str:
    """The ``guarantor report`` command that makes this report again."""
    parts = ["guarantor", "report", specs[0], *(a for s in specs[1:] for a in ("--compare", s))]
    parts += ["--trials", str(trials), "--seed", str(seed)]
    if fmt != "html":
        parts += ["--format", fmt]
    parts += ["-o", output]
    return shlex.join(parts) + (f" {extra}" if extra else "")


def figures(report: Report) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {
        "power": [charts.power_chart(b) for b in report.powers[report.spec.id] if b.power is not None]
    }
    if report.results:
        r = report.results[0]
        hold = [charts.success_chart(r), charts.stage_chart(r), charts.time_chart(r), charts.share_chart(r)]
        extra = (charts.criticality_chart(r), charts.sensitivity_chart(r))
        out["hold"] = hold + [f for f in extra if f is not None]
        whatif = charts.what_if_chart(report.spec.id, report.what_ifs)
        out["whatif"] = [whatif] if whatif else []
        others = [charts.stage_chart(other) for other in report.results[1:]]
        out["compare"] = [charts.compare_chart(report.results, report.differences), *others] if others else []
    if report.design is not None:
        out["design"] = [f for f in (front_chart(report.design.data),) if f is not None]
    return out


def _version() -> str:
    import guarantor

    return guarantor.__version__
