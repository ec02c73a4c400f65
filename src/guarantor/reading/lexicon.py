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


def _v(stem: str) -> str:
    return rf"\b{stem}\b"


TRIGGERS: tuple[Trigger, ...] = (
    Trigger("incident", "nuclear-use", "204", "ASSAULT", r"\b(?:nuclear (?:strike|attack|detonation|weapons? (?:was |were )?used)|detonated an? (?:tactical )?nuclear|used an? (?:tactical )?nuclear (?:weapon|device|warhead))\b"),
    Trigger("incident", "breach", "190", "ASSAULT", r"\b(?:violat(?:ed|es|ing|ion of) the (?:ceasefire|truce|armistice)|breach(?:ed|es|ing)? (?:of )?the (?:ceasefire|truce|armistice)|(?:ceasefire|truce) violations?|crossed the (?:ceasefire|armistice|contact|demarcation) line|broke the (?:ceasefire|truce))\b"),
    Trigger("incident", "armed-aggression", "192", "ASSAULT", r"\b(?:invad(?:ed|es|ing)|invasion of|launched a (?:full-scale |large-scale |ground )?(?:offensive|invasion)|seiz(?:ed|es|ing) (?:the )?(?:town|city|village|territory|region)|occup(?:ied|ies|ying) (?:the )?(?:town|city|village|territory|region)|sent troops (?:into|across))\b"),
    Trigger("incident", "threat", "138", "THREATEN", r"\b(?:threaten(?:ed|s|ing)?|warn(?:ed|s)? (?:that )?(?:it|they|he|she|moscow|russia)? ?(?:would|could|will) (?:strike|attack|respond|hit|target)|legitimate (?:\w+ )?targets?|mass(?:ed|ing) (?:troops|forces)|mobili[sz](?:ed|es|ing) (?:troops|forces|reservists))\b"),
    Trigger("incident", "armed-attack", "190", "ASSAULT", r"\b(?:attack(?:ed|s|ing)?|str(?:uck|ikes|iking)|shell(?:ed|s|ing)|bomb(?:ed|s|ing)|fired (?:missiles|rockets|drones|shells)?\s*(?:on|at|into)|launched (?:a )?(?:missiles?|drones?|rockets?|strikes?|an? (?:missile|drone|air) (?:attack|strike)) (?:on|at|against)|hit|target(?:ed|s|ing)|pound(?:ed|s|ing)|ambush(?:ed|es)|drone strikes? on|missile strikes? on|air ?strikes? on)\b"),
    Trigger("incident", "aggression", "191", "COERCE", r"\b(?:blockad(?:ed|es|ing)|imposed a (?:naval )?blockade|cyber ?-?attack(?:ed|s)?|sabotag(?:ed|es|ing)|jamm(?:ed|ing) (?:GPS|navigation|signals)|cut (?:off )?(?:the )?(?:undersea |subsea )?cables?)\b"),
    Trigger("statement", "reject", "12", "REJECT", r"\b(?:reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)|ruled out|rules out|den(?:ied|ies|ying)|called (?:it|them|the \w+) (?:unacceptable|a road to nowhere)|(?:is|was|are|were) a road to nowhere|(?:is|was|are|were) (?:absolutely )?unacceptable|opposed|oppose[sd]?|vetoed|vetoes|blocked)\b"),
    Trigger("statement", "refuse", "125", "REJECT", r"\b(?:refus(?:ed|es|ing)|declin(?:ed|es|ing) to)\b"),
    Trigger("statement", "demand", "10", "REQUEST", r"\b(?:demand(?:ed|s|ing)?|call(?:ed|s|ing)? (?:on|for|upon)|urg(?:ed|es|ing)|insist(?:ed|s|ing)|requested|requests|asked (?:for|\w+ to))\b"),
    Trigger("statement", "welcome", "051", "SUPPORT", r"\b(?:welcom(?:ed|es|ing)|prais(?:ed|es|ing)|hail(?:ed|s|ing)|applaud(?:ed|s|ing)|endors(?:ed|es|ing))\b"),
    Trigger("statement", "agree", "057", "AGREE", r"\b(?:agree[sd]?|agreeing|accept(?:ed|s|ing)?|consent(?:ed|s)|signed|signs|approv(?:ed|es|ing)|ratif(?:ied|ies|y))\b"),
    Trigger("statement", "pledge", "030", "AGREE", r"\b(?:pledg(?:ed|es|ing|e)|promis(?:ed|es|ing)|vow(?:ed|s|ing)|commit(?:ted|s|ting)? (?:to|itself|themselves|troops|forces)|guarantee[sd]? (?:to|that))\b"),
    Trigger("statement", "offer", "036", "COOPERATE", r"\b(?:offer(?:ed|s|ing)?|propos(?:ed|es|ing)|(?:is|are|was|were|stands?|stood|remains?) (?:ready|prepared|willing) to|ready to|could provide|would provide)\b"),
    Trigger("statement", "announce", "010", "", r"\b(?:announc(?:ed|es|ing)|declared|unveil(?:ed|s))\b"),
)

NEGATION = re.compile(r"\b(?:not|n't|never|no longer|refused to|declined to|would not|will not|won't)\b(?:\s+\w+){0,2}\s*$")
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
