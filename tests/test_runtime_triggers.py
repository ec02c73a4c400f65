"""Triggers: batch (NumPy over a table) and streaming (one incident at a time) give identical results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.errors import RuntimeStateError
from guarantor.runtime import CompiledTrigger, IncidentReported, IncidentTable, TriggerStream, evaluate_batch
from guarantor.semantics import ATTACK_KINDS as KINDS
from guarantor.semantics import compile_trigger, static_check
from guarantor.spec import load_library_spec

T0 = datetime(2026, 1, 1, tzinfo=UTC)
NAMES = ["UKR", "POL", "RUS", "BLR", "X"]
PLACES = ["r1", "r2", "r3", ""]


def _trigger(**kw: object) -> CompiledTrigger:
    base: dict[str, object] = dict(
        clause="c",
        kinds=frozenset({"nuclear-use", "armed-attack"}),
        wanted=("armed-attack",),
        event_types=None,
        against=None,
        by=None,
        regions=None,
        countries=frozenset(),
        excludes=frozenset(),
        min_severity=0,
        window_count=1,
        window_seconds=0,
        attribution=None,
    )
    base.update(kw)
    return CompiledTrigger(**base)  # type: ignore[arg-type]


def _opt(values: list[str]) -> st.SearchStrategy[frozenset[str] | None]:
    return st.one_of(st.none(), st.frozensets(st.sampled_from(values), max_size=3))


triggers = st.builds(
    lambda kinds, etypes, against, by, regions, countries, excludes, sev, count, secs: _trigger(
        kinds=kinds,
        event_types=etypes,
        against=against,
        by=by,
        regions=regions,
        countries=countries,
        excludes=excludes,
        min_severity=sev,
        window_count=count,
        window_seconds=secs,
    ),
    st.frozensets(st.sampled_from(KINDS), min_size=1),
    _opt(["battle", "shelling", "drone"]),
    _opt(NAMES),
    _opt(NAMES),
    _opt(PLACES[:3]),
    st.frozensets(st.sampled_from(NAMES), max_size=2),
    st.frozensets(st.sampled_from(PLACES[:3] + NAMES[:2]), max_size=1),
    st.integers(0, 5),
    st.integers(1, 4),
    st.sampled_from([1, 60, 3600, 86400]),
)

incident = st.tuples(
    st.integers(0, 7200),
    st.sampled_from(KINDS),
    st.sampled_from(["battle", "shelling", "drone"]),
    st.sampled_from([*NAMES, None]),
    st.sampled_from([*NAMES, None]),
    st.sampled_from([*NAMES[:3], None]),
    st.sampled_from([*PLACES[:3], "R1", " r2", None]),  # a feed's spelling of a region: the same place
    st.integers(0, 8),
)


def _events(
    rows: list[tuple[int, str, str, str | None, str | None, str | None, str | None, int]],
) -> list[IncidentReported]:
    out = []
    t = 0
    for i, (dt, kind, etype, against, by, country, region, sev) in enumerate(rows):
        t += dt if i % 3 else 0  # ties on purpose
        out.append(
            IncidentReported(
                time=T0 + timedelta(seconds=t),
                id=str(i),
                kind=kind,  # type: ignore[arg-type]
                event_type=etype,
                against=against,
                by=by,
                country=country,
                region=region,
                severity=sev,
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(triggers, st.lists(incident, max_size=60))
def test_batch_equals_streaming(
    trig: CompiledTrigger, rows: list[tuple[int, str, str, str | None, str | None, str | None, str | None, int]]
) -> None:
    events = _events(rows)
    stream = TriggerStream(trig)
    streamed = [stream.push(e) for e in events]
    batch = evaluate_batch(trig, IncidentTable.from_events(events))
    assert batch.tolist() == streamed


def test_window_counts_within_the_trailing_window_per_place() -> None:
    trig = _trigger(window_count=3, window_seconds=3600)
    times = [0, 100, 200, 5000, 5100, 5200, 5300]
    events = [IncidentReported(time=T0 + timedelta(seconds=s), id=str(s), region="r1") for s in times]
    events.insert(2, IncidentReported(time=T0 + timedelta(seconds=150), id="other", region="r2"))
    want = [False, False, False, True, False, False, True, True]
    assert evaluate_batch(trig, IncidentTable.from_events(events)).tolist() == want
    stream = TriggerStream(trig)
    assert [stream.push(e) for e in events] == want


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"kind": "threat"}, "needs armed-attack"),
        ({"against": "UKR"}, "not among those protected"),
        ({"region": "pacific"}, "outside the scope"),
    ],
)
def test_static_check_names_the_failing_condition(change: dict[str, str], reason: str) -> None:
    trig = compile_trigger(load_library_spec("nato-1949"), "art5", datetime(2025, 1, 1).date())
    base = {"time": T0, "id": "a", "kind": "armed-attack", "against": "POL", "region": "europe"}
    assert static_check(trig, IncidentReported(**{**base, **change})) is not None  # type: ignore[arg-type]
    assert reason in str(static_check(trig, IncidentReported(**{**base, **change})))  # type: ignore[arg-type]
    assert static_check(trig, IncidentReported(**base)) is None  # type: ignore[arg-type]


def test_batch_rejects_out_of_order_times_for_windows() -> None:
    events = [IncidentReported(time=T0 + timedelta(seconds=s), id=str(s)) for s in (10, 0)]
    with pytest.raises(RuntimeStateError, match="time order"):
        evaluate_batch(_trigger(window_count=2, window_seconds=60), IncidentTable.from_events(events))
    assert np.asarray(evaluate_batch(_trigger(), IncidentTable.from_events(events))).all()


def test_a_window_needs_a_duration() -> None:
    with pytest.raises(RuntimeStateError, match="needs a duration"):
        _trigger(window_count=2, window_seconds=0)
