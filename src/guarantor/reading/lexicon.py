"""The verbs and phrases that mark a statement or an incident, with their CAMEO and PLOVER categories.

Statements take the runtime's stances (pledge, offer, agree, demand, reject, welcome, announce, refuse);
incidents take its incident kinds through the CAMEO root codes (Schrodt, CAMEO manual 1.1b3, 2012) and the
PLOVER event types (Halterman et al., PLOVER codebook, 2023):

    CAMEO 204 use weapons of mass destruction      -> nuclear-use        PLOVER ASSAULT
    CAMEO 192 occupy territory, 20 mass violence   -> armed-aggression   PLOVER ASSAULT
    CAMEO 19 fight, 18 assault                     -> armed-attack       PLOVER ASSAULT
    CAMEO 17 coerce (191 blockade, sabotage, cyber) -> aggression        PLOVER COERCE
    CAMEO 13 threaten, 15 exhibit force posture     -> threat            PLOVER THREATEN, MOBILIZE
    a fight that violates a ceasefire or armistice  -> breach            PLOVER ASSAULT
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["NEGATION", "TRIGGERS", "Trigger", "find_triggers"]

Category = Literal["statement", "incident"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A verb or phrase: what it marks, the runtime's label for it, and its CAMEO and PLOVER codes."""

    category: Category
    label: str
    cameo: str
    plover: str
    pattern: str


def _alt(*phrases: str) -> str:
    """One pattern matching any of ``phrases`` as whole words."""
    return r"\b(?:" + "|".join(phrases) + r")\b"


TRIGGERS: tuple[Trigger, ...] = (
    Trigger(
        "incident",
        "nuclear-use",
        "204",
        "ASSAULT",
        _alt(
            r"nuclear (?:strike|attack|detonation|weapons? (?:was |were )?used)",
            r"detonated an? (?:tactical )?nuclear",
            r"used an? (?:tactical )?nuclear (?:weapon|device|warhead)",
        ),
    ),
    Trigger(
        "incident",
        "breach",
        "190",
        "ASSAULT",
        _alt(
            r"violat(?:ed|es|ing|ion of) the (?:ceasefire|truce|armistice)",
            r"breach(?:ed|es|ing)? (?:of )?the (?:ceasefire|truce|armistice)",
            r"(?:ceasefire|truce) violations?",
            r"crossed the (?:ceasefire|armistice|contact|demarcation) line",
            r"broke the (?:ceasefire|truce)",
        ),
    ),
    Trigger(
        "incident",
        "armed-aggression",
        "192",
        "ASSAULT",
        _alt(
            r"invad(?:ed|es|ing)",
            r"invasion of",
            r"launched a (?:full-scale |large-scale |ground )?(?:offensive|invasion)",
            r"seiz(?:ed|es|ing) (?:the )?(?:town|city|village|territory|region)",
            r"occup(?:ied|ies|ying) (?:the )?(?:town|city|village|territory|region)",
            r"sent troops (?:into|across)",
        ),
    ),
    Trigger(
        "incident",
        "threat",
        "138",
        "THREATEN",
        _alt(
            r"threaten(?:ed|s|ing)?",
            r"warn(?:ed|s)? (?:that )?(?:it|they|he|she|moscow|russia)? ?"
            r"(?:would|could|will) (?:strike|attack|respond|hit|target)",
            r"legitimate (?:\w+ )?targets?",
            r"mass(?:ed|ing) (?:troops|forces)",
            r"mobili[sz](?:ed|es|ing) (?:troops|forces|reservists)",
        ),
    ),
    Trigger(
        "incident",
        "armed-attack",
        "190",
        "ASSAULT",
        _alt(
            r"attack(?:ed|s|ing)?",
            r"str(?:uck|ikes|iking)",
            r"shell(?:ed|s|ing)",
            r"bomb(?:ed|s|ing)",
            r"fired (?:missiles|rockets|drones|shells)?\s*(?:on|at|into)",
            r"launched (?:a )?(?:missiles?|drones?|rockets?|strikes?|an? (?:missile|drone|air) (?:attack|strike))"
            r" (?:on|at|against)",
            r"hit",
            r"target(?:ed|s|ing)",
            r"pound(?:ed|s|ing)",
            r"ambush(?:ed|es)",
            r"drone strikes? on",
            r"missile strikes? on",
            r"air ?strikes? on",
        ),
    ),
    Trigger(
        "incident",
        "aggression",
        "191",
        "COERCE",
        _alt(
            r"blockad(?:ed|es|ing)",
            r"imposed a (?:naval )?blockade",
            r"cyber ?-?attack(?:ed|s)?",
            r"sabotag(?:ed|es|ing)",
            r"jamm(?:ed|ing) (?:GPS|navigation|signals)",
            r"cut (?:off )?(?:the )?(?:undersea |subsea )?cables?",
        ),
    ),
    Trigger(
        "statement",
        "reject",
        "12",
        "REJECT",
        _alt(
            r"reject(?:ed|s|ing)?",
            r"dismiss(?:ed|es|ing)",
            r"ruled out",
            r"rules out",
            r"den(?:ied|ies|ying)",
            r"called (?:it|them|the \w+) (?:unacceptable|a road to nowhere)",
            r"(?:is|was|are|were) a road to nowhere",
            r"(?:is|was|are|were) (?:absolutely )?unacceptable",
            r"opposed",
            r"oppose[sd]?",
            r"vetoed",
            r"vetoes",
            r"blocked",
        ),
    ),
    Trigger(
        "statement",
        "refuse",
        "125",
        "REJECT",
        _alt(
            r"refus(?:ed|es|ing)",
            r"declin(?:ed|es|ing) to",
        ),
    ),
    Trigger(
        "statement",
        "demand",
        "10",
        "REQUEST",
        _alt(
            r"demand(?:ed|s|ing)?",
            r"call(?:ed|s|ing)? (?:on|for|upon)",
            r"urg(?:ed|es|ing)",
            r"insist(?:ed|s|ing)",
            r"requested",
            r"requests",
            r"asked (?:for|\w+ to)",
        ),
    ),
    Trigger(
        "statement",
        "welcome",
        "051",
        "SUPPORT",
        _alt(
            r"welcom(?:ed|es|ing)",
            r"prais(?:ed|es|ing)",
            r"hail(?:ed|s|ing)",
            r"applaud(?:ed|s|ing)",
            r"endors(?:ed|es|ing)",
        ),
    ),
    Trigger(
        "statement",
        "agree",
        "057",
        "AGREE",
        _alt(
            r"agree[sd]?",
            r"agreeing",
            r"accept(?:ed|s|ing)?",
            r"consent(?:ed|s)",
            r"signed",
            r"signs",
            r"approv(?:ed|es|ing)",
            r"ratif(?:ied|ies|y)",
        ),
    ),
    Trigger(
        "statement",
        "pledge",
        "030",
        "AGREE",
        _alt(
            r"pledg(?:ed|es|ing|e)",
            r"promis(?:ed|es|ing)",
            r"vow(?:ed|s|ing)",
            r"commit(?:ted|s|ting)? (?:to|itself|themselves|troops|forces)",
            r"guarantee[sd]? (?:to|that)",
        ),
    ),
    Trigger(
        "statement",
        "offer",
        "036",
        "COOPERATE",
        _alt(
            r"offer(?:ed|s|ing)?",
            r"propos(?:ed|es|ing)",
            r"(?:is|are|was|were|stands?|stood|remains?) (?:ready|prepared|willing) to",
            r"ready to",
            r"could provide",
            r"would provide",
        ),
    ),
    Trigger(
        "statement",
        "announce",
        "010",
        "",
        _alt(
            r"announc(?:ed|es|ing)",
            r"declared",
            r"unveil(?:ed|s)",
        ),
    ),
)

NEGATION = re.compile(
    r"\b(?:not|n't|never|no longer|refused to|declined to|would not|will not|won't)\b(?:\s+\w+){0,2}\s*$"
)
_FLIP = {"agree": "reject", "pledge": "refuse", "offer": "refuse", "welcome": "reject", "demand": "refuse"}


@dataclass(frozen=True, slots=True)
class TriggerHit:
    start: int
    end: int
    trigger: Trigger
    label: str
    negated: bool


def find_triggers(text: str, offset: int) -> list[TriggerHit]:
    """Every trigger in ``text`` (earlier entries win where two overlap), negation applied."""
    hits: list[TriggerHit] = []
    for trig in TRIGGERS:
        for m in re.finditer(trig.pattern, text, flags=re.IGNORECASE):
            if any(h.start - offset < m.end() and m.start() < h.end - offset for h in hits):
                continue
            negated = NEGATION.search(text[max(0, m.start() - 30) : m.start()]) is not None
            label = trig.label
            if negated:
                if trig.category == "incident" or label not in _FLIP:
                    label = "" if trig.category == "incident" else label
                else:
                    label = _FLIP[label]
            hits.append(TriggerHit(offset + m.start(), offset + m.end(), trig, label, negated))
    return sorted((h for h in hits if h.label), key=lambda h: h.start)
