"""Clauses: what triggers a guarantee, who decides, and who must do what by when."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from guarantor.spec.base import Node
from guarantor.spec.conditions import ConditionRef
from guarantor.spec.design import Threshold
from guarantor.spec.values import DeadlineField, DurationField

__all__ = [
    "STRENGTH_ORDER",
    "Attribution",
    "CarveOut",
    "Clause",
    "ClauseKind",
    "Decision",
    "Obligation",
    "PartySet",
    "Scope",
    "Strength",
    "Trigger",
    "TriggerType",
    "Window",
]

# A party set: a built-in name (all-parties, protected, guarantors, any-party, each-party, none), a role, a
# party id, or a list of these. The resolver checks every name against the spec. ``any-state`` ("aggression by
# any state") lists no one: it means anyone at all, and only a trigger's ``by`` or ``against`` may use it.
PartySet = str | list[str]

BUILTIN_SETS = (
    "all-parties",
    "each-party",
    "any-party",
    "any-state",
    "protected",
    "potential-aggressors",
    "none",
    "all-other-parties",
    "other-member-states",
)
# Sets relative to a case: every party but its victim ("all other parties", "the other Member States").
OTHER_PARTIES = ("all-other-parties", "other-member-states")


class TriggerType(StrEnum):
    """What must happen for a clause to apply. Which attacks each covers is defined once, in
    ``guarantor.semantics.coverage``."""

    NUCLEAR_USE = "nuclear-use"  # "aggression ... in which nuclear weapons are used" (Budapest para 4)
    ARMED_ATTACK = "armed-attack"  # NATO, ANZUS
    ARMED_AGGRESSION = "armed-aggression"  # "armed aggression on its territory" (TEU 42.7)
    AGGRESSION = "aggression"  # incl. non-armed attacks (Rio Art 6, CST)
    AGGRESSION_NOT_ARMED_ATTACK = "aggression-not-armed-attack"  # Rio Art 6: "aggression which is not an armed attack"
    THREAT = "threat"  # "armed attack or threat of such an attack" (US-UA 2024)
    BREACH = "breach"  # breach of an adversary's undertaking (a ceasefire line)
    REQUEST = "request"  # a party's request or opinion (NATO Art 4)


class Strength(StrEnum):
    """The ordered scale of obligation strength, strongest first (reference/instruments.md, section 16)."""

    AUTOMATIC_MILITARY = "automatic-military"  # WEU: automatic military aid "all in their power"
    ALL_MEANS = "all-means"  # TEU 42.7: "aid and assistance by all the means in their power"
    AS_DEEMED_NECESSARY = "as-deemed-necessary"  # NATO: "such action as it deems necessary"
    ASSIST = "assist"  # Rio: "assist in meeting the attack"
    CONSTITUTIONAL_PROCESSES = "constitutional-processes"  # ANZUS, US bilaterals
    ASSIST_ON_REQUEST = "assist-on-request"  # CST: necessary help at request
    INTENT_TO_ASSIST = "intent-to-assist"  # G7 JDSU, bilaterals 2024
    CONSULT = "consult"  # Art 4-type, Budapest para 6
    SEEK_EXTERNAL_ACTION = "seek-external-action"  # Budapest para 4: seek UNSC action
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for the strongest; larger is weaker."""
        return STRENGTH_ORDER.index(self)

    def at_least(self, other: Strength) -> bool:
        return self.rank <= other.rank


STRENGTH_ORDER: tuple[Strength, ...] = tuple(Strength)


class ClauseKind(StrEnum):
    COLLECTIVE_DEFENCE = "collective-defence"
    ASSISTANCE = "assistance"
    CONSULTATION = "consultation"
    SEEK_EXTERNAL_ACTION = "seek-external-action"
    REASSURANCE = "reassurance"
    SANCTIONS = "sanctions"
    NON_AGGRESSION = "non-aggression"
    NEUTRALITY = "neutrality"
    OFFENCE = "offence"  # join an ally's military action against a third state (ATOP offense)
    RESPECT = "respect"  # undertakings to respect independence and borders (Budapest para 1)
    DEFINITION = "definition"  # a clause that only defines scope (NATO Art 6)
    OTHER = "other"


class Scope(Node):
    """Where an attack must happen for a trigger to apply.

    ``regions`` are named areas (europe, north-america, ...); ``territory_of`` is a party set whose territory
    counts wherever it lies ("on its territory"); ``administered_by`` counts territory under a party's
    administration (US-Japan); ``includes`` adds forces, vessels and aircraft of the protected parties.
    """

    regions: list[str] = Field(default_factory=list)
    territory_of: PartySet | None = None
    administered_by: PartySet | None = None
    includes: list[Literal["forces", "vessels", "aircraft", "territory"]] = Field(default_factory=list)
    excludes: list[str] = Field(default_factory=list)
    text: str | None = None


class Attribution(Node):
    """An attribution gate: the trigger applies only once the stated question is answered yes.

    By default a monitor answers it (an ``attribution_assessed`` event). ``by`` names a body that answers it
    instead: a commission that attributes, or a body that characterises the act itself by deciding, under its
    own rule, that it is what the trigger needs (UN Charter Art 39: the Security Council "shall determine the
    existence of ... any act of aggression")."""

    required: bool = True
    question: str = "was the attack directed from abroad?"
    deliberate: bool = False
    by: str | None = None
    """The body that answers the question (a commission, or a body deciding that the act is aggression); none:
    a monitor's ``attribution_assessed`` or the deciding parties themselves."""


class Window(Node):
    """A count within a time window: ``at_least`` matching incidents within ``within``."""

    at_least: int = Field(ge=1)
    within: DurationField


class Trigger(Node):
    """What must happen, against whom, where, by whom, and with what attribution."""

    types: list[TriggerType] = Field(min_length=1)
    against: PartySet = "protected"
    by: PartySet | None = None
    in_: Scope | None = Field(default=None, alias="in")
    attribution: Attribution | None = None
    breach_of: list[str] = Field(default_factory=list)
    min_severity: int = Field(default=0, ge=0)
    window: Window | None = None
    event_types: list[str] = Field(default_factory=list)
    threshold: Threshold | None = None

    @model_validator(mode="after")
    def _breach_names_undertaking(self) -> Trigger:
        if TriggerType.BREACH in self.types and not self.breach_of:
            raise ValueError("a 'breach' trigger needs 'breach_of': the undertakings whose breach triggers it")
        return self


class Decision(Node):
    """The collective determination a clause needs, by a body under its rule."""

    body: str
    question: str | None = None
    conditional_on: str | None = None


class CarveOut(Node):
    """An exception to an obligation for some parties: it limits, never silently removes.

    ``means`` lifts the duty for those means only ("no State shall be required to use armed force without its
    consent", Rio Article 20): the obligation's other means stay binding. No ``parties`` means every bearer.
    """

    id: str | None = None
    kind: Literal["neutrality", "consent-for-armed-force", "primacy", "constitutional", "other"]
    parties: PartySet = Field(default_factory=list)
    limits_to: Strength | None = None
    means: list[str] = Field(default_factory=list)
    text: str | None = None
    source: str | None = None


class Obligation(Node):
    """Who must do what, how strongly, by when."""

    bearer: PartySet | None = None
    strength: Strength | None = None
    action: str | None = None
    means: list[str] = Field(default_factory=list)
    deadline: DeadlineField | None = None
    individual: bool = True
    towards: PartySet = "protected"
    conditions: list[ConditionRef] = Field(default_factory=list)
    carve_outs: list[CarveOut] = Field(default_factory=list)
    starts: Literal["on-decision", "own-determination"] = "on-decision"
    text: str | None = None

    @model_validator(mode="after")
    def _carve_outs_name_means(self) -> Obligation:
        for co in self.carve_outs:
            unknown = [m for m in co.means if m not in self.means]
            if unknown:
                listed = ", ".join(self.means) or "none"
                raise ValueError(
                    f"carve-out {co.id or co.kind!r} lifts means {', '.join(unknown)} the obligation does not list "
                    f"(its means: {listed}); add them to 'means' or correct the carve-out"
                )
        if self.starts == "own-determination" and not self.individual:
            raise ValueError(
                "'starts: own-determination' needs 'individual: true': each bearer determines for itself, "
                "so the duty cannot be a joint one"
            )
        return self


class Clause(Node):
    """One article or paragraph of the instrument, with the treaty text it encodes."""

    kind: ClauseKind
    title: str | None = None
    text: str | None = None
    source: str | None = None
    trigger: Trigger | None = None
    requested_by: PartySet | None = None
    concerning: PartySet | None = None
    request_required: bool = False
    body: str | None = None
    deadline: DeadlineField | None = None
    decision: Decision | None = None
    obligations: list[Obligation] = Field(default_factory=list)
    report_to: str | None = None
    ends_when: str | None = None
    overrides: str | None = None
    assumption: bool = False
    notes: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _single_obligation(cls, data: object) -> object:
        # `obligation:` (one) is a shorthand for `obligations: [one]`.
        if isinstance(data, dict) and "obligation" in data:
            data = dict(data)
            if "obligations" in data:
                raise ValueError("write either 'obligation' or 'obligations', not both")
            data["obligations"] = [data.pop("obligation")]
        return data
