"""The column-wise fast path reads exactly what the row-by-row reader reads, and folds to the same state.

The reference is the reader as it was before the fast path: every row named by the header and parsed on its
own by ``parse_acled``. Generated files mix clean rows with dirty ones (bad dates, codes, coordinates, actor
types, missing cells, extra cells, rows the csv module cannot split), with small blocks so that block
boundaries fall everywhere. Incidents, rejections (row, line, column, reason, cells) and origins must be
equal, in the same order; so must the incident events and the folded state.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guarantor.errors import SourceFormatError
from guarantor.runtime.events import CeasefireDeclared, utc
from guarantor.runtime.feeds import FeedEvents, incident_event
from guarantor.runtime.fold import fold
from guarantor.sources import (
    ACLED_COLUMNS,
    ACLED_LEGACY_COLUMNS,
    ActorKind,
    Incident,
    Rejection,
    _stream,
    bundled_vocabulary,
    read_acled,
    read_acled_legacy,
)
from guarantor.sources._driver import Context, parse_all
from guarantor.sources._stream import check_header, csv_rows, open_text, records
from guarantor.sources.acled import _NEEDED, _NEEDED_LEGACY, parse_acled
from guarantor.sources.synthetic import acled_cells, synthetic_incidents, write_acled
from guarantor.spec import load_library_spec

ACLED = bundled_vocabulary("acled")
SPEC = load_library_spec("ukraine-coalition-2025")
KINDS = list(ActorKind)

# Cell values that one of the reader's parsers refuses, or accepts in another spelling.
DIRT: dict[str, list[str]] = {
    "event_date": ["31/02/2023", "", "2023-02-30", "16 February 2023", " 2023-02-16 ", "16-Feb-2023", "1850-01-01"],
    "year": ["1999", "", "twenty"],
    "time_precision": ["0", "4", "x", " 2 ", ""],
    "event_type": ["", "  ", "Protests", "violence against civilians"],
    "actor1": ["", "Military Forces of Russia (2000-) - Air Force"],
    "inter1": ["Aliens", "9", "State forces", "0", ""],
    "actor2": ["", "Civilians (Ukraine)"],
    "inter2": ["Aliens", "3", ""],
    "latitude": ["north", "95", "-90.5", "nan", "", "-90", " 48.5 "],
    "longitude": ["181", "-180.5", "east", "inf", ""],
    "geo_precision": ["0", "", "3"],
    "fatalities": ["-1", "", "many", "12"],
    "civilian_targeting": ["maybe", "Civilians targeted", ""],
    "timestamp": ["abc", "", "1700000000", "-5"],
    "iso": ["x", "-4", "804", ""],
    "country": ["", "Narnia", " Ukraine "],
    "event_id_cnty": ["", " UKR7 "],
    "notes": ["a note\nover two lines", 'quoted "text", with comma'],
    "source": ["A; B;; C", ""],
}
LEGACY_ONLY = {"iso3": ["UKR", "ukr", "U1", ""], "inter1": ["1", "8", "12"]}


def row_by_row(path: Path, *, legacy: bool) -> Iterator[Incident | Rejection]:
    """The reader before the fast path."""
    fmt, needed = ("acled-legacy", _NEEDED_LEGACY) if legacy else ("acled", _NEEDED)
    with open_text(path) as stream:
        rows = csv_rows(stream, str(path))
        header = check_header(next(rows, None), needed, fmt, str(path), "")
        parse = partial(parse_acled, feed="acled", legacy=legacy)
        yield from parse_all(parse, Context(fmt, "acled", str(path)), records(rows, header))


def legacy_cells(cells: dict[str, str]) -> dict[str, str]:
    """A current-layout row in the pre-2023 layout (numeric actor types, an ``iso3`` column)."""
    out = {column: cells.get(column, "") for column in ACLED_LEGACY_COLUMNS}
    for column in ("inter1", "inter2"):
        kind = next((k for k in KINDS if k.value == cells[column]), None)
        out[column] = str(KINDS.index(kind) + 1) if kind else cells[column]
    out["iso3"] = "UKR" if cells["country"] == "Ukraine" else ""
    return out


@st.composite
def feeds(draw: st.DrawFn) -> tuple[str, bool]:
    """A CSV export: synthetic rows, some made dirty, some with a cell too many or too few, blank lines."""
    legacy = draw(st.booleans())
    n = draw(st.integers(0, 40))
    seed = draw(st.integers(0, 2**16))
    columns = ACLED_LEGACY_COLUMNS if legacy else ACLED_COLUMNS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(columns)
    dirt = DIRT | LEGACY_ONLY if legacy else DIRT
    for incident in synthetic_incidents(n, np.random.default_rng(seed)):
        cells = acled_cells(incident)
        cells = legacy_cells(cells) if legacy else cells
        for column in draw(st.lists(st.sampled_from(sorted(dirt)), max_size=3)):
            cells[column] = draw(st.sampled_from(dirt[column]))
        row = [cells.get(column, "") for column in columns]
        shape = draw(st.sampled_from(["row"] * 12 + ["extra", "short", "blank", "twice"]))
        if shape == "extra":
            row.append("surplus")
        elif shape == "short":
            row = row[:-3]
        elif shape == "blank":
            out.write("\n")
        writer.writerow(row)
        if shape == "twice":
            writer.writerow(row)
    if draw(st.booleans()):
        out.write('UKR9,"unterminated\n')  # the csv module cannot split it (at the end of the file)
    return out.getvalue(), legacy


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(feed=feeds(), block=st.sampled_from([1, 2, 3, 7, 4096]))
def test_fast_path_reads_what_the_row_reader_reads(tmp_path: Path, feed: tuple[str, bool], block: int) -> None:
    text, legacy = feed
    path = tmp_path / "feed.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_stream, "BLOCK", block)
        fast = list((read_acled_legacy if legacy else read_acled)(path))
    slow = list(row_by_row(path, legacy=legacy))
    assert fast == slow
    assert [i.origin for i in fast if isinstance(i, Incident)] == [i.origin for i in slow if isinstance(i, Incident)]
    incidents = [i for i in slow if isinstance(i, Incident)]
    maker = FeedEvents(ACLED)
    events = [incident_event(i, ACLED) for i in incidents]
    assert [maker.event(i) for i in fast if isinstance(i, Incident)] == events
    assert [maker.record(i) for i in incidents] == [FeedEvents(ACLED).record(i) for i in incidents]
    start = CeasefireDeclared(time=utc("2000-01-01"))
    hostile = [e for e in events if e is not None]
    assert fold(SPEC, [start, *hostile]) == fold(SPEC, [start, *(e for e in map(maker.event, incidents) if e)])


def test_a_clean_export_of_several_blocks(tmp_path: Path) -> None:
    """10,000 clean rows (three blocks): the same incidents, events and folded state on both paths."""
    path = tmp_path / "acled.csv"
    write_acled(path, synthetic_incidents(10_000, np.random.default_rng(7)))
    fast = list(read_acled(path))
    slow = list(row_by_row(path, legacy=False))
    assert len(fast) == 10_000 and all(isinstance(i, Incident) for i in fast)
    assert fast == slow and [i.origin for i in fast] == [i.origin for i in slow]  # type: ignore[union-attr]
    maker = FeedEvents(ACLED)
    events = [e for e in map(maker.event, fast) if e is not None]  # type: ignore[arg-type]
    assert events == [incident_event(i, ACLED) for i in slow]  # type: ignore[arg-type]
    start = CeasefireDeclared(time=utc("2000-01-01"))
    state = fold(SPEC, [start, *events[:3000]])
    assert state.cases and state == fold(SPEC, [start, *(incident_event(i, ACLED) for i in slow[:3000])])  # type: ignore[arg-type,misc]


def test_a_feed_past_its_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "acled.csv"
    write_acled(path, synthetic_incidents(200, np.random.default_rng(1)))
    monkeypatch.setattr(_stream, "FEED_LIMIT", 10_000)
    with pytest.raises(SourceFormatError, match="larger than the limit of 10,000 bytes"):
        list(read_acled(path))
