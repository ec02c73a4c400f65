"""Where evaluations run: in this process, on a local process pool, or on a Ray cluster."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from guarantor.design.evaluate import Evaluation, evaluate_job
from guarantor.errors import SimulationError

__all__ = ["Batch", "executor"]

Job = tuple[dict[str, Any], dict[str, Any], dict[str, Any], int, int]
Batch = Callable[[Sequence[Job]], list[Evaluation]]


@contextmanager
def executor(workers: int = 1, address: str | None = None) -> Iterator[Batch]:
    """A function that evaluates a batch of jobs, in order; the pool lives as long as the ``with`` block."""
    if address:
        with _ray(address) as run:
            yield run
    elif workers <= 1:
        yield lambda jobs: [evaluate_job(j) for j in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield lambda jobs: list(pool.map(evaluate_job, jobs))


@contextmanager
def _ray(address: str) -> Iterator[Batch]:
    try:
        import ray
    except ImportError:
        raise SimulationError("--address needs Ray", hint="pip install 'guarantor-spec[ray]'") from None
    try:
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    except Exception as exc:  # Ray raises plain ConnectionError/RuntimeError subclasses
        raise SimulationError(
            f"cannot reach the Ray cluster at {address}: {exc}",
            hint="start it with 'ray start --head' or drop --address",
        ) from None
    remote = ray.remote(num_cpus=1)(evaluate_job)
    try:
        yield lambda jobs: list(ray.get([remote.remote(j) for j in jobs]))
    finally:
        ray.shutdown()
