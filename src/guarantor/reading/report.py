"""A report as read: its text (bounded, checked to be text), its dateline, and its sentences with spans.

Input is read in chunks up to ``MAX_BYTES`` (an endless stream stops there with an error), so memory stays
bounded whatever is piped in. The dateline is the wire-copy opening ``PLACE, DATE (AGENCY) -`` or a
``Date:`` header line; relative dates in the text are resolved against its date.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from guarantor.errors import ReportInputError
from guarantor.reading.dates import parse_date

__all__ = ["MAX_BYTES", "Dateline", "Report", "Sentence", "load_report", "parse_report", "read_bytes"]

MAX_BYTES = 1_000_000
MAX_SENTENCE = 800
_CHUNK = 65536

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'’-]{1,40}?(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?(?=,))?)"
    r"\s*(?:,\s*(?P<date>[^()\n]{3,40}?))?\s*"
    r"(?:\((?P<agency>[^()\n]{1,40})\))?\s*[-–—]+\s+"
)
_HEADER = re.compile(r"^(?P<key>Date|Dateline|Source|Agency):\s*(?P<value>.+)$", re.IGNORECASE | re.MULTILINE)
# A sentence ends at . ! ? (or a closing quote after one) before a capital or an opening quote; not after
# the abbreviations wire copy uses.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z0-9])")
_ABBREVIATIONS = ("U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.", "Sen.", "Rep.", "St.")


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where and when the report was filed, and by whom; ``span`` is where the dateline is in the text."""

    day: date | None
    place: str | None
    agency: str | None
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Report:
    text: str
    dateline: Dateline
    sentences: tuple[Sentence, ...]


def read_bytes(stream: BinaryIO, name: str) -> bytes:
    """At most ``MAX_BYTES`` from ``stream``; more is an error, never read into memory."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise ReportInputError(
        f"{name}: report larger than {MAX_BYTES:,} bytes", hint="split it into reports of at most 1 MB each"
    )


def decode(raw: bytes, name: str) -> str:
    """The text of a report: UTF-8 (a BOM is dropped), no NUL or other binary control bytes, not empty."""
    if b"\x00" in raw[:MAX_BYTES]:
        raise ReportInputError(f"{name}: binary data (NUL bytes), not a text report", hint="give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportInputError(
            f"{name}: not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start})",
            hint="convert the report to UTF-8, e.g. iconv -t UTF-8",
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(2, len(text) // 100):
        raise ReportInputError(f"{name}: {controls} control characters, not a text report", hint="give a text file")
    if not text.strip():
        raise ReportInputError(f"{name}: the report is empty", hint="give a file with the text of a report")
    return text


def load_report(path: str, *, day: date | None = None) -> Report:
    """Read and parse a report from a file, or from standard input when ``path`` is ``-``."""
    if path == "-":
        return parse_report(decode(read_bytes(sys.stdin.buffer, "<stdin>"), "<stdin>"), day=day)
    p = Path(path)
    try:
        with p.open("rb") as stream:
            raw = read_bytes(stream, str(p))
    except OSError as exc:
        raise ReportInputError(f"cannot read report '{p}': {exc.strerror}", hint="give a readable file or -") from None
    return parse_report(decode(raw, str(p)), day=day)


def parse_dateline(text: str) -> Dateline:
    """The dateline at the top of ``text``, or a ``Date:`` header; an absent one has no day."""
    headers = {m.group("key").lower(): m for m in _HEADER.finditer(text[:2000])}
    m = _DATELINE.match(text)
    day = parse_date(m.group("date")) if m and m.group("date") else None
    agency = m.group("agency") if m else None
    if day is None and ("date" in headers or "dateline" in headers):
        found = headers.get("date") or headers["dateline"]
        day = parse_date(found.group("value").strip())
    if agency is None and ("source" in headers or "agency" in headers):
        agency = (headers.get("source") or headers["agency"]).group("value").strip()
    if m:
        return Dateline(day, m.group("place").strip(), agency, (m.start(), m.end()))
    return Dateline(day, None, agency, (0, 0))


def split_sentences(text: str, start: int) -> tuple[Sentence, ...]:
    """Sentences of ``text[start:]`` with their spans in ``text``."""
    out: list[Sentence] = []
    begin = start
    for m in _SENTENCE_END.finditer(text, start):
        if text[begin : m.start() + 1].rstrip().endswith(_ABBREVIATIONS):
            continue
        out.append(Sentence(begin, m.start() + (len(m.group(0)) - len(m.group(0).lstrip("\"”’'"))), ""))
        begin = m.end()
    out.append(Sentence(begin, len(text.rstrip()), ""))
    trimmed = [(s.start + len(text[s.start : s.end]) - len(text[s.start : s.end].lstrip()), s.end) for s in out]
    return tuple(Sentence(a, b, text[a:b]) for s, e in trimmed for a, b in _pieces(text, s, e) if a < b)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on "sentence" longer than ``MAX_SENTENCE`` is cut at spaces, so reading time stays linear."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    out.append((start, end))
    return out


def parse_report(text: str, *, day: date | None = None) -> Report:
    """A report from its text; ``day`` overrides the dateline's date (or stands in for a missing one)."""
    dateline = parse_dateline(text)
    if day is not None:
        dateline = Dateline(day, dateline.place, dateline.agency, dateline.span)
    body = _HEADER.sub(lambda m: " " * len(m.group(0)), text)
    return Report(text, dateline, split_sentences(body, dateline.span[1]))
