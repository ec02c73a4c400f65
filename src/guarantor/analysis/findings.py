"""A finding: a problem or loophole found in a spec, with a stable code and the place it concerns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from guarantor.errors import GuarantorError, Location

__all__ = ["Finding", "Severity"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """``code`` is stable (documented in docs/findings.md); ``name`` is its readable slug."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location | None = None
    clause: str | None = None
    parties: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "clause": self.clause,
            "parties": list(self.parties),
        }

    @classmethod
    def from_error(cls, error: GuarantorError) -> Finding:
        """A load error reported as a finding (``check --json`` prints both the same way)."""
        message = error.message + (f" ({error.hint})" if error.hint else "")
        return cls(error.code, "load-error", Severity.ERROR, message, error.location)
