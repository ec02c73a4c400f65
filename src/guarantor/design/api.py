"""``design``: search a design space for the roles and pledges that make a guarantee hold."""

from __future__ import annotations

from collections.abc import Callable

from guarantor.design.allocate import cover_front
from guarantor.design.binding import binding_limits
from guarantor.design.candidate import build_spec, validate_against
from guarantor.design.evaluate import Evaluation
from guarantor.design.front import pareto_front
from guarantor.design.result import DesignResult
from guarantor.design.search import Method, Searcher
from guarantor.design.space import DesignSpace
from guarantor.design.workers import executor
from guarantor.errors import DesignSpaceError
from guarantor.simulation.whatif import apply_posture, load_posture
from guarantor.spec.dump import spec_hash
from guarantor.spec.model import Spec

__all__ = ["design"]


def design(
    spec: Spec,
    space: DesignSpace,
    *,
    budget: int = 60,
    seed: int = 0,
    trials: int | None = None,
    workers: int = 1,
    address: str | None = None,
    method: Method = "auto",
    posture: str | None = None,
    relax_budget: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DesignResult:
    """Search ``space`` for ``spec``: at most ``budget`` simulated designs, each on the same ``seed`` (common
    random numbers), in parallel on ``workers`` processes or a Ray cluster at ``address``."""
    if budget < 1:
        raise DesignSpaceError(f"--budget must be at least 1, got {budget}")
    if seed < 0:
        raise DesignSpaceError(f"--seed must be 0 or more, got {seed}")
    if workers < 1:
        raise DesignSpaceError(f"--workers must be at least 1, got {workers}")
    if trials is not None:
        space = space.model_copy(update={"trials": trials})
    if space.trials < 100:
        raise DesignSpaceError(f"trials must be at least 100, got {space.trials}")
    base = _with_posture(spec, posture or space.posture)
    validate_against(space, base)
    notes: list[str] = []
    warm = cover_front(space, base)
    if not warm:
        notes.append("no CP-SAT warm start (OR-Tools missing, or no discrete amounts to allocate)")
    with executor(workers, address) as run:
        searcher = Searcher(space, base, run, budget=budget, seed=seed, batch=workers, progress=progress)
        used = searcher.run_method(method, warm)
        chosen, why = _choose(space, searcher.evaluations)
        relax = relax_budget if relax_budget is not None else max(4, budget // 5)
        binding = binding_limits(searcher, chosen, extra_budget=relax) if chosen and space.limits else []
    if not searcher.evaluations:
        notes.append("no feasible design: every candidate breaks a limit")
    return DesignResult(
        spec_id=spec.id,
        spec_sha256=spec_hash(base),
        method=used,
        budget=budget,
        seed=seed,
        trials=space.trials,
        objective=space.objective.kind,
        target=space.objective.target,
        evaluations=searcher.evaluations,
        chosen=chosen,
        chosen_spec=build_spec(space, base, chosen.values) if chosen else None,
        why_chosen=why,
        binding=binding,
        skipped_infeasible=searcher.skipped,
        notes=notes,
        source_sha256=spec_hash(spec),
        posture=posture or space.posture,
    )


def _with_posture(spec: Spec, posture: str | None) -> Spec:
    spec = apply_posture(spec, load_posture(posture)) if posture else spec
    if not spec.scenarios:
        raise DesignSpaceError(
            f"spec '{spec.id}' has no scenarios to score designs on", hint="add 'scenarios:' or give --posture FILE"
        )
    return spec


def _choose(space: DesignSpace, evals: list[Evaluation]) -> tuple[Evaluation | None, str]:
    """The recommended design: the most likely (maximise); the cheapest reaching the target (target); on a
    front, the cheapest whose probability is within the best design's 95% interval."""
    feasible = [e for e in evals if e.feasible]
    if not feasible:
        return None, "no feasible design"
    best = max(feasible, key=lambda e: (e.p, -e.cost))
    kind = space.objective.kind
    if kind == "maximise":
        return best, f"the highest probability found ({best.p:.3f})"
    if kind == "target":
        target = space.objective.target or 0.0
        reaching = [e for e in feasible if e.p >= target]
        if reaching:
            pick = min(reaching, key=lambda e: (e.cost, -e.p))
            return pick, f"the cheapest design reaching the target {target:.2f} (cost {pick.cost:g})"
        return best, f"no design reaches the target {target:.2f}; the highest probability found ({best.p:.3f})"
    near = [e for e in pareto_front(feasible) if e.p >= best.ci95[0]]
    pick = min(near, key=lambda e: (e.cost, -e.p))
    return pick, (
        f"the cheapest design on the front within the best design's 95% interval "
        f"({pick.p:.3f} at cost {pick.cost:g}, best {best.p:.3f} at cost {best.cost:g})"
    )
