"""One page that answers "how would it work, and would it hold?": a self-contained HTML (or Markdown) report.

``build_report`` computes every section once (check, power, the stress test and its what-ifs, figures,
provenance); ``render_html`` and ``render_markdown`` lay it out; ``report`` does both in one call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from guarantor.design.result import DesignResult
from guarantor.report.bodies import BodyPower, body_powers
from guarantor.report.brief import brief
from guarantor.report.build import DEFAULT_TRIALS, build_report, command_line
from guarantor.report.design_file import DesignData, read_design_file
from guarantor.report.design_section import DesignSection, design_summary
from guarantor.report.document import Provenance, Report
from guarantor.report.narrative import how_it_works
from guarantor.report.render import FORMATS, render, render_html, render_markdown
from guarantor.report.svg import Figure
from guarantor.report.trace import Sentence, Trace
from guarantor.report.whatifs import WhatIf, what_ifs
from guarantor.simulation import SimParams
from guarantor.spec import Scenario, Spec

__all__ = [
    "DEFAULT_TRIALS",
    "FORMATS",
    "BodyPower",
    "DesignData",
    "DesignSection",
    "Figure",
    "Provenance",
    "Report",
    "Sentence",
    "Trace",
    "WhatIf",
    "body_powers",
    "brief",
    "build_report",
    "command_line",
    "design_summary",
    "how_it_works",
    "read_design_file",
    "render",
    "render_html",
    "render_markdown",
    "report",
    "what_ifs",
]


def report(
    spec: Spec,
    compared: Sequence[Spec] = (),
    *,
    fmt: str = "html",
    scenarios: dict[str, Scenario] | None = None,
    trials: int = DEFAULT_TRIALS,
    seed: int = 0,
    params: SimParams | None = None,
    day: date | None = None,
    design: DesignResult | Mapping[str, Any] | None = None,
) -> str:
    """The report on ``spec`` as one HTML page (``fmt="md"``: Markdown). ``day`` defaults to today; ``design``
    (a search of ``guarantor.design.design`` for ``spec``) adds the section "Design search"."""
    built = build_report(
        spec,
        compared,
        scenarios=scenarios,
        trials=trials,
        seed=seed,
        params=params,
        day=day or date.today(),
        design=design,
    )
    return render(built, fmt)
