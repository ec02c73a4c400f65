"""One country table: ISO 3166, Correlates of War, Gleditsch-Ward and the names feeds write."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guarantor import countries as cn
from guarantor.sources import Incident, read_ucdp
from guarantor.sources.ucdp import UCDP_COLUMNS


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("DR Congo (Zaire)", "COD"),
        ("Democratic Republic of Congo", "COD"),
        ("Congo", "COG"),
        ("Republic of Congo", "COG"),
        ("Russia (Soviet Union)", "RUS"),
        ("Serbia (Yugoslavia)", "SRB"),
        ("Yemen (North Yemen)", "YEM"),
        ("Kingdom of eSwatini (Swaziland)", "SWZ"),
        ("Cambodia (Kampuchea)", "KHM"),
        ("Myanmar (Burma)", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Bosnia-Herzegovina", "BIH"),
        ("Macedonia, FYR", "MKD"),
        ("Türkiye", "TUR"),
        ("turkey", "TUR"),
        ("Kosovo", "XKX"),
        ("Virgin Islands, U.S.", "VIR"),
        ("Saint-Barthelemy", "BLM"),
        ("The Gambia", "GMB"),
        ("UKR", "UKR"),
    ],
)
def test_names_feeds_write(name: str, iso3: str) -> None:
    assert cn.iso3_from_name(name) == iso3


@pytest.mark.parametrize("name", ["Terra Nova", "", "Yugoslavia", "Korea"])
def test_unknown_or_ambiguous_names_give_none(name: str) -> None:
    assert cn.iso3_from_name(name) is None


def test_every_iso_country_and_no_name_names_two() -> None:
    assert len(cn.COUNTRIES) == 250  # 249 in ISO 3166-1 and Kosovo
    assert cn.name_clashes() == []


@given(st.sampled_from(cn.COUNTRIES), st.data())
def test_every_name_of_a_country_finds_it(country: cn.Country, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(country.names))
    assert cn.iso3_from_name(name) == country.iso3
    assert cn.iso3_from_name(name.upper()) == country.iso3
    if country.numeric:
        assert cn.iso3_from_numeric(country.numeric) == country.iso3
    for code, back in ((country.cow, cn.iso3_from_cow), (country.gw, cn.iso3_from_gw)):
        if code is not None:
            assert back(code) == country.iso3


@pytest.mark.parametrize(
    ("iso3", "cow", "gw"),
    [
        ("DEU", 255, 260),
        ("YEM", 679, 678),
        ("SRB", 345, 340),
        ("KIR", 946, 970),
        ("NRU", 970, 971),
        ("RUS", 365, 365),
        ("UKR", 369, 369),
        ("COD", 490, 490),
    ],
)
def test_cow_and_gleditsch_ward_differ_where_the_systems_do(iso3: str, cow: int, gw: int) -> None:
    assert (cn.cow_from_iso3(iso3), cn.gw_from_iso3(iso3)) == (cow, gw)
    assert cn.iso3_from_gw(gw) == iso3


def test_past_states_have_names_but_no_iso_code() -> None:
    assert cn.cow_state(265) == ("German Democratic Republic", None)
    assert cn.cow_state(9999) == (None, None)
    assert cn.iso3_from_gw(345) == "SRB"  # UCDP's "Serbia (Yugoslavia)"


def test_ucdp_country_id_is_gleditsch_ward() -> None:
    cells = dict.fromkeys(UCDP_COLUMNS, "")
    cells.update(
        id="1",
        type_of_violence="1",
        side_a="Government of DR Congo (Zaire)",
        side_b="M23",
        where_prec="1",
        country="Zaire (as written)",
        country_id="490",
        date_prec="1",
        date_start="2024-01-05",
        date_end="2024-01-05",
        best="3",
    )
    text = ",".join(UCDP_COLUMNS) + "\n" + ",".join(cells[c] for c in UCDP_COLUMNS) + "\n"
    (incident,) = read_ucdp(io.StringIO(text))
    assert isinstance(incident, Incident)
    assert incident.place.iso3 == "COD"


def test_countries_depends_on_nothing_of_ours() -> None:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(cn.__file__).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert not [m for m in imported if m.startswith("guarantor")]
