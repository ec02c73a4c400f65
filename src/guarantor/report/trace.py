"""A sentence of the report and the part of the spec it comes from, with that part's treaty text and source."""

from __future__ import annotations

from dataclasses import dataclass

from guarantor.errors import Location

__all__ = ["Sentence", "Trace"]


@dataclass(frozen=True, slots=True)
class Trace:
    """Where a statement comes from: ``kind`` is clause, body, party, pledge, undertaking or instrument."""

    kind: str
    id: str
    text: str | None = None
    source: str | None = None
    location: Location | None = None

    @property
    def label(self) -> str:
        return self.id if self.kind == "clause" else f"{self.kind} {self.id}"

    @property
    def anchor(self) -> str:
        """The HTML id of this part of the spec in the report's appendix of texts."""
        return f"{self.kind}-{self.id}".replace(" ", "-")

    @property
    def where(self) -> str:
        return str(self.location) if self.location else ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One plain-language sentence of "How it works", traced to the clauses (and bodies, parties) it restates."""

    text: str
    traces: tuple[Trace, ...]
