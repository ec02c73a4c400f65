"""The report's tables, computed once for both forms: every number cell keeps its exact value beside its text,
so the HTML carries the value (``data-value``) that ``simulate --json`` gives and the Markdown the same text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guarantor.report.document import Report
from guarantor.report.narrative import STRENGTH_WORDS
from guarantor.simulation import SimulationResult
from guarantor.spec import STRENGTH_ORDER, Spec, Strength

__all__ = [
    "Cell",
    "Table",
    "compare_table",
    "criticality_table",
    "scenario_table",
    "sensitivity_table",
    "what_if_table",
]


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: ``text`` as shown; ``value`` the exact number behind it (None for text cells);
    ``key`` names the number (``p_success``, ``p_success.lo``...) for readers that check it."""

    text: str
    value: float | None = None
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    row_keys: tuple[str, ...] = ()


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _num(x: float | None, key: str, digits: int = 3) -> Cell:
    return Cell("-" if x is None else f"{x:.{digits}f}", x, key)


def _rate(rate: dict[str, Any], key: str) -> list[Cell]:
    lo, hi = rate["ci95"]
    return [Cell(pct(rate["estimate"]), rate["estimate"], key), Cell(f"{pct(lo)} to {pct(hi)}", None, key + ".ci95")]


def _days(x: float | None, key: str) -> Cell:
    return Cell("never" if x is None else f"{x:.1f}", x, key)


def scenario_table(r: SimulationResult) -> Table:
    """Per scenario: weight, trigger, decision, success with its interval, exact value, time quantiles."""
    d: dict[str, Any] = r.to_dict()
    rows = []
    for sid, row in d["scenarios"].items():
        q = row["time_to_success_quantiles"]
        rows.append(
            (
                Cell(sid),
                _num(row["weight"], "weight", 2),
                Cell(pct(row["p_trigger"]["estimate"]), row["p_trigger"]["estimate"], "p_trigger"),
                Cell(pct(row["p_decision"]["estimate"]), row["p_decision"]["estimate"], "p_decision"),
                *_rate(row["p_success"], "p_success"),
                Cell(pct(row["p_success_exact"]), row["p_success_exact"], "p_success_exact"),
                _days(q["p50"], "p50"),
                _days(q["p90"], "p90"),
            )
        )
    overall = d["overall"]
    rows.append(
        (
            Cell("weighted mix"),
            _num(1.0, "weight", 2),
            Cell(pct(overall["p_trigger"]["estimate"]), overall["p_trigger"]["estimate"], "p_trigger"),
            Cell(pct(overall["p_decision"]["estimate"]), overall["p_decision"]["estimate"], "p_decision"),
            *_rate(overall["p_success"], "p_success"),
            Cell("-"),
            Cell("-"),
            Cell("-"),
        )
    )
    head = (
        "scenario",
        "weight",
        "triggered",
        "decided",
        "sufficient in time",
        "95% interval",
        "exact",
        "median days",
        "90th pct days",
    )
    return Table(head, tuple(rows), (*d["scenarios"], "overall"))


def stage_table(r: SimulationResult) -> Table:
    """Per scenario, the share of attacks lost at each stage (the first that fails) and the share that held."""
    from guarantor.report.charts import STAGE_WORDS, stage_losses

    sids = list(r.tallies)
    names = [n for n, _ in stage_losses(r, sids[0])]
    rows = tuple((Cell(s), *(Cell(pct(v), v, f"loss.{n}") for n, v in stage_losses(r, s))) for s in sids)
    return Table(("scenario", *(STAGE_WORDS.get(n, n) for n in names)), rows, tuple(sids))


def binding_table(r: SimulationResult) -> Table:
    """Per scenario: the capability most often short when the response fails, and the party whose certain
    will would help most."""
    rows = []
    for sid in r.tallies:
        b: dict[str, Any] = r.binding(sid)
        rows.append(
            (
                Cell(sid),
                Cell(str(b.get("capability") or "-")),
                Cell(pct(b.get("short_in_failures")), b.get("short_in_failures"), "short_in_failures"),
                Cell(str(b.get("party") or "-")),
                Cell(pct(b.get("gain_if_certain")), b.get("gain_if_certain"), "gain_if_certain"),
            )
        )
    head = ("scenario", "capability most often short", "short in failures", "party most worth securing", "gain")
    return Table(head, tuple(rows), tuple(r.tallies))


def deterrence_table(r: SimulationResult) -> Table:
    d: dict[str, Any] = r.deterrence()
    if not d:
        return Table(("measure", "value"), ())
    lo, hi = d["resolve"]
    rows = (
        (Cell("the attacker's best option"), Cell(str(d["attacker_best_option"]))),
        (
            Cell("chance of a sufficient response there"),
            Cell(pct(d["p_response_on_best_option"]), d["p_response_on_best_option"], "p_response_on_best_option"),
        ),
        (Cell("chance the attacker is deterred"), Cell(pct(d["p_deterred"]), d["p_deterred"], "p_deterred")),
        (
            Cell("deterred if it cannot choose its attack"),
            Cell(
                pct(d["p_deterred_if_attacker_cannot_choose"]),
                d["p_deterred_if_attacker_cannot_choose"],
                "p_deterred_if_attacker_cannot_choose",
            ),
        ),
        (Cell("the attacker's resolve (uniform between)"), Cell(f"{pct(lo)} and {pct(hi)}")),
    )
    return Table(("measure", "value"), rows, ("best", "p_response", "p_deterred", "p_deterred_mix", "resolve"))


def criticality_table(r: SimulationResult) -> Table:
    crit = r.overall_criticality()
    rows = tuple((Cell(p), _num(v["shapley"], "shapley"), _num(v["drop"], "drop")) for p, v in crit.items())
    return Table(("party", "Shapley value", "drop without it"), rows, tuple(crit))


def sensitivity_table(r: SimulationResult, shown: int = 10) -> Table:
    rows = tuple(
        (
            Cell(str(row["parameter"])),
            _num(float(row["value"]), "value", 2),  # type: ignore[arg-type]
            Cell(pct(float(row["p_low"])), float(row["p_low"]), "p_low"),  # type: ignore[arg-type]
            Cell(pct(float(row["p_high"])), float(row["p_high"]), "p_high"),  # type: ignore[arg-type]
        )
        for row in r.sensitivity[:shown]
    )
    return Table(
        ("parameter", "value", "at -10%", "at +10%"), rows, tuple(str(r["parameter"]) for r in r.sensitivity[:shown])
    )


def what_if_table(report: Report) -> Table:
    rows = tuple(
        (
            Cell(w.label),
            Cell(pct(w.p_new), w.p_new, "p_new"),
            Cell(f"{100 * w.effect:+.1f} points", w.effect, "effect"),
            Cell(f"{100 * w.ci95[0]:+.1f} to {100 * w.ci95[1]:+.1f}", None, "effect.ci95"),
        )
        for w in report.what_ifs
    )
    head = ("what if", "chance", "effect", "paired 95% interval")
    return Table(head, rows, tuple(f"{w.kind}:{w.party or ''}" for w in report.what_ifs))


def _strongest(spec: Spec) -> Strength | None:
    found = [o.strength for c in spec.clauses.values() for o in c.obligations if o.strength]
    return min(found, key=STRENGTH_ORDER.index) if found else None


def compare_table(report: Report) -> Table:
    """One row per design: parties, bodies, strongest duty, veto players, findings, the weighted chance with its
    interval, and its paired difference from the first design."""
    diffs: dict[str, Any] = {str(d["design"]): d["overall"] for d in report.differences}
    rows = []
    for spec in report.specs:
        result = report.result_of(spec.id)
        strongest = _strongest(spec)
        vetoes = sorted({v for b in report.powers[spec.id] if b.power for v in b.power.veto_players})
        mix: list[Cell] = [Cell("-"), Cell("-")]
        if result is not None:
            mix = _rate(result.overall("success"), "p_success")
        diff = diffs.get(spec.id)
        gap = [Cell("-")]
        if diff is not None:
            lo, hi = diff["ci95"]
            gap = [
                Cell(
                    f"{100 * diff['estimate']:+.1f} ({100 * lo:+.1f} to {100 * hi:+.1f})",
                    diff["estimate"],
                    "difference",
                )
            ]
        rows.append(
            (
                Cell(spec.id),
                Cell(str(len(spec.parties))),
                Cell(", ".join(spec.bodies) or "none"),
                Cell(f"{strongest.value}: {STRENGTH_WORDS[strongest]}" if strongest else "none"),
                Cell(", ".join(vetoes[:6]) + (f" and {len(vetoes) - 6} more" if len(vetoes) > 6 else "") or "none"),
                Cell(str(len(report.findings[spec.id]))),
                *mix,
                *gap,
            )
        )
    head = (
        "design",
        "parties",
        "bodies",
        "strongest duty",
        "veto players",
        "findings",
        "weighted chance",
        "95% interval",
        f"points vs {report.spec.id} (paired 95%)",
    )
    return Table(head, tuple(rows), tuple(s.id for s in report.specs))
