"""The report's "Design search" section, from a checked design result: the question searched, the front as a
table (its chart is in :mod:`guarantor.report.design_chart`), the recommended design's roles per party, the
limit that binds most, and how the recommended design differs from the spec reported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from guarantor.design.result import role_table
from guarantor.report.design_file import DesignData, PartyRoles, Pledge, Point
from guarantor.report.tables import Cell, Table, pct
from guarantor.spec import Spec

__all__ = ["DesignSection", "design_section", "design_summary"]

_OBJECTIVES = {
    "front": "the front of cost against probability, recommending the cheapest design on it within the best "
    "design's 95% interval",
    "maximise": "the most likely design",
}


@dataclass(frozen=True)
class DesignSection:
    """Sentences and tables of the section; ``data`` is the result they come from."""

    data: DesignData
    question: str
    settings: Table
    front: Table
    recommended: str
    roles: Table
    binding: Table
    binds_most: str
    changes: Table
    changed: str


def design_section(data: DesignData, spec: Spec) -> DesignSection:
    """The section on ``data``, a design result already checked against ``spec`` (the spec reported)."""
    changes = change_table(data, spec)
    return DesignSection(
        data=data,
        question=_question(data),
        settings=_settings(data),
        front=front_table(data),
        recommended=_recommended(data),
        roles=roles_table(data.roles),
        binding=binding_table(data),
        binds_most=_binds_most(data),
        changes=changes,
        changed=_changed(data, spec, len(changes.rows)),
    )


def _values(values: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items()) or "-"


def _interval(p: Point) -> str:
    return f"{pct(p.ci95[0])} to {pct(p.ci95[1])}"


def _question(d: DesignData) -> str:
    goal = _OBJECTIVES.get(d.objective.kind, f"the {d.objective.kind} objective")
    if d.objective.kind == "target":
        goal = f"the cheapest design reaching a probability of {pct(d.objective.target or 0.0)}"
    posture = f", with the posture {d.posture} applied first" if d.posture else ""
    n = d.skipped_infeasible
    skipped = f"; {n} more broke a political limit and were not simulated" if n else ""
    return (
        f"The search looked for {goal}, scoring each design by the chance of a sufficient, timely response over "
        f"the scenarios of {d.spec}{posture}. Method {d.method}: {d.simulated} designs simulated within a budget of "
        f"{d.budget}, each on seed {d.seed} with {d.trials:,} trials per scenario{skipped}."
    )


def _settings(d: DesignData) -> Table:
    rows = [
        ("objective", Cell(d.objective.kind)),
        ("target", Cell(pct(d.objective.target), d.objective.target, "target")),
        ("method", Cell(d.method)),
        ("budget (designs)", Cell(str(d.budget), d.budget, "budget")),
        ("designs simulated", Cell(str(d.simulated), d.simulated, "simulated")),
        ("broke a limit, not simulated", Cell(str(d.skipped_infeasible), d.skipped_infeasible, "skipped")),
        ("seed", Cell(str(d.seed), d.seed, "seed")),
        ("trials per scenario", Cell(f"{d.trials:,}", d.trials, "trials")),
        ("posture applied first", Cell(d.posture or "none")),
        ("hypervolume of the front", Cell(f"{d.hypervolume:.3f}", d.hypervolume, "hypervolume")),
        ("recommended spec SHA-256", Cell(d.chosen_spec_sha256 or "none")),
        ("result file", Cell(d.source)),
    ]
    keys = tuple(k for k, _ in rows)
    return Table(("item", "value"), tuple((Cell(k), c) for k, c in rows), keys)


def front_table(d: DesignData) -> Table:
    """The front cheapest first, as the result gives it: cost, probability, interval, the variables' values."""
    rows = tuple(
        (
            Cell(f"{e.cost:g}", e.cost, "cost"),
            Cell(pct(e.p_success), e.p_success, "p_success"),
            Cell(_interval(e), None, "p_success.ci95"),
            Cell(_values(e.values)),
            Cell("yes" if _is_chosen(d, e) else ""),
        )
        for e in d.front
    )
    head = ("cost", "chance of a sufficient response in time", "95% interval", "design", "recommended")
    return Table(head, rows, tuple(f"front-{i}" for i in range(len(rows))))


def _is_chosen(d: DesignData, e: Point) -> bool:
    return d.chosen is not None and d.chosen.values == e.values


def _recommended(d: DesignData) -> str:
    c = d.chosen
    if c is None:
        return "No feasible design was found: every candidate broke a political limit."
    scenarios = "; ".join(f"{sid} {pct(p)}" for sid, p in c.per_scenario.items())
    return (
        f"Recommended: {d.why_chosen}. It gives a sufficient response in time with probability {pct(c.p_success)} "
        f"(95% interval {_interval(c)}) at cost {c.cost:g}" + (f"; per scenario: {scenarios}." if scenarios else ".")
    )


def _pledge_text(p: Pledge) -> str:
    amount = "-" if p.amount is None else f"{p.amount:g}"
    unit = f" {p.unit}" if p.unit else ""
    where = f", {p.where}" if p.where else ""
    head = f"{p.id}: " if p.id else ""
    return f"{head}{amount}{unit} {p.capability} ({p.domain or '-'}, {p.arrival or '-'}{where})"


def roles_table(roles: Iterable[PartyRoles]) -> Table:
    """One row per party: its roles (the groups it acts in) and every pledge of the recommended design."""
    parties = list(roles)
    rows = tuple(
        (
            Cell(f"{r.name} ({r.party})" if r.name else r.party),
            Cell(", ".join(r.roles) or "-"),
            Cell("; ".join(_pledge_text(p) for p in r.pledges) or "no pledge"),
        )
        for r in parties
    )
    return Table(("party", "roles", "pledges"), rows, tuple(r.party for r in parties))


def binding_table(d: DesignData) -> Table:
    base = d.chosen.p_success if d.chosen else 0.0
    rows = tuple(
        (
            Cell(r.limit),
            Cell(f"{100 * r.gain:+.1f} points", r.gain, "gain"),
            Cell(f"{pct(base)} to {pct(r.p_success)}", r.p_success, "p_success"),
            Cell(f"{r.cost:g}", r.cost, "cost"),
            Cell(_values(r.move)),
        )
        for r in d.binding_limits
    )
    head = ("limit relaxed", "gain", "chance", "cost", "the step it allows")
    return Table(head, rows, tuple(r.limit for r in d.binding_limits))


def _binds_most(d: DesignData) -> str:
    if d.chosen is None:
        return "With no feasible design there is nothing to relax."
    if not d.binding_limits:
        return (
            "No limit binds the recommended design: no design one step away is forbidden by one limit alone "
            "(or the design file sets no limits)."
        )
    r = d.binding_limits[0]
    step = f"one step ({_values(r.move)})"
    if r.gain <= 0:
        return (
            f"No limit holds the guarantee back: relaxing {r.limit} by {step}, the best such move, would change "
            f"the chance by {100 * r.gain:+.1f} points."
        )
    return (
        f"The limit that binds most is {r.limit}: relaxing it by {step} would raise the chance from "
        f"{pct(d.chosen.p_success)} to {pct(r.p_success)} ({100 * r.gain:+.1f} points) at cost {r.cost:g}, "
        "on the same random numbers."
    )


def _keyed(pledges: list[Pledge]) -> dict[str, Pledge]:
    """Pledges by id; one without an id by its capability and domain, numbered in order."""
    seen: Counter[str] = Counter()
    out: dict[str, Pledge] = {}
    for p in pledges:
        key = p.id or f"{p.capability}/{p.domain}#{seen[f'{p.capability}/{p.domain}']}"
        seen[f"{p.capability}/{p.domain}"] += 1
        out[key] = p
    return out


def change_table(d: DesignData, spec: Spec) -> Table:
    """Every role and pledge of the recommended design that differs from ``spec`` as written."""
    before = {r.party: r for r in (PartyRoles.model_validate(row) for row in role_table(spec))}
    rows: list[tuple[Cell, ...]] = []
    for after in d.roles:
        old = before.get(after.party, PartyRoles(party=after.party))
        if old.roles != after.roles:
            rows.append(
                (
                    Cell(after.party),
                    Cell("roles"),
                    Cell(", ".join(old.roles) or "-"),
                    Cell(", ".join(after.roles) or "-"),
                )
            )
        was, now = _keyed(old.pledges), _keyed(after.pledges)
        for key in [*was, *(k for k in now if k not in was)]:
            a, b = was.get(key), now.get(key)
            if a != b:
                texts = [_pledge_text(p) if p else "none" for p in (a, b)]
                rows.append((Cell(after.party), Cell(key), Cell(texts[0]), Cell(texts[1])))
    return Table(("party", "pledge", f"in {spec.id}", "in the recommended design"), tuple(rows))


def _changed(d: DesignData, spec: Spec, n: int) -> str:
    if d.chosen is None:
        return "With no feasible design there is nothing to compare."
    text = f"The recommended design sets the search's variables to {_values(d.chosen.values)}; " + (
        f"{n} of its roles and pledges differ from {spec.id} as written."
        if n
        else f"its roles and pledges are those of {spec.id} as written."
    )
    if d.posture:
        text += f" The search applied the posture {d.posture} first, so the differences include the posture's."
    return text + " A variable may also change a rule or a deadline, which the pledges do not show."


def design_summary(section: DesignSection) -> dict[str, Any]:
    """The section's figures for ``report --json``: the question and the answers in words, and each table as
    rows by column (named by the cell's key where it has one, such as ``p_success``, else by the column's
    heading), a cell's exact number where it has one, else its text."""

    def rows(table: Table) -> list[dict[str, Any]]:
        return [
            {
                (cell.key or head): cell.text if cell.value is None else cell.value
                for head, cell in zip(table.head, row, strict=True)
            }
            for row in table.rows
        ]

    data = section.data
    return {
        "source": data.source,
        "question": section.question,
        "recommended": section.recommended,
        "chosen": None if data.chosen is None else data.chosen.model_dump(mode="json"),
        "front": rows(section.front),
        "roles": rows(section.roles),
        "binds_most": section.binds_most,
        "binding_limits": rows(section.binding),
        "changed": section.changed,
        "changes": rows(section.changes),
    }
