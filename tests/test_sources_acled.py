"""ACLED readers: good rows become the right incidents, each bad row is rejected with row, column, reason."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from guarantor.sources import (
    ActorKind,
    GeoPrecision,
    Incident,
    Rejection,
    Role,
    Side,
    SourceFormatError,
    TimePrecision,
    read_acled,
    read_acled_legacy,
)


def _split(rows: object) -> tuple[dict[str, Incident], list[Rejection]]:
    items = list(rows)  # type: ignore[call-overload]
    incidents = {i.source_id: i for i in items if isinstance(i, Incident)}
    return incidents, [r for r in items if isinstance(r, Rejection)]


def test_current_layout_good_rows(data: Path) -> None:
    incidents, _ = _split(read_acled(data / "acled_current.csv"))
    assert sorted(incidents) == ["POL1011", "UKR1001", "UKR1002", "UKR1008"]
    battle = incidents["UKR1001"]
    assert battle.key == ("acled", "UKR1001")
    assert battle.time == datetime(2024, 3, 1, tzinfo=UTC)
    assert battle.time_precision is TimePrecision.DAY
    assert battle.place.iso3 == "UKR" and battle.place.admin1 == "Donetsk" and battle.place.admin3 is None
    assert (battle.place.latitude, battle.place.longitude) == (48.1394, 37.7497)
    assert battle.fatalities == 4
    assert battle.reported_by == ("Synthetic Wire", "Test Daily")
    assert battle.uploaded == datetime.fromtimestamp(1709510400, UTC)
    assert [a.side for a in battle.actors] == [Side.A, Side.B]
    assert battle.attacker is None and battle.target is None  # actor order means nothing in a battle
    assert battle.origin.endswith("acled_current.csv:2")


def test_violence_against_civilians_names_attacker_and_target(data: Path) -> None:
    incidents, _ = _split(read_acled(data / "acled_current.csv"))
    vac = incidents["UKR1002"]
    assert vac.attacker is not None and vac.attacker.name == "Military Forces of Russia (2000-)"
    assert vac.target is not None and vac.target.kind is ActorKind.CIVILIANS
    assert vac.target.role is Role.TARGET
    assert vac.civilian_targeting is True
    assert vac.notes == 'Shelling hit a market,\nkilling 2, "synthetic".'  # quoted newline and quotes kept


def test_other_date_formats_and_precisions(data: Path) -> None:
    incidents, _ = _split(read_acled(data / "acled_current.csv"))
    assert incidents["UKR1008"].time == datetime(2025, 5, 16, tzinfo=UTC)  # "16 May 2025"
    assert len(incidents["UKR1008"].actors) == 1
    poland = incidents["POL1011"]
    assert poland.time == datetime(2025, 5, 16, tzinfo=UTC)  # "16-May-2025"
    assert poland.time_precision is TimePrecision.WEEK
    assert poland.place.precision is GeoPrecision.REGION
    assert poland.place.iso3 == "POL"
    assert poland.sub_event_type == "Disrupted weapons use"


# (row, line, column, reason): row counts the header as 1; row 3 holds a quoted newline, so lines drift by 1.
BAD_ROWS = [
    (4, 5, "event_date", "'2024-13-45' is not a date (expected 2023-02-16, 16 February 2023 or 16-Feb-2023)"),
    (5, 6, "country", "empty; expected a country name"),
    (6, 7, "fatalities", "'three' is not a whole number"),
    (7, 8, None, "expected 31 cells, found 30"),
    (8, 9, "latitude", "95.5 is outside -90..90"),
    (10, 11, "event_date", "'0025-05-16' has an implausible year 0025"),
    (11, 12, "inter1", "'Aliens' is not an ACLED actor type (1-8 or a label such as 'State forces')"),
    (13, 14, "time_precision", "'7' is not a code in 1-3"),
]


def test_bad_rows_are_rejected_with_row_column_and_reason(data: Path) -> None:
    _, rejections = _split(read_acled(data / "acled_current.csv"))
    got = [(r.row, r.line, r.column, r.reason) for r in rejections]
    assert got == BAD_ROWS
    assert all(r.format == "acled" and r.source == "acled" for r in rejections)


def test_rejection_keeps_the_cells_for_a_fix(data: Path) -> None:
    _, rejections = _split(read_acled(data / "acled_current.csv"))
    bad_date = rejections[0]
    assert bad_date.record["event_id_cnty"] == "UKR1003"
    short = rejections[3]
    assert "tags" in short.record and "timestamp" not in short.record


def test_every_row_is_accounted_for(data: Path) -> None:
    incidents, rejections = _split(read_acled(data / "acled_current.csv"))
    assert len(incidents) + len(rejections) == 12  # 12 data rows; trailing blank lines are not rows


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"year": "2023"}, "year", "'2023' disagrees with event_date '2024-03-01'"),
        (
            {"civilian_targeting": "yes"},
            "civilian_targeting",
            "'yes' is neither 'Civilians targeted' nor empty",
        ),
        ({"geo_precision": ""}, "geo_precision", "'' is not a code in 1-3"),
        ({"event_id_cnty": " "}, "event_id_cnty", "empty; expected an event id such as UKR1234"),
        ({"actor1": ""}, "actor1", "empty; expected the main actor"),
        ({"longitude": "east"}, "longitude", "'east' is not a number"),
        ({"longitude": "nan"}, "longitude", "nan is outside -180..180"),
        ({"fatalities": "1.5"}, "fatalities", "'1.5' is not a whole number"),
        ({"fatalities": ""}, "fatalities", "'' is not a whole number"),
        ({"timestamp": "soon"}, "timestamp", "'soon' is not a whole number"),
        ({"iso": "UKR"}, "iso", "'UKR' is not a whole number"),
    ],
)
def test_bad_cells(data: Path, cells: dict[str, str], column: str, reason: str) -> None:
    text = (data / "acled_update.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    row = next(iter(read_acled(data / "acled_update.csv")))
    assert isinstance(row, Incident)
    from guarantor.sources.synthetic import acled_cells

    record = acled_cells(row) | cells
    stream = io.StringIO(",".join(header) + "\n" + ",".join(f'"{record[c]}"' for c in header) + "\n")
    (result,) = list(read_acled(stream))
    assert isinstance(result, Rejection)
    assert (result.row, result.column, result.reason) == (2, column, reason)


def test_stream_input_with_bom_and_crlf(data: Path) -> None:
    raw = (data / "acled_current.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    from_stream = list(read_acled(io.StringIO(raw.decode("utf-8"), newline="")))
    from_path = list(read_acled(data / "acled_current.csv"))
    assert from_stream == [r if isinstance(r, Incident) else _renamed(r, "<stream>") for r in from_path]


def _renamed(rejection: Rejection, file: str) -> Rejection:
    return Rejection(**{**rejection.to_dict(), "file": file, "cells": rejection.cells})


def test_legacy_layout(data: Path) -> None:
    incidents, rejections = _split(read_acled_legacy(data / "acled_legacy.csv"))
    assert sorted(incidents) == ["BLR1004", "UKR1001", "UKR1002"]
    assert incidents["UKR1001"].actors[0].kind is ActorKind.STATE
    assert incidents["UKR1002"].target is not None
    assert incidents["UKR1002"].target.kind is ActorKind.CIVILIANS
    assert incidents["BLR1004"].place.iso3 == "BLR"  # from the numeric iso code when iso3 is empty
    assert incidents["BLR1004"].actors[1:] == ()
    assert incidents["UKR1001"].time == datetime(2019, 5, 16, tzinfo=UTC)
    assert [(r.row, r.column, r.reason) for r in rejections] == [
        (4, "inter2", "'9' is not an ACLED actor type (1-8 or a label such as 'State forces')")
    ]


@pytest.mark.parametrize(
    ("reader", "file", "message"),
    [
        (
            read_acled,
            "acled_legacy.csv",
            "not in the acled layout: the header lacks 2 column(s): disorder_type, civilian",
        ),
        (
            read_acled_legacy,
            "ucdp_header.csv",
            "not in the acled-legacy layout: the header lacks 20 column(s): event_id_cnty",
        ),
        (read_acled, "missing.csv", "cannot open"),
    ],
)
def test_unreadable_files_raise_e401(data: Path, reader: object, file: str, message: str) -> None:
    with pytest.raises(SourceFormatError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        list(reader(data / file))  # type: ignore[operator]
    assert info.value.code == "E401" and info.value.exit_code == 2


def test_empty_file_is_e401() -> None:
    with pytest.raises(SourceFormatError, match="empty file"):
        list(read_acled(io.StringIO("\n\n")))


def test_not_utf8_is_e401(tmp_path: Path, data: Path) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes((data / "acled_update.csv").read_bytes() + "Kyïv".encode("latin-1") + b"\n")
    with pytest.raises(SourceFormatError, match="not UTF-8"):
        list(read_acled(bad))


def test_a_cell_the_csv_module_refuses_is_a_rejection(data: Path) -> None:
    text = (data / "acled_update.csv").read_text(encoding="utf-8")
    huge = "x" * 200_000  # beyond the csv module's field size limit
    rows = list(read_acled(io.StringIO(text + f"UKR9,{huge}\n", newline="")))
    assert isinstance(rows[-1], Rejection)
    assert rows[-1].row == 4 and rows[-1].column is None and "not valid CSV" in rows[-1].reason
