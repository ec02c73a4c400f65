"""A row that could not be read: where it was, which column, why, and the cells to fix and re-submit."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Rejection"]


@dataclass(frozen=True, slots=True)
class Rejection:
    """One rejected row.

    ``row`` counts records as a spreadsheet shows them (the header, when there is one, is row 1);
    ``line`` is the physical line where the record starts (they differ after quoted newlines).
    ``column`` is ``None`` when the whole row is at fault (wrong number of cells, undecodable).
    ``cells`` are the row's cells by column name, as read; ``mapping`` is the column mapping (as JSON)
    for the generic formats, so the row can be parsed again after a fix.
    """

    format: str
    source: str
    file: str
    row: int
    line: int
    column: str | None
    reason: str
    cells: tuple[tuple[str, str], ...] = ()
    mapping: str | None = None

    @property
    def record(self) -> dict[str, str]:
        return dict(self.cells)

    @property
    def fingerprint(self) -> str:
        """A stable id: the same bad row read twice is the same quarantine entry."""
        body = json.dumps([self.format, self.source, self.cells, self.mapping], ensure_ascii=False)
        return hashlib.sha256(body.encode()).hexdigest()[:16]

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" + (f" [{self.column}]" if self.column else "")
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "source": self.source,
            "file": self.file,
            "row": self.row,
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
            "cells": dict(self.cells),
            "mapping": self.mapping,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rejection:
        return cls(
            format=str(data["format"]),
            source=str(data["source"]),
            file=str(data["file"]),
            row=int(data["row"]),
            line=int(data["line"]),
            column=data.get("column"),
            reason=str(data["reason"]),
            cells=tuple((str(k), str(v)) for k, v in data.get("cells", {}).items()),
            mapping=data.get("mapping"),
        )
