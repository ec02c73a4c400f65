"""What a server knows from its ledger: the guarantees, their events, used nonces and source ids, refusals.

The ledger is the only state; this index is derived from it and kept current by reading the entries a
worker has not seen yet (``catch_up``), under the write lock before each commit, so every worker checks
nonces and source ids against the whole chain, not only against what it wrote itself.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from guarantor.errors import GuarantorError, NotFound
from guarantor.ledger import Entry, parse_json
from guarantor.ledger.principals import REGISTRATION
from guarantor.runtime.events import EVENT_TYPES, Event, IncidentReported, VoteCast, event_from_json
from guarantor.spec import Spec, load_spec_text

__all__ = ["CHECKPOINT", "ENVELOPE", "GUARANTEE", "REFUSAL", "Guarantee", "LedgerIndex", "runtime_event"]

GUARANTEE = "guarantee_loaded"
REFUSAL = "submission_refused"
CHECKPOINT = "ledger_checkpoint"
_KEEP_REFUSALS = 500
# Fields the server adds around a runtime event in the ledger: which guarantee, the signer's nonce, who submitted.
ENVELOPE = ("guarantee", "nonce", "submitted_by")


def runtime_event(event: dict[str, Any], where: str) -> Event:
    """The runtime event inside a server entry (its envelope fields taken off)."""
    return event_from_json({k: v for k, v in event.items() if k not in ENVELOPE}, where=where)


@dataclass(slots=True)
class Guarantee:
    """One guarantee the server runs: its spec and its runtime events in ledger order."""

    id: str
    spec: Spec
    text: str
    loaded_seq: int
    events: list[Event] = field(default_factory=list)
    seqs: list[int] = field(default_factory=list)
    incidents: dict[str, int] = field(default_factory=dict)
    voted: set[tuple[str, str, str]] = field(default_factory=set)  # (body, motion, party)


@dataclass(frozen=True, slots=True)
class Refusal:
    seq: int
    time: str
    principal: str
    attempted: str
    code: str
    reason: str
    guarantee: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "time": self.time,
            "principal": self.principal,
            "attempted": self.attempted,
            "code": self.code,
            "reason": self.reason,
            "guarantee": self.guarantee,
        }


class LedgerIndex:
    """The derived view of one ledger; thread-safe (the committer writes, request handlers read)."""

    def __init__(self) -> None:
        self.seen = 0
        self.guarantees: dict[str, Guarantee] = {}
        self.nonces: dict[tuple[str, str], int] = {}
        self.refusals: deque[Refusal] = deque(maxlen=_KEEP_REFUSALS)
        self.refused_total = 0
        self.checkpoints: list[dict[str, Any]] = []
        self.keys: dict[str, str] = {}  # principal -> registered public key, from the registration entries
        self.lock = threading.RLock()

    def catch_up(self, entries: Iterable[Entry]) -> None:
        """Take in entries after ``seen`` (in seq order)."""
        with self.lock:
            for entry in entries:
                if entry.seq > self.seen:
                    self.add(entry.seq, entry.principal, parse_json(entry.event), entry.recorded_at)

    def add(
        self, seq: int, principal: str, event: dict[str, Any], recorded_at: str, *, parsed: Event | None = None
    ) -> None:
        with self.lock:
            if seq <= self.seen:
                return  # already taken in by a catch-up
            self.seen = seq
            kind = event.get("type")
            nonce = event.get("nonce")
            if isinstance(nonce, str):
                self.nonces[(principal, nonce)] = seq
            if kind == REGISTRATION and isinstance(event.get("principal"), str):
                self.keys[event["principal"]] = str(event.get("public_key"))
            elif kind == GUARANTEE:
                self._load(seq, event)
            elif kind == REFUSAL:
                self._refused(seq, principal, event)
            elif kind == CHECKPOINT:
                made = event.get("checkpoint")
                if isinstance(made, dict):
                    self.checkpoints.append({**made, "recorded_seq": seq, "recorded_at": recorded_at})
            elif kind in EVENT_TYPES:
                self._runtime(seq, event, parsed)

    def _load(self, seq: int, event: dict[str, Any]) -> None:
        gid, text = str(event.get("guarantee")), str(event.get("spec", ""))
        try:
            spec = load_spec_text(text, file=f"ledger entry {seq}")
        except GuarantorError:
            return  # checked before it was recorded; a spec this version cannot read stays out of service
        self.guarantees[gid] = Guarantee(gid, spec, text, seq)

    def _refused(self, seq: int, principal: str, event: dict[str, Any]) -> None:
        self.refused_total += 1
        self.refusals.append(
            Refusal(
                seq,
                str(event.get("time")),
                str(event.get("principal", principal)),
                str(event.get("attempted")),
                str(event.get("code")),
                str(event.get("reason")),
                event.get("guarantee") if isinstance(event.get("guarantee"), str) else None,
            )
        )

    def _runtime(self, seq: int, event: dict[str, Any], parsed: Event | None) -> None:
        g = self.guarantees.get(str(event.get("guarantee")))
        if g is None:
            return
        if parsed is None:
            try:
                parsed = runtime_event(event, f"ledger entry {seq}")
            except GuarantorError:
                return
        g.events.append(parsed)
        g.seqs.append(seq)
        if isinstance(parsed, IncidentReported):
            g.incidents.setdefault(parsed.id, seq)
        elif isinstance(parsed, VoteCast):
            g.voted.add((parsed.body, parsed.motion, parsed.party))

    def guarantee(self, gid: str) -> Guarantee:
        with self.lock:
            found = self.guarantees.get(gid)
        if found is None:
            known = ", ".join(sorted(self.guarantees)) or "none loaded"
            raise NotFound(f"no guarantee {gid!r} on this server", hint=f"known: {known}")
        return found

    def snapshot(self, gid: str) -> tuple[Spec, list[Event], list[int]]:
        """The spec and a copy of the events of ``gid``, consistent with each other."""
        g = self.guarantee(gid)
        with self.lock:
            return g.spec, list(g.events), list(g.seqs)

    def incident_seq(self, gid: str, incident_id: str) -> int | None:
        with self.lock:
            g = self.guarantees.get(gid)
            return g.incidents.get(incident_id) if g else None

    def has_voted(self, gid: str, vote: VoteCast) -> bool:
        with self.lock:
            g = self.guarantees.get(gid)
            return g is not None and (vote.body, vote.motion, vote.party) in g.voted

    def public_key(self, principal: str) -> str | None:
        with self.lock:
            return self.keys.get(principal)

    def nonce_seq(self, principal: str, nonce: str) -> int | None:
        with self.lock:
            return self.nonces.get((principal, nonce))

    def incident_times(self, gid: str) -> list[tuple[datetime, str]]:
        _, events, _ = self.snapshot(gid)
        return [(e.time, e.region or e.country or "unknown") for e in events if isinstance(e, IncidentReported)]
