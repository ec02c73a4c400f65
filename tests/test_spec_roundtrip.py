"""Property: any spec the language accepts survives dump and load unchanged."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.spec import Spec, load_spec_text, spec_from_data, spec_hash, spec_to_yaml
from guarantor.spec.clauses import Strength, TriggerType

IDS = ["USA", "GBR", "FRA", "DEU", "UKR", "POL", "NO", "ON", "TUR", "x-1"]
REGIONS = ["europe", "north-america", "pacific", "black-sea"]
DURATIONS = ["PT24H", "P3D", "P1Y6M", "P2W", "PT1H30M", "P1M"]
DEADLINES = [*DURATIONS, "forthwith", "immediately"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
DATES = st.dates(min_value=date(1815, 1, 1), max_value=date(2100, 1, 1))


def rules(members: list[str]) -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        st.sampled_from(["consensus", "unanimity", "automatic", "unilateral"]),
        st.builds(lambda k: {"kind": "unanimity", "minus": k}, st.integers(0, 3)),
        st.builds(lambda n: {"kind": "count", "at_least": n}, st.integers(0, 10)),
        st.builds(lambda f: {"kind": "count", "fraction": f}, st.sampled_from(["2/3", "55%", "1/2", "65%"])),
        st.builds(
            lambda ws, q: {"kind": "weighted", "weights": dict(zip(members, ws, strict=False)), "quota": q},
            st.lists(st.integers(0, 10**9), min_size=len(members), max_size=len(members)),
            st.one_of(st.integers(0, 10**6), st.sampled_from(["65%", "2/3"])),
        ),
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.builds(lambda rs: {"kind": "all_of", "rules": rs}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda rs: {"kind": "any_of", "rules": rs}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(
                lambda hs, then: {"kind": "veto", "holders": hs, "then": then},
                st.lists(st.sampled_from(members), min_size=1, max_size=3, unique=True),
                inner,
            ),
        ),
        max_leaves=4,
    )


def conditions(ids: list[str]) -> st.SearchStrategy[Any]:
    return st.recursive(
        st.one_of(
            st.builds(lambda e: {"event": e}, st.sampled_from(["ceasefire", "armistice"])),
            st.builds(lambda d: {"held_for": "ceasefire", "duration": d}, st.sampled_from(DURATIONS)),
            st.builds(lambda p: {"participates": p}, st.sampled_from(ids)),
            st.builds(lambda d: {"after": d}, DATES),
        ),
        lambda inner: st.one_of(
            st.builds(lambda c: {"not": c}, inner),
            st.builds(lambda cs: {"all": cs}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda cs: {"any": cs}, st.lists(inner, min_size=1, max_size=3)),
        ),
        max_leaves=4,
    )


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(st.sampled_from(IDS), min_size=2, max_size=len(IDS), unique=True))
    parties = []
    for pid in ids:
        party: dict[str, Any] = {"id": pid, "regions": draw(st.lists(st.sampled_from(REGIONS), max_size=2))}
        if draw(st.booleans()):
            party["joined"] = draw(DATES)
        if draw(st.booleans()):
            party["roles"] = ["guarantor"]
        parties.append(party)
    clause: dict[str, Any] = {
        "kind": draw(st.sampled_from(["collective-defence", "consultation", "assistance"])),
        "text": draw(TEXT),
        "trigger": {
            "types": draw(st.lists(st.sampled_from([t.value for t in TriggerType if t != "breach"]), min_size=1)),
            "in": {"regions": draw(st.lists(st.sampled_from(REGIONS), max_size=2))},
        },
        "decision": {"body": "council"},
        "obligations": [
            {
                "bearer": draw(st.sampled_from(["each-party", ids[0], [ids[0], ids[1]]])),
                "strength": draw(st.sampled_from([s.value for s in Strength])),
                "deadline": draw(st.sampled_from(DEADLINES)),
                "conditions": draw(st.lists(conditions(ids), max_size=2)),
            }
        ],
    }
    return {
        "id": "generated",
        "title": draw(TEXT.filter(str.strip)),
        "signed": draw(DATES),
        "parties": parties,
        "bodies": {"council": {"members": "all-parties", "rule": draw(rules(ids))}},
        "clauses": {"c1": clause},
        "conditions": {"ceasefire-held": draw(conditions(ids))},
        "pledges": [
            {
                "party": ids[0],
                "capability": "brigade",
                "amount": draw(st.integers(0, 10)),
                "readiness": {"median": "P3D", "p90": "P1M"},
                "reliability": draw(st.floats(0, 1)),
                "conditions": draw(st.lists(conditions(ids), max_size=1)),
            }
        ],
    }


@settings(max_examples=40, deadline=None)
@given(specs())
def test_dump_then_load_gives_the_same_spec(data: dict[str, Any]) -> None:
    spec = spec_from_data(data)
    text = spec_to_yaml(spec)
    again = load_spec_text(text, "roundtrip.yaml")
    assert isinstance(again, Spec)
    assert again == spec
    assert spec_hash(again) == spec_hash(spec)
    assert spec_to_yaml(again) == text
