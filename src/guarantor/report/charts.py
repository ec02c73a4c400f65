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
from guarantor.simulation.kernel import SHARES

__all__ = [
    "compare_chart",
    "criticality_chart",
    "power_chart",
    "sensitivity_chart",
    "share_chart",
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
    """Where the attacks of one scenario are lost, by the first stage that failed (the simulation's stages), and
    the share that held."""
    return [*r.stage_losses(sid).items(), ("held", r.p_success(sid))]


STAGE_WORDS = {
    "shortfall": "not enough pledged",
    "trigger": "no trigger",
    "attribution": "not attributed",
    "decision": "no decision",
    "will": "parties do not act",
    "conditions": "conditions not met",
    "timing": "too late",
    "held": "held",
}


def stage_chart(r: SimulationResult) -> Figure:
    """A waterfall per scenario: the share of attacks lost at each stage, in order, and the share that held."""
    sids = list(r.tallies)
    losses = {s: stage_losses(r, s) for s in sids}
    names = [n for n, _ in losses[sids[0]]]
    colours = ["#8c2d04", "#c44e52", "#dd8452", "#ccb974", "#8172b3", "#937860", "#da8bc3", "#55a868"]

    def paint(ax: Any) -> None:
        left = np.zeros(len(sids))
        for k, stage in enumerate(names):
            width = np.array([losses[s][k][1] for s in sids])
            ax.barh(sids, width, left=left, color=colours[k % len(colours)], label=STAGE_WORDS.get(stage, stage))
            left += width
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of attacks, by the first stage that fails")
        ax.legend(fontsize=7, ncol=4, loc="lower center", bbox_to_anchor=(0.5, 1.0))

    biggest = max(((s, st, v) for s in sids for st, v in losses[s][:-1]), key=lambda x: x[2])
    caption = (
        f"The largest loss is '{STAGE_WORDS.get(biggest[1], biggest[1])}' in {biggest[0]}: "
        f"{pct(biggest[2])} of attacks fail there first."
    )
    alt = "Stage losses: " + "; ".join(
        s + ": " + ", ".join(f"{STAGE_WORDS.get(st, st)} {pct(v)}" for st, v in losses[s]) for s in sids
    )
    height = 1.5 + 0.45 * len(sids)
    title = f"Where the response is lost ({r.design.spec_id})"
    return draw(f"stages-{r.design.spec_id}", title, alt, caption, (7.5, height), paint)


def share_chart(r: SimulationResult) -> Figure:
    """The share of the requirement on hand over time: over the scenario mix, the chance that at least 25%, 50%,
    75% and all of every required capability has arrived by each day."""
    weights = r.weights
    horizon = max(30.0, 2 * max(sc.fait_accompli for sc in r.design.scenarios.values()))
    days = np.arange(0, horizon + 0.01, 0.25)
    curves = {
        share: np.array(
            [
                sum(w * r.tallies[s].by_time(float(d), i) / max(r.tallies[s].n, 1) for s, w in weights.items())
                for d in days
            ]
        )
        for i, share in enumerate(SHARES)
    }
    mix_fa = sum(w * r.design.scenarios[s].fait_accompli for s, w in weights.items())

    def paint(ax: Any) -> None:
        for share, curve in curves.items():
            ax.plot(days, curve, label=f"at least {round(share * 100)}% of the requirement")
        ax.axvline(mix_fa, color="grey", linestyle=":", linewidth=1)
        ax.set_xlim(0, horizon)
        ax.set_ylim(0, 1)
        ax.set_xlabel("days after the attack (dotted: mean fait-accompli time)")
        ax.set_ylabel("chance, over the scenario mix")
        ax.legend(fontsize=7)

    at = int(np.searchsorted(days, mix_fa))
    at = min(at, len(days) - 1)
    half, full = curves[SHARES[1]][at], curves[SHARES[-1]][at]
    caption = (
        f"By the mean fait-accompli time ({mix_fa:.1f} days) half the requirement is on hand in {pct(half)} of "
        f"attacks and all of it in {pct(full)}."
    )
    alt = (
        "Share of the requirement on hand by day "
        + ", ".join(
            f"{d:g}: " + "/".join(pct(float(curves[s][k])) for s in SHARES)
            for k, d in enumerate(days)
            if d in (1, 3, 7, 14, 30)
        )
        + " (at least 25%, 50%, 75%, 100%)."
    )
    return draw(f"share-{r.design.spec_id}", "Share of the requirement over time", alt, caption, (7.0, 3.4), paint)


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


def compare_chart(results: Sequence[SimulationResult], differences: Sequence[dict[str, Any]]) -> Figure:
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

    caption = compare_finding(results, differences)
    alt = "Side by side: " + "; ".join(
        f"{name}: " + ", ".join(f"{lab} {pct(e)}" for lab, (e, _, _) in zip(labels, rows, strict=True))
        for name, rows in table.items()
    )
    return draw("compare", "Side by side", alt, caption, (8.0, 3.8), paint)


def compare_finding(results: Sequence[SimulationResult], differences: Sequence[dict[str, Any]]) -> str:
    """Where the designs differ most, in one sentence, with the paired interval of that difference."""
    if len(results) < 2 or not differences:
        return "Only one design."
    base = results[0].design.spec_id
    gap, sid, other, ci = 0.0, "", "", [0.0, 0.0]
    for diff in differences:
        for scenario, row in diff["scenarios"].items():
            if abs(float(row["estimate"])) >= abs(gap):
                gap, sid, other, ci = float(row["estimate"]), scenario, str(diff["design"]), row["ci95"]
    if gap == 0.0:
        return f"The designs hold equally often in every scenario ({pct(results[0].p_success(sid))} in {sid})."
    word = "less" if gap > 0 else "more"
    # The interval of the gap as stated: of (other - base) when the other holds more, else of (base - other).
    lo, hi = (100 * float(ci[0]), 100 * float(ci[1])) if gap > 0 else (-100 * float(ci[1]), -100 * float(ci[0]))
    return (
        f"The designs differ most in {sid}: {base} holds {100 * abs(gap):.1f} points {word} often than {other} "
        f"(paired 95% interval {lo:.1f} to {hi:.1f} points)."
    )
