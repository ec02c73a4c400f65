"""Precision and recall of a reading against a hand-written expected extraction, field by field.

Fields are compared as multisets per report and summed over the corpus: ``actors`` (the set of canonical
ids named), ``incident kind``, ``statement type`` (stance), ``speaker``, ``concerns`` (only where the
expectation names one) and ``date`` (the day of each statement and incident).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from guarantor.reading.model import Reading

__all__ = ["FIELDS", "Score", "observed", "score_corpus"]

FIELDS = ("actors", "incident kind", "statement type", "speaker", "concerns", "date")


@dataclass
class Score:
    """True positives, false positives and false negatives of one field over a corpus."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, expected: Counter[str], got: Counter[str]) -> None:
        hit = sum((expected & got).values())
        self.tp += hit
        self.fp += sum(got.values()) - hit
        self.fn += sum(expected.values()) - hit


@dataclass
class CorpusScore:
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    reports: int = 0


def observed(reading: Reading) -> dict[str, Counter[str]]:
    """What a reading says, per field."""
    return {
        "actors": Counter(set(reading.actors())),
        "incident kind": Counter(i.kind.value for i in reading.incidents),
        "statement type": Counter(s.stance.value for s in reading.statements),
        "speaker": Counter(str(s.speaker.value) for s in reading.statements),
        "concerns": Counter(str(s.concerns.value) for s in reading.statements if s.concerns.value),
        "date": Counter(
            [str(s.date.value) for s in reading.statements] + [str(i.date.value) for i in reading.incidents]
        ),
    }


def expected(expect: Mapping[str, Any]) -> dict[str, Counter[str]]:
    """The expected extraction of a corpus entry, per field."""
    st, inc = expect.get("statements") or [], expect.get("incidents") or []
    return {
        "actors": Counter(set(expect.get("actors") or [])),
        "incident kind": Counter(i["kind"] for i in inc),
        "statement type": Counter(s["stance"] for s in st),
        "speaker": Counter(s["speaker"] for s in st),
        "concerns": Counter(s["concerns"] for s in st if s.get("concerns")),
        "date": Counter([str(s["date"]) for s in st] + [str(i["date"]) for i in inc]),
    }


def score_corpus(pairs: Iterable[tuple[Reading, Mapping[str, Any]]]) -> CorpusScore:
    """Sum the per-field scores of (reading, expectation) pairs. Concerns count only where one is expected."""
    total = CorpusScore()
    for reading, expect in pairs:
        got, want = observed(reading), expected(expect)
        # The corpus does not list every instrument a sentence names, so only the expected ones are scored.
        got["concerns"] = Counter({k: v for k, v in got["concerns"].items() if k in want["concerns"]})
        for name in FIELDS:
            total.fields[name].add(want[name], got[name])
        total.reports += 1
    return total
