"""UCDP GED reader: with and without header, roles only for one-sided violence, death estimates checked."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from guarantor.sources import GeoPrecision, Incident, Rejection, Role, TimePrecision, read_ucdp


def test_header_and_headerless_files_read_the_same(data: Path) -> None:
    with_header = [r for r in read_ucdp(data / "ucdp_header.csv") if isinstance(r, Incident)]
    without = [r for r in read_ucdp(data / "ucdp_noheader.csv") if isinstance(r, Incident)]
    assert with_header == without
    assert [i.source_id for i in with_header] == ["500001", "500002"]


def test_state_based_event(data: Path) -> None:
    first = next(r for r in read_ucdp(data / "ucdp_header.csv") if isinstance(r, Incident))
    assert first.key == ("ucdp", "500001")
    assert first.event_type == "State-based conflict"
    assert first.time == first.time_end == datetime(2022, 2, 24, tzinfo=UTC)
    assert first.place.iso3 == "UKR" and first.place.admin1 == "Kharkiv oblast"
    assert (first.fatalities_low, first.fatalities, first.fatalities_high) == (3, 3, 5)
    assert first.actors[0].name == "Government of Russia (Soviet Union)"
    assert all(a.role is Role.UNKNOWN for a in first.actors)
    assert first.reported_by == ("Synthetic Wire", "Test Daily")


def test_one_sided_violence_names_attacker_and_target(data: Path) -> None:
    rows = [r for r in read_ucdp(data / "ucdp_header.csv") if isinstance(r, Incident)]
    one_sided = rows[1]
    assert one_sided.event_type == "One-sided violence"
    assert one_sided.attacker is not None and one_sided.attacker.name.startswith("Government of Russia")
    assert one_sided.target is not None and one_sided.target.name == "Civilians"
    assert one_sided.time_precision is TimePrecision.DAYS
    assert one_sided.place.precision is GeoPrecision.ADMIN1
    assert one_sided.time_end == datetime(2022, 3, 5, tzinfo=UTC)


def test_bad_rows(data: Path) -> None:
    header = [(r.row, r.column, r.reason) for r in read_ucdp(data / "ucdp_header.csv") if isinstance(r, Rejection)]
    assert header == [
        (4, "best", "best 7 is above high 5"),
        (5, "date_end", "2022-03-01 is before date_start 2022-03-09"),
        (6, "where_prec", "'9' is not a code in 1-7"),
    ]
    headerless = [r.row for r in read_ucdp(data / "ucdp_noheader.csv") if isinstance(r, Rejection)]
    assert headerless == [3, 4, 5]  # no header row: the first data row is row 1


def test_forcing_headerless_on_a_file_with_header_rejects_the_header(data: Path) -> None:
    rows = list(read_ucdp(data / "ucdp_header.csv", header=False))
    assert isinstance(rows[0], Rejection) and rows[0].column == "type_of_violence"
