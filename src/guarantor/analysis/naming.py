"""Helpers shared by the checks: building findings, naming parties, finding the body that decides."""

from __future__ import annotations

from collections.abc import Iterable

from guarantor.analysis.codes import CODES
from guarantor.analysis.findings import Finding
from guarantor.spec import Clause, ClauseKind
from guarantor.spec.base import Node

__all__ = ["finding", "names", "response_body"]


def finding(
    code: str, message: str, node: Node | None, *, clause: str | None = None, parties: tuple[str, ...] = ()
) -> Finding:
    """A finding of ``code`` at the place ``node`` was written."""
    meta = CODES[code]
    return Finding(code, meta.name, meta.severity, message, node.loc if node else None, clause, parties)


def names(parties: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = sorted(parties)
    if not items:
        return "no one"
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


def response_body(clause: Clause) -> str | None:
    """The body that decides whether a clause's response happens: its decision body, else its own body."""
    if clause.decision:
        return clause.decision.body
    if clause.kind in (ClauseKind.SEEK_EXTERNAL_ACTION, ClauseKind.COLLECTIVE_DEFENCE, ClauseKind.ASSISTANCE):
        return clause.body
    return None
