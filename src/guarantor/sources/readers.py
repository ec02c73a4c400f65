"""One entry point for every format, and re-submission of a quarantined row after a fix."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial

from guarantor.errors import MappingError
from guarantor.sources._driver import Context, Parser, parse_one
from guarantor.sources._stream import Input
from guarantor.sources.acled import parse_acled, read_acled, read_acled_legacy
from guarantor.sources.generic import parse_mapped, read_csv, read_jsonl
from guarantor.sources.incidents import IncidentSet
from guarantor.sources.mapping import ColumnMapping
from guarantor.sources.model import Incident
from guarantor.sources.quarantine import QuarantineStore
from guarantor.sources.rejection import Rejection
from guarantor.sources.ucdp import parse_ucdp, read_ucdp

__all__ = ["FORMATS", "read", "reparse", "resubmit"]

FORMATS = ("acled", "acled-legacy", "ucdp", "csv", "jsonl")


def read(source: Input, fmt: str, *, mapping: ColumnMapping | None = None) -> Iterator[Incident | Rejection]:
    """Stream incidents and rejections from ``source`` in format ``fmt`` (one of ``FORMATS``)."""
    if fmt in ("csv", "jsonl"):
        if mapping is None:
            raise MappingError(f"format {fmt!r} needs a column mapping", hint="pass --mapping MAP.yaml")
        return read_csv(source, mapping) if fmt == "csv" else read_jsonl(source, mapping)
    readers = {"acled": read_acled, "acled-legacy": read_acled_legacy, "ucdp": read_ucdp}
    if fmt not in readers:
        raise MappingError(f"unknown format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    return readers[fmt](source)


def _parser(rejection: Rejection) -> Parser:
    if rejection.format in ("csv", "jsonl"):
        mapping = ColumnMapping.model_validate_json(rejection.mapping or "{}")
        return partial(parse_mapped, mapping=mapping)
    if rejection.format == "ucdp":
        return partial(parse_ucdp, feed=rejection.source)
    legacy = rejection.format == "acled-legacy"
    return partial(parse_acled, feed=rejection.source, legacy=legacy)


def reparse(rejection: Rejection, fixes: Mapping[str, str | None] | None = None) -> Incident | Rejection:
    """Parse a rejected row again with ``fixes`` applied (a value sets a cell, ``None`` removes it)."""
    record = rejection.record
    for column, value in (fixes or {}).items():
        if value is None:
            record.pop(column, None)
        else:
            record[column] = value
    ctx = Context(rejection.format, rejection.source, rejection.file, rejection.mapping)
    extra = next((column for column in record if column.startswith("#")), None)
    problem = None if extra is None else f"unexpected extra cell {extra}; remove it or merge it into its column"
    return parse_one(_parser(rejection), ctx, rejection.row, rejection.line, record, problem)


def resubmit(
    store: QuarantineStore,
    entry_id: str,
    incidents: IncidentSet,
    fixes: Mapping[str, str | None] | None = None,
) -> Incident | Rejection:
    """Re-submit a quarantined row: on success it joins ``incidents`` and its entry is resolved;
    otherwise the entry keeps the fixes so far and the new reason."""
    entry = store.get(entry_id)
    result = reparse(entry.rejection, fixes)
    if isinstance(result, Rejection):
        store.update(entry_id, result)
    else:
        incidents.add(result)
        store.resolve(entry_id, result.key)
    return result
