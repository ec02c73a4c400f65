"""Group commit: concurrent writes wait in a queue and are appended to the ledger together.

A SQLite commit waits for its fsync (a few milliseconds), so one append per commit caps a server at a few
hundred writes a second. One committer thread per process takes everything queued while the previous commit
was flushing and appends it in one transaction; each writer gets its receipt only after that commit. A batch
that fails as a whole (one bad submission) is retried one submission at a time, so one writer's error never
becomes another's. Nonces and source ids are checked under the ledger's write lock (``admit``), against the
entries of every worker. The writers of a batch are woken together: one call into their event loop settles
every future of the batch (one wake-up per batch, not one per writer).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from guarantor.errors import GuarantorError, NonceReplayed
from guarantor.ledger import Head, Ledger, Receipt, Submission, parse_json
from guarantor.runtime.events import Event
from guarantor.server.index import LedgerIndex

__all__ = ["Accepted", "Committer", "Duplicate", "Pending"]

_log = logging.getLogger("guarantor.server")


@dataclass(frozen=True, slots=True)
class Accepted:
    receipt: Receipt


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An incident whose source id is already recorded: the earlier entry stands (idempotent)."""

    seq: int


Outcome = Accepted | Duplicate


@dataclass(slots=True)
class Pending:
    """One submission waiting for its commit; ``event``/``parsed`` spare the index parsing it again.

    Made inside a running event loop: ``future`` belongs to it and is settled from the committer thread."""

    submission: Submission
    nonce: str | None = None
    incident: tuple[str, str] | None = None  # (guarantee, incident id)
    event: dict[str, Any] | None = None
    parsed: Event | None = None
    future: asyncio.Future[Outcome] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


Settlement = tuple[Pending, "Outcome | BaseException"]


class _Conflicts(Exception):
    """Submissions of a batch already settled by the chain; ``None``: retry after this batch (a twin in it)."""

    def __init__(self, found: dict[int, Outcome | GuarantorError | None]) -> None:
        super().__init__(f"{len(found)} submissions already recorded")
        self.found = found


class Committer:
    """The one writer thread of a server process."""

    def __init__(self, ledger: Ledger, index: LedgerIndex, catch_up: Callable[[int], None], *, batch: int) -> None:
        self._ledger, self._index, self._catch_up, self._batch = ledger, index, catch_up, batch
        self._queue: queue.SimpleQueue[Pending | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="guarantor-committer", daemon=True)
        self._thread.start()

    def submit(self, pending: Pending) -> asyncio.Future[Outcome]:
        self._queue.put(pending)
        return pending.future

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            group = [first]
            while len(group) < self._batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._commit(group)
                    return
                group.append(item)
            self._commit(group)

    def _commit(self, group: list[Pending]) -> None:
        settled: list[Settlement] = []
        try:
            self._place(group, settled)
        finally:
            _wake(settled)

    def _place(self, group: list[Pending], settled: list[Settlement]) -> None:
        live = group
        while live:
            try:
                receipts = self._append(live)
            except _Conflicts as conflicts:
                for i, found in conflicts.found.items():
                    if found is None:
                        self._queue.put(live[i])
                    else:
                        settled.append((live[i], found))
                live = [p for i, p in enumerate(live) if i not in conflicts.found]
                continue
            except GuarantorError as exc:
                if len(live) == 1:
                    settled.append((live[0], exc))
                else:
                    for p in live:
                        self._place([p], settled)
                return
            except Exception as exc:  # a store failure: nothing of this batch was written
                _log.exception("ledger append failed")
                settled.extend((p, exc) for p in live)
                return
            self._recorded(live, receipts, settled)
            return

    def _append(self, live: list[Pending]) -> list[Receipt]:
        return self._ledger.submit_batch([p.submission for p in live], admit=lambda head: self._admit(head, live))

    def _admit(self, head: Head, live: Sequence[Pending]) -> None:
        if head.seq > self._index.seen:
            self._catch_up(head.seq)
        found: dict[int, Outcome | GuarantorError | None] = {}
        nonces: set[tuple[str, str]] = set()
        incidents: set[tuple[str, str]] = set()
        for i, p in enumerate(live):
            if p.nonce is not None:
                key = (p.submission.principal, p.nonce)
                if key in nonces or self._index.nonce_seq(*key) is not None:
                    found[i] = NonceReplayed(
                        f"nonce {p.nonce!r} of {key[0]!r} was already used",
                        hint="sign each submission with a new nonce",
                    )
                nonces.add(key)
            if p.incident is not None:
                seq = self._index.incident_seq(*p.incident)
                if seq is not None:
                    found[i] = Duplicate(seq)
                elif p.incident in incidents:
                    found[i] = None
                incidents.add(p.incident)
        if found:
            raise _Conflicts(found)

    def _recorded(self, live: Sequence[Pending], receipts: Sequence[Receipt], settled: list[Settlement]) -> None:
        for p, receipt in zip(live, receipts, strict=True):
            event: Any = p.event if p.event is not None else parse_json(p.submission.event)
            self._index.add(receipt.seq, p.submission.principal, event, receipt.recorded_at, parsed=p.parsed)
            settled.append((p, Accepted(receipt)))


def _wake(settled: Sequence[Settlement]) -> None:
    """Settle each future in its own event loop: one call per loop for the whole batch."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Settlement]] = {}
    for item in settled:
        by_loop.setdefault(item[0].future.get_loop(), []).append(item)
    for loop, items in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle_all, items)
        except RuntimeError:  # the loop is closed: its writers are gone
            _log.warning("%d results for a closed event loop dropped", len(items))


def _settle_all(items: Sequence[Settlement]) -> None:
    for pending, outcome in items:
        if pending.future.done():  # cancelled: the client went away; the entry stands
            continue
        if isinstance(outcome, BaseException):
            pending.future.set_exception(outcome)
        else:
            pending.future.set_result(outcome)
