"""Every country name and code guarantor reads: ISO 3166, Correlates of War, Gleditsch-Ward, and feeds' names.

One table for sources (ACLED, UCDP, generic feeds), ATOP and news reading:

- ISO 3166-1 comes from pycountry (all 249 entries), plus Kosovo as ``XKX`` (the code the EU and the
  feeds use; ISO has none).
- Correlates of War (COW) state codes, with the names of states that no longer exist (Hanover, the GDR, ...).
- Gleditsch-Ward (GW) codes, the system UCDP's ``country_id``, ``gwnoa`` and ``gwnob`` use. They equal the
  COW code except where the two systems differ (Beger, "G&W and COW country code differences", R package
  ``states``): unified Germany stays GW 260 (COW 255), unified Yemen GW 678 (COW 679), Serbia after 2006
  GW 340 (COW 345), Kiribati 970 (946), Nauru 971 (970), Tonga 972 (955), Tuvalu 973 (947). GW 345
  (Yugoslavia) resolves to Serbia, as UCDP names it "Serbia (Yugoslavia)".
- Names as feeds write them ("DR Congo (Zaire)", "Russia (Soviet Union)", "Ivory Coast", "eSwatini"):
  matching ignores case, accents and punctuation, and a name with a parenthesis also matches by either part.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry

__all__ = [
    "COUNTRIES",
    "Country",
    "country",
    "cow_from_iso3",
    "cow_state",
    "gw_from_iso3",
    "iso3_from_cow",
    "iso3_from_gw",
    "iso3_from_name",
    "iso3_from_numeric",
    "name_clashes",
    "normalise_name",
]


@dataclass(frozen=True, slots=True)
class Country:
    """One country: ISO codes, a short English name, its COW and GW codes and every name it is known by."""

    iso3: str
    iso2: str
    numeric: int
    name: str
    cow: int | None
    gw: int | None
    names: tuple[str, ...]


# Short names where ISO's is long or inverted ("Korea, Republic of").
_SHORT = {
    "BOL": "Bolivia",
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia",
    "IRN": "Iran",
    "KOR": "South Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PRK": "North Korea",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "VAT": "Vatican City",
    "VEN": "Venezuela",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    "VNM": "Vietnam",
}

# Other names used by ACLED, UCDP, GDELT, ATOP and the press (matched after normalise_name).
_VARIANTS: dict[str, tuple[str, ...]] = {
    "BES": ("Caribbean Netherlands",),
    "BHS": ("The Bahamas",),
    "BIH": ("Bosnia-Herzegovina", "Bosnia"),
    "BLR": ("Byelorussia", "Belorussia"),
    "BRN": ("Brunei",),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "COD": ("Democratic Republic of Congo", "DR Congo", "DRC", "Zaire", "Congo-Kinshasa", "Congo Kinshasa"),
    "COG": ("Republic of Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo Brazzaville"),
    "CPV": ("Cape Verde",),
    "CZE": ("Czech Republic",),
    "GBR": ("UK", "Great Britain", "Britain"),
    "GGY": ("Bailiwick of Guernsey",),
    "GMB": ("The Gambia",),
    "JEY": ("Bailiwick of Jersey",),
    "KHM": ("Kampuchea",),
    "KNA": ("St Kitts and Nevis",),
    "KOR": ("Republic of Korea", "Korea South"),
    "LCA": ("St Lucia",),
    "MDG": ("Malagasy", "Malagasy Republic"),
    "MKD": ("Macedonia", "Macedonia, FYR", "Former Yugoslav Republic of Macedonia"),
    "MMR": ("Burma",),
    "NLD": ("The Netherlands", "Holland"),
    "PRK": ("DPRK", "Korea North"),
    "PSE": ("Palestinian Territories", "Occupied Palestinian Territories"),
    "RUS": ("Soviet Union", "USSR"),
    "STP": ("Sao Tome and Principe",),
    "SWZ": ("Swaziland", "eSwatini", "Kingdom of eSwatini"),
    "TLS": ("East Timor",),
    "TUR": ("Turkey", "Turkiye"),
    "USA": ("United States of America", "US", "USA", "United States"),
    "VAT": ("Holy See", "Vatican"),
    "VCT": ("St Vincent and the Grenadines",),
    "VIR": ("US Virgin Islands",),
    "ZWE": ("Rhodesia",),
}

# Correlates of War state codes: "code ISO3-or-dash name", the name as COW and ATOP readers know it.
_COW_TABLE = """
2 USA United States|20 CAN Canada|31 BHS Bahamas|40 CUB Cuba|41 HTI Haiti|42 DOM Dominican Republic
51 JAM Jamaica|52 TTO Trinidad and Tobago|53 BRB Barbados|54 DMA Dominica|55 GRD Grenada|56 LCA Saint Lucia
57 VCT Saint Vincent and the Grenadines|58 ATG Antigua and Barbuda|60 KNA Saint Kitts and Nevis|70 MEX Mexico
80 BLZ Belize|90 GTM Guatemala|91 HND Honduras|92 SLV El Salvador|93 NIC Nicaragua|94 CRI Costa Rica
95 PAN Panama|100 COL Colombia|101 VEN Venezuela|110 GUY Guyana|115 SUR Suriname|130 ECU Ecuador|135 PER Peru
140 BRA Brazil|145 BOL Bolivia|150 PRY Paraguay|155 CHL Chile|160 ARG Argentina|165 URY Uruguay
200 GBR United Kingdom|205 IRL Ireland|210 NLD Netherlands|211 BEL Belgium|212 LUX Luxembourg|220 FRA France
221 MCO Monaco|223 LIE Liechtenstein|225 CHE Switzerland|230 ESP Spain|232 AND Andorra|235 PRT Portugal
240 - Hanover|245 - Bavaria|255 DEU Germany (Prussia before 1871)|260 - German Federal Republic
265 - German Democratic Republic|267 - Baden|269 - Saxony|271 - Württemberg|273 - Hesse-Kassel
275 - Hesse-Darmstadt|280 - Mecklenburg-Schwerin|290 POL Poland|300 - Austria-Hungary|305 AUT Austria
310 HUN Hungary|315 - Czechoslovakia|316 CZE Czech Republic|317 SVK Slovakia|325 ITA Italy (Sardinia before 1861)
327 - Papal States|329 - Two Sicilies|331 SMR San Marino|332 - Modena|335 - Parma|337 - Tuscany|338 MLT Malta
339 ALB Albania|341 MNE Montenegro|343 MKD North Macedonia|344 HRV Croatia|345 SRB Yugoslavia (Serbia)
346 BIH Bosnia and Herzegovina|347 XKX Kosovo|349 SVN Slovenia|350 GRC Greece|352 CYP Cyprus|355 BGR Bulgaria
359 MDA Moldova|360 ROU Romania|365 RUS Russia (Soviet Union 1922-1991)|366 EST Estonia|367 LVA Latvia
368 LTU Lithuania|369 UKR Ukraine|370 BLR Belarus|371 ARM Armenia|372 GEO Georgia|373 AZE Azerbaijan
375 FIN Finland|380 SWE Sweden|385 NOR Norway|390 DNK Denmark|395 ISL Iceland|402 CPV Cape Verde
403 STP Sao Tome and Principe|404 GNB Guinea-Bissau|411 GNQ Equatorial Guinea|420 GMB Gambia|432 MLI Mali
433 SEN Senegal|434 BEN Benin|435 MRT Mauritania|436 NER Niger|437 CIV Ivory Coast|438 GIN Guinea
439 BFA Burkina Faso|450 LBR Liberia|451 SLE Sierra Leone|452 GHA Ghana|461 TGO Togo|471 CMR Cameroon
475 NGA Nigeria|481 GAB Gabon|482 CAF Central African Republic|483 TCD Chad|484 COG Congo
490 COD Democratic Republic of the Congo|500 UGA Uganda|501 KEN Kenya|510 TZA Tanzania|511 - Zanzibar
516 BDI Burundi|517 RWA Rwanda|520 SOM Somalia|522 DJI Djibouti|530 ETH Ethiopia|531 ERI Eritrea|540 AGO Angola
541 MOZ Mozambique|551 ZMB Zambia|552 ZWE Zimbabwe|553 MWI Malawi|560 ZAF South Africa|565 NAM Namibia
570 LSO Lesotho|571 BWA Botswana|572 SWZ Eswatini|580 MDG Madagascar|581 COM Comoros|590 MUS Mauritius
591 SYC Seychelles|600 MAR Morocco|615 DZA Algeria|616 TUN Tunisia|620 LBY Libya|625 SDN Sudan
626 SSD South Sudan|630 IRN Iran|640 TUR Turkey|645 IRQ Iraq|651 EGY Egypt|652 SYR Syria|660 LBN Lebanon
663 JOR Jordan|666 ISR Israel|670 SAU Saudi Arabia|678 - Yemen Arab Republic|679 YEM Yemen
680 - Yemen People's Republic|690 KWT Kuwait|692 BHR Bahrain|694 QAT Qatar|696 ARE United Arab Emirates
698 OMN Oman|700 AFG Afghanistan|701 TKM Turkmenistan|702 TJK Tajikistan|703 KGZ Kyrgyzstan|704 UZB Uzbekistan
705 KAZ Kazakhstan|710 CHN China|712 MNG Mongolia|713 TWN Taiwan|730 - Korea|731 PRK North Korea
732 KOR South Korea|740 JPN Japan|750 IND India|760 BTN Bhutan|770 PAK Pakistan|771 BGD Bangladesh
775 MMR Myanmar|780 LKA Sri Lanka|781 MDV Maldives|790 NPL Nepal|800 THA Thailand|811 KHM Cambodia|812 LAO Laos
816 VNM Vietnam (North Vietnam before 1976)|817 - South Vietnam|820 MYS Malaysia|830 SGP Singapore|835 BRN Brunei
840 PHL Philippines|850 IDN Indonesia|860 TLS East Timor|900 AUS Australia|910 PNG Papua New Guinea
920 NZL New Zealand|935 VUT Vanuatu|940 SLB Solomon Islands|946 KIR Kiribati|947 TUV Tuvalu|950 FJI Fiji
955 TON Tonga|970 NRU Nauru|983 MHL Marshall Islands|986 PLW Palau|987 FSM Federated States of Micronesia
990 WSM Samoa
"""

# Where Gleditsch-Ward gives a living state another code than COW (see the module docstring).
_GW_DIFFERS = {"DEU": 260, "YEM": 678, "SRB": 340, "KIR": 970, "NRU": 971, "TON": 972, "TUV": 973}
# GW codes of predecessor states that feeds still use for their successor.
_GW_PREDECESSORS = {345: "SRB"}


def _parse_cow() -> dict[int, tuple[str | None, str]]:
    out: dict[int, tuple[str | None, str]] = {}
    for entry in _COW_TABLE.replace("\n", "|").split("|"):
        if entry.strip():
            code, iso, name = entry.strip().split(" ", 2)
            out[int(code)] = (None if iso == "-" else iso, name)
    return out


_COW = _parse_cow()
_COW_BY_ISO = {iso: code for code, (iso, _name) in _COW.items() if iso}
_GW_BY_ISO = _COW_BY_ISO | _GW_DIFFERS
_ISO_BY_GW = {code: iso for iso, code in _GW_BY_ISO.items()} | _GW_PREDECESSORS

_PAREN = re.compile(r"^(.*?)\s*\((.*)\)\s*$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """A name reduced for matching: no accents, case, punctuation or leading "the"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = _NOT_WORD.sub(" ", plain.casefold().replace("&", " and ")).strip()
    return words.removeprefix("the ")


def _iso_entries() -> list[tuple[str, str, int, str, tuple[str, ...]]]:
    rows = []
    for c in pycountry.countries:
        common = getattr(c, "common_name", None)
        names = tuple(n for n in (c.name, getattr(c, "official_name", None), common) if n)
        rows.append((c.alpha_3, c.alpha_2, int(c.numeric), _SHORT.get(c.alpha_3) or common or c.name, names))
    rows.append(("XKX", "XK", 0, "Kosovo", ("Kosovo", "Republic of Kosovo")))
    return rows


def _build() -> tuple[Country, ...]:
    out = []
    for iso3, iso2, numeric, short, names in _iso_entries():
        cow = _COW_BY_ISO.get(iso3)
        cow_name = _COW[cow][1] if cow is not None else None
        extra = (short, *_VARIANTS.get(iso3, ()), *((cow_name,) if cow_name else ()))
        every = tuple(dict.fromkeys((*names, *extra)))
        out.append(Country(iso3, iso2, numeric, short, cow, _GW_BY_ISO.get(iso3), every))
    return tuple(sorted(out, key=lambda c: c.iso3))


COUNTRIES: tuple[Country, ...] = _build()
_BY_ISO3 = {c.iso3: c for c in COUNTRIES}
_BY_NUMERIC = {c.numeric: c.iso3 for c in COUNTRIES if c.numeric}


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in COUNTRIES:
        for name in (*c.names, c.iso3):
            index.setdefault(normalise_name(name), c.iso3)
    return index


def name_clashes() -> list[tuple[str, str, str]]:
    """Names that two countries share after normalising (an error in the tables; the tests keep it empty)."""
    seen: dict[str, str] = {}
    clashes = []
    for c in COUNTRIES:
        for name in c.names:
            key = normalise_name(name)
            if seen.setdefault(key, c.iso3) != c.iso3:
                clashes.append((key, seen[key], c.iso3))
    return clashes


def country(iso3: str) -> Country | None:
    """The country with this ISO alpha-3 code, or ``None``."""
    return _BY_ISO3.get(iso3.strip().upper())


@cache
def iso3_from_name(name: str) -> str | None:
    """The ISO alpha-3 code of a country named in any known way (``"DR Congo (Zaire)"`` -> ``"COD"``)."""
    index = _name_index()
    found = index.get(normalise_name(name))
    if found is None and (m := _PAREN.match(name.strip())):
        found = index.get(normalise_name(m[1])) or index.get(normalise_name(m[2]))
    return found


def iso3_from_numeric(code: int) -> str | None:
    """The ISO alpha-3 code for an ISO 3166 numeric code (ACLED's ``iso`` column; 0 is none)."""
    return _BY_NUMERIC.get(code)


def iso3_from_gw(code: int) -> str | None:
    """The ISO alpha-3 code for a Gleditsch-Ward code (UCDP's ``country_id``), or ``None`` for a past state."""
    return _ISO_BY_GW.get(code)


def gw_from_iso3(iso3: str) -> int | None:
    """The Gleditsch-Ward code of a living state."""
    return _GW_BY_ISO.get(iso3)


def iso3_from_cow(code: int) -> str | None:
    """The ISO alpha-3 code for a COW state code, or ``None`` for a past state (Hanover, the GDR)."""
    return _COW.get(code, (None, ""))[0]


def cow_from_iso3(iso3: str) -> int | None:
    """The COW code of a state given by its ISO alpha-3 code (the current state, where COW has several)."""
    return _COW_BY_ISO.get(iso3)


def cow_state(code: int) -> tuple[str | None, str | None]:
    """The English name and ISO alpha-3 code of a COW state, each ``None`` where unknown or not applicable."""
    iso, name = _COW.get(code, (None, None))
    return name, iso
