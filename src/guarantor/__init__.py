"""guarantor: security guarantees as code.

Write a collective-defence guarantee down precisely, then check it for loopholes, measure power in its
decision bodies, simulate it against attack scenarios, run it against incident reports and report on it.
"""

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
    "QuorumNotMetError",
    "RuntimeStateError",
    "SignatureError",
    "SimulationError",
    "SourceError",
    "SpecError",
    "SpecReferenceError",
    "SpecStructureError",
    "SpecSyntaxError",
    "StoreError",
    "TimelineError",
    "__version__",
]
