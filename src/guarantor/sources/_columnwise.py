"""A block of CSV records read column by column: the fast path of the readers for clean files.

Feeds repeat themselves (dates, countries, actors, event types), so each cell parser runs once per distinct
value of its columns and the rows share the result. The parsers are the row reader's own, applied to a record
of just those columns, so a value means the same on both paths. A row whose value a parser refuses (or whose
cell count is wrong, or that the csv module could not split) is *dirty*: the reader parses it again on its
own, row by row, for the rejection and its message. Only the rows where every parser agreed are built here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

from guarantor.sources._cells import coordinate_value
from guarantor.sources._stream import CsvBlock

__all__ = ["ColumnBlock"]

T = TypeVar("T")

_DIRTY: Any = object()  # the value of a dirty row in a converted column
TABLE_LIMIT = 200_000  # distinct keys a parser's table keeps before it starts again (memory stays bounded)


class ColumnBlock:
    """The clean-width records of a block as columns (``index`` maps a column name to its position).

    ``positions`` are the indices in the block of the rows held here; ``dirty`` collects the rows (indices
    into ``positions``) some parser refused. ``tables`` keeps each parser's results from block to block,
    keyed by the columns it reads (a reader uses one parser per group of columns).
    """

    def __init__(
        self, block: CsvBlock, index: Mapping[str, int], width: int, tables: dict[Any, _Table], skip: int = 0
    ) -> None:
        cells = block.cells
        self.positions = [i for i in range(skip, len(cells)) if len(cells[i]) == width]
        if len(self.positions) == len(cells) - skip:
            rows = cells[skip:] if skip else cells
        else:
            rows = [cells[i] for i in self.positions]
        self.size = len(rows)
        self._columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
        self._index = index
        self._tables = tables
        self.dirty: set[int] = set()

    def raw(self, column: str) -> Sequence[str]:
        """The cells of ``column`` as read; an absent column reads as empty cells."""
        position = self._index.get(column)
        return self._columns[position] if position is not None else ("",) * self.size

    def text(self, column: str, *, required: bool = False) -> list[str]:
        """Stripped cells (``_cells.text``); ``required`` makes an empty one dirty (``_cells.required``)."""
        out = list(map(str.strip, self.raw(column)))
        if required and "" in out:
            self.dirty.update(i for i, value in enumerate(out) if not value)
        return out

    def optional(self, column: str) -> list[str | None]:
        """Stripped cells, ``None`` for an empty one (``_cells.optional``)."""
        return [value or None for value in map(str.strip, self.raw(column))]

    def coordinates(self, column: str, limit: float) -> list[float | None]:
        """``_cells.coordinate_value`` of each cell, without a table: coordinates rarely repeat."""
        values = list(map(str.strip, self.raw(column)))
        try:
            out = [float(value) if value else None for value in values]
        except ValueError:  # some cell is no number: let the parser find which
            return self.each(partial(coordinate_value, column=column, limit=limit), column)
        self.dirty.update(i for i, x in enumerate(out) if x is not None and not -limit <= x <= limit)
        return out

    def each(self, parse: Callable[[str], T], column: str) -> list[T]:
        """``parse`` of each cell of ``column``, run once per distinct cell."""
        return self._convert(parse, self.raw(column), column)

    def records(self, parse: Callable[[dict[str, str]], T], *columns: str) -> list[T]:
        """``parse`` of each row's record of ``columns`` (cells by name), run once per distinct record."""
        keys = list(zip(*(self.raw(column) for column in columns), strict=True))
        return self._convert(lambda key: parse(dict(zip(columns, key, strict=True))), keys, columns)

    def _convert(self, parse: Callable[[Any], T], keys: Sequence[Any], name: object) -> list[T]:
        table = self._tables.get(name)
        if table is None or len(table.values) > TABLE_LIMIT:
            table = self._tables[name] = _Table()
        values = table.values
        for key in set(keys).difference(values):
            try:
                values[key] = parse(key)
            except Exception:
                values[key] = _DIRTY
                table.refused = True
        out = list(map(values.__getitem__, keys))
        if table.refused and _DIRTY in out:
            self.dirty.update(i for i, value in enumerate(out) if value is _DIRTY)
        return out


class _Table:
    """One parser's results by distinct key; ``refused`` once some key was refused."""

    __slots__ = ("refused", "values")

    def __init__(self) -> None:
        self.values: dict[Any, Any] = {}
        self.refused = False
