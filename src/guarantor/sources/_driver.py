"""Turns named records into incidents or rejections: the loop every reader shares."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from guarantor.errors import RowRejected
from guarantor.sources.model import Incident
from guarantor.sources.rejection import Rejection

Parser = Callable[[Mapping[str, str], str], Incident]
"""Parses one record (cells by column name) into an incident; ``str`` is its origin (``file:row``)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rejection needs to be parsed again later: format, feed name, file, mapping."""

    format: str
    source: str
    file: str
    mapping: str | None = None

    def reject(self, row: int, line: int, record: Mapping[str, str], error: RowRejected) -> Rejection:
        return Rejection(
            format=self.format,
            source=self.source,
            file=self.file,
            row=row,
            line=line,
            column=error.column,
            reason=error.message,
            cells=tuple(record.items()),
            mapping=self.mapping,
        )


def parse_one(
    parse: Parser, ctx: Context, row: int, line: int, record: Mapping[str, str], problem: str | None
) -> Incident | Rejection:
    """One record: a problem found while splitting it, or the parser's verdict."""
    if problem is not None:
        return ctx.reject(row, line, record, RowRejected(problem))
    try:
        return parse(record, f"{ctx.file}:{row}")
    except RowRejected as error:
        return ctx.reject(row, line, record, error)


def parse_all(
    parse: Parser, ctx: Context, records: Iterator[tuple[int, int, dict[str, str], str | None]]
) -> Iterator[Incident | Rejection]:
    for row, line, record, problem in records:
        yield parse_one(parse, ctx, row, line, record, problem)
