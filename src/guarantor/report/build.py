"""Build a report: check, power, the stress test and its what-ifs, figures and provenance, in that order."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from datetime import date

from guarantor.analysis.checks import check_spec
from guarantor.analysis.findings import Finding, Severity
from guarantor.report import charts
from guarantor.report.bodies import body_powers
from guarantor.report.document import Provenance, Report
from guarantor.report.narrative import how_it_works
from guarantor.report.svg import Figure
from guarantor.report.whatifs import what_ifs
from guarantor.simulation import SimParams, compare, scenario_set, scenarios_hash
from guarantor.spec import Scenario, Spec, spec_hash

__all__ = ["DEFAULT_TRIALS", "WHAT_IF_TRIALS", "build_report", "command_line"]

DEFAULT_TRIALS = 20_000
WHAT_IF_TRIALS = 20_000  # trials per scenario for each what-if (paired with the design on the same draws)

Stage = Callable[[str], None]
Ticks = Callable[[int], None]

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def build_report(
    spec: Spec,
    compared: Sequence[Spec] = (),
    *,
    scenarios: dict[str, Scenario] | None = None,
    trials: int = DEFAULT_TRIALS,
    seed: int = 0,
    params: SimParams | None = None,
    day: date,
    command: str | None = None,
    stage: Stage | None = None,
    progress: Ticks | None = None,
) -> Report:
    """The report on ``spec`` (compared with ``compared`` on ``spec``'s scenarios, or ``scenarios``).

    The numbers are those of ``simulate(spec, --compare ...)`` with the same seed and trials; ``day`` is the
    report's date (passed in, never read from the clock here); ``stage`` hears each step's name and
    ``progress`` each batch of simulated trials (``trials * len(specs)`` in all).
    """
    say = stage or (lambda _: None)
    specs = [spec, *compared]
    say("check")
    findings = {s.id: worst_first(check_spec(s)) for s in specs}
    say("power")
    powers = {s.id: body_powers(s) for s in specs}
    chosen = scenario_set(spec, scenarios)
    results, no_sim = [], None
    if chosen:
        say("simulate")
        results = compare(
            specs, chosen, trials=trials, seed=seed, params=params, progress=progress, with_sensitivity=True
        )
    else:
        no_sim = f"{spec.id} names no attack scenarios, so nothing was simulated; give --scenarios FILE."
    say("what-ifs")
    whatifs = what_ifs(results[0], WHAT_IF_TRIALS) if results else []
    provenance = Provenance(
        spec_hashes={s.id: spec_hash(s) for s in specs},
        scenarios=tuple(chosen),
        scenarios_sha256=scenarios_hash(chosen) if chosen else None,
        seed=seed,
        trials=trials,
        version=_version(),
        day=day,
        command=command or command_line([s.id for s in specs], trials=trials, seed=seed),
    )
    report = Report(specs, findings, how_it_works(spec), powers, results, whatifs, provenance, no_sim)
    say("figures")
    report.figures = figures(report)
    return report


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
        crit, sens = charts.criticality_chart(r), charts.sensitivity_chart(r)
        hold = [charts.success_chart(r), charts.stage_chart(r), charts.time_chart(r)]
        out["hold"] = hold + [f for f in (crit, sens) if f is not None]
        whatif = charts.what_if_chart(report.spec.id, report.what_ifs)
        out["whatif"] = [whatif] if whatif else []
        out["compare"] = [charts.compare_chart(report.results)] if len(report.results) > 1 else []
    return out


def _version() -> str:
    import guarantor

    return guarantor.__version__
