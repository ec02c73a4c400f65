"""The search: every design when the space is small enough (exact), otherwise a model-based optimiser
(Optuna's TPE, multi-objective for a front) started from the cheapest expected-coverage allocation (CP-SAT),
plus the plain random and grid searches it is measured against. Every candidate is simulated on the same seed
(common random numbers); infeasible candidates are never simulated."""

from __future__ import annotations

import itertools
import random
import warnings
from collections.abc import Callable, Iterator
from typing import Any, Literal

from guarantor.design.candidate import Values, key, neighbours, violations
from guarantor.design.evaluate import Evaluation
from guarantor.design.space import DesignSpace, Variable
from guarantor.design.workers import Batch
from guarantor.errors import DesignSpaceError
from guarantor.spec.dump import spec_to_data
from guarantor.spec.model import Spec

__all__ = ["Method", "Searcher"]

Method = Literal["auto", "exhaustive", "optuna", "random", "grid"]
Progress = Callable[[int, int], None]


class Searcher:
    """Runs one search over ``space`` for ``spec``: ``budget`` simulated designs at most."""

    def __init__(
        self,
        space: DesignSpace,
        spec: Spec,
        run: Batch,
        *,
        budget: int,
        seed: int,
        batch: int = 1,
        progress: Progress | None = None,
    ) -> None:
        self.space, self.spec, self.run = space, spec, run
        self.budget, self.seed, self.batch = budget, seed, max(1, batch)
        self.progress = progress
        self.seen: dict[tuple[Any, ...], Evaluation] = {}
        self.skipped = 0
        self._space_data = space.model_dump(mode="json", exclude_none=True)
        self.spec_data = spec_to_data(spec)

    # -- bookkeeping -------------------------------------------------------------------------------------
    @property
    def evaluations(self) -> list[Evaluation]:
        return list(self.seen.values())

    def _left(self) -> int:
        return self.budget - len(self.seen)

    def score(self, candidates: list[dict[str, Any]]) -> list[Evaluation | None]:
        """Simulate the feasible, unseen candidates (within the budget); None for an infeasible one."""
        out: list[Evaluation | None] = [None] * len(candidates)
        todo: list[tuple[int, dict[str, Any]]] = []
        queued: set[tuple[Any, ...]] = set()
        for i, values in enumerate(candidates):
            k = key(values)
            if k in self.seen:
                out[i] = self.seen[k]
            elif violations(self.space, self.spec, values):
                self.skipped += 1
            elif k not in queued and len(todo) < self._left():
                todo.append((i, values))
                queued.add(k)
        jobs = [(self._space_data, self.spec_data, v, self.seed, self.space.trials) for _, v in todo]
        for (i, values), ev in zip(todo, self.run(jobs), strict=True):
            self.seen[key(values)] = ev
            out[i] = ev
        for i, values in enumerate(candidates):
            if out[i] is None and key(values) in self.seen:
                out[i] = self.seen[key(values)]
        if self.progress and todo:
            self.progress(len(self.seen), self.budget)
        return out

    # -- methods -----------------------------------------------------------------------------------------
    def run_method(self, method: Method, warm: list[dict[str, Any]] | None = None) -> str:
        """Run ``method`` (``auto`` picks exhaustive when every feasible design fits the budget); returns the
        method actually used."""
        if method == "auto":
            feasible = self._feasible_count()
            method = "exhaustive" if feasible is not None and feasible <= self.budget else "optuna"
        if method == "exhaustive":
            self._chunks(self._all())
        elif method == "random":
            self._chunks(self._random())
        elif method == "grid":
            self._chunks(iter(self._grid()))
        else:
            self._optuna(warm or [])
        return method

    def _chunks(self, candidates: Iterator[dict[str, Any]]) -> None:
        while self._left() > 0:
            chunk = list(itertools.islice(candidates, self.batch))
            if not chunk:
                return
            self.score(chunk)

    def _all(self) -> Iterator[dict[str, Any]]:
        names = list(self.space.variables)
        levels = [self.space.variables[n].levels() or [] for n in names]
        for combo in itertools.product(*levels):
            yield dict(zip(names, combo, strict=True))

    def _feasible_count(self, cap: int = 200_000) -> int | None:
        size = self.space.size()
        if size is None or size > cap:
            return None
        return sum(1 for v in self._all() if not violations(self.space, self.spec, v))

    def _random(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(self.seed)
        for _ in range(self.budget * 200):
            yield {n: _draw(var, rng) for n, var in self.space.variables.items()}

    def _grid(self) -> list[dict[str, Any]]:
        """The finest even grid whose feasible points fit the budget: levels are added one variable at a
        time, round robin, while the feasible points still fit (the grid search at its best); when even the
        two-level grid is too large, an evenly spaced sample of its feasible points."""
        names = list(self.space.variables)
        ks = dict.fromkeys(names, 2)
        best = self._grid_points(names, ks)
        grown = True
        while grown:
            grown = False
            for n in names:
                trial = {**ks, n: ks[n] + 1}
                if len(_spread(self.space.variables[n], trial[n])) == len(_spread(self.space.variables[n], ks[n])):
                    continue
                points = self._grid_points(names, trial)
                if len(points) <= self.budget:
                    ks, best, grown = trial, points, True
        if len(best) > self.budget:  # even two levels per variable do not fit: an evenly spaced subsample
            stride = len(best) / self.budget
            best = [best[int(i * stride)] for i in range(self.budget)]
        return best

    def _grid_points(self, names: list[str], ks: dict[str, int]) -> list[dict[str, Any]]:
        axes = [_spread(self.space.variables[n], ks[n]) for n in names]
        grid = (dict(zip(names, c, strict=True)) for c in itertools.product(*axes))
        return [g for g in grid if not violations(self.space, self.spec, g)]

    def _optuna(self, warm: list[dict[str, Any]]) -> None:
        try:
            import optuna
        except ImportError:
            raise DesignSpaceError(
                "this space is larger than the budget, and searching it needs Optuna (the 'design' extra)",
                hint="pip install 'guarantor-spec[design]', or raise --budget to enumerate every design",
            ) from None

        optuna.logging.set_verbosity(optuna.logging.WARNING)
        kind = self.space.objective.kind
        directions: list[Literal["minimize", "maximize"]] = (
            ["maximize"] if kind == "maximise" else ["maximize", "minimize"]
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            sampler = optuna.samplers.TPESampler(
                seed=self.seed, multivariate=True, n_startup_trials=min(10, max(3, self.budget // 5))
            )
            study = optuna.create_study(directions=directions, sampler=sampler)
            for values in warm:
                study.enqueue_trial(_to_params(self.space, values), skip_if_exists=True)
            polish = self.budget // 4  # the last quarter climbs from the best design found
            self.budget -= polish
            self._optuna_loop(study, kind)
            self.budget += polish
        self._polish()

    def _optuna_loop(self, study: Any, kind: str) -> None:
        asked, patience = 0, self.budget * 30
        while self._left() > 0 and asked < patience:
            trials = [study.ask() for _ in range(min(self.batch, self._left()))]
            asked += len(trials)
            candidates = [_suggest(t, self.space) for t in trials]
            for trial, values, ev in zip(trials, candidates, self.score(candidates), strict=True):
                broken = violations(self.space, self.spec, values)
                trial.set_constraint("limits", sum(broken.values()))
                p = ev.p if ev is not None else 0.0
                c = ev.cost if ev is not None else _cost_guess(self.space, values)
                study.tell(trial, [p] if kind == "maximise" else [p, c])

    def _polish(self) -> None:
        """Climb from the most likely design, on the same random numbers: first moves that add to the binding
        capability of the scenario that loses most (one provider raised, the largest raises first, paying for it by
        lowering another variable when a limit requires), then every one-step move; the best replaces the top
        while it improves. A TPE sampler on a small budget leaves such thresholds (air defence that only counts
        once the requirement is met) under-explored."""
        while self._left() > 0:
            feasible = [e for e in self.seen.values() if e.feasible]
            if not feasible:
                return
            top = max(feasible, key=lambda e: (e.p, -e.cost))
            moves = self._guided(top) + neighbours(self.space, top.values)
            fresh: list[dict[str, Any]] = []
            for n in moves:
                if key(n) not in self.seen and not violations(self.space, self.spec, n) and n not in fresh:
                    fresh.append(n)
            if not fresh:
                return
            scored = [e for e in self.score(fresh[: self._left()]) if e is not None]
            if not scored or max(e.p for e in scored) <= top.p:
                return

    def _guided(self, top: Evaluation) -> list[dict[str, Any]]:
        losses = sorted(
            ((top.weights.get(s, 0.0) * (1 - p), s) for s, p in top.per_scenario.items() if s in top.short),
            reverse=True,
        )
        if not losses:
            return []
        capability = top.short[losses[0][1]]
        providers = [n for n, v in self.space.variables.items() if v.is_amount and self._gives(n) == capability]
        others = [n for n, v in self.space.variables.items() if v.is_amount and n not in providers]
        out: list[dict[str, Any]] = []
        span = max((len(self.space.variables[n].levels() or range(11)) for n in providers), default=0)
        for steps in range(span, 0, -1):  # the largest raises first: a threshold is crossed all at once
            for name in providers:
                raised = _shift(self.space.variables[name], top.values, name, steps)
                if raised is None:
                    continue
                if not violations(self.space, self.spec, raised):
                    out.append(raised)
                else:
                    out.extend(self._pay_for(raised, others))
        return out

    def _pay_for(self, values: dict[str, Any], others: list[str]) -> list[dict[str, Any]]:
        """``values`` made feasible by lowering one other variable as little as needed (each way found)."""
        out = []
        for other in others:
            for steps in range(1, len(self.space.variables[other].levels() or range(11))):
                lowered = _shift(self.space.variables[other], values, other, -steps)
                if lowered is None:
                    break
                if not violations(self.space, self.spec, lowered):
                    out.append(lowered)
                    break
        return out

    def _gives(self, name: str) -> str:
        var = self.space.variables[name]
        if var.new_pledge is not None:
            return var.new_pledge.capability
        return next((p.capability for p in self.spec.pledges if p.id == var.pledge), "")


def _shift(var: Variable, values: Values, name: str, steps: int) -> dict[str, Any] | None:
    """``values`` with ``name`` moved ``steps`` levels (None past either end; continuous: tenths of the range)."""
    levels = var.levels()
    here = values[name]
    if levels is None:
        assert var.range is not None
        lo, hi = var.range
        moved = here + steps * (hi - lo) / 10
        return None if moved < lo - 1e-9 or moved > hi + 1e-9 else {**values, name: min(hi, max(lo, moved))}
    i = levels.index(here) if here in levels else 0
    j = i + steps
    return {**values, name: levels[j]} if 0 <= j < len(levels) else None


def _suggest(trial: Any, space: DesignSpace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, var in space.variables.items():
        levels = var.levels()
        if levels is None:
            assert var.range is not None
            out[name] = trial.suggest_float(name, var.range[0], var.range[1])
        else:
            # An index keeps the order of the levels, so the sampler can learn "more is better".
            out[name] = levels[trial.suggest_int(name, 0, len(levels) - 1)]
    return out


def _to_params(space: DesignSpace, values: Values) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, var in space.variables.items():
        levels = var.levels()
        out[name] = values[name] if levels is None else _nearest(levels, values[name])
    return out


def _nearest(levels: list[Any], value: Any) -> int:
    if value in levels:
        return levels.index(value)
    return min(range(len(levels)), key=lambda i: abs(float(levels[i]) - float(value)))


def _draw(var: Variable, rng: random.Random) -> Any:
    levels = var.levels()
    if levels is not None:
        return rng.choice(levels)
    assert var.range is not None
    return rng.uniform(*var.range)


def _spread(var: Variable, k: int) -> list[Any]:
    levels = var.levels()
    if levels is None:
        assert var.range is not None
        lo, hi = var.range
        return [lo + (hi - lo) * i / (k - 1) for i in range(k)]
    if len(levels) <= k:
        return levels
    picks = sorted({round(i * (len(levels) - 1) / (k - 1)) for i in range(k)})
    return [levels[i] for i in picks]


def _cost_guess(space: DesignSpace, values: Values) -> float:
    return sum(var.cost_of(values[n]) for n, var in space.variables.items())
