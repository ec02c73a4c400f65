"""The ledger: append signed events to a store, read them back and verify the chain."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from guarantor.errors import DuplicateEntry, LedgerEventError, SignatureError
from guarantor.ledger.canonical import parse_canonical
from guarantor.ledger.entry import Entry, Head, Receipt, Submission, entry_hash
from guarantor.ledger.keys import Signer, verify_signature
from guarantor.ledger.principals import (
    OPEN,
    REGISTRATION,
    Policy,
    Principal,
    Role,
    check_event,
    check_permission,
    registered,
    registration_event,
)
from guarantor.ledger.store import Plan, Store, open_store
from guarantor.ledger.verify import Verification, verify_entries

__all__ = ["Clock", "Ledger", "format_time", "utc_now"]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock: the system's current UTC time."""
    return datetime.now(UTC)


def format_time(moment: datetime) -> str:
    """RFC 3339 UTC with microseconds, e.g. ``2026-11-25T09:30:00.000000Z``."""
    if moment.tzinfo is None:
        raise LedgerEventError(f"time {moment.isoformat()} has no time zone", hint="pass an aware datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Ledger:
    """An append-only, hash-chained, signed ledger over a :class:`Store`.

    ``policy`` adds the rules of the events recorded in it (the runtime's: ``guarantor.runtime.permissions``);
    without one, only the ledger's own rules apply.
    """

    def __init__(self, store: Store, *, clock: Clock = utc_now, policy: Policy = OPEN) -> None:
        self.store = store
        self.policy = policy
        self._clock = clock
        self._known: Mapping[str, Principal] = {}  # the principals at the last append, for checks before the lock

    @classmethod
    def open(cls, url: str | Path, *, create: bool = False, clock: Clock = utc_now, policy: Policy = OPEN) -> Ledger:
        """Open the ledger at ``url`` (a path, ``sqlite:///PATH`` or ``postgresql://...``)."""
        return cls(open_store(url, create=create), clock=clock, policy=policy)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def append(self, event: Mapping[str, Any], signer: Signer) -> Receipt:
        """Sign ``event`` as ``signer`` and append it; returns after commit."""
        return self.append_batch([(event, signer)])[0]

    def append_batch(self, items: Iterable[tuple[Mapping[str, Any], Signer]]) -> list[Receipt]:
        """Sign and append several events in one transaction: all are recorded, or none."""
        return self.submit_batch([Submission.sign(event, signer) for event, signer in items])

    def submit(self, submission: Submission) -> Receipt:
        """Append an event signed elsewhere (e.g. by a client of the server)."""
        return self.submit_batch([submission])[0]

    def submit_batch(
        self, submissions: Sequence[Submission], *, admit: Callable[[Head], None] | None = None
    ) -> list[Receipt]:
        """Append signed submissions in one transaction; the receipts come only after the commit.

        ``admit(head)``, when given, runs under the write lock before the batch is placed (a server checks
        nonces and source ids there); whatever it raises refuses the whole batch and nothing is written.
        """
        if not submissions:
            return []
        batch = _Batch(submissions, self._known, self.policy)
        recorded_at = format_time(self._clock())

        def build(head: Head, registry: Mapping[str, Principal]) -> Plan:
            self._known = registry
            if admit is not None:
                admit(head)
            return batch.build(head, registry, recorded_at)

        plan = self.store.write(build)
        return [Receipt(e.seq, e.hash, e.recorded_at) for e in plan.entries]

    def register(self, name: str, public_key: str, role: Role | str, *, by: Signer) -> Receipt:
        """Register (or re-key, or change the role of) principal ``name``; ``by`` must be an admin."""
        event = registration_event(name, public_key, Role(role), format_time(self._clock()))
        return self.append(event, by)

    def genesis(self, admin: Signer) -> Receipt:
        """Start an empty ledger: register ``admin`` as its first admin, signed by its own key."""
        return self.register(admin.principal, admin.public_key, Role.ADMIN, by=admin)

    def now(self) -> datetime:
        """The ledger's clock."""
        return self._clock()

    def verify(self) -> Verification:
        """Verify the whole chain and the recorded head; see :mod:`guarantor.ledger.verify`."""
        head = self.store.head()
        return verify_entries(self.store.scan(), head, policy=self.policy)

    def entries(self, start: int = 1) -> Iterator[Entry]:
        return self.store.scan(start)

    def head(self) -> Head:
        return self.store.head()

    def principals(self) -> dict[str, Principal]:
        return self.store.principals()

    def principal_for_key(self, public_key: str) -> str | None:
        """The one principal registered with ``public_key``, or None (none, or several)."""
        names = [p.name for p in self.principals().values() if p.public_key == public_key]
        return names[0] if len(names) == 1 else None


class _Batch:
    """Submissions checked once outside the write lock, then placed on the chain under it."""

    def __init__(self, submissions: Sequence[Submission], snapshot: Mapping[str, Principal], policy: Policy) -> None:
        self.policy = policy
        self.items = [(s, _event(s)) for s in submissions]
        if len({s.signature for s in submissions}) < len(submissions):
            raise DuplicateEntry("the batch holds the same signed submission twice")
        # Verify signatures against the keys known at the last append (stale is safe: under the lock, a key
        # that differs from the one checked here is checked again), so the lock is held for the least time.
        self.verified: dict[int, str] = {}
        for index, (sub, _) in enumerate(self.items):
            known = snapshot.get(sub.principal)
            if known is not None and verify_signature(known.public_key, sub.signature, sub.message):
                self.verified[index] = known.public_key

    def build(self, head: Head, registry: Mapping[str, Principal], recorded_at: str) -> Plan:
        current = dict(registry)
        changed: dict[str, Principal] = {}
        entries: list[Entry] = []
        seq, prev = head.seq, head.hash
        for index, (sub, event) in enumerate(self.items):
            seq += 1
            principal = check_permission(event, sub.principal, current, genesis=seq == 1, policy=self.policy)
            if self.verified.get(index) != principal.public_key and not verify_signature(
                principal.public_key, sub.signature, sub.message
            ):
                raise SignatureError(
                    f"the signature on {sub.principal!r}'s {event['type']!r} event does not verify with "
                    f"{principal.name!r}'s registered key",
                    hint="sign with the private key registered for that principal; nothing was stored",
                )
            if event["type"] == REGISTRATION:
                new = registered(event, seq)
                current[new.name] = changed[new.name] = new
            digest = entry_hash(seq, prev, sub.principal, recorded_at, sub.event, sub.signature)
            entries.append(Entry(seq, recorded_at, sub.principal, sub.event, prev, digest, sub.signature))
            prev = digest
        return Plan(entries, list(changed.values()))


def _event(submission: Submission) -> dict[str, Any]:
    event, canonical = parse_canonical(submission.event)
    if not isinstance(event, dict):
        raise LedgerEventError(f"an event must be a JSON object, not {type(event).__name__}")
    if not canonical:
        raise LedgerEventError("the submitted event is not in canonical JSON form", hint="see `guarantor docs ledger`")
    check_event(event)
    return event
