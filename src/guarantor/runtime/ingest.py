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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from guarantor.ledger import Head, Ledger, Signer, Submission, canonical_text, parse_json, signed_message
from guarantor.runtime.events import IncidentReported
from guarantor.runtime.feedfile import Feed
from guarantor.runtime.feeds import NOTED, WITHDRAWN, FeedEvents, current_events, vocabulary_for, withdrawal_record
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
    """What the ledger already holds: per incident id, every version's text and the last one; every event.

    ``parsed`` keeps the JSON object of every text read or appended, so that the fold after recording does not
    parse the ledger a second time.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.versions: dict[str, set[str]] = {}
        self.last: dict[str, str] = {}
        self.events: set[str] = set()
        self.parsed: dict[str, Any] = {}
        for entry in ledger.entries():
            self.add(entry.event)

    def add(self, text: str) -> None:
        data = self.parsed[text] = parse_json(text)
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
        self.pending: list[str] = []

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
        self._pend(record, text)

    def _append(self, record: dict[str, Any], text: str, key: str) -> None:
        self.recorded.versions.setdefault(key, set()).add(text)
        self.recorded.last[key] = text
        self._pend(record, text)

    def _pend(self, record: dict[str, Any], text: str) -> None:
        # The canonical text of a JSON object parses back to an equal object: the fold reads ``record``.
        self.recorded.parsed[text] = record
        self.pending.append(text)
        if len(self.pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Sign and append the pending texts (already canonical: ``Submission.sign`` without a second pass)."""
        if self.pending:
            who = self.signer.principal
            signed = [Submission(t, who, self.signer.sign(signed_message(t, who))) for t in self.pending]
            self.ledger.submit_batch(signed)
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
        dispatch = _Dispatch(recorder, count, feed, vocabularies)
        for item in feed.items():
            dispatch(item)
        recorder.flush()
        counts.append(count)
    state = fold(spec, _ledger_events(ledger, recorder.recorded.parsed), as_of)
    return RunResult(tuple(counts), ledger.head(), state)


class _Dispatch:
    """Sends each item of one feed where it belongs; incidents become records through one ``FeedEvents`` per
    vocabulary (the feed's own, or the one each incident's source names)."""

    def __init__(
        self, recorder: _Recorder, count: FeedCount, feed: Feed, vocabularies: Mapping[str, Vocabulary] | None
    ) -> None:
        self.recorder, self.count, self.feed, self.vocabularies = recorder, count, feed, vocabularies
        self.makers: dict[str, FeedEvents] = {}

    def __call__(self, item: Incident | Deletion | Rejection | dict[str, Any]) -> None:
        if isinstance(item, Incident):
            name = self.feed.vocabulary or item.source
            maker = self.makers.get(name)
            if maker is None:
                maker = self.makers[name] = FeedEvents(vocabulary_for(name, self.vocabularies))
            self.recorder.feed_row(maker.record(item), self.count)
        elif isinstance(item, Rejection):
            self.count.rejected.append(item)
        elif isinstance(item, Deletion):
            self.recorder.deletion(item, self.count)
        elif item.get("type") in _FEED_TYPES:
            self.recorder.feed_row(item, self.count)
        else:
            self.recorder.event(item, self.count)


def _ledger_events(ledger: Ledger, parsed: Mapping[str, Any]) -> list[Any]:
    """The events of everything the ledger holds now (entries read or appended by this run are not parsed again)."""
    objects = (parsed.get(e.event) or parse_json(e.event) for e in ledger.entries())
    return current_events((data for data in objects if isinstance(data, dict)), "ledger entry")
