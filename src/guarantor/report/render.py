"""Lay a report out as one self-contained HTML page (styles and SVG figures inline) or as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guarantor.errors import Location, ReportError
from guarantor.report.brief import brief
from guarantor.report.document import Report
from guarantor.report.tables import (
    binding_table,
    compare_table,
    criticality_table,
    deterrence_table,
    scenario_table,
    sensitivity_table,
    stage_table,
    what_if_table,
)
from guarantor.report.trace import Trace

__all__ = ["FORMATS", "render", "render_html", "render_markdown"]

FORMATS = ("html", "md")
_TEMPLATES = Path(__file__).with_name("templates")


def render_html(report: Report) -> str:
    """One HTML file that opens with no network: no scripts, no external styles, fonts or images."""
    return str(_template("report.html.j2", autoescape=True).render(**_context(report)))


def render_markdown(report: Report) -> str:
    """The same sections and numbers as Markdown, for pasting into a briefing (figures as their captions)."""
    return str(_template("report.md.j2", autoescape=False).render(**_context(report))).strip() + "\n"


def render(report: Report, fmt: str = "html") -> str:
    """``fmt`` is ``html`` or ``md``."""
    return render_markdown(report) if fmt == "md" else render_html(report)


def _template(name: str, *, autoescape: bool) -> Any:
    try:
        import jinja2
    except ImportError:  # pragma: no cover - depends on the environment
        raise ReportError("the report needs jinja2", hint="pip install 'guarantor-spec[report]'") from None

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = _md_cell
    return env.get_template(name)


def _md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _short(location: Location | None) -> str:
    """'ukraine-coalition-2025.yaml:177' rather than an absolute path."""
    if location is None:
        return ""
    return f"{Path(location.file).name}:{location.line}" if location.line else Path(location.file).name


def _traces(report: Report) -> list[Trace]:
    """Every part of the spec a sentence cites, then every clause (findings link to clauses), once each."""
    seen: dict[str, Trace] = {}
    for _, sentences in report.how:
        for s in sentences:
            for t in s.traces:
                seen.setdefault(t.anchor, t)
    for cid, c in report.spec.clauses.items():
        seen.setdefault(f"clause-{cid}", Trace("clause", cid, c.text, c.source, c.loc))
    return list(seen.values())


def _context(report: Report) -> dict[str, Any]:
    result = report.results[0] if report.results else None
    return {
        "spec": report.spec,
        "compared": report.compared,
        "brief": brief(report),
        "how": report.how,
        "findings": report.findings[report.spec.id],
        "powers": report.powers[report.spec.id],
        "result": result,
        "results": report.results,
        "no_simulation": report.no_simulation,
        "scenario_table": scenario_table(result) if result else None,
        "criticality_table": criticality_table(result) if result else None,
        "stage_table": stage_table(result) if result else None,
        "binding_table": binding_table(result) if result else None,
        "deterrence_table": deterrence_table(result) if result else None,
        "sensitivity_table": sensitivity_table(result) if result else None,
        "what_ifs": what_if_table(report),
        "compare_table": compare_table(report),
        "other_tables": {r.design.spec_id: scenario_table(r) for r in report.results[1:]},
        "figures": report.figures,
        "figures_by_id": {f.id: f for f in report.all_figures()},
        "prov": report.provenance,
        "design": report.design,
        "traces": _traces(report),
        "short": _short,
    }
