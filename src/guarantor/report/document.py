"""What a report holds: every section's content, computed once; the HTML and Markdown forms only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from guarantor.analysis.findings import Finding
from guarantor.report.bodies import BodyPower
from guarantor.report.narrative import Section
from guarantor.report.svg import Figure
from guarantor.report.whatifs import WhatIf
from guarantor.simulation import SimulationResult
from guarantor.spec import Spec

if TYPE_CHECKING:  # the section builds its tables from guarantor.report.tables, which reads this module
    from guarantor.report.design_section import DesignSection

__all__ = ["Provenance", "Report"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """What fixes every number of the report, and the command that makes it again."""

    spec_hashes: dict[str, str]
    scenarios: tuple[str, ...]
    scenarios_sha256: str | None
    seed: int
    trials: int
    version: str
    day: date
    command: str
    posture: str | None = None
    design: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "spec_sha256": self.spec_hashes,
            "scenarios": list(self.scenarios),
            "scenarios_sha256": self.scenarios_sha256,
            "posture": self.posture,
            "design": self.design,
            "seed": self.seed,
            "trials": self.trials,
            "guarantor_version": self.version,
            "date": self.day.isoformat(),
            "command": self.command,
        }


@dataclass
class Report:
    """The report on ``specs[0]``, compared with ``specs[1:]`` on the first one's scenarios.

    ``results`` follow ``specs`` (empty when there is nothing to simulate; ``no_simulation`` says why);
    ``figures`` are keyed by section (``power``, ``hold``, ``whatif``, ``compare``, ``design``); ``differences`` are the
    paired differences of each compared design from the first (``Comparison.differences``); ``design`` is the
    section on a design search for ``specs[0]`` (``--design``), None without one.
    """

    specs: list[Spec]
    findings: dict[str, list[Finding]]
    how: list[Section]
    powers: dict[str, list[BodyPower]]
    results: list[SimulationResult]
    what_ifs: list[WhatIf]
    provenance: Provenance
    no_simulation: str | None = None
    figures: dict[str, list[Figure]] = field(default_factory=dict)
    differences: list[dict[str, object]] = field(default_factory=list)
    design: DesignSection | None = None

    @property
    def spec(self) -> Spec:
        return self.specs[0]

    @property
    def compared(self) -> list[Spec]:
        return self.specs[1:]

    def result_of(self, spec_id: str) -> SimulationResult | None:
        return next((r for r in self.results if r.design.spec_id == spec_id), None)

    def all_figures(self) -> list[Figure]:
        return [f for group in self.figures.values() for f in group]
