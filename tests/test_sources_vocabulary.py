"""Vocabularies (which feed types are hostile acts) and the role rules (who attacked whom)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guarantor.errors import MappingError
from guarantor.sources import (
    BUNDLED,
    Actor,
    ActorKind,
    Incident,
    Place,
    Role,
    Side,
    actor_state,
    bundled_vocabulary,
    derive_roles,
    load_vocabulary,
)

RU, UA = "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"
ACLED = bundled_vocabulary("acled")


@pytest.mark.parametrize(
    ("event_type", "sub", "kind"),
    [
        ("Battles", "Armed clash", "armed-attack"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "armed-attack"),
        ("Explosions/Remote violence", "Air/drone strike", "armed-attack"),
        ("explosions/remote violence", None, "armed-attack"),
        ("Violence against civilians", "Abduction/forced disappearance", "aggression"),
        ("Strategic developments", "Disrupted weapons use", "armed-attack"),
        ("Strategic developments", "Agreement", None),
        ("Protests", "Peaceful protest", None),
        ("Protests", "Excessive force against protesters", None),
        ("Riots", "Mob violence", None),
    ],
)
def test_acled_types(event_type: str, sub: str | None, kind: str | None) -> None:
    reading = ACLED.lookup(event_type, sub)
    assert reading.kind == kind and reading.entry is not None
    assert reading.intercepted == (sub == "Disrupted weapons use")


@given(st.text(min_size=1, max_size=30), st.none() | st.text(max_size=30))
def test_an_unmapped_type_is_never_hostile(event_type: str, sub: str | None) -> None:
    for name in BUNDLED:
        reading = bundled_vocabulary(name).lookup(event_type, sub)
        if reading.entry is None:
            assert reading.kind is None and not reading.hostile


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("ucdp", "State-based conflict", "armed-attack"),
        ("ucdp", "Non-state conflict", None),
        ("ucdp", "One-sided violence", "armed-attack"),
        ("cameo", "190", "armed-attack"),
        ("cameo", "1951", "armed-attack"),
        ("cameo", "2042", "nuclear-use"),
        ("cameo", "138", "threat"),
        ("cameo", "141", None),
        ("cameo", "043", None),
        ("plover", "ASSAULT", "armed-attack"),
        ("plover", "protest", None),
        ("plover", "AGREE", None),
    ],
)
def test_other_vocabularies(name: str, code: str, kind: str | None) -> None:
    reading = bundled_vocabulary(name).lookup(code)
    assert reading.kind == kind and reading.entry is not None


def test_a_users_table_overrides_entries_and_records_both_versions(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("vocabulary: mine\nversion: '2'\nmap:\n  Protests / Protest with intervention: threat\n")
    merged = ACLED.override(load_vocabulary(mine))
    assert merged.lookup("Protests", "Protest with intervention").kind == "threat"
    assert merged.lookup("Protests", "Peaceful protest").kind is None
    assert merged.label == "acled/2023.1+mine/2"


@pytest.mark.parametrize(
    ("text", "message"),
    [("map: {Battles: war}\n", "'war' is not an incident kind"), ("- 1\n", "a vocabulary is a mapping")],
)
def test_bad_tables_are_e402(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(MappingError, match=message):
        load_vocabulary(path)
    with pytest.raises(MappingError, match="no bundled vocabulary"):
        bundled_vocabulary("gdelt")


def incident(country: str, *actors: Actor) -> Incident:
    return Incident(
        "acled", "1", datetime(2026, 3, 1, tzinfo=UTC), Place(country, iso3=country), "Battles", actors=actors
    )


@pytest.mark.parametrize(
    ("inc", "expected"),
    [
        (
            incident("UKR", Actor(RU, Side.A, ActorKind.STATE), Actor(UA, Side.B, ActorKind.STATE)),
            ("RUS", "UKR", "foreign-forces"),
        ),
        (
            incident("UKR", Actor(UA, Side.A, ActorKind.STATE), Actor(RU, Side.B, ActorKind.STATE)),
            ("RUS", "UKR", "foreign-forces"),
        ),  # actor order means nothing in ACLED
        (incident("UKR", Actor(RU, Side.A, ActorKind.STATE)), ("RUS", "UKR", "foreign-forces")),
        (incident("RUS", Actor(UA, Side.A, ActorKind.STATE)), ("UKR", "RUS", "foreign-forces")),
        (
            incident("POL", Actor("Military Forces of Poland (2015-)", Side.A, ActorKind.STATE)),
            (None, None, "undetermined"),
        ),
        (
            incident("UKR", Actor("Unidentified Armed Group (Ukraine)", Side.A, ActorKind.POLITICAL_MILITIA)),
            (None, None, "undetermined"),
        ),
        (
            incident(
                "UKR",
                Actor(RU, Side.A, role=Role.ATTACKER),
                Actor("Civilians (Ukraine)", Side.B, ActorKind.CIVILIANS, Role.TARGET),
            ),
            ("RUS", "UKR", "feed-roles"),
        ),
        (
            incident(
                "SYR",
                Actor(RU, Side.A, ActorKind.STATE),
                Actor("Military Forces of the United States (2021-)", Side.B, ActorKind.EXTERNAL),
            ),
            (None, None, "undetermined"),
        ),
    ],
)
def test_role_rules(inc: Incident, expected: tuple[str | None, str | None, str]) -> None:
    found = derive_roles(inc)
    assert (found.attacker, found.target, found.rule) == expected and found.why


def test_only_state_actors_are_states() -> None:
    assert actor_state(Actor("Government of Russia (Soviet Union)", Side.A)) == "RUS"
    assert actor_state(Actor("Government of DR Congo (Zaire)", Side.A)) == "COD"
    assert actor_state(Actor(RU, Side.A, ActorKind.REBEL)) is None  # its type says it is not a state's forces
    assert actor_state(Actor("Protesters (Russia)", Side.A, ActorKind.PROTESTERS)) is None
