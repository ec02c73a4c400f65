"""ACLED deletions: the events ACLED removed from its data set since an earlier export.

ACLED publishes them through its "deleted" endpoint as rows of ``event_id_cnty`` and ``deleted_timestamp``
(Unix seconds). A deletion withdraws the incident of the same key; it never removes a ledger entry, so the
incident stays auditable and the state no longer counts it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from guarantor.errors import RowRejected
from guarantor.sources import _cells as c
from guarantor.sources._driver import Context
from guarantor.sources._stream import Input, check_header, csv_rows, name_of, open_text, records
from guarantor.sources.model import IncidentKey
from guarantor.sources.rejection import Rejection

__all__ = ["ACLED_DELETION_COLUMNS", "Deletion", "read_acled_deletions"]

ACLED_DELETION_COLUMNS = ("event_id_cnty", "deleted_timestamp")


@dataclass(frozen=True, slots=True)
class Deletion:
    """The feed withdrew incident ``(source, source_id)`` at ``time``."""

    source: str
    source_id: str
    time: datetime

    @property
    def key(self) -> IncidentKey:
        return (self.source, self.source_id)


def read_acled_deletions(source: Input, *, feed: str = "acled") -> Iterator[Deletion | Rejection]:
    """Read ACLED's deleted-events CSV, one deletion or rejection per row."""
    file = name_of(source)
    ctx = Context("acled-deleted", feed, file)
    with open_text(source) as stream:
        rows = csv_rows(stream, file)
        header = check_header(next(rows, None), ACLED_DELETION_COLUMNS, "acled-deleted", file, "ACLED's deleted list")
        for row, line, record, problem in records(rows, header):
            try:
                if problem is not None:
                    raise RowRejected(problem)
                when = c.unix_time(record, "deleted_timestamp")
                if when is None:
                    raise RowRejected("a deletion needs its time (Unix seconds)", column="deleted_timestamp")
                yield Deletion(feed, c.required(record, "event_id_cnty", "an event id"), when.astimezone(UTC))
            except RowRejected as error:
                yield ctx.reject(row, line, record, error)
