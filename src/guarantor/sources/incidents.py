"""``IncidentSet``: incidents keyed by ``(source, source_id)``, with every superseded version kept.

Re-reading the same export changes nothing; an updated row (same id, new content) supersedes the current
version, which stays available through ``history``. A row equal to an earlier version, or whose upload time
is older than the current version's, is *outdated*: counted, kept in history, never rolled back to.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from guarantor.errors import SourceFormatError
from guarantor.sources.codec import incident_from_dict, incident_to_dict
from guarantor.sources.model import Incident, IncidentKey
from guarantor.sources.quarantine import QuarantineStore
from guarantor.sources.rejection import Rejection

__all__ = ["IncidentSet", "IngestSummary", "Outcome", "load_incidents", "save_incidents"]


class Outcome(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    SUPERSEDED = "superseded"
    OUTDATED = "outdated"


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest did, row by row: every row read is in exactly one of these."""

    new: tuple[IncidentKey, ...] = ()
    unchanged: tuple[IncidentKey, ...] = ()
    superseded: tuple[IncidentKey, ...] = ()
    outdated: tuple[IncidentKey, ...] = ()
    rejected: tuple[Rejection, ...] = ()

    @property
    def rows(self) -> int:
        return sum(self.counts().values())

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "unchanged": len(self.unchanged),
            "superseded": len(self.superseded),
            "outdated": len(self.outdated),
            "rejected": len(self.rejected),
        }


class IncidentSet:
    """The current version of each incident, plus its history (oldest first, current last)."""

    def __init__(self, incidents: Iterable[Incident] = ()) -> None:
        self._versions: dict[IncidentKey, list[Incident]] = {}
        for incident in incidents:
            self.add(incident)

    def add(self, incident: Incident) -> Outcome:
        versions = self._versions.get(incident.key)
        if versions is None:
            self._versions[incident.key] = [incident]
            return Outcome.NEW
        current = versions[-1]
        if incident == current:
            return Outcome.UNCHANGED
        if incident in versions:  # an earlier version read again (an old export): known, not applied
            return Outcome.OUTDATED
        if _older(incident, current):
            versions.insert(-1, incident)
            return Outcome.OUTDATED
        versions.append(incident)
        return Outcome.SUPERSEDED

    def ingest(self, rows: Iterable[Incident | Rejection], quarantine: QuarantineStore | None = None) -> IngestSummary:
        """Add every incident; put every rejection in ``quarantine`` (when given) and in the summary."""
        seen: dict[Outcome, list[IncidentKey]] = {outcome: [] for outcome in Outcome}
        rejected: list[Rejection] = []
        for row in rows:
            if isinstance(row, Rejection):
                rejected.append(row)
                if quarantine is not None:
                    quarantine.put(row)
            else:
                seen[self.add(row)].append(row.key)
        return IngestSummary(
            new=tuple(seen[Outcome.NEW]),
            unchanged=tuple(seen[Outcome.UNCHANGED]),
            superseded=tuple(seen[Outcome.SUPERSEDED]),
            outdated=tuple(seen[Outcome.OUTDATED]),
            rejected=tuple(rejected),
        )

    def __getitem__(self, key: IncidentKey) -> Incident:
        return self._versions[key][-1]

    def get(self, key: IncidentKey) -> Incident | None:
        versions = self._versions.get(key)
        return versions[-1] if versions else None

    def history(self, key: IncidentKey) -> tuple[Incident, ...]:
        """Every version of one incident, oldest first; empty for an unknown key."""
        return tuple(self._versions.get(key, ()))

    def versions(self) -> Iterator[Incident]:
        """Every version of every incident (what ``save_incidents`` writes)."""
        for versions in self._versions.values():
            yield from versions

    def __iter__(self) -> Iterator[Incident]:
        return (versions[-1] for versions in self._versions.values())

    def __len__(self) -> int:
        return len(self._versions)

    def __contains__(self, key: object) -> bool:
        return key in self._versions


def _older(incoming: Incident, current: Incident) -> bool:
    return incoming.uploaded is not None and current.uploaded is not None and incoming.uploaded < current.uploaded


def save_incidents(incidents: IncidentSet, path: str | Path) -> None:
    """Write every version as JSON Lines, atomically (a temporary file, then a rename)."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        for incident in incidents.versions():
            out.write(json.dumps(incident_to_dict(incident), ensure_ascii=False) + "\n")
    os.replace(partial, target)


def load_incidents(path: str | Path) -> IncidentSet:
    """Read what ``save_incidents`` wrote; a missing file is an empty set."""
    target = Path(path)
    if not target.exists():
        return IncidentSet()
    with target.open(encoding="utf-8") as lines:
        try:
            return IncidentSet(incident_from_dict(json.loads(line)) for line in lines if line.strip())
        except (ValueError, KeyError, TypeError) as exc:
            raise SourceFormatError(f"{target}: not an incident file written by guarantor: {exc}") from None
