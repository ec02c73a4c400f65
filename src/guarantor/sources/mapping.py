"""The column mapping for generic CSV and JSONL feeds: which column holds which incident field.

A small YAML file (see ``docs/sources.md``)::

    source: kyiv-monitor
    columns: {source_id: report_id, time: reported_at, event_type: category, country: country}
    defaults: {time_precision: day}
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from guarantor.bounded import read_bounded
from guarantor.errors import MappingError

__all__ = ["FIELDS", "ColumnMapping", "load_mapping"]

FieldName = Literal[
    "source_id",
    "time",
    "time_end",
    "time_precision",
    "country",
    "iso3",
    "region",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "event_type",
    "sub_event_type",
    "disorder_type",
    "actor1",
    "actor2",
    "attacker",
    "target",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "civilian_targeting",
    "notes",
    "reported_by",
    "tags",
]
FIELDS: tuple[str, ...] = FieldName.__args__  # type: ignore[attr-defined]


class ColumnMapping(BaseModel):
    """Which column (CSV header name, or JSON key with dots for nesting) feeds which incident field."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1, description="the feed name, first half of every incident key")
    columns: dict[FieldName, str] = Field(description="incident field -> column name")
    defaults: dict[FieldName, str] = Field(default_factory=dict, description="a value for every row")
    time_format: str | None = Field(default=None, description="strptime format; ISO 8601 when absent")
    delimiter: str = Field(default=",", min_length=1, max_length=1)
    list_separator: str = Field(default=";", min_length=1)
    vocabulary: str | None = Field(
        default=None, description="the vocabulary of its event types (cameo, plover, or a --vocabulary file's name)"
    )

    @model_validator(mode="after")
    def _complete(self) -> ColumnMapping:
        for name in ("source_id", "time"):
            if name not in self.columns:
                raise ValueError(f"'columns' must name the column for {name!r}")
        for name in ("event_type", "country"):
            if name not in self.columns and name not in self.defaults:
                raise ValueError(f"{name!r} needs a column in 'columns' or a value in 'defaults'")
        named = set(self.columns) | set(self.defaults)
        if named & {"attacker", "target"} and named & {"actor1", "actor2"}:
            raise ValueError("use either attacker/target or actor1/actor2, not both")
        return self

    def column(self, name: str) -> str:
        """The column name to show in a rejection for incident field ``name``."""
        return self.columns.get(name, f"defaults.{name}")  # type: ignore[call-overload, no-any-return]


MAPPING_LIMIT = 1_048_576
"""The largest mapping file read (a mapping is a few dozen lines)."""


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read and validate a mapping YAML file; any problem is a ``MappingError`` (E402) naming it."""
    text = read_bounded(Path(path), MAPPING_LIMIT, error=MappingError, what="the mapping")
    try:
        data = yaml.safe_load(text.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise MappingError(f"{path}: cannot read the mapping: {exc}", hint="see `guarantor docs sources`") from None
    try:
        return ColumnMapping.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise MappingError(f"{path}: {where}: {message}", hint="see `guarantor docs sources#the-mapping`") from None
