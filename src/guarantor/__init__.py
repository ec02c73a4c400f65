"""guarantor: security guarantees as code.

Write a collective-defence guarantee down precisely, then check it for loopholes, measure power in its
decision bodies, simulate it against attack scenarios, run it against incident reports and report on it::

    import guarantor
    spec = guarantor.load("nato-1949")          # a file, "-" (standard input) or a bundled instrument
    guarantor.check(spec).findings               # loopholes, each with a stable code
    guarantor.power(spec, "nac").shapley_shubik  # exact voting power in a body

Every result has ``to_json()`` and a rich display in Jupyter. Errors raised on purpose are ``GuarantorError``.
"""

from typing import TYPE_CHECKING

from guarantor.errors import (
    ChainError,
    DuplicateEntry,
    GameError,
    GameTooLargeError,
    GuarantorError,
    LedgerError,
    LedgerEventError,
    Location,
    NotCollectiveError,
    NotFound,
    PermissionDenied,
    QuorumNotMetError,
    RuntimeStateError,
    SignatureError,
    SimulationError,
    SourceError,
    SpecError,
    SpecReferenceError,
    SpecStructureError,
    SpecSyntaxError,
    StoreError,
    TimelineError,
)
from guarantor.toplevel import check, load, power, replay, simulate

if TYPE_CHECKING:
    from guarantor.analysis.run import CheckResult
    from guarantor.games.power import PowerReport
    from guarantor.runtime.replay import Replay
    from guarantor.simulation.result import SimulationResult
    from guarantor.spec.model import Spec

# The result types load with their parts, on first use, so ``import guarantor`` stays light.
_LAZY = {
    "CheckResult": "guarantor.analysis.run",
    "PowerReport": "guarantor.games.power",
    "Replay": "guarantor.runtime.replay",
    "SimulationResult": "guarantor.simulation.result",
    "Spec": "guarantor.spec.model",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'guarantor' has no attribute {name!r}")


def _installed_version() -> str:
    """The version of the installed distribution ``guarantor-spec`` (one number, kept in pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("guarantor-spec")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"


__version__ = _installed_version()

__all__ = [
    "ChainError",
    "CheckResult",
    "DuplicateEntry",
    "GameError",
    "GameTooLargeError",
    "GuarantorError",
    "LedgerError",
    "LedgerEventError",
    "Location",
    "NotCollectiveError",
    "NotFound",
    "PermissionDenied",
    "PowerReport",
    "QuorumNotMetError",
    "Replay",
    "RuntimeStateError",
    "SignatureError",
    "SimulationError",
    "SimulationResult",
    "SourceError",
    "Spec",
    "SpecError",
    "SpecReferenceError",
    "SpecStructureError",
    "SpecSyntaxError",
    "StoreError",
    "TimelineError",
    "__version__",
    "check",
    "load",
    "power",
    "replay",
    "simulate",
]
