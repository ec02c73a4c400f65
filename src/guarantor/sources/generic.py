"""Generic CSV and JSONL feeds, read through a ``ColumnMapping``.

Each row is first reduced to the mapped columns (``record``); that record is what a rejection keeps, so a
fixed record parses again the same way. A rejection names the feed's own column, not our field name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any, TypeVar

from guarantor.countries import iso3_from_name
from guarantor.errors import RowRejected
from guarantor.sources import _cells as c
from guarantor.sources._driver import Context, parse_all, parse_one
from guarantor.sources._stream import Input, check_header, csv_rows, lines, name_of, open_text, records
from guarantor.sources.mapping import ColumnMapping
from guarantor.sources.model import Actor, GeoPrecision, Incident, Place, Role, Side, TimePrecision
from guarantor.sources.rejection import Rejection

__all__ = ["parse_mapped", "read_csv", "read_jsonl"]

_TIME_NAMES = {p.name.lower(): p for p in TimePrecision}
_GEO_NAMES = {p.name.lower(): p for p in GeoPrecision}
_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}
_ACTORS = (
    ("actor1", Side.A, Role.UNKNOWN),
    ("actor2", Side.B, Role.UNKNOWN),
    ("attacker", Side.A, Role.ATTACKER),
    ("target", Side.B, Role.TARGET),
)


def read_csv(source: Input, mapping: ColumnMapping) -> Iterator[Incident | Rejection]:
    """Read a CSV file with a header row, mapping its columns to incident fields."""
    file = name_of(source)
    ctx = Context("csv", mapping.source, file, mapping.model_dump_json())
    with open_text(source) as stream:
        rows = csv_rows(stream, file, mapping.delimiter)
        header = check_header(next(rows, None), list(mapping.columns.values()), "csv", file, "check the mapping")
        yield from parse_all(partial(parse_mapped, mapping=mapping), ctx, records(rows, header))


def read_jsonl(source: Input, mapping: ColumnMapping) -> Iterator[Incident | Rejection]:
    """Read JSON Lines (one object per line); keys with dots in the mapping reach into nested objects."""
    file = name_of(source)
    ctx = Context("jsonl", mapping.source, file, mapping.model_dump_json())
    parse = partial(parse_mapped, mapping=mapping)
    with open_text(source) as stream:
        for number, line in enumerate(lines(stream, file), start=1):
            if line.strip():
                record, problem = _json_record(line.lstrip("\ufeff"), mapping)
                yield parse_one(parse, ctx, number, number, record, problem)


def _json_record(line: str, mapping: ColumnMapping) -> tuple[dict[str, str], str | None]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"_line": line.rstrip("\r\n")}, f"not valid JSON: {exc.msg} at character {exc.pos + 1}"
    except RecursionError:
        return {"_line": line[:200]}, "the JSON nests deeper than a feed row can (write the incident flat)"
    if not isinstance(data, dict):
        return {"_line": line.rstrip("\r\n")}, f"expected a JSON object, found {type(data).__name__}"
    sep = mapping.list_separator
    return {column: _cell(_lookup(data, column), sep) for column in mapping.columns.values()}, None


def _lookup(data: dict[str, Any], column: str) -> Any:
    if column in data:
        return data[column]
    value: Any = data
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _cell(value: Any, sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return sep.join(value)
    return json.dumps(value, ensure_ascii=False)


def parse_mapped(record: Mapping[str, str], origin: str = "", *, mapping: ColumnMapping) -> Incident:
    """One mapped record to an incident; a rejection names the feed's column."""
    view: dict[str, str] = {str(k): v for k, v in mapping.defaults.items()}
    for name, column in mapping.columns.items():
        value = record.get(column, "")
        if value.strip() or name not in mapping.defaults:
            view[name] = value
    try:
        return _build(view, origin, mapping)
    except RowRejected as error:
        raise RowRejected(error.message, column=mapping.column(error.column or "")) from None


def _build(view: Mapping[str, str], origin: str, mapping: ColumnMapping) -> Incident:
    start = c.iso_time(view, "time", mapping.time_format)
    return Incident(
        source=mapping.source,
        source_id=c.required(view, "source_id", "an event id"),
        time=start,
        time_end=c.iso_time(view, "time_end", mapping.time_format) if c.text(view, "time_end") else None,
        time_precision=_precision(view, "time_precision", _TIME_NAMES, TimePrecision.DAY),
        place=_place(view),
        event_type=c.required(view, "event_type", "an event type"),
        sub_event_type=c.optional(view, "sub_event_type"),
        disorder_type=c.optional(view, "disorder_type"),
        actors=_actors(view),
        fatalities=c.integer(view, "fatalities", empty=0),
        fatalities_low=c.optional_integer(view, "fatalities_low"),
        fatalities_high=c.optional_integer(view, "fatalities_high"),
        civilian_targeting=_flag(view, "civilian_targeting"),
        notes=c.text(view, "notes"),
        reported_by=c.split_list(view, "reported_by", mapping.list_separator),
        tags=c.split_list(view, "tags", mapping.list_separator),
        origin=origin,
    )


P = TypeVar("P", TimePrecision, GeoPrecision)


def _precision(view: Mapping[str, str], name: str, names: Mapping[str, P], default: P) -> P:
    raw = c.text(view, name).casefold()
    if not raw:
        return default
    if raw in names:
        return names[raw]
    kind = type(default)
    if raw.isdigit() and int(raw) in {p.value for p in kind}:
        return kind(int(raw))
    allowed = ", ".join(names)
    raise RowRejected(f"{raw!r} is not a precision ({allowed}, or 1-{len(names)})", column=name)


def _place(view: Mapping[str, str]) -> Place:
    country = c.required(view, "country", "a country name")
    iso3 = c.text(view, "iso3").upper() or iso3_from_name(country)
    if iso3 and not (len(iso3) == 3 and iso3.isalpha()):
        raise RowRejected(f"{iso3!r} is not an ISO 3166 alpha-3 code", column="iso3")
    return Place(
        country=country,
        iso3=iso3,
        region=c.optional(view, "region"),
        admin1=c.optional(view, "admin1"),
        admin2=c.optional(view, "admin2"),
        admin3=c.optional(view, "admin3"),
        location=c.optional(view, "location"),
        latitude=c.coordinate(view, "latitude", 90),
        longitude=c.coordinate(view, "longitude", 180),
        precision=_precision(view, "geo_precision", _GEO_NAMES, GeoPrecision.EXACT),
    )


def _actors(view: Mapping[str, str]) -> tuple[Actor, ...]:
    return tuple(
        Actor(name=name, side=side, role=role) for field, side, role in _ACTORS if (name := c.text(view, field))
    )


def _flag(view: Mapping[str, str], name: str) -> bool:
    raw = c.text(view, name).casefold()
    if raw not in _TRUE | _FALSE:
        raise RowRejected(f"{raw!r} is not true or false", column=name)
    return raw in _TRUE
