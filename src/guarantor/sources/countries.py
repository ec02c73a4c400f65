"""A small country table: ISO 3166 alpha-3 and numeric codes, with the names ACLED and UCDP use.

Scope (deliberately limited): Europe, Russia, Ukraine and Belarus, the Caucasus, Central Asia, Turkey, the
Middle East next to Europe, and North America. A country outside the table keeps its name and gets
``iso3 = None``; nothing is rejected for it. Add rows here to widen the scope.
"""

from __future__ import annotations

__all__ = ["COUNTRIES", "iso3_from_name", "iso3_from_numeric"]

# (ISO alpha-3, ISO numeric or 0 where none, ISO short name, other names used by ACLED or UCDP)
COUNTRIES: tuple[tuple[str, int, str, tuple[str, ...]], ...] = (
    ("ALB", 8, "Albania", ()),
    ("AND", 20, "Andorra", ()),
    ("ARM", 51, "Armenia", ()),
    ("AUT", 40, "Austria", ()),
    ("AZE", 31, "Azerbaijan", ()),
    ("BLR", 112, "Belarus", ("Belarus (Byelorussia)",)),
    ("BEL", 56, "Belgium", ()),
    ("BIH", 70, "Bosnia and Herzegovina", ("Bosnia-Herzegovina",)),
    ("BGR", 100, "Bulgaria", ()),
    ("CAN", 124, "Canada", ()),
    ("HRV", 191, "Croatia", ()),
    ("CYP", 196, "Cyprus", ()),
    ("CZE", 203, "Czechia", ("Czech Republic",)),
    ("DNK", 208, "Denmark", ()),
    ("EST", 233, "Estonia", ()),
    ("FIN", 246, "Finland", ()),
    ("FRA", 250, "France", ()),
    ("GEO", 268, "Georgia", ()),
    ("DEU", 276, "Germany", ()),
    ("GRC", 300, "Greece", ()),
    ("HUN", 348, "Hungary", ()),
    ("ISL", 352, "Iceland", ()),
    ("IRN", 364, "Iran", ("Islamic Republic of Iran",)),
    ("IRQ", 368, "Iraq", ()),
    ("IRL", 372, "Ireland", ()),
    ("ISR", 376, "Israel", ()),
    ("ITA", 380, "Italy", ()),
    ("JOR", 400, "Jordan", ()),
    ("KAZ", 398, "Kazakhstan", ()),
    ("XKX", 0, "Kosovo", ()),
    ("KGZ", 417, "Kyrgyzstan", ()),
    ("LVA", 428, "Latvia", ()),
    ("LBN", 422, "Lebanon", ()),
    ("LIE", 438, "Liechtenstein", ()),
    ("LTU", 440, "Lithuania", ()),
    ("LUX", 442, "Luxembourg", ()),
    ("MLT", 470, "Malta", ()),
    ("MDA", 498, "Moldova", ("Republic of Moldova",)),
    ("MCO", 492, "Monaco", ()),
    ("MNE", 499, "Montenegro", ()),
    ("NLD", 528, "Netherlands", ()),
    ("MKD", 807, "North Macedonia", ("Macedonia", "Macedonia, FYR")),
    ("NOR", 578, "Norway", ()),
    ("PSE", 275, "Palestine", ()),
    ("POL", 616, "Poland", ()),
    ("PRT", 620, "Portugal", ()),
    ("ROU", 642, "Romania", ()),
    ("RUS", 643, "Russia", ("Russian Federation", "Russia (Soviet Union)")),
    ("SMR", 674, "San Marino", ()),
    ("SRB", 688, "Serbia", ("Serbia (Yugoslavia)",)),
    ("SVK", 703, "Slovakia", ()),
    ("SVN", 705, "Slovenia", ()),
    ("ESP", 724, "Spain", ()),
    ("SWE", 752, "Sweden", ()),
    ("CHE", 756, "Switzerland", ()),
    ("SYR", 760, "Syria", ("Syrian Arab Republic",)),
    ("TJK", 762, "Tajikistan", ()),
    ("TUR", 792, "Turkey", ("Türkiye", "Turkiye")),
    ("TKM", 795, "Turkmenistan", ()),
    ("UKR", 804, "Ukraine", ()),
    ("GBR", 826, "United Kingdom", ()),
    ("USA", 840, "United States", ("United States of America",)),
    ("UZB", 860, "Uzbekistan", ()),
    ("VAT", 336, "Vatican City", ("Holy See",)),
)

_BY_NAME: dict[str, str] = {name.casefold(): iso3 for iso3, _, main, other in COUNTRIES for name in (main, *other)}
_BY_NUMERIC: dict[int, str] = {num: iso3 for iso3, num, _, _ in COUNTRIES if num}


def iso3_from_name(name: str) -> str | None:
    """The ISO alpha-3 code of a country named as ACLED or UCDP name it, or ``None`` outside the table."""
    return _BY_NAME.get(name.strip().casefold())


def iso3_from_numeric(code: int) -> str | None:
    """The ISO alpha-3 code for an ISO 3166 numeric code (ACLED's ``iso`` column)."""
    return _BY_NUMERIC.get(code)
