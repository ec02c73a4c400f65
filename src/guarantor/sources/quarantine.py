"""The quarantine: rejected rows kept aside until someone fixes and re-submits them.

``QuarantineStore`` is the interface; ``MemoryQuarantine`` keeps entries in memory and ``JsonlQuarantine``
in an append-only JSON Lines file (one line per change, folded on open). An entry's id is the rejection's
fingerprint, so reading the same bad row twice leaves one entry. Entries are never deleted: a re-submitted
row is marked resolved, with the key of the incident it became.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from guarantor.errors import NotFound, SourceFormatError
from guarantor.sources.model import IncidentKey
from guarantor.sources.rejection import Rejection

__all__ = ["EntryStatus", "JsonlQuarantine", "MemoryQuarantine", "QuarantineEntry", "QuarantineStore"]


class EntryStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    id: str
    rejection: Rejection
    status: EntryStatus = EntryStatus.OPEN
    resolved_as: IncidentKey | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "resolved_as": None if self.resolved_as is None else list(self.resolved_as),
            **self.rejection.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuarantineEntry:
        key = data.get("resolved_as")
        return cls(
            id=str(data["id"]),
            rejection=Rejection.from_dict(data),
            status=EntryStatus(data.get("status", "open")),
            resolved_as=None if key is None else (str(key[0]), str(key[1])),
        )


class QuarantineStore(Protocol):
    """Where rejected rows wait for a fix."""

    def put(self, rejection: Rejection) -> QuarantineEntry:
        """Keep ``rejection``; the same row again returns the existing entry unchanged."""
        ...

    def get(self, entry_id: str) -> QuarantineEntry:
        """The entry, or ``NotFound``."""
        ...

    def entries(self, *, include_resolved: bool = False) -> list[QuarantineEntry]:
        """Entries in the order they were first put."""
        ...

    def update(self, entry_id: str, rejection: Rejection) -> QuarantineEntry:
        """Replace an entry's rejection (a re-submitted row that still fails), keeping its id."""
        ...

    def resolve(self, entry_id: str, key: IncidentKey) -> QuarantineEntry:
        """Mark an entry resolved: its fixed row became the incident ``key``."""
        ...


class MemoryQuarantine:
    """A quarantine in memory (tests, one-off reads)."""

    def __init__(self) -> None:
        self._entries: dict[str, QuarantineEntry] = {}

    def put(self, rejection: Rejection) -> QuarantineEntry:
        entry_id = rejection.fingerprint
        if entry_id not in self._entries:
            self._save(QuarantineEntry(entry_id, rejection))
        return self._entries[entry_id]

    def get(self, entry_id: str) -> QuarantineEntry:
        try:
            return self._entries[entry_id]
        except KeyError:
            raise NotFound(f"no quarantine entry {entry_id!r}", hint="list them with: quarantine list") from None

    def entries(self, *, include_resolved: bool = False) -> list[QuarantineEntry]:
        return [e for e in self._entries.values() if include_resolved or e.status is EntryStatus.OPEN]

    def update(self, entry_id: str, rejection: Rejection) -> QuarantineEntry:
        return self._save(replace(self.get(entry_id), rejection=rejection))

    def resolve(self, entry_id: str, key: IncidentKey) -> QuarantineEntry:
        return self._save(replace(self.get(entry_id), status=EntryStatus.RESOLVED, resolved_as=key))

    def __iter__(self) -> Iterator[QuarantineEntry]:
        return iter(self.entries(include_resolved=True))

    def __len__(self) -> int:
        return len(self._entries)

    def _save(self, entry: QuarantineEntry) -> QuarantineEntry:
        self._entries[entry.id] = entry
        return entry


class JsonlQuarantine(MemoryQuarantine):
    """A quarantine in an append-only JSON Lines file: each change appends the entry's new state.

    One writer at a time (no locking); the last line for an id wins when the file is read back.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        if self.path.exists():
            self._load()

    def _load(self) -> None:
        with self.path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    if not isinstance(data, dict):
                        raise TypeError(f"a JSON {type(data).__name__}, not an object")
                    entry = QuarantineEntry.from_dict(data)
                except (ValueError, KeyError, TypeError, RecursionError) as exc:
                    raise SourceFormatError(f"{self.path}:{number}: not a quarantine entry: {exc}") from None
                self._entries[entry.id] = entry

    def _save(self, entry: QuarantineEntry) -> QuarantineEntry:
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
        return super()._save(entry)
