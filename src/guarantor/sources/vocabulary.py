"""Feed vocabularies: what kind of incident (if any) each of a feed's event types is.

A vocabulary is a small, versioned YAML table (bundled ones: ``acled``, ``ucdp``, ``cameo``, ``plover``) that
maps a feed's event types to the kinds a guarantee's triggers speak of (``armed-attack``, ``aggression``,
``threat``, ...), or to ``null``: not a hostile act. Lookup tries ``"Event type / Sub-event type"``, then
``"Event type"``, then (for code vocabularies such as CAMEO) ever shorter prefixes of the code. A type found
nowhere is *unmapped*, and an unmapped type is never an armed attack. Users override entries with their own
file (``override``): its entries replace the bundled ones and the version records both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from guarantor.bounded import read_bounded
from guarantor.errors import MappingError
from guarantor.sources.model import Incident

__all__ = ["BUNDLED", "KINDS", "Reading", "Vocabulary", "bundled_vocabulary", "load_vocabulary"]

KINDS = ("nuclear-use", "armed-attack", "armed-aggression", "aggression", "threat", "breach")
BUNDLED = ("acled", "ucdp", "cameo", "plover")
_HINT = "see `guarantor docs sources#vocabularies`"
VOCABULARY_LIMIT = 8_388_608  # a vocabulary maps a few hundred codes; the bundled ones are a few kB


@dataclass(frozen=True, slots=True)
class Reading:
    """What a vocabulary says about one incident: its kind (``None``: not hostile) and the entry that said so."""

    kind: str | None
    entry: str | None  # the key that matched; None when the type is unmapped
    intercepted: bool = False

    @property
    def hostile(self) -> bool:
        return self.kind is not None

    def describe(self, vocabulary: str) -> str:
        if self.entry is None:
            return f"{vocabulary}: type not in the vocabulary, not a hostile act"
        said = self.kind or "not a hostile act"
        return f"{vocabulary}: '{self.entry}' is {said}" + (" (intercepted)" if self.intercepted else "")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One table: its name and version, where it comes from, and its entries (casefolded keys)."""

    name: str
    version: str
    source: str
    entries: dict[str, str | None]
    labels: dict[str, str] = field(default_factory=dict)  # casefolded key -> the key as written
    intercepted: frozenset[str] = frozenset()
    prefix_codes: bool = False

    @property
    def label(self) -> str:
        return f"{self.name}/{self.version}"

    def read(self, incident: Incident) -> Reading:
        """The kind of ``incident`` under this vocabulary."""
        return self.lookup(incident.event_type, incident.sub_event_type)

    def lookup(self, event_type: str, sub_event_type: str | None = None) -> Reading:
        for key in self._keys(event_type, sub_event_type):
            if key in self.entries:
                return Reading(self.entries[key], self.labels.get(key, key), key in self.intercepted)
        return Reading(None, None)

    def _keys(self, event_type: str, sub_event_type: str | None) -> list[str]:
        base = event_type.strip().casefold()
        keys = [f"{base} / {sub_event_type.strip().casefold()}"] if sub_event_type else []
        keys.append(base)
        if self.prefix_codes:
            keys += [base[:n] for n in range(len(base) - 1, 1, -1)]
        return keys

    def override(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with ``other``'s entries replacing its own (a user's table over a bundled one)."""
        return Vocabulary(
            name=self.name,
            version=f"{self.version}+{other.name}/{other.version}",
            source=f"{self.source}; overridden by {other.source}",
            entries=self.entries | other.entries,
            labels=self.labels | other.labels,
            intercepted=self.intercepted | other.intercepted,
            prefix_codes=self.prefix_codes or other.prefix_codes,
        )

    def to_json(self) -> dict[str, Any]:
        return {"vocabulary": self.name, "version": self.version, "source": self.source}


@cache
def bundled_vocabulary(name: str) -> Vocabulary:
    """One of the bundled tables (``BUNDLED``), read once."""
    if name not in BUNDLED:
        raise MappingError(f"no bundled vocabulary {name!r}", hint=f"use one of {', '.join(BUNDLED)}; {_HINT}")
    text = resources.files("guarantor.sources").joinpath("vocabularies", f"{name}.yaml").read_text("utf-8")
    return _parse(yaml.safe_load(text), f"bundled vocabulary {name}")


def load_vocabulary(path: str | Path) -> Vocabulary:
    """A vocabulary from a YAML file (same form as the bundled ones)."""
    text = read_bounded(Path(path), VOCABULARY_LIMIT, error=MappingError, what="the vocabulary")
    try:
        data = yaml.safe_load(text.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise MappingError(f"{path}: cannot read the vocabulary: {exc}", hint=_HINT) from None
    return _parse(data, str(path))


def _parse(data: object, where: str) -> Vocabulary:
    if not isinstance(data, dict) or not isinstance(data.get("map"), dict):
        raise MappingError(f"{where}: a vocabulary is a mapping with 'vocabulary', 'version' and 'map'", hint=_HINT)
    entries: dict[str, str | None] = {}
    labels: dict[str, str] = {}
    for key, kind in data["map"].items():
        if kind is not None and kind not in KINDS:
            raise MappingError(
                f"{where}: map: {key!r}: {kind!r} is not an incident kind",
                hint=f"use one of {', '.join(KINDS)}, or null for 'not a hostile act'; {_HINT}",
            )
        entries[str(key).strip().casefold()] = kind
        labels[str(key).strip().casefold()] = str(key)
    intercepted = data.get("intercepted") or []
    if not isinstance(intercepted, list):
        raise MappingError(f"{where}: 'intercepted' must be a list of map keys", hint=_HINT)
    return Vocabulary(
        name=str(data.get("vocabulary") or Path(where).stem),
        version=str(data.get("version") or "unversioned"),
        source=str(data.get("source") or where),
        entries=entries,
        labels=labels,
        intercepted=frozenset(str(k).strip().casefold() for k in intercepted),
        prefix_codes=bool(data.get("prefix_codes", False)),
    )
