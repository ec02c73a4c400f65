"""Streaming text input: open a path or take a stream, and yield CSV records a block at a time.

Handles a UTF-8 byte-order mark, CRLF, quoted cells with embedded newlines and blank lines (skipped, but
counted as rows so that row numbers match what a spreadsheet shows). Never reads the whole file: a path is
read through ``guarantor.bounded`` (at most ``FEED_LIMIT`` bytes) and no line may pass ``LINE_LIMIT``
characters, so an endless stream (``/dev/zero``, a FIFO that never closes) ends with E401, in bounded memory.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from guarantor.bounded import BoundedReader
from guarantor.errors import SourceFormatError
from guarantor.records import collection_deferred

__all__ = [
    "BLOCK",
    "FEED_LIMIT",
    "LINE_LIMIT",
    "CsvBlock",
    "CsvRow",
    "Input",
    "bounded_text",
    "check_header",
    "csv_blocks",
    "csv_rows",
    "lines",
    "name_of",
    "open_text",
    "records",
    "to_record",
]

Input = str | os.PathLike[str] | TextIO
"""A path to a file, or an open text stream."""

FEED_LIMIT = 8 * 1024**3  # bytes of one feed file: ACLED's whole history is well below a tenth of it
LINE_LIMIT = 16 * 1024**2  # characters of one line: the csv module's own field limit is 128 Ki
BLOCK = 4096  # records per block


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One CSV record: its row number, the line it starts on, and its cells or the parse error."""

    row: int
    line: int
    cells: list[str]
    error: str | None = None


@dataclass(slots=True)
class CsvBlock:
    """Consecutive non-blank records, as parallel lists; ``errors`` maps an index to the csv module's error
    (that record's ``cells`` are empty)."""

    rows: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def item(self, index: int) -> CsvRow:
        return CsvRow(self.rows[index], self.lines[index], self.cells[index], self.errors.get(index))


def name_of(source: Input) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return str(getattr(source, "name", "<stream>"))


@contextmanager
def open_text(source: Input) -> Iterator[TextIO]:
    """Open a path as UTF-8 (dropping a BOM) read through ``guarantor.bounded``, or pass a stream through;
    unreadable files are E401."""
    if not isinstance(source, str | os.PathLike):
        yield source
        return
    path = Path(source)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise SourceFormatError(f"cannot open {path}: {exc.strerror}", hint="check the path") from None
    with raw:
        yield bounded_text(raw, str(path))


def bounded_text(raw: BinaryIO, name: str) -> TextIO:
    """``raw`` as UTF-8 text (dropping a BOM), failing with E401 past ``FEED_LIMIT`` bytes."""
    bounded = BoundedReader(raw, FEED_LIMIT, name, SourceFormatError, "the feed")
    return io.TextIOWrapper(io.BufferedReader(bounded), encoding="utf-8-sig", newline="")


def lines(stream: TextIO, name: str) -> Iterator[str]:
    """The lines of ``stream``, each read with a bound: a longer line (no newline in sight) is E401."""
    readline = stream.readline
    number = 0
    while True:
        try:
            line = readline(LINE_LIMIT)
        except UnicodeDecodeError as exc:
            raise SourceFormatError(
                f"{name}: not UTF-8 text near line {number + 1}: {exc.reason}", hint="re-export the file as UTF-8"
            ) from None
        if not line:
            return
        number += 1
        if len(line) == LINE_LIMIT and line[-1] not in "\r\n":
            raise SourceFormatError(
                f"{name}: a line longer than {LINE_LIMIT:,} characters", hint="is it a CSV file? split long cells"
            )
        yield line


def csv_blocks(stream: TextIO, name: str, delimiter: str = ",", size: int | None = None) -> Iterator[CsvBlock]:
    """Every non-blank record of ``stream``, ``size`` (default ``BLOCK``) at a time; the first block starts
    with the header."""
    reader = _Records(csv.reader(lines(stream, name), delimiter=delimiter), name)
    while True:
        with collection_deferred():
            block = reader.block(size or BLOCK)
        if not block.rows:
            return
        yield block


class _Records:
    """Numbers the records of a csv reader: rows as a spreadsheet counts them, and the line each starts on."""

    def __init__(self, reader: Any, name: str) -> None:  # Any: the csv module's reader type is private
        self.reader, self.name = reader, name
        self.row = self.end = 0

    def block(self, size: int) -> CsvBlock:
        block = CsvBlock()
        reader, rows, starts, cells_of = self.reader, block.rows, block.lines, block.cells
        while len(rows) < size:
            start = self.end + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self.row, self.end = self.row + 1, reader.line_num
                block.errors[len(rows)] = f"not valid CSV: {exc}"
                rows.append(self.row)
                starts.append(start)
                cells_of.append([])
                continue
            except UnicodeDecodeError as exc:
                raise SourceFormatError(
                    f"{self.name}: not UTF-8 text near line {start}: {exc.reason}",
                    hint="re-export the file as UTF-8",
                ) from None
            self.row, self.end = self.row + 1, reader.line_num
            if self.row == 1 and cells and cells[0].startswith("\ufeff"):
                cells[0] = cells[0][1:]
            if cells and not (len(cells) == 1 and not cells[0].strip()):
                rows.append(self.row)
                starts.append(start)
                cells_of.append(cells)
        return block


def csv_rows(stream: TextIO, name: str, delimiter: str = ",") -> Iterator[CsvRow]:
    """Every non-blank record of ``stream``; a record the csv module cannot split carries an error."""
    for block in csv_blocks(stream, name, delimiter):
        for index in range(len(block)):
            yield block.item(index)


def to_record(header: Sequence[str], cells: Sequence[str]) -> tuple[dict[str, str], str | None]:
    """Name the cells by the header; extra cells are named ``#N`` (1-based), and the count is checked."""
    record = dict(zip(header, cells, strict=False))
    for position in range(len(header), len(cells)):
        record[f"#{position + 1}"] = cells[position]
    if len(cells) == len(header):
        return record, None
    return record, f"expected {len(header)} cells, found {len(cells)}"


def records(rows: Iterator[CsvRow], header: Sequence[str]) -> Iterator[tuple[int, int, dict[str, str], str | None]]:
    """Name each row's cells by ``header``; rows the csv module could not split keep their error."""
    for item in rows:
        if item.error is not None:
            yield item.row, item.line, {}, item.error
        else:
            record, problem = to_record(header, item.cells)
            yield item.row, item.line, record, problem


def check_header(first: CsvRow | None, needed: Sequence[str], fmt: str, file: str, hint: str) -> list[str]:
    """The header row, stripped; a missing header or missing columns make the whole file unreadable."""
    if first is None:
        raise SourceFormatError(f"{file}: empty file, expected the header row of {fmt}", hint=hint)
    header = [cell.strip() for cell in first.cells]
    missing = [column for column in needed if column not in header]
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        raise SourceFormatError(
            f"{file}: not in the {fmt} layout: the header lacks {len(missing)} column(s): {shown}", hint=hint
        )
    return header
