"""The bundled gazetteer: states, leaders and officials with their dated offices, organisations, places.

Loaded once from ``data/*.yaml`` (every person and organisation with the public page that states its office
and dates). State names come from ``guarantor.countries`` (ISO 3166); the gazetteer adds what news copy
calls a state besides its name: adjectives, capitals and seats of government, and places inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from guarantor.countries import COUNTRIES
from guarantor.reading.names import fold

__all__ = ["Alias", "Entity", "Gazetteer", "Tenure", "gazetteer"]

EntityKind = Literal["state", "person", "organisation"]
AliasKind = Literal["name", "adjective", "seat", "place", "office"]


@dataclass(frozen=True, slots=True)
class Tenure:
    """One term in one office, first and last day (``end`` None: in office at the newest source)."""

    office: str
    start: date
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor: an ISO 3166 alpha-3 code for a state, a gazetteer id for a person or body."""

    id: str
    name: str
    kind: EntityKind
    source: str = ""
    tenures: tuple[Tenure, ...] = ()

    def offices_on(self, day: date | None) -> list[str]:
        return [t.office for t in self.tenures if day is not None and t.holds_on(day)]

    def represents(self, day: date | None) -> str:
        """The state or body this actor speaks for on ``day``: itself, or the owner of the office held."""
        if self.kind != "person":
            return self.id
        held = self.offices_on(day) or [t.office for t in self.tenures[-1:]]
        return held[0].split(".")[0] if held else self.id


@dataclass(frozen=True, slots=True)
class Alias:
    """A phrase that names an entity (or, for ``office``, an office whose holder depends on the date)."""

    text: str
    target: str
    kind: AliasKind


@dataclass
class Gazetteer:
    """Entities by id, aliases by folded text, and who held which office."""

    entities: dict[str, Entity] = field(default_factory=dict)
    by_fold: dict[str, list[Alias]] = field(default_factory=dict)
    max_words: int = 1

    def add_alias(self, alias: Alias) -> None:
        key = fold(alias.text)
        if not key:
            return
        found = self.by_fold.setdefault(key, [])
        if all(a.target != alias.target for a in found):
            found.append(alias)
        self.max_words = max(self.max_words, len(key.split()))

    def holders(self, office: str, day: date | None) -> list[Entity]:
        """Everyone who held ``office`` on ``day`` (every holder ever when the day is unknown)."""
        return [
            e
            for e in self.entities.values()
            if any(_fills(t.office, office) and (day is None or t.holds_on(day)) for t in e.tenures)
        ]

    def name_aliases(self) -> list[Alias]:
        """Aliases that name one entity (not offices): the pool for fuzzy matching of garbled names."""
        return [a for found in self.by_fold.values() for a in found if a.kind in ("name", "seat")]


def _fills(held: str, office: str) -> bool:
    """``held`` is ``office``, or ``office`` names only the role (``*.president``) and ``held`` has it."""
    return held == office or (office.startswith("*.") and held.split(".", 1)[1] == office[2:])


def _yaml(name: str) -> Any:
    return yaml.safe_load(resources.files("guarantor.reading").joinpath("data").joinpath(name).read_text("utf-8"))


def _add_people(g: Gazetteer) -> None:
    for row in _yaml("people.yaml"):
        tenures = tuple(Tenure(t["office"], t["from"], t.get("to")) for t in row["offices"])
        g.entities[row["id"]] = Entity(row["id"], row["name"], "person", row["source"], tenures)
        for text in [row["name"], *row["aliases"]]:
            g.add_alias(Alias(text, row["id"], "name"))


def _add_organisations(g: Gazetteer) -> None:
    for row in _yaml("organisations.yaml"):
        g.entities[row["id"]] = Entity(row["id"], row["name"], "organisation", row["source"])
        for text in [row["name"], *row["aliases"]]:
            g.add_alias(Alias(text, row["id"], "name"))


def _add_states(g: Gazetteer) -> dict[str, list[str]]:
    """Every ISO 3166 state by its names; returns the words that name each state, for office phrases."""
    data = _yaml("states.yaml")
    words: dict[str, list[str]] = {}
    for c in COUNTRIES:
        g.entities[c.iso3] = Entity(c.iso3, c.name, "state", "ISO 3166-1 (pycountry)")
        names = [n for n in {c.name, *c.names} if "(" not in n]
        for text in names:
            g.add_alias(Alias(text, c.iso3, "name"))
        words[c.iso3] = names
    for iso3, row in data["states"].items():
        for text in row["adjectives"]:
            g.add_alias(Alias(text, iso3, "adjective"))
        for text in row["seats"]:
            g.add_alias(Alias(text, iso3, "seat"))
        words[iso3] = [*words.get(iso3, []), *row["adjectives"], *row["seats"]]
    for iso3, places in data["places"].items():
        for text in places:
            g.add_alias(Alias(text, iso3, "place"))
    return words


def _add_offices(g: Gazetteer, state_words: dict[str, list[str]]) -> None:
    data = _yaml("offices.yaml")
    held = {t.office for e in g.entities.values() for t in e.tenures}
    for office, phrases in data["offices"].items():
        for text in phrases:
            g.add_alias(Alias(text, office, "office"))
    for role, phrases in data["roles"].items():
        for text in phrases:
            g.add_alias(Alias(text, f"*.{role}", "office"))
    for office in sorted(held):
        owner, role = office.split(".", 1)
        for role_text in data["roles"].get(role, []):
            for word in state_words.get(owner, []):
                stem = word[:-1] if word.endswith("s") and word[:-1] in state_words.get(owner, []) else word
                for text in (f"{stem} {role_text}", f"{stem}'s {role_text}", f"{role_text} of {stem}"):
                    g.add_alias(Alias(text, office, "office"))


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer (loaded once)."""
    g = Gazetteer()
    _add_people(g)
    _add_organisations(g)
    _add_offices(g, _add_states(g))
    return g
