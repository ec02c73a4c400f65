"""The report in a few sentences: the summary at the top of the page and what ``guarantor demo`` prints."""

from __future__ import annotations

from typing import Any

from guarantor.analysis.findings import Severity
from guarantor.report.charts import compare_finding
from guarantor.report.document import Report
from guarantor.report.narrative import name_of, names_of
from guarantor.report.tables import pct

__all__ = ["brief"]


def brief(report: Report) -> list[str]:
    """Sentences naming every party and body of the spec, the loopholes, the chance it holds and what raises it."""
    spec = report.spec
    parties = ", ".join(name_of(spec, p.id) for p in spec.parties)
    bodies = "; ".join(f"{b.name or bid} ({bid})" for bid, b in spec.bodies.items()) or "none"
    findings = report.findings[spec.id]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    out = [
        f"{spec.title} protects {names_of(spec, spec.protects)}.",
        f"Its {len(spec.parties)} parties: {parties}.",
        f"Its deciding bodies: {bodies}.",
        f"check finds {len(findings)} loopholes and problems ({errors} errors, {warnings} warnings)"
        + (f"; the worst: {findings[0].code} {findings[0].name}." if findings else "."),
    ]
    out += _hold(report)
    return out


def _hold(report: Report) -> list[str]:
    if not report.results:
        return [report.no_simulation or "Nothing was simulated."]
    r = report.results[0]
    mix: dict[str, Any] = r.overall("success")
    est, lo, hi = float(mix["estimate"]), float(mix["ci95"][0]), float(mix["ci95"][1])
    out = [
        f"Against its {len(r.tallies)} attack scenarios it responds sufficiently and in time in {pct(est)} of "
        f"attacks (95% interval {pct(lo)} to {pct(hi)}; {r.trials:,} trials per scenario, seed {r.seed})."
    ]
    if report.what_ifs and report.what_ifs[0].effect > 0:
        w = report.what_ifs[0]
        out.append(f"What would raise it most: {w.label} ({100 * w.effect:+.1f} points).")
    if len(report.results) > 1:
        out.append(compare_finding(report.results, report.differences))
    return out
