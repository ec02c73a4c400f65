"""Operating a guarantee on feeds: every accepted input into the signed ledger, then the fold of the ledger.

``run_feeds`` reads each feed, records what is new in the ledger (one signed entry per new incident version,
per deletion and per timeline event) and folds the guarantee over everything the ledger holds. Running it
again with the same files records nothing; with new rows, only them. What counts as "already recorded":

- a feed row: the same incident id (``source:source_id``) with the same content is *unchanged*; new
  content is an *update* (a new version, which replaces the old one in the fold); content equal to an
  older version is *outdated* and ignored;
- a deletion: a *withdrawal* of a recorded incident, recorded once;
- a timeline event (guarantor's own JSONL or YAML): recorded unless the same event is already recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from guarantor.ledger import Head, Ledger, Signer, canonical_text, parse_json
from guarantor.runtime.events import IncidentReported
from guarantor.runtime.feedfile import Feed
from guarantor.runtime.feeds import NOTED, WITHDRAWN, current_events, feed_record, vocabulary_for, withdrawal_record
from guarantor.runtime.fold import fold
from guarantor.runtime.replay import Replay
from guarantor.runtime.state import State
from guarantor.sources import Incident, Rejection, Vocabulary
from guarantor.sources.deletions import Deletion
from guarantor.spec import Spec

__all__ = ["FeedCount", "RunResult", "run_feeds"]

_BATCH = 2000
_FEED_TYPES = (IncidentReported.type, NOTED, WITHDRAWN)


@dataclass(slots=True)
class FeedCount:
    """What one feed brought: rows in each outcome, and the rejected rows with their reasons."""

    feed: str
    format: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    outdated: int = 0
    withdrawn: int = 0
    not_hostile: int = 0
    events: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        counts = {k: getattr(self, k) for k in ("new", "updated", "unchanged", "outdated", "withdrawn", "events")}
        return {
            "feed": self.feed,
            "format": self.format,
            **counts,
            "not_hostile": self.not_hostile,
            "rejected": [{"row": r.row, "column": r.column, "reason": r.reason} for r in self.rejected],
        }


@dataclass(frozen=True, slots=True)
class RunResult:
    """The feeds' counts, the ledger head after recording, and the folded state."""

    feeds: tuple[FeedCount, ...]
    head: Head
    state: State

    @property
    def appended(self) -> int:
        return sum(f.new + f.updated + f.withdrawn + f.events for f in self.feeds)

    def to_json(self) -> dict[str, Any]:
        return {
            "feeds": [f.to_json() for f in self.feeds],
            "appended": self.appended,
            "ledger": {"head": self.head.seq, "hash": self.head.hash},
            **Replay(self.state).to_json(),
        }

    def lines(self) -> list[str]:
        out = []
        for f in self.feeds:
            out.append(
                f"{f.feed} ({f.format}): {f.new} new, {f.updated} updated, {f.withdrawn} withdrawn, "
                f"{f.events} events, {f.unchanged + f.outdated} already recorded, {f.not_hostile} not hostile, "
                f"{len(f.rejected)} rejected"
            )
        out.append(f"ledger: {self.appended} appended, head {self.head.seq} {self.head.hash[:16]}")
        return [*out, "", *Replay(self.state).lines()]


class _Recorded:
    """What the ledger already holds: per incident id, every version's text and the last one; every event."""

    def __init__(self, ledger: Ledger) -> None:
        self.versions: dict[str, set[str]] = {}
        self.last: dict[str, str] = {}
        self.events: set[str] = set()
        for entry in ledger.entries():
            self.add(entry.event)

    def add(self, text: str) -> None:
        data = parse_json(text)
        if isinstance(data, dict) and data.get("type") in _FEED_TYPES:
            key = str(data.get("id"))
            self.versions.setdefault(key, set()).add(text)
            self.last[key] = text
        else:
            self.events.add(text)

    def withdrawn(self, key: str) -> bool:
        last = self.last.get(key)
        return last is not None and f'"type":"{WITHDRAWN}"' in last


class _Recorder:
    """Classifies each input against the ledger and appends the new ones in batches."""

    def __init__(self, ledger: Ledger, signer: Signer) -> None:
        self.ledger, self.signer = ledger, signer
        self.recorded = _Recorded(ledger)
        self.pending: list[dict[str, Any]] = []

    def feed_row(self, record: dict[str, Any], count: FeedCount) -> None:
        text, key = canonical_text(record), str(record["id"])
        versions = self.recorded.versions.get(key)
        if record["type"] == NOTED:
            count.not_hostile += 1
        if versions is None:
            count.new += 1
        elif self.recorded.last[key] == text:
            count.unchanged += 1
            return
        elif text in versions:
            count.outdated += 1
            return
        else:
            count.updated += 1
        self._append(record, text, key)

    def deletion(self, deletion: Deletion, count: FeedCount) -> None:
        key = f"{deletion.source}:{deletion.source_id}"
        if key not in self.recorded.last or self.recorded.withdrawn(key):
            count.unchanged += 1
            return
        count.withdrawn += 1
        record = withdrawal_record(key, deletion.time, f"deleted by {deletion.source}", deletion.source)
        self._append(record, canonical_text(record), key)

    def event(self, record: dict[str, Any], count: FeedCount) -> None:
        text = canonical_text(record)
        if text in self.recorded.events:
            count.unchanged += 1
            return
        count.events += 1
        self.recorded.events.add(text)
        self.pending.append(record)
        self._flush_if_full()

    def _append(self, record: dict[str, Any], text: str, key: str) -> None:
        self.recorded.versions.setdefault(key, set()).add(text)
        self.recorded.last[key] = text
        self.pending.append(record)
        self._flush_if_full()

    def _flush_if_full(self) -> None:
        if len(self.pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.ledger.append_batch([(record, self.signer) for record in self.pending])
            self.pending = []


def run_feeds(
    spec: Spec,
    feeds: Iterable[Feed],
    ledger: Ledger,
    signer: Signer,
    *,
    vocabularies: Mapping[str, Vocabulary] | None = None,
    as_of: datetime | None = None,
) -> RunResult:
    """Record every feed's new inputs in ``ledger`` (signed by ``signer``), then fold ``spec`` over the ledger."""
    if ledger.head().seq == 0:
        ledger.genesis(signer)
    recorder = _Recorder(ledger, signer)
    counts = []
    for feed in feeds:
        count = FeedCount(feed.name, feed.format)
        for item in feed.items():
            _dispatch(item, recorder, count, feed, vocabularies)
        recorder.flush()
        counts.append(count)
    state = fold(spec, _ledger_events(ledger), as_of)
    return RunResult(tuple(counts), ledger.head(), state)


def _dispatch(
    item: Incident | Deletion | Rejection | dict[str, Any],
    recorder: _Recorder,
    count: FeedCount,
    feed: Feed,
    vocabularies: Mapping[str, Vocabulary] | None,
) -> None:
    if isinstance(item, Rejection):
        count.rejected.append(item)
    elif isinstance(item, Deletion):
        recorder.deletion(item, count)
    elif isinstance(item, Incident):
        vocabulary = vocabulary_for(feed.vocabulary or item.source, vocabularies)
        recorder.feed_row(feed_record(item, vocabulary), count)
    elif item.get("type") in _FEED_TYPES:
        recorder.feed_row(item, count)
    else:
        recorder.event(item, count)


def _ledger_events(ledger: Ledger) -> list[Any]:
    return current_events(_entry_objects(ledger), "ledger entry")


def _entry_objects(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for entry in ledger.entries():
        data = parse_json(entry.event)
        if isinstance(data, dict):
            yield data
