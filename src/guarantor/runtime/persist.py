"""Runtime events in the ledger: every accepted event is a signed, hash-chained entry; the fold reads them back.

The ledger stores an event's canonical JSON (``event_to_json``) and checks who may submit it (a
``vote_cast`` only by the party whose vote it is). Entries of the ledger's own (principal registrations)
are skipped on the way back.
"""

from __future__ import annotations

from collections.abc import Iterable

from guarantor.ledger import Entry, Ledger, Receipt, Signer, parse_json
from guarantor.runtime.events import EVENT_TYPES, Event, event_from_json, event_to_json

__all__ = ["events_from_entries", "record_events"]


def record_events(ledger: Ledger, events: Iterable[Event], signer: Signer) -> list[Receipt]:
    """Append ``events`` signed by ``signer`` in one transaction: all are recorded, or none."""
    return ledger.append_batch([(event_to_json(e), signer) for e in events])


def events_from_entries(entries: Iterable[Entry]) -> list[Event]:
    """The runtime events of ledger entries, in ledger order."""
    out: list[Event] = []
    for entry in entries:
        data = parse_json(entry.event)
        if isinstance(data, dict) and data.get("type") in EVENT_TYPES:
            out.append(event_from_json(data, where=f"ledger entry {entry.seq}"))
    return out
