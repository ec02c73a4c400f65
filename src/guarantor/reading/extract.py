"""From the sentences of a report to statements and incidents: triggers, roles, dates, concerns.

For each trigger (see ``lexicon``) the clause around it is the stretch from the previous trigger to the
next. Roles come from word order with fallbacks for machine-translated order:

- the agent (speaker, attacker) is the actor named nearest before the trigger; in the passive ("was struck
  by Russian drones") the actor after "by"; with no actor before it (verb first) the first actor after it;
- the addressee or target is the first actor after the trigger (a place stands for its state and gives the
  region);
- the date is the date named in the clause, else in the sentence, else the dateline's day (wire copy
  reports the day's events undated), with lower confidence;
- a statement concerns the instrument or clause named in its clause, else in its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from guarantor.reading.dates import DateMention, find_dates
from guarantor.reading.gazetteer import gazetteer
from guarantor.reading.instruments import InstrumentMention, find_instruments
from guarantor.reading.lexicon import TriggerHit, find_triggers
from guarantor.reading.mention import Mention
from guarantor.reading.model import Field, Incident, Statement
from guarantor.reading.report import Sentence
from guarantor.reading.resolver import FuzzyBudget, find_mentions

__all__ = ["SentenceReading", "read_sentence"]

_HEDGE = re.compile(r"\b(?:reportedly|allegedly|according to|claimed|unconfirmed|sources said)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\W*(?:said|says|told|added|stated|wrote)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)


class SentenceReading:
    """The statements, incidents and mentions of one sentence."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []
        self.incidents: list[Incident] = []
        self.mentions: list[Mention] = []


# "the Paris Declaration", "the Budapest Memorandum", "the Washington Treaty": a place in a name, not an actor.
_NAMES_AN_INSTRUMENT = re.compile(
    r"(?:-| )(?:Declaration|Memorandum|Treaty|Accords?|Agreements?|Protocol|Communiqu[ée]|Initiative|Charter"
    r"|[Ff]ormat|model|[Pp]rocess|[Ss]ummit)\b"
)
_PREPOSITION = re.compile(
    r"\b(?:without|with|between|against|to|for|from|of|in|on|at|into|over|towards)\s+(?:the\s+)?$", re.I
)
_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
_INDEPENDENT = re.compile(r"(?:,\s*(?:while|but|and|whereas)\b|;|\bwhile\b)", re.IGNORECASE)
_NOMINAL = re.compile(r"\b(?:the|an?|this|that|to|to keep|keep)\s+$", re.IGNORECASE)


def _subjects(mentions: list[Mention], lo: int, hi: int, text: str, base: int) -> list[Mention]:
    """Actors between ``lo`` and ``hi`` that are not the object of a preposition ("talks without Russia")."""
    return [
        m
        for m in _actors(mentions, lo, hi)
        if not _PREPOSITION.search(text[max(0, m.start - base - 25) : m.start - base])
    ]


def _actors(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    return [
        m
        for m in mentions
        if (lo <= m.start and m.end <= hi and m.status != "unknown")
        or (lo <= m.start and m.end <= hi and m.kind == "name")
    ]


def _agent(
    hit: TriggerHit, mentions: list[Mention], lo: int, hi: int, text: str, base: int
) -> tuple[Mention | None, float]:
    before = [
        m
        for m in _subjects(mentions, lo, hit.start, text, base)
        if m.kind != "place" or hit.trigger.category == "statement"
    ]
    after = _actors(mentions, hit.end, hi)
    passive = _PASSIVE.search(text[max(0, hit.start - base - 20) : hit.start - base]) is not None
    by = [m for m in after if re.search(r"\bby\s+(?:\w+\s+){0,2}$", text[max(0, m.start - base - 20) : m.start - base])]
    if passive and by:
        return by[0], 0.85
    if before and not passive:
        return before[-1], 0.9
    return (after[0], 0.7) if after else (None, 0.3)


def _patient(
    hit: TriggerHit,
    agent: Mention | None,
    mentions: list[Mention],
    lo: int,
    hi: int,
    passive_subject: bool,
    text: str,
    base: int,
) -> Mention | None:
    pool = _actors(mentions, lo, hit.start) if passive_subject else _actors(mentions, hit.end, hi)
    pool = [m for m in pool if m is not agent and (agent is None or m.entity is None or m.entity != agent.entity)]
    pool = [m for m in pool if not _ATTRIBUTION.match(text[m.end - base : m.end - base + 20])]
    return (pool[-1] if passive_subject else pool[0]) if pool else None


def _date(dates: list[DateMention], lo: int, hi: int, day: date | None) -> Field[str | None]:
    inside = [d for d in dates if lo <= d.start and d.end <= hi] or dates
    if inside:
        d = inside[0]
        value = (
            d.value.isoformat() if d.precision == "day" else d.value.isoformat()[: 7 if d.precision == "month" else 4]
        )
        return Field(value, d.confidence, (d.start, d.end))
    return Field(day.isoformat() if day else None, 0.5 if day else 0.0, None)


def _state_of(m: Mention | None, day: date | None) -> str | None:
    if m is None or m.entity is None:
        return None
    e = gazetteer().entities.get(m.entity)
    return e.represents(day) if e is not None else m.entity


def _actor_field(m: Mention | None, role_conf: float) -> Field[str | None]:
    if m is None:
        return Field(None, role_conf, None)
    value = m.entity if m.resolved else f"?{m.text}"
    return Field(value, round(m.confidence * role_conf, 3), (m.start, m.end))


def _concerns(found: list[InstrumentMention], lo: int, hi: int) -> Field[str | None]:
    inside = [f for f in found if lo <= f.start and f.end <= hi] or found
    return Field(inside[0].id, 0.8, (inside[0].start, inside[0].end)) if inside else Field(None, 0.6, None)


def _bounds(hits: list[TriggerHit], k: int, sentence: Sentence) -> tuple[int, int]:
    lo = hits[k - 1].end if k else sentence.start
    hi = hits[k + 1].start if k + 1 < len(hits) else sentence.end
    return lo, hi


_SEVERITY = ("threat", "breach", "aggression", "armed-attack", "armed-aggression", "nuclear-use")
_MODAL = re.compile(r"\b(?:must|should|has to|have to|needs? to)\s+$", re.IGNORECASE)
_SPEECH = re.compile(r"\b(?:said|says|told|insisted|stressed|declared)\b", re.IGNORECASE)
_DENIAL = re.compile(r"\b(?:den(?:ied|ies|y)|rejected claims? (?:of|that))\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


class _Sentence:
    """What one sentence offers: its mentions, triggers, dates, instruments, and the context of the report."""

    def __init__(self, sentence: Sentence, day: date | None, mentions: list[Mention], context: ReportContext) -> None:
        self.s, self.day, self.mentions, self.context = sentence, day, mentions, context
        self.hits = find_triggers(sentence.text, sentence.start)
        self.dates = find_dates(sentence.text, day, sentence.start)
        self.instruments = find_instruments(sentence.text, sentence.start)
        self.hedge = 0.8 if _HEDGE.search(sentence.text) else 1.0

    def before(self, pos: int, lo: int | None = None) -> str:
        """The text before ``pos`` from ``lo`` (default: the 60 characters before, all the checks look at)."""
        lo = pos - 60 if lo is None else lo
        return self.s.text[max(0, lo - self.s.start) : pos - self.s.start]

    def skip(self, k: int, statement_at: int, out: SentenceReading) -> bool:
        """A stance verb inside the content of an earlier one ("agreed the US could offer"), an incident that
        is denied, or named again ("in response to the attack", "vowed to keep attacking")."""
        hit = self.hits[k]
        if hit.label == "announce" and any(h.trigger.category == "statement" for h in self.hits[k + 1 :]):
            return True  # "declared that Russia rejected ...": a reporting verb, the stance comes after it
        if hit.trigger.category == "statement":
            return statement_at >= 0 and not _INDEPENDENT.search(
                self.s.text[statement_at - self.s.start : hit.start - self.s.start]
            )
        if _DENIAL.search(self.before(hit.start)):
            return True
        return bool(
            _NOMINAL.search(self.before(hit.start)) and (out.incidents or out.statements or self.context.incidents)
        )

    def roles(self, k: int) -> tuple[Mention | None, float, Mention | None]:
        hit = self.hits[k]
        lo, hi = _bounds(self.hits, k, self.s)
        agent, conf = _agent(hit, self.mentions, lo, hi, self.s.text, self.s.start)
        if agent is None and self.context.last_person is not None and _PRONOUN.search(self.before(hit.start, lo)):
            agent, conf = self.context.last_person, 0.7
        passive = agent is not None and agent.start > hit.end
        patient = _patient(hit, agent, self.mentions, lo, hi, passive, self.s.text, self.s.start)
        if hit.trigger.category == "statement" and _MODAL.search(self.before(hit.start)):
            speaker = self.speaker_of_said(hit.start)  # "Trump said Ukraine must accept": Trump demands of Ukraine
            if speaker is not None:
                return speaker, 0.8, agent
        return agent, conf, patient

    def speaker_of_said(self, pos: int) -> Mention | None:
        start = self.s.start
        said = list(_SPEECH.finditer(self.before(pos, start)))
        if not said:
            return None
        at = start + said[-1].start()
        found = [m for m in self.mentions if m.end <= at and m.kind != "place"]
        return found[-1] if found else None


@dataclass
class ReportContext:
    """What earlier sentences of the report tell a sentence: the person last named, incidents so far."""

    last_person: Mention | None = None
    incidents: int = 0
    budget: FuzzyBudget = field(default_factory=FuzzyBudget)


def read_sentence(
    sentence: Sentence,
    day: date | None,
    refine: Callable[[Mention], Mention] = lambda m: m,
    context: ReportContext | None = None,
) -> SentenceReading:
    """The statements and incidents of one sentence; ``refine`` resolves mentions with the report's context."""
    out = SentenceReading()
    out.mentions = [
        refine(m)
        for m in find_mentions(sentence.text, sentence.start, day, (context or ReportContext()).budget)
        if not _NAMES_AN_INSTRUMENT.match(sentence.text, m.end - sentence.start)
    ]
    here = _Sentence(sentence, day, out.mentions, context or ReportContext())
    statement_at = -1
    for k, hit in enumerate(here.hits):
        if here.skip(k, statement_at, out):
            continue
        agent, role_conf, patient = here.roles(k)
        lo, hi = _bounds(here.hits, k, sentence)
        when = _date(here.dates, lo, hi, day)
        if hit.trigger.category == "statement":
            statement_at = hit.end
            label = "demand" if _MODAL.search(here.before(hit.start)) and agent is not None else hit.label
            for speaker in _coordinated(agent, out.mentions, sentence.text, sentence.start):
                st = _statement(hit, speaker, role_conf, patient, when, here.instruments, sentence, day, here.hedge)
                out.statements.append(replace(st, stance=replace(st.stance, value=label)))
        else:
            _add_incident(out, _incident(hit, agent, role_conf, patient, when, sentence, day, here.hedge))
    return out


def _add_incident(out: SentenceReading, incident: Incident) -> None:
    """One incident per agent and sentence: "an invasion, with missile strikes on Kyiv" is the invasion."""
    for n, other in enumerate(out.incidents):
        if other.by.value == incident.by.value or incident.by.value is None:
            if _SEVERITY.index(incident.kind.value) > _SEVERITY.index(other.kind.value):
                out.incidents[n] = replace(other, kind=incident.kind, cameo=incident.cameo, plover=incident.plover)
            return
    out.incidents.append(incident)


def _coordinated(agent: Mention | None, mentions: list[Mention], text: str, base: int) -> list[Mention | None]:
    """ "Aliyev and Pashinyan signed", "Britain and the United States urged": both speak."""
    if agent is None:
        return [agent]
    before = [m for m in mentions if m.end <= agent.start]
    if (
        before
        and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[before[-1].end - base : agent.start - base])
        and "place" not in (before[-1].kind, agent.kind)
    ):
        return [before[-1], agent]
    return [agent]


def _statement(
    hit: TriggerHit,
    agent: Mention | None,
    role_conf: float,
    patient: Mention | None,
    when: Field[str | None],
    instruments: list[InstrumentMention],
    sentence: Sentence,
    day: date | None,
    hedge: float,
) -> Statement:
    return Statement(
        speaker=_actor_field(agent, role_conf),
        stance=Field(hit.label, 0.85 * hedge if hit.negated else 0.9 * hedge, (hit.start, hit.end)),
        addressee=_actor_field(patient, 0.7),
        concerns=_concerns(instruments, hit.end, sentence.end),
        date=when,
        text=sentence.text,
        span=(sentence.start, sentence.end),
        cameo=hit.trigger.cameo,
        plover=hit.trigger.plover,
        party=_state_of(agent, day),
    )


def _incident(
    hit: TriggerHit,
    agent: Mention | None,
    role_conf: float,
    patient: Mention | None,
    when: Field[str | None],
    sentence: Sentence,
    day: date | None,
    hedge: float,
) -> Incident:
    region = (
        Field(patient.text, 0.8, (patient.start, patient.end))
        if patient and patient.kind == "place"
        else Field(None, 0.5, None)
    )
    against = _actor_field(patient, 0.8)
    if patient is not None and patient.resolved:
        against = Field(_state_of(patient, day), against.confidence, against.span)
    by = _actor_field(agent, role_conf)
    if agent is not None and agent.resolved:
        by = Field(_state_of(agent, day), by.confidence, by.span)
    return Incident(
        kind=Field(hit.label, 0.85 * hedge, (hit.start, hit.end)),
        by=by,
        against=against,
        region=cast("Field[str | None]", region),
        date=when,
        text=sentence.text,
        span=(sentence.start, sentence.end),
        cameo=hit.trigger.cameo,
        plover=hit.trigger.plover,
    )
