"""UCDP GED CSV (49 columns), with a header row or without one (some candidate releases ship none).

``side_a`` is side A and ``side_b`` side B. Only one-sided violence (type 3) names an attacker (side A)
and a target (side B, the civilians); in state-based and non-state conflict neither side is marked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import partial

from guarantor.countries import iso3_from_gw, iso3_from_name
from guarantor.errors import RowRejected
from guarantor.sources import _cells as c
from guarantor.sources._driver import Context, parse_all
from guarantor.sources._stream import CsvRow, Input, check_header, csv_rows, name_of, open_text, records
from guarantor.sources.model import Actor, ActorKind, GeoPrecision, Incident, Place, Role, Side, TimePrecision
from guarantor.sources.rejection import Rejection

__all__ = ["UCDP_COLUMNS", "UCDP_VIOLENCE_TYPES", "parse_ucdp", "read_ucdp"]

UCDP_COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)

UCDP_VIOLENCE_TYPES = {1: "State-based conflict", 2: "Non-state conflict", 3: "One-sided violence"}

_NEEDED = [
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "region",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
]


def read_ucdp(source: Input, *, feed: str = "ucdp", header: bool | None = None) -> Iterator[Incident | Rejection]:
    """Read UCDP GED CSV. ``header=None`` detects it: a first row starting with ``id`` is a header."""
    file = name_of(source)
    with open_text(source) as stream:
        rows = csv_rows(stream, file)
        first = next(rows, None)
        has_header = header if header is not None else bool(first and first.cells[0].strip() == "id")
        if has_header:
            names = check_header(first, _NEEDED, "ucdp", file, "is it a UCDP GED CSV export?")
        else:
            names = list(UCDP_COLUMNS)
            rows = _chain(first, rows)
        parse = partial(parse_ucdp, feed=feed)
        yield from parse_all(parse, Context("ucdp", feed, file), records(rows, names))


def _chain(first: CsvRow | None, rows: Iterator[CsvRow]) -> Iterator[CsvRow]:
    if first is not None:
        yield first
    yield from rows


def parse_ucdp(record: Mapping[str, str], origin: str = "", *, feed: str = "ucdp") -> Incident:
    """One GED row (cells by column name) to an incident; raises ``RowRejected`` naming the column."""
    violence = c.code(record, "type_of_violence", range(1, 4))
    start = c.iso_time(record, "date_start")
    low, best, high = _deaths(record)
    return Incident(
        source=feed,
        source_id=c.required(record, "id", "the UCDP event id"),
        time=start,
        time_end=_end(record, start),
        time_precision=TimePrecision(c.code(record, "date_prec", range(1, 6))),
        place=_place(record),
        event_type=UCDP_VIOLENCE_TYPES[violence],
        sub_event_type=c.optional(record, "conflict_name"),
        actors=_actors(record, one_sided=violence == 3),
        fatalities=best,
        fatalities_low=low,
        fatalities_high=high,
        civilian_targeting=violence == 3,
        notes=c.text(record, "source_headline"),
        reported_by=c.split_list(record, "source_original"),
        origin=origin,
    )


def _end(record: Mapping[str, str], start: datetime) -> datetime | None:
    if not c.text(record, "date_end"):
        return None
    end = c.iso_time(record, "date_end")
    if end < start:
        raise RowRejected(f"{end.date()} is before date_start {start.date()}", column="date_end")
    return end


def _deaths(record: Mapping[str, str]) -> tuple[int | None, int, int | None]:
    best = c.integer(record, "best")
    low, high = c.optional_integer(record, "low"), c.optional_integer(record, "high")
    if low is not None and low > best:
        raise RowRejected(f"best {best} is below low {low}", column="best")
    if high is not None and high < best:
        raise RowRejected(f"best {best} is above high {high}", column="best")
    return low, best, high


def _actor(record: Mapping[str, str], column: str, side: Side, role: Role) -> Actor:
    name = c.required(record, column, "an actor name")
    kind = ActorKind.STATE if name.startswith("Government of") else None
    if name.casefold() == "civilians":
        kind = ActorKind.CIVILIANS
    return Actor(name=name, side=side, kind=kind, role=role)


def _actors(record: Mapping[str, str], one_sided: bool) -> tuple[Actor, ...]:
    attacker, target = (Role.ATTACKER, Role.TARGET) if one_sided else (Role.UNKNOWN, Role.UNKNOWN)
    return (_actor(record, "side_a", Side.A, attacker), _actor(record, "side_b", Side.B, target))


def _place(record: Mapping[str, str]) -> Place:
    country = c.required(record, "country", "a country name")
    return Place(
        country=country,
        iso3=_iso3(record, country),
        region=c.optional(record, "region"),
        admin1=c.optional(record, "adm_1"),
        admin2=c.optional(record, "adm_2"),
        location=c.optional(record, "where_coordinates"),
        latitude=c.coordinate(record, "latitude", 90),
        longitude=c.coordinate(record, "longitude", 180),
        precision=GeoPrecision(c.code(record, "where_prec", range(1, 8))),
    )


def _iso3(record: Mapping[str, str], country: str) -> str | None:
    """By UCDP's Gleditsch-Ward ``country_id`` where the row has one, else by the country's name."""
    gw = c.optional_integer(record, "country_id")
    return (iso3_from_gw(gw) if gw is not None else None) or iso3_from_name(country)
