"""The one exception tree of guarantor.

Every error carries a stable ``code`` (documented in the installed page: ``guarantor docs errors#e101``), a
message that shows the bad value and the expected form, an optional ``hint`` (the fix) and an optional source
``location``. The CLI maps an error to an exit code (``exit_code``), the server to an HTTP status
(``http_status``).

    GuarantorError                        E000
    ├── OutputError                       E010  standard output that cannot be written (a full disk, a closed pipe)
    ├── SpecError (ValueError)            E100  a spec cannot be read or is not valid
    │   ├── SpecSyntaxError               E101  not YAML, binary, too large, nested too deep, a YAML bomb
    │   ├── SpecStructureError            E102  wrong shape, type or unknown key
    │   └── SpecReferenceError            E103  an unknown party, body, clause, role or scenario
    ├── GameError (ValueError)            E200  a decision rule that is not a valid simple game
    │   ├── NotCollectiveError            E201  a unilateral rule: each member decides alone, no game
    │   ├── GameTooLargeError             E202  no exact method for this body within the limits
    │   ├── QuorumNotMetError             E203  too few members left to vote after exclusions
    │   └── TallyError                    E204  a vote tally that names a member twice
    ├── SimulationError (ValueError)      E300  bad simulation parameters or scenarios
    │   └── DesignSpaceError              E310  a design space that cannot be searched
    ├── SourceError (ValueError)          E400  an incident feed that cannot be read
    │   ├── SourceFormatError             E401  a file whose layout or encoding is not the format named
    │   ├── MappingError                  E402  a column-mapping YAML file that is not valid
    │   ├── RowRejected                   E403  one row that cannot be read (quarantined, not raised to users)
    │   ├── AtopDataError                 E410  an ATOP or COW file that cannot be read
    │   └── AtopExportError               E411  a spec that cannot be written as ATOP rows
    ├── LedgerError                       E500  the ledger store
    │   ├── SignatureError                E501  a missing or forged signature
    │   ├── ChainError                    E502  a broken hash chain
    │   ├── LedgerEventError (ValueError) E503  an event that cannot be recorded (not canonical JSON)
    │   ├── StoreError                    E504  a store that cannot be opened, created or migrated
    │   └── DuplicateEntry                E505  a signed submission that is already recorded
    ├── RuntimeStateError                 E600  an event that does not fit the state of the guarantee
    │   └── TimelineError (ValueError)    E601  a malformed timeline file or event
    ├── PermissionDenied (PermissionError) E700  a principal without the right
    ├── ReportError                       E710  a report that cannot be made or written
    ├── NotFound (LookupError)            E800  an unknown object (spec, case, body, entry, page)
    ├── Unauthenticated                   E801  a server request without a valid token
    ├── RequestError (ValueError)         E802  a server request that cannot be read (malformed JSON, wrong types)
    │   └── PayloadTooLarge               E803  a request body over the server's limit
    ├── NonceReplayed                     E804  a signed submission whose nonce was already used
    └── ReadingError (ValueError)         E900  a news report that cannot be read
        └── ReportInputError              E901  binary, empty, not UTF-8 or too large

The drawing is checked by ``tests/test_package.py``: every class here, with its parents and code, and no other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

__all__ = [
    "AtopDataError",
    "AtopExportError",
    "ChainError",
    "DesignSpaceError",
    "DuplicateEntry",
    "GameError",
    "GameTooLargeError",
    "GuarantorError",
    "LedgerError",
    "LedgerEventError",
    "Location",
    "MappingError",
    "NonceReplayed",
    "NotCollectiveError",
    "NotFound",
    "OutputError",
    "PayloadTooLarge",
    "PermissionDenied",
    "QuorumNotMetError",
    "ReadingError",
    "ReportError",
    "ReportInputError",
    "RequestError",
    "RowRejected",
    "RuntimeStateError",
    "SignatureError",
    "SimulationError",
    "SourceError",
    "SourceFormatError",
    "SpecError",
    "SpecReferenceError",
    "SpecStructureError",
    "SpecSyntaxError",
    "StoreError",
    "TallyError",
    "TimelineError",
    "Unauthenticated",
]

# Every error names its documentation as the command that prints the installed page (see guarantor.manual).
DOCS = "guarantor docs errors"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; line and column are 1-based, 0 where unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class GuarantorError(Exception):
    """Base of every error raised on purpose by guarantor."""

    code: ClassVar[str] = "E000"
    exit_code: ClassVar[int] = 2
    http_status: ClassVar[int] = 400

    def __init__(self, message: str, *, hint: str | None = None, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.location = location

    @property
    def docs_url(self) -> str:
        return f"{DOCS}#{self.code.lower()}"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        fix = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.code} {self.message}{fix}"

    def to_dict(self) -> dict[str, object]:
        """The one JSON error shape used by the CLI and the server."""
        out: dict[str, object] = {"code": self.code, "message": self.message, "docs": self.docs_url}
        if self.hint:
            out["hint"] = self.hint
        if self.location:
            out["file"] = self.location.file
            out["line"] = self.location.line
            out["column"] = self.location.column
        return out


class OutputError(GuarantorError):
    """Standard output that cannot be written: a full disk or device, a pipe closed by its reader."""

    code = "E010"


class SpecError(GuarantorError, ValueError):
    """A spec that cannot be loaded. ``problems`` lists every problem found, this one first."""

    code = "E100"

    def __init__(self, message: str, *, hint: str | None = None, location: Location | None = None) -> None:
        super().__init__(message, hint=hint, location=location)
        self.problems: list[SpecError] = [self]


class SpecSyntaxError(SpecError):
    code = "E101"


class SpecStructureError(SpecError):
    code = "E102"


class SpecReferenceError(SpecError):
    code = "E103"


class GameError(GuarantorError, ValueError):
    code = "E200"


class SimulationError(GuarantorError, ValueError):
    code = "E300"


class DesignSpaceError(SimulationError):
    """A design file (``guarantor design --space``) that is not valid or does not fit its spec."""

    code = "E310"


class SourceError(GuarantorError, ValueError):
    code = "E400"


class LedgerError(GuarantorError):
    code = "E500"
    http_status = 500


class SignatureError(LedgerError):
    code = "E501"
    http_status = 403


class ChainError(LedgerError):
    code = "E502"
    exit_code = 1
    http_status = 409


class RuntimeStateError(GuarantorError):
    code = "E600"
    http_status = 409
    entry: int | None = None
    """The number of the folded event that did not fit (set by the runtime when one event is at fault)."""


class PermissionDenied(GuarantorError, PermissionError):
    code = "E700"
    http_status = 403


class NotFound(GuarantorError, LookupError):
    code = "E800"
    http_status = 404


class LedgerEventError(LedgerError, ValueError):
    """An event the ledger cannot record: not canonical JSON, or without ``type`` and ``time``."""

    code = "E503"
    http_status = 400


class StoreError(LedgerError):
    """A ledger store that cannot be opened, created or migrated (bad URL, missing driver, old schema)."""

    code = "E504"


class DuplicateEntry(LedgerError):
    """A signed submission that the ledger already holds; replaying it would record the same act twice."""

    code = "E505"
    http_status = 409


class NotCollectiveError(GameError):
    """A unilateral rule: each member decides for itself, so there is no collective game to analyse."""

    code = "E201"


class GameTooLargeError(GameError):
    """No exact method covers this body within the limits (players, weights, composition)."""

    code = "E202"


class QuorumNotMetError(GameError):
    """After excluding interested parties, fewer members are left than the quorum requires."""

    code = "E203"


class TallyError(GameError):
    """A vote tally that cannot be counted: a member named in two of its sets."""

    code = "E204"


class SourceFormatError(SourceError):
    code = "E401"


class MappingError(SourceError):
    code = "E402"


class RowRejected(SourceError):
    """One row of a feed that cannot be read; carries the column at fault (``None`` for the whole row)."""

    code = "E403"
    exit_code = 1

    def __init__(self, message: str, *, column: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.column = column


class AtopDataError(SourceError):
    """An ATOP or COW file that cannot be read: a missing column, or a row with a malformed code."""

    code = "E410"


class AtopExportError(SourceError):
    """A spec that cannot be written as ATOP rows (no date to place it in time, an unknown state code)."""

    code = "E411"


class TimelineError(RuntimeStateError, ValueError):
    """A malformed timeline file or event: names the file, the entry and the fix."""

    code = "E601"
    http_status = 400


class ReportError(GuarantorError):
    """A report that cannot be made (no plotting library) or written (an output path that cannot be opened)."""

    code = "E710"


class Unauthenticated(GuarantorError):
    """A server request without a valid bearer token (or session cookie)."""

    code = "E801"
    http_status = 401


class RequestError(GuarantorError, ValueError):
    """A server request that cannot be read: malformed JSON, a wrong type, a missing field, a bad parameter."""

    code = "E802"
    http_status = 422


class PayloadTooLarge(RequestError):
    """A request body over the server's size limit."""

    code = "E803"
    http_status = 413


class NonceReplayed(GuarantorError):
    """A signed submission whose nonce that principal has already used: a replay, refused and recorded."""

    code = "E804"
    http_status = 409


class ReadingError(GuarantorError, ValueError):
    """A news report or a ``guarantor read`` option that cannot be used (a bad ``--date``)."""

    code = "E900"


class ReportInputError(ReadingError):
    """A report that is not text: binary, empty, not UTF-8, or larger than the reader takes."""

    code = "E901"
