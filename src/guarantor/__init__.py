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

__version__ = "0.1.0"

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
