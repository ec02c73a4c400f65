"""Generic CSV and JSONL feeds through a column mapping; rejections name the feed's own column."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from guarantor.sources import (
    GeoPrecision,
    Incident,
    MappingError,
    Rejection,
    Role,
    load_mapping,
    read,
    read_csv,
    read_jsonl,
)


def test_csv_with_mapping(data: Path) -> None:
    rows = list(read_csv(data / "monitor.csv", load_mapping(data / "monitor.yaml")))
    (good,) = [r for r in rows if isinstance(r, Incident)]
    assert good.key == ("monitor", "M-1")
    assert good.time == datetime(2024, 6, 1, 11, 30, tzinfo=UTC)  # +03:00 converted to UTC
    assert good.attacker is not None and good.attacker.name == "Russian Armed Forces"
    assert good.target is not None and good.target.role is Role.TARGET
    assert good.place.iso3 == "UKR" and good.place.precision is GeoPrecision.EXACT
    assert [(r.row, r.column, r.reason) for r in rows if isinstance(r, Rejection)] == [
        (3, "reported_at", "'01.06.2024' is not an ISO 8601 date such as 2024-02-24"),
        (4, "country", "empty; expected a country name"),
        (5, "killed", "-2 is below the minimum 0"),
    ]


def test_time_format_in_mapping(tmp_path: Path, data: Path) -> None:
    mapping = tmp_path / "m.yaml"
    text = (data / "monitor.yaml").read_text().replace("defaults:", 'time_format: "%d.%m.%Y"\ndefaults:')
    mapping.write_text(text)
    rows = list(read_csv(data / "monitor.csv", load_mapping(mapping)))
    assert isinstance(rows[1], Incident) and rows[1].time == datetime(2024, 6, 1, tzinfo=UTC)


def test_jsonl_with_nested_keys(data: Path) -> None:
    rows = list(read_jsonl(data / "monitor.jsonl", load_mapping(data / "monitor_jsonl.yaml")))
    incidents = [r for r in rows if isinstance(r, Incident)]
    assert [i.source_id for i in incidents] == ["J-1", "J-5"]
    assert incidents[0].reported_by == ("Wire A", "Wire B")
    assert incidents[0].place.latitude == 49.99
    assert incidents[1].place.iso3 == "MDA"
    assert [(r.row, r.column, r.reason) for r in rows if isinstance(r, Rejection)] == [
        (3, "place.lat", "91.0 is outside -90..90"),
        (4, None, "not valid JSON: Expecting ',' delimiter at character 104"),
        (5, None, "expected a JSON object, found list"),
    ]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("source: x\ncolumns: {time: t}\n", "(top level): 'columns' must name the column for 'source_id'"),
        ("source: x\ncolumns: {source_id: i, time: t, country: c}\n", "'event_type' needs a column"),
        (
            "source: x\ncolumns: {source_id: i, time: t, event_type: e, country: c, colour: z}\n",
            "columns.colour",
        ),
        ("source: x\ncolumns: {source_id: i, time: t, event_type: e, country: c}\nextra: 1\n", "extra"),
        (
            "source: x\ncolumns: {source_id: i, time: t, event_type: e, country: c, attacker: a}\n"
            "defaults: {actor1: b}\n",
            "either attacker/target or actor1/actor2",
        ),
        ("source: x\ncolumns: [\n", "cannot read the mapping"),
        ("- just a list\n", "(top level)"),
    ],
)
def test_bad_mappings_are_e402(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml_text)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert message in info.value.message
    assert info.value.code == "E402" and info.value.exit_code == 2


def test_generic_formats_need_a_mapping(data: Path) -> None:
    with pytest.raises(MappingError, match="needs a column mapping"):
        read(data / "monitor.csv", "csv")
    with pytest.raises(MappingError, match="unknown format"):
        read(data / "monitor.csv", "xlsx")
