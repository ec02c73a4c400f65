"""Streaming text input: open a path or take a stream, and yield CSV records one at a time.

Handles a UTF-8 byte-order mark, CRLF, quoted cells with embedded newlines and blank lines (skipped, but
counted as rows so that row numbers match what a spreadsheet shows). Never reads the whole file.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from guarantor.errors import SourceFormatError

__all__ = ["CsvRow", "Input", "check_header", "csv_rows", "name_of", "open_text", "records", "to_record"]

Input = str | os.PathLike[str] | TextIO
"""A path to a file, or an open text stream."""


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One CSV record: its row number, the line it starts on, and its cells or the parse error."""

    row: int
    line: int
    cells: list[str]
    error: str | None = None


def name_of(source: Input) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return str(getattr(source, "name", "<stream>"))


@contextmanager
def open_text(source: Input) -> Iterator[TextIO]:
    """Open a path as UTF-8 (dropping a BOM), or pass a stream through; unreadable files are E401."""
    if not isinstance(source, str | os.PathLike):
        yield source
        return
    path = Path(source)
    try:
        stream = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceFormatError(f"cannot open {path}: {exc.strerror}", hint="check the path") from None
    with stream:
        yield stream


def csv_rows(stream: TextIO, name: str, delimiter: str = ",") -> Iterator[CsvRow]:
    """Every non-blank record of ``stream``; a record the csv module cannot split carries an error."""
    reader = csv.reader(stream, delimiter=delimiter)
    row = end = 0
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row, end = row + 1, reader.line_num
            yield CsvRow(row, start, [], f"not valid CSV: {exc}")
            continue
        except UnicodeDecodeError as exc:
            raise SourceFormatError(
                f"{name}: not UTF-8 text near line {start}: {exc.reason}",
                hint="re-export the file as UTF-8",
            ) from None
        row, end = row + 1, reader.line_num
        if row == 1 and cells and cells[0].startswith("\ufeff"):
            cells[0] = cells[0][1:]
        if cells and not (len(cells) == 1 and not cells[0].strip()):
            yield CsvRow(row, start, cells)


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
        raise SourceFormatError(f"{file}: empty file, expected a {fmt} header row", hint=hint)
    header = [cell.strip() for cell in first.cells]
    missing = [column for column in needed if column not in header]
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        raise SourceFormatError(
            f"{file}: not in the {fmt} layout: the header lacks {len(missing)} column(s): {shown}", hint=hint
        )
    return header
