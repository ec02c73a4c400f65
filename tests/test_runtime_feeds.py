"""Incidents from guarantor.sources: one by one as events, or as columns; both give the same trigger results."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from guarantor.runtime import IncidentTable, TriggerStream, compile_trigger, evaluate_batch
from guarantor.runtime.feeds import incident_event, table_from_columns
from guarantor.sources import Actor, Incident, Place, Role, Side, bundled_vocabulary, to_columns
from guarantor.spec import load_library_spec

T0 = datetime(2026, 5, 1, tzinfo=UTC)
RUSSIA = "Military Forces of Russia (2000-)"
UKRAINE = "Military Forces of Ukraine (2019-)"
ACLED = bundled_vocabulary("acled")


def _incidents() -> list[Incident]:
    rows = [
        ("UKR", "Battles", RUSSIA, UKRAINE, 3),
        ("UKR", "Protests", RUSSIA, UKRAINE, 0),
        ("POL", "Battles", RUSSIA, UKRAINE, 1),
        ("UKR", "Battles", UKRAINE, RUSSIA, 2),
        ("UKR", "Explosions/Remote violence", RUSSIA, None, 5),
    ]
    out = []
    for i, (iso, etype, attacker, target, dead) in enumerate(rows):
        actors = [Actor(attacker, Side.A, role=Role.ATTACKER)]
        if target:
            actors.append(Actor(target, Side.B, role=Role.TARGET))
        out.append(
            Incident(
                source="acled",
                source_id=str(i),
                time=T0 + timedelta(hours=i),
                place=Place(country=iso, iso3=iso, region="Europe"),
                event_type=etype,
                actors=tuple(actors),
                fatalities=dead,
            )
        )
    return out


def test_events_and_columns_agree_on_the_coalition_triggers() -> None:
    spec = load_library_spec("ukraine-coalition-2025")
    trig = compile_trigger(spec, "consult", date(2026, 5, 1))
    incidents = _incidents()
    found = [incident_event(i, ACLED) for i in incidents]
    assert found[1] is None  # a protest is not a hostile act
    events = [e for e in found if e is not None]
    assert (events[0].by, events[0].against, events[0].kind, events[0].id) == ("RUS", "UKR", "armed-attack", "acled:0")
    assert "roles by feed-roles" in (events[0].note or "")
    stream = TriggerStream(trig)
    streamed = [stream.push(e) for e in events]
    assert streamed == [True, False, False, True]  # shelling in Ukraine: its target is Ukraine
    from_cols = evaluate_batch(trig, table_from_columns(to_columns(incidents), ACLED))
    assert from_cols.tolist() == streamed
    assert evaluate_batch(trig, IncidentTable.from_events(events)).tolist() == streamed


def test_a_feeds_region_names_meet_the_scopes_region_ids() -> None:
    # ACLED writes "Europe"; NATO's Article 6 scope says europe: a Russian attack on Poland in an ACLED row is
    # in scope, for the stream, the batch evaluator and the explanation alike
    from guarantor.runtime import IncidentReported, fold

    nato = load_library_spec("nato-1949")
    trig = compile_trigger(nato, "art5", date(2026, 3, 1))
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    places = [
        ("Europe", "POL"),
        ("europe", "POL"),
        ("North America", "USA"),
        ("North_America", "CAN"),
        ("Pacific", "USA"),
    ]
    events = [
        IncidentReported(time=t0 + timedelta(hours=i), id=f"x{i}", by="RUS", against=c, region=r, country=c)
        for i, (r, c) in enumerate(places)
    ]
    stream = TriggerStream(trig)
    assert [stream.push(e) for e in events] == [True, True, True, True, False]
    assert evaluate_batch(trig, IncidentTable.from_events(events)).tolist() == [True, True, True, True, False]
    state = fold(nato, events)
    assert [c.incident for c in state.cases] == ["x0", "x2", "x3"]  # x1 joins x0: the same attack on Poland
    refused = next(t for t in state.transitions if t.kind == "trigger-not-met")
    assert "the place (Pacific) is outside the scope" in refused.explanation.condition
