"""ACLED exports: the current 31-column layout (since March 2023) and the older one with numeric codes.

Columns are read by name, so a reordered or widened export still reads. The codebook says actor order means
nothing except in *Violence against civilians*, where actor 2 is the target: only there do actors get the
roles attacker and target. Everywhere else ``actor1`` is side A and ``actor2`` side B, with role unknown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from functools import partial
from itertools import repeat
from typing import Any

from guarantor.countries import iso3_from_name, iso3_from_numeric
from guarantor.errors import RowRejected
from guarantor.records import collection_deferred
from guarantor.sources import _cells as c
from guarantor.sources._columnwise import ColumnBlock
from guarantor.sources._driver import Context, parse_one
from guarantor.sources._stream import (
    CsvBlock,
    Input,
    check_header,
    csv_blocks,
    name_of,
    open_text,
    to_record,
)
from guarantor.sources.model import Actor, ActorKind, GeoPrecision, Incident, Place, Role, Side, TimePrecision
from guarantor.sources.rejection import Rejection

__all__ = ["ACLED_COLUMNS", "ACLED_LEGACY_COLUMNS", "parse_acled", "read_acled", "read_acled_legacy"]

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

ACLED_LEGACY_COLUMNS = (
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
)

# The columns a reader needs; the rest (interaction, source_scale, data_id, ...) may be absent.
_NEEDED = [col for col in ACLED_COLUMNS if col not in {"interaction", "source_scale", "tags", "timestamp"}]
_NEEDED_LEGACY = [col for col in _NEEDED if col not in {"disorder_type", "civilian_targeting"}]

_TIME_PRECISION = {1: TimePrecision.DAY, 2: TimePrecision.WEEK, 3: TimePrecision.MONTH}
_GEO_PRECISION = {1: GeoPrecision.EXACT, 2: GeoPrecision.NEAR, 3: GeoPrecision.REGION}
_INTER_CODES = dict(enumerate(ActorKind, start=1))
_INTER_LABELS = {kind.value.casefold(): kind for kind in ActorKind} | {
    "rebel groups": ActorKind.REBEL,
    "political militias": ActorKind.POLITICAL_MILITIA,
    "identity militias": ActorKind.IDENTITY_MILITIA,
}
_ACTORS = ("actor1", "inter1", "assoc_actor_1", "actor2", "inter2", "assoc_actor_2")
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%B-%Y", "%Y/%m/%d")
_VAC = "violence against civilians"


def read_acled(source: Input, *, feed: str = "acled") -> Iterator[Incident | Rejection]:
    """Read a current ACLED export (CSV, with header), one incident or rejection per row."""
    return _read(source, feed, "acled", _NEEDED, legacy=False)


def read_acled_legacy(source: Input, *, feed: str = "acled") -> Iterator[Incident | Rejection]:
    """Read a pre-2023 ACLED export (numeric ``inter1``/``inter2``, ``iso3`` column)."""
    return _read(source, feed, "acled-legacy", _NEEDED_LEGACY, legacy=True)


def _read(source: Input, feed: str, fmt: str, needed: list[str], *, legacy: bool) -> Iterator[Incident | Rejection]:
    file = name_of(source)
    other = "acled" if legacy else "acled-legacy"
    with open_text(source) as stream:
        blocks = csv_blocks(stream, file)
        reader: _BlockReader | None = None
        while True:
            with collection_deferred():  # one collection per block, once its rows and columns are freed
                block = next(blocks, None)
                if block is None:
                    break
                skip = 0
                if reader is None:
                    header = check_header(block.item(0), needed, fmt, file, f"is it an {other} export?")
                    reader, skip = _BlockReader(header, Context(fmt, feed, file), legacy=legacy), 1
                items = reader.read(block, skip)
            yield from items
        if reader is None:
            check_header(None, needed, fmt, file, f"is it an {other} export?")


class _BlockReader:
    """Reads a block of rows column by column (``ColumnBlock``) and the rows it finds dirty one by one, with
    ``parse_acled``: the same incidents and rejections as a row-by-row reader, in the same order."""

    def __init__(self, header: list[str], ctx: Context, *, legacy: bool) -> None:
        self.header, self.ctx, self.legacy = header, ctx, legacy
        self.index = {name: i for i, name in enumerate(header)}  # the last of a repeated name, as ``to_record``
        self.parse = partial(parse_acled, feed=ctx.source, legacy=legacy)
        self.tables: dict[Any, Any] = {}  # each parser's results so far, shared by the blocks

    def read(self, block: CsvBlock, skip: int = 0) -> list[Incident | Rejection]:
        """The block's items in order; its cells are freed (the caller is done with the block)."""
        cols = ColumnBlock(block, self.index, len(self.header), self.tables, skip)
        built = self._incidents(cols, [block.rows[i] for i in cols.positions])
        clean = dict(zip(cols.positions, built, strict=True))
        del cols, built  # the block's columns: freed now, never walked by the garbage collector
        out = [clean.get(position) or self._slow(block, position) for position in range(skip, len(block))]
        block.cells.clear()
        return out

    def _slow(self, block: CsvBlock, position: int) -> Incident | Rejection:
        """One row as the row-by-row reader reads it."""
        error = block.errors.get(position)
        record, problem = ({}, error) if error is not None else to_record(self.header, block.cells[position])
        return parse_one(self.parse, self.ctx, block.rows[position], block.lines[position], record, problem)

    def _incidents(self, cols: ColumnBlock, rows: list[int]) -> list[Incident | None]:
        """The incidents of the rows every parser accepts (None for a dirty row), field by field."""
        legacy, file = self.legacy, self.ctx.file
        event_type = cols.text("event_type", required=True)
        place = map(
            Place,
            cols.text("country", required=True),
            cols.records(lambda r: _iso3(r, r["country"].strip(), legacy), "country", "iso", "iso3"),
            cols.optional("region"),
            cols.optional("admin1"),
            cols.optional("admin2"),
            cols.optional("admin3"),
            cols.optional("location"),
            cols.coordinates("latitude", 90),
            cols.coordinates("longitude", 180),
            cols.each(lambda v: _GEO_PRECISION[c.code({"g": v}, "g", range(1, 4))], "geo_precision"),
        )
        incidents = map(
            Incident,
            repeat(self.ctx.source),
            cols.text("event_id_cnty", required=True),
            cols.records(_event_date, "event_date", "year"),
            place,
            event_type,
            cols.each(lambda v: _TIME_PRECISION[c.code({"t": v}, "t", range(1, 4))], "time_precision"),
            repeat(None),
            cols.optional("sub_event_type"),
            repeat(None) if legacy else cols.optional("disorder_type"),
            cols.records(lambda r: _actors(r, r["event_type"].strip().casefold() == _VAC), "event_type", *_ACTORS),
            cols.each(lambda v: c.integer({"f": v}, "f"), "fatalities"),
            repeat(None),
            repeat(None),
            repeat(False) if legacy else cols.records(_civilians, "civilian_targeting"),
            cols.text("notes"),
            cols.each(lambda v: c.split_list({"s": v}, "s"), "source"),
            cols.each(lambda v: c.split_list({"t": v}, "t"), "tags"),
            cols.each(lambda v: c.unix_time({"u": v}, "u"), "timestamp"),
            [f"{file}:{row}" for row in rows],
        )
        dirty = cols.dirty
        return [None if i in dirty else incident for i, incident in enumerate(incidents)]


def parse_acled(record: Mapping[str, str], origin: str = "", *, feed: str = "acled", legacy: bool = False) -> Incident:
    """One ACLED row (cells by column name) to an incident; raises ``RowRejected`` naming the column."""
    event_type = c.required(record, "event_type", "an ACLED event type")
    return Incident(
        source=feed,
        source_id=c.required(record, "event_id_cnty", "an event id such as UKR1234"),
        time=_event_date(record),
        time_precision=_TIME_PRECISION[c.code(record, "time_precision", range(1, 4))],
        place=_place(record, legacy),
        event_type=event_type,
        sub_event_type=c.optional(record, "sub_event_type"),
        disorder_type=None if legacy else c.optional(record, "disorder_type"),
        actors=_actors(record, event_type.casefold() == _VAC),
        fatalities=c.integer(record, "fatalities"),
        civilian_targeting=False if legacy else _civilians(record),
        notes=c.text(record, "notes"),
        reported_by=c.split_list(record, "source"),
        tags=c.split_list(record, "tags"),
        uploaded=c.unix_time(record, "timestamp"),
        origin=origin,
    )


def _parse_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def _event_date(record: Mapping[str, str]) -> datetime:
    raw = c.required(record, "event_date", "a date")
    day = _parse_date(raw)
    if day is None:
        expected = "expected 2023-02-16, 16 February 2023 or 16-Feb-2023"
        raise RowRejected(f"{raw!r} is not a date ({expected})", column="event_date")
    c.check_year(day, "event_date", raw)
    year = c.text(record, "year")
    if year and year != str(day.year):
        raise RowRejected(f"{year!r} disagrees with event_date {raw!r}", column="year")
    return c.as_utc(day)


def _kind(record: Mapping[str, str], column: str) -> ActorKind | None:
    raw = c.text(record, column)
    if not raw or raw == "0":
        return None
    kind = _INTER_CODES.get(int(raw)) if raw.isdigit() else _INTER_LABELS.get(raw.casefold())
    if kind is None:
        raise RowRejected(f"{raw!r} is not an ACLED actor type (1-8 or a label such as 'State forces')", column=column)
    return kind


def _actors(record: Mapping[str, str], vac: bool) -> tuple[Actor, ...]:
    first = Actor(
        name=c.required(record, "actor1", "the main actor"),
        side=Side.A,
        kind=_kind(record, "inter1"),
        role=Role.ATTACKER if vac else Role.UNKNOWN,
        associated=c.split_list(record, "assoc_actor_1"),
    )
    name = c.text(record, "actor2")
    if not name:
        return (first,)
    second = Actor(
        name=name,
        side=Side.B,
        kind=_kind(record, "inter2"),
        role=Role.TARGET if vac else Role.UNKNOWN,
        associated=c.split_list(record, "assoc_actor_2"),
    )
    return (first, second)


def _place(record: Mapping[str, str], legacy: bool) -> Place:
    country = c.required(record, "country", "a country name")
    return Place(
        country=country,
        iso3=_iso3(record, country, legacy),
        region=c.optional(record, "region"),
        admin1=c.optional(record, "admin1"),
        admin2=c.optional(record, "admin2"),
        admin3=c.optional(record, "admin3"),
        location=c.optional(record, "location"),
        latitude=c.coordinate(record, "latitude", 90),
        longitude=c.coordinate(record, "longitude", 180),
        precision=_GEO_PRECISION[c.code(record, "geo_precision", range(1, 4))],
    )


def _iso3(record: Mapping[str, str], country: str, legacy: bool) -> str | None:
    given = c.text(record, "iso3")
    if legacy and len(given) == 3 and given.isalpha():
        return given.upper()
    numeric = c.optional_integer(record, "iso")
    return (iso3_from_numeric(numeric) if numeric else None) or iso3_from_name(country)


def _civilians(record: Mapping[str, str]) -> bool:
    raw = c.text(record, "civilian_targeting")
    if raw and raw.casefold() != "civilians targeted":
        raise RowRejected(f"{raw!r} is neither 'Civilians targeted' nor empty", column="civilian_targeting")
    return bool(raw)
