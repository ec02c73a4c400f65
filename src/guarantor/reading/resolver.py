"""Finding and resolving actors in a sentence: exact aliases, offices held on the date, garbled names.

Three passes over the words of a sentence:

1. the longest run of words whose folded spelling is a gazetteer alias (name, state adjective, seat,
   place or office phrase);
2. runs of capitalised words left over are compared with every name in the gazetteer by ``similarity``
   (fuzzy and phonetic); a match must clear ``ACCEPT`` and beat the next entity by ``MARGIN``, after the
   context (an office named beside the name, being in office on the date) is counted;
3. an office phrase beside a name is merged with it: the office confirms the name, or picks the name's
   reading among close candidates, or stands for the holder when the name is not recognised.

A name that cannot be told apart from another is ``ambiguous``; one that matches nothing is ``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from rapidfuzz import fuzz, process

from guarantor.reading.gazetteer import Alias, Gazetteer, gazetteer
from guarantor.reading.mention import Mention
from guarantor.reading.names import fold, similarity

__all__ = ["ACCEPT", "MARGIN", "STOP_WORDS", "FuzzyBudget", "find_mentions"]

ACCEPT = 0.86
MARGIN = 0.03
_OFFICE_BONUS = 0.08
_TOKEN = re.compile(r"[\w][\w.'’-]*[\w]|[\w]")
_CONNECTORS = {"von", "der", "van", "de", "la", "al", "el", "bin", "du", "da"}
_STOP = set(
    """a an and as at but by for from in into of on or the to with after before during over under since while
    this that these those it its he she they we i his her their our you your mr mrs ms sir dr gen general
    president prime minister foreign defence defense secretary chancellor minister spokesman spokeswoman
    spokesperson envoy ambassador chief head leader official officials army navy air force forces troops
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today
    yesterday tomorrow article articles clause paragraph treaty memorandum declaration plan agreement deal
    summit talks peace ceasefire security guarantees guarantee north south east west eastern western
    northern southern central reuters afp ap tass interfax cnn bbc however meanwhile also but later earlier
    according asked speaking state states government ministry council parliament union national said says
    told added if when where while despite although because there here not no yes one two three""".split()  # noqa: SIM905
)
_STOP = {fold(w) for w in _STOP}
_INNER = {fold(w) for w in ("states", "state", "union", "council", "forces", "national", "general")}
_MAX_RUN = 5
STOP_WORDS = frozenset(_STOP)


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    key: str
    capital: bool


def _words(text: str, offset: int) -> list[_Word]:
    return [
        _Word(offset + m.start(), offset + m.end(), fold(m.group(0)), m.group(0)[0].isupper())
        for m in _TOKEN.finditer(text)
    ]


@cache
def _prefixes() -> frozenset[str]:
    out: set[str] = set()
    for key in gazetteer().by_fold:
        parts = key.split()
        out.update(" ".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(out)


def _exact(words: list[_Word], i: int, g: Gazetteer) -> tuple[int, list[Alias]] | None:
    """The longest alias starting at word ``i``: (number of words, aliases)."""
    best: tuple[int, list[Alias]] | None = None
    key = ""
    for k in range(i, min(len(words), i + g.max_words)):
        key = f"{key} {words[k].key}".strip()
        if key not in _prefixes():
            break
        if key in g.by_fold:
            best = (k - i + 1, g.by_fold[key])
    return best


def _alias_mention(text: str, start: int, end: int, aliases: list[Alias], day: date | None) -> Mention:
    g = gazetteer()
    alias = aliases[0]
    if alias.kind == "office":
        return _office_mention(text, start, end, alias.target, day)
    if len({a.target for a in aliases}) > 1:
        targets = tuple(sorted({a.target for a in aliases}))
        serving = [t for t in targets if (e := g.entities.get(t)) is not None and e.offices_on(day)]
        if len(serving) == 1:  # two Sharifs: the one in office on the report's date
            how = f"alias of {', '.join(targets)}; the one in office on {day}"
            return Mention(start, end, text, "resolved", serving[0], alias.kind, 0.85, how, targets)
        return Mention(start, end, text, "ambiguous", None, alias.kind, 0.5, "alias of several", targets)
    confidence = {"name": 0.98, "seat": 0.95, "adjective": 0.9, "place": 0.9}.get(alias.kind, 0.9)
    if g.entities.get(alias.target) is None and alias.kind != "place":
        confidence = 0.8
    return Mention(start, end, text, "resolved", alias.target, alias.kind, confidence, "exact")


def _office_mention(text: str, start: int, end: int, office: str, day: date | None) -> Mention:
    holders = gazetteer().holders(office, day)
    when = f" on {day.isoformat()}" if day else " (date unknown)"
    if len(holders) == 1:
        conf = 0.9 if day else 0.6
        how = f"holder of {office}{when}"
        return Mention(start, end, text, "resolved", holders[0].id, "office", conf, how, office=office)
    ids = tuple(h.id for h in holders)
    how = f"{len(ids)} holders of {office}{when}"
    return Mention(start, end, text, "ambiguous" if ids else "unknown", None, "office", 0.4, how, ids, office)


@cache
def _pool() -> tuple[list[str], list[list[Alias]]]:
    g = gazetteer()
    keys = [k for k, found in g.by_fold.items() if any(a.kind != "office" for a in found)]
    return keys, [[a for a in g.by_fold[k] if a.kind != "office"] for k in keys]


def _scores(query: str) -> dict[str, tuple[float, Alias]]:
    """Best score per entity for the run of words ``query``."""
    keys, aliases = _pool()
    best: dict[str, tuple[float, Alias]] = {}
    for _, _, index in process.extract(fold(query), keys, scorer=fuzz.ratio, limit=12, score_cutoff=55):
        for alias in aliases[index]:
            score = similarity(query, alias.text)
            if score > best.get(alias.target, (0.0, alias))[0]:
                best[alias.target] = (score, alias)
    return best


def _context_bonus(entity: str, office: str | None, day: date | None) -> float:
    e = gazetteer().entities.get(entity)
    if e is None or e.kind != "person":
        return 0.0
    held = e.offices_on(day)
    if office is not None:
        role = office.split(".", 1)[1]
        fits = any(h == office or (office.startswith("*.") and h.endswith("." + role)) for h in held)
        return _OFFICE_BONUS if fits else -_OFFICE_BONUS / 2
    return 0.02 if held else -0.02 if day else 0.0


def fuzzy_mention(text: str, start: int, end: int, day: date | None, office: str | None = None) -> Mention | None:
    """A garbled or variant name resolved by similarity and context; None if it reads as no name at all."""
    scores = _scores(text)
    ranked = sorted(((s + _context_bonus(t, office, day), t, a) for t, (s, a) in scores.items()), key=lambda r: -r[0])
    if not ranked or ranked[0][0] < ACCEPT - 0.16:
        named = office is not None or len(text.split()) >= 2
        return Mention(start, end, text, "unknown", None, "name", 0.0, "no match in the gazetteer") if named else None
    top, entity, alias = ranked[0]
    close = tuple(t for s, t, _ in ranked if s >= top - MARGIN)
    if top >= ACCEPT and len(close) == 1:
        how = f"fuzzy {top:.2f} to '{alias.text}'" + (f" with {office}" if office else "")
        return Mention(start, end, text, "resolved", entity, alias.kind, round(min(top, 0.97) * 0.95, 3), how)
    if top >= ACCEPT:
        return Mention(start, end, text, "ambiguous", None, alias.kind, 0.4, "several close matches", close)
    near = tuple(t for s, t, _ in ranked[:3])
    return Mention(start, end, text, "unknown", None, "name", 0.2, f"best match {top:.2f} below {ACCEPT}", near)


def _runs(words: list[_Word], taken: set[int]) -> list[tuple[int, int]]:
    """Runs of up to ``_MAX_RUN`` capitalised words not matched exactly (connectors like 'von der' and words
    such as 'States' or 'Union' may sit inside, not start one)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        w = words[i]
        if i in taken or not w.capital or w.key in _STOP or not w.key.isalpha():
            i += 1
            continue
        j = i + 1
        while (
            j < min(len(words), i + _MAX_RUN)
            and j not in taken
            and (words[j].key not in _STOP or words[j].key in _INNER)
        ):
            if not (words[j].capital or (words[j].key in _CONNECTORS and j + 1 < len(words))):
                break
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _merge_office(mentions: list[Mention], text: str, offset: int, day: date | None) -> list[Mention]:
    """An office phrase right before (or right after, between commas) a name: one actor."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        gap = text[prev.end - offset : m.start - offset] if prev else ""
        owned = _owned_office(prev, m, day, text, offset) if prev and gap == " " else None
        if owned is not None:
            out[-1] = owned
            continue
        if prev and gap.strip(" ,") == "" and {prev.kind, m.kind} & {"office"} and prev.kind != m.kind:
            office_m, name_m = (prev, m) if prev.kind == "office" else (m, prev)
            out[-1] = _combine(office_m, name_m, text[prev.start - offset : m.end - offset], day)
            continue
        out.append(m)
    return out


def _owned_office(owner: Mention, m: Mention, day: date | None, text: str, offset: int) -> Mention | None:
    """A state or body word before an office ("Rusian President", garbled): that state's office."""
    office = _office_of(m) if m.kind == "office" else None
    if office is None or not owner.resolved or owner.kind not in ("adjective", "seat", "name") or owner.entity is None:
        return None
    e = gazetteer().entities.get(owner.entity)
    if e is None or e.kind == "person":
        return None
    owned = f"{owner.entity}.{office[2:]}" if office.startswith("*.") else office
    if not owned.startswith(owner.entity + ".") or not gazetteer().holders(owned, None):
        return None
    return _office_mention(text[owner.start - offset : m.end - offset], owner.start, m.end, owned, day)


def _office_of(m: Mention) -> str | None:
    return m.office


def _combine(office_m: Mention, name_m: Mention, text: str, day: date | None) -> Mention:
    start, end = min(office_m.start, name_m.start), max(office_m.end, name_m.end)
    office = _office_of(office_m)
    if name_m.kind not in ("name",) and name_m.status == "resolved":
        return name_m  # "Russian President" next to a state word: keep the state
    if name_m.status == "resolved" and name_m.entity is not None:
        fits = _context_bonus(name_m.entity, office, day) > 0
        conf = min(0.99, name_m.confidence + 0.05) if fits else name_m.confidence * 0.85
        how = name_m.how + (f"; confirmed by {office}" if fits else f"; does not hold {office} on {day}")
        return Mention(start, end, text, "resolved", name_m.entity, "name", round(conf, 3), how)
    again = fuzzy_mention(name_m.text, name_m.start, name_m.end, day, office)
    if again is not None and again.resolved:
        return replace(again, start=start, end=end, text=text)
    if office_m.resolved:
        how = f"name '{name_m.text}' not recognised; {office_m.how}"
        return replace(office_m, start=start, end=end, text=text, confidence=0.7, how=how, kind="name")
    return replace(name_m, start=start, end=end, text=text)


@dataclass
class FuzzyBudget:
    """How many unknown runs of capitalised words a report may still compare with the whole gazetteer (a few
    dozen in a real report; the budget keeps a megabyte of capitalised nonsense from taking minutes)."""

    left: int = 2000


def find_mentions(text: str, offset: int, day: date | None, budget: FuzzyBudget | None = None) -> list[Mention]:
    """Every actor, state word, place and office in the sentence ``text`` (which starts at ``offset``)."""
    g = gazetteer()
    words = _words(text, offset)
    found: list[Mention] = []
    taken: set[int] = set()
    i = 0
    while i < len(words):
        hit = None if words[i].key == "the" else _exact(words, i, g)
        if hit is None:
            i += 1
            continue
        n, aliases = hit
        s, e = words[i].start, words[i + n - 1].end
        found.append(_alias_mention(text[s - offset : e - offset], s, e, aliases, day))
        taken.update(range(i, i + n))
        i += n
    for a, b in _runs(words, taken):
        s, e = words[a].start, words[b - 1].end
        if budget is not None and budget.left <= 0:
            found.append(Mention(s, e, text[s - offset : e - offset], "unknown", None, "name", 0.0, "not compared"))
            continue
        if budget is not None:
            budget.left -= 1
        m = fuzzy_mention(text[s - offset : e - offset], s, e, day)
        if m is not None:
            found.append(m)
    return _merge_office(_absorb_first_names(found, text, offset), text, offset, day)


def _absorb_first_names(found: list[Mention], text: str, offset: int) -> list[Mention]:
    """A capitalised run right before a person's exact name ("Fridrich Merz") is that person's first name."""
    g = gazetteer()
    ordered = sorted(found, key=lambda m: m.start)
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        person = m.entity is not None and (e := g.entities.get(m.entity)) is not None and e.kind == "person"
        fuzzy = prev is not None and prev.kind == "name" and prev.how != "exact" and prev.entity in (None, m.entity)
        if prev and person and fuzzy and text[prev.end - offset : m.start - offset] == " ":
            out[-1] = replace(m, start=prev.start, text=text[prev.start - offset : m.end - offset])
            continue
        out.append(m)
    return out
