"""The report's figures: power per body, the stress test's results, the what-ifs and the comparison.

Each function returns a :class:`Figure` whose caption states the finding and whose text alternative gives the
numbers drawn, so the page reads the same without the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from guarantor.report.bodies import BodyPower
from guarantor.report.svg import Figure, draw
from guarantor.report.whatifs import WhatIf
from guarantor.simulation import SimulationResult

__all__ = [
    "compare_chart",
    "criticality_chart",
    "power_chart",
    "sensitivity_chart",
    "stage_chart",
    "success_chart",
    "time_chart",
    "what_if_chart",
]

Rate = dict[str, Any]


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _rate(r: SimulationResult, sid: str) -> tuple[float, float, float]:
    row: Rate = r.tallies[sid].rate(r.tallies[sid].success)
    lo, hi = row["ci95"]
    return float(row["estimate"] or 0.0), float(lo), float(hi)


def power_chart(body: BodyPower) -> Figure:
    """Shapley-Shubik and Banzhaf index of each member of a voting body."""
    ss, bz = body.shapley(), body.banzhaf()
    names = list(ss)

    def paint(ax: Any) -> None:
        y = np.arange(len(names))
        ax.barh(y - 0.2, [ss[n] for n in names], 0.4, label="Shapley-Shubik")
        ax.barh(y + 0.2, [bz[n] for n in names], 0.4, label="Banzhaf")
        ax.set_yticks(y, names, fontsize=7 if len(names) > 15 else 9)
        ax.invert_yaxis()
        ax.set_xlabel("share of voting power")
        ax.legend(fontsize=8)

    alt = f"Voting power in {body.name}: " + "; ".join(
        f"{n} Shapley-Shubik {ss[n]:.3f}, Banzhaf {bz[n]:.3f}" for n in names
    )
    height = max(2.2, 0.22 * len(names) + 1.0)
    return draw(f"power-{body.id}", f"Voting power in {body.name}", alt, body.finding(), (7.0, height), paint)


def success_chart(r: SimulationResult) -> Figure:
    """The chance of a sufficient response in time per scenario, with 95% intervals."""
    sids = list(r.tallies)
    rates = [_rate(r, s) for s in sids]

    def paint(ax: Any) -> None:
        est = [e for e, _, _ in rates]
        err = np.maximum(0.0, np.array([[e - lo for e, lo, _ in rates], [hi - e for e, _, hi in rates]]))
        ax.bar(sids, est, yerr=err, capsize=4, color="#4c72b0")
        ax.set_ylim(0, 1)
        ax.set_ylabel("P(sufficient response in time)")
        ax.tick_params(axis="x", labelrotation=20)

    worst = min(zip(sids, rates, strict=True), key=lambda kv: kv[1][0])
    best = max(zip(sids, rates, strict=True), key=lambda kv: kv[1][0])
    caption = (
        f"The guarantee holds best against {best[0]} ({pct(best[1][0])}) and worst against {worst[0]} "
        f"({pct(worst[1][0])})."
    )
    alt = "Chance of a sufficient response in time: " + "; ".join(
        f"{s} {pct(e)} (95% interval {pct(lo)} to {pct(hi)})" for s, (e, lo, hi) in zip(sids, rates, strict=True)
    )
    return draw(f"success-{r.design.spec_id}", "Would it hold? Chance per scenario", alt, caption, (7.0, 3.4), paint)


def stage_losses(r: SimulationResult, sid: str) -> list[tuple[str, float]]:
    """Where the trials of one scenario are lost: never triggered, no decision, too little or too late; and held."""
    t = r.tallies[sid]
    n = max(t.n, 1)
    return [
        ("not triggered", (t.n - t.triggered) / n),
        ("no decision", (t.triggered - t.decided) / n),
        ("too little or too late", (t.decided - t.success) / n),
        ("held", t.success / n),
    ]


def stage_chart(r: SimulationResult) -> Figure:
    """A waterfall per scenario: the share of trials lost at each stage, and the share that held."""
    sids = list(r.tallies)
    losses = {s: stage_losses(r, s) for s in sids}
    colours = ["#c44e52", "#dd8452", "#ccb974", "#55a868"]

    def paint(ax: Any) -> None:
        left = np.zeros(len(sids))
        for k, (stage, _) in enumerate(losses[sids[0]]):
            width = np.array([losses[s][k][1] for s in sids])
            ax.barh(sids, width, left=left, color=colours[k], label=stage)
            left += width
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of attacks")
        ax.legend(fontsize=7, ncol=4, loc="lower center", bbox_to_anchor=(0.5, 1.0))

    biggest = max(((s, st, v) for s in sids for st, v in losses[s][:3]), key=lambda x: x[2])
    caption = f"The largest loss is at the stage '{biggest[1]}' in {biggest[0]}: {pct(biggest[2])} of attacks."
    alt = "Stage losses: " + "; ".join(s + ": " + ", ".join(f"{st} {pct(v)}" for st, v in losses[s]) for s in sids)
    height = 1.2 + 0.45 * len(sids)
    return draw(f"stages-{r.design.spec_id}", "Where the response is lost", alt, caption, (7.0, height), paint)


def time_chart(r: SimulationResult) -> Figure:
    """Time to a sufficient response: the share of attacks met by each day, with each fait-accompli time."""
    sids = list(r.tallies)
    horizon = max(30.0, 2 * max(sc.fait_accompli for sc in r.design.scenarios.values()))
    quantiles = {s: r.tallies[s].quantiles() for s in sids}

    def paint(ax: Any) -> None:
        for s in sids:
            days, cdf = r.tallies[s].cdf()
            keep = days <= horizon
            line = ax.plot(days[keep], cdf[keep], label=s)[0]
            ax.axvline(r.design.scenarios[s].fait_accompli, color=line.get_color(), linestyle=":", linewidth=1)
        ax.set_xlim(0, horizon)
        ax.set_ylim(0, 1)
        ax.set_xlabel("days after the attack (dotted: fait accompli)")
        ax.set_ylabel("share met by then")
        ax.legend(fontsize=7)

    medians = {s: q["p50"] for s, q in quantiles.items()}
    reached = {s: m for s, m in medians.items() if m is not None}
    if reached:
        fastest = min(reached, key=lambda s: reached[s])
        caption = f"Half of the attacks in {fastest} are met within {reached[fastest]:.1f} days, the fastest median."
    else:
        caption = "In no scenario is even half of the attacks met by a sufficient response."
    alt = "Time to a sufficient response (days, 10th, 50th and 90th percentile): " + "; ".join(
        f"{s} " + ", ".join("never" if v is None else f"{v:.1f}" for v in q.values()) for s, q in quantiles.items()
    )
    return draw(f"time-{r.design.spec_id}", "Time to a sufficient response", alt, caption, (7.0, 3.4), paint)


def criticality_chart(r: SimulationResult) -> Figure | None:
    """Each pledging party's Shapley value and the drop in success without it (weighted over scenarios)."""
    crit = r.overall_criticality()
    if not crit:
        return None
    names = list(crit)

    def paint(ax: Any) -> None:
        y = np.arange(len(names))
        ax.barh(y - 0.2, [crit[n]["shapley"] for n in names], 0.4, label="Shapley value")
        ax.barh(y + 0.2, [crit[n]["drop"] for n in names], 0.4, label="drop without it")
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.set_xlabel("share of the success probability")
        ax.legend(fontsize=8)

    top = names[0]
    caption = (
        f"{top} is the most critical party: Shapley value {crit[top]['shapley']:.3f}; without its pledges the chance "
        f"falls by {pct(crit[top]['drop'])}."
    )
    alt = "Party criticality: " + "; ".join(
        f"{n} Shapley {crit[n]['shapley']:.3f}, drop {crit[n]['drop']:.3f}" for n in names
    )
    height = max(2.2, 0.35 * len(names) + 1.0)
    return draw(f"criticality-{r.design.spec_id}", "Who the response depends on", alt, caption, (7.0, height), paint)


def sensitivity_chart(r: SimulationResult, shown: int = 10) -> Figure | None:
    """The parameters that move the weighted success probability most when moved by 10% either way."""
    rows = r.sensitivity[:shown]
    if not rows:
        return None
    names = [str(row["parameter"]) for row in rows]

    def paint(ax: Any) -> None:
        base = float(rows[0]["p_base"])  # type: ignore[arg-type]
        y = np.arange(len(rows))
        low = [float(row["p_low"]) - base for row in rows]  # type: ignore[arg-type]
        high = [float(row["p_high"]) - base for row in rows]  # type: ignore[arg-type]
        ax.barh(y, low, color="#c44e52", label="parameter -10%")
        ax.barh(y, high, color="#55a868", label="parameter +10%")
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(y, names, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel(f"change in the weighted chance (base {pct(base)})")
        ax.legend(fontsize=8)

    top = rows[0]
    caption = (
        f"The result is most sensitive to {top['parameter']}: -10% gives {pct(float(top['p_low']))}, "  # type: ignore[arg-type]
        f"+10% gives {pct(float(top['p_high']))}."  # type: ignore[arg-type]
    )
    alt = "Sensitivity: " + "; ".join(
        f"{row['parameter']} {pct(float(row['p_low']))} to {pct(float(row['p_high']))}"  # type: ignore[arg-type]
        for row in rows
    )
    height = max(2.2, 0.3 * len(rows) + 1.0)
    return draw(f"sensitivity-{r.design.spec_id}", "Sensitivity", alt, caption, (7.0, height), paint)


def what_if_chart(spec_id: str, rows: Sequence[WhatIf], shown: int = 12) -> Figure | None:
    """The what-ifs' effects on the weighted chance, with paired 95% intervals, largest gain first."""
    rows = list(rows[:shown])
    if not rows:
        return None

    def paint(ax: Any) -> None:
        y = np.arange(len(rows))
        effect = [w.effect for w in rows]
        err = np.maximum(0.0, np.array([[w.effect - w.ci95[0] for w in rows], [w.ci95[1] - w.effect for w in rows]]))
        colours = ["#55a868" if e >= 0 else "#c44e52" for e in effect]
        ax.barh(y, effect, xerr=err, capsize=3, color=colours)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(y, [w.label for w in rows], fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel("change in the weighted chance of a sufficient response")

    top = rows[0]
    interval = f"95% interval {_signed(top.ci95[0])} to {_signed(top.ci95[1])}"
    caption = f"The largest gain: {top.label}, {_signed(top.effect)} ({interval})."
    alt = "What-ifs: " + "; ".join(f"{w.label}: {_signed(w.effect)}" for w in rows)
    height = max(2.4, 0.32 * len(rows) + 1.0)
    return draw(f"whatif-{spec_id}", "What would raise it most", alt, caption, (8.0, height), paint)


def _signed(x: float) -> str:
    return f"{'+' if x >= 0 else '-'}{abs(100 * x):.1f} points"


def compare_chart(results: Sequence[SimulationResult]) -> Figure:
    """The designs side by side: the chance per scenario and over the mix, each with its 95% interval."""
    sids = list(results[0].tallies)
    labels = [*sids, "weighted mix"]

    def rates(r: SimulationResult) -> list[tuple[float, float, float]]:
        mix: Rate = r.overall("success")
        lo, hi = mix["ci95"]
        return [*(_rate(r, s) for s in sids), (float(mix["estimate"]), float(lo), float(hi))]

    table = {r.design.spec_id: rates(r) for r in results}
    width = 0.8 / len(results)

    def paint(ax: Any) -> None:
        x = np.arange(len(labels))
        for i, (name, rows) in enumerate(table.items()):
            est = [e for e, _, _ in rows]
            err = np.maximum(0.0, np.array([[e - lo for e, lo, _ in rows], [hi - e for e, _, hi in rows]]))
            ax.bar(x + i * width, est, width, yerr=err, capsize=3, label=name)
        ax.set_xticks(x + 0.4 - width / 2, labels, rotation=20, ha="right", fontsize=8)
        ax.set_ylim(0, 1)
        ax.set_ylabel("P(sufficient response in time)")
        ax.legend(fontsize=7)

    caption = compare_finding(results)
    alt = "Side by side: " + "; ".join(
        f"{name}: " + ", ".join(f"{lab} {pct(e)}" for lab, (e, _, _) in zip(labels, rows, strict=True))
        for name, rows in table.items()
    )
    return draw("compare", "Side by side", alt, caption, (8.0, 3.8), paint)


def compare_finding(results: Sequence[SimulationResult]) -> str:
    """Where the designs differ most, in one sentence."""
    first, others = results[0], results[1:]
    best: tuple[float, str, str] | None = None
    for other in others:
        for sid in first.tallies:
            gap = first.p_success(sid) - other.p_success(sid)
            if best is None or abs(gap) > abs(best[0]):
                best = (gap, sid, other.design.spec_id)
    if best is None:
        return "Only one design."
    gap, sid, other_id = best
    more = "more" if gap >= 0 else "less"
    return (
        f"The designs differ most in {sid}: {first.design.spec_id} holds {pct(abs(gap))} {more} often than "
        f"{other_id} ({pct(first.p_success(sid))} against {pct(first.p_success(sid) - gap)})."
    )
