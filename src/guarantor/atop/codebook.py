"""The ATOP v4.01 variables this package reads and writes, and the spec construct each one maps to.

Meanings follow reference/instruments.md, section 15; those marked [U] there are marked uncertain here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from guarantor.spec.clauses import ClauseKind, Strength
from guarantor.spec.institutions import InstitutionKind

__all__ = [
    "ALLIANCE_REQUIRED",
    "CODE_RANGES",
    "CONDITIONS",
    "INSTITUTIONS",
    "MEMBER_REQUIRED",
    "OBLIGATIONS",
    "ROUND_TRIP_VARIABLES",
    "VARIABLES",
    "ConditionCode",
    "ObligationType",
    "Variable",
]


@dataclass(frozen=True, slots=True)
class ObligationType:
    """An ATOP obligation variable and the clause that expresses it."""

    variable: str  # defense
    clause_id: str  # defence
    kind: ClauseKind
    strength: Strength | None
    action: str
    any_condition: str | None  # defcon
    prefix: str | None  # defco, the stem of the specific condition variables


OBLIGATIONS: tuple[ObligationType, ...] = (
    ObligationType(
        "defense", "defence", ClauseKind.COLLECTIVE_DEFENCE, Strength.ASSIST,
        "give active military support to an ally that is attacked", "defcon", "defco",
    ),
    ObligationType(
        "offense", "offence", ClauseKind.OFFENCE, Strength.ASSIST,
        "give active military support to an ally's war against a third state", "offcon", "offco",
    ),
    ObligationType(
        "neutral", "neutrality", ClauseKind.NEUTRALITY, None,
        "stay neutral (give no aid to the adversary) while an ally is at war", "neucon", "neuco",
    ),
    ObligationType(
        "nonagg", "non-aggression", ClauseKind.NON_AGGRESSION, None,
        "not attack the other parties", None, None,
    ),
    ObligationType(
        "consul", "consultation", ClauseKind.CONSULTATION, Strength.CONSULT,
        "consult the other parties in a crisis", "concon", "conco",
    ),
)  # fmt: skip

# A specific condition: the variable suffix and the condition key that expresses it.
ConditionKey = Literal[
    "adversary", "attack_in", "conflict", "adversaries_at_least", "demand_refused", "unprovoked",
    "ally_attacked", "requested",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class ConditionCode:
    suffix: str
    key: ConditionKey
    meaning: str


CONDITIONS: tuple[ConditionCode, ...] = (
    ConditionCode("adv", "adversary", "only against a specific adversary"),
    ConditionCode("loc", "attack_in", "only for an attack in a stated location"),
    ConditionCode("con", "conflict", "only in a specific conflict"),
    ConditionCode("num", "adversaries_at_least", "only with a stated number of adversaries [U]"),
    ConditionCode("dem", "demand_refused", "only if the adversary refuses a demand"),
    ConditionCode("npr", "unprovoked", "only if the ally did not provoke the attack"),
    ConditionCode("att", "ally_attacked", "only if the ally is attacked, not the attacker [U]"),
    ConditionCode("req", "requested", "only if a party requests it"),
)

# The specific conditions ATOP codes for each obligation (member level).
CONDITIONS_OF: dict[str, tuple[str, ...]] = {
    "defco": ("adv", "loc", "con", "num", "dem", "npr"),
    "offco": ("adv", "loc", "con", "num", "dem"),
    "neuco": ("adv", "loc", "con", "num", "dem", "npr", "att"),
    "conco": ("adv", "loc", "con", "req"),
}

# The event an obligation waits for when ATOP codes ``olimob`` [U: a condition such as mobilisation].
MOBILISATION = "mobilisation"

# Institution variables: ATOP variable to the institution kind that expresses it (depth = the code).
INSTITUTIONS: dict[str, InstitutionKind] = {
    "milcon": InstitutionKind.MILITARY_CONTACT,
    "milaid": InstitutionKind.MILITARY_AID,
    "intcom": InstitutionKind.INTEGRATED_COMMAND,
    "subord": InstitutionKind.SUBORDINATION,
    "base": InstitutionKind.BASES,
    "organ1": InstitutionKind.ORGANISATION,
    "organ2": InstitutionKind.ORGANISATION,
    "contrib": InstitutionKind.CONTRIBUTIONS,
    "armred": InstitutionKind.ARMS_LIMITATION,
    "ecaid": InstitutionKind.ECONOMIC_AID,
    "dipaid": InstitutionKind.DIPLOMATIC_AID,
}

RENUNCIATION = {1: "allowed", 2: "prohibited", 3: "conditional"}
RENEWAL = {1: "by-agreement", 2: "automatic"}  # [U]


def specific_variables(prefix: str) -> list[str]:
    return [prefix + suffix for suffix in CONDITIONS_OF[prefix]]


_OBLIGATION_VARS = [o.variable for o in OBLIGATIONS]
_ANY_CONDITION_VARS = ["conditio", *(o.any_condition for o in OBLIGATIONS if o.any_condition)]
_SPECIFIC_VARS = [v for p in CONDITIONS_OF for v in specific_variables(p)]

ALLIANCE_REQUIRED = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", *_OBLIGATION_VARS)
MEMBER_REQUIRED = (
    "atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
    *_OBLIGATION_VARS, *_ANY_CONDITION_VARS, *_SPECIFIC_VARS,
)  # fmt: skip

# The variables an import then export must give back exactly, on every row.
ROUND_TRIP_VARIABLES: tuple[str, ...] = (*_OBLIGATION_VARS, *_ANY_CONDITION_VARS, *_SPECIFIC_VARS, "olimob")


def _code_ranges() -> dict[str, tuple[int, int]]:
    """The codes ATOP v4.01 allows in each variable this package reads, as an inclusive range.

    Binary codes are 0 or 1; the institution depths, ``renounce``, ``proren`` and ``speclgth`` are the ranges
    the ATOP v4.01 files use; state codes are Correlates of War codes; dates are year, month (0: unknown) and
    day (0: unknown). A cell outside its range is refused: it is a typo or another dataset's coding.
    """
    out: dict[str, tuple[int, int]] = dict.fromkeys(_OBLIGATION_VARS + _ANY_CONDITION_VARS + _SPECIFIC_VARS, (0, 1))
    out |= {"olimob": (0, 1), "intcom": (0, 1), "contrib": (0, 1), "dipaid": (0, 1)}
    out |= {"milcon": (0, 3), "milaid": (0, 4), "subord": (0, 2), "organ1": (0, 3), "organ2": (0, 3)}
    out |= {"base": (0, 3), "armred": (0, 2), "ecaid": (0, 3)}
    out |= {"renounce": (0, 4), "proren": (0, 2), "speclgth": (0, 3), "length": (0, 12_000), "renewlgt": (0, 12_000)}
    out |= {"atopid": (1000, 9999), "phase": (0, 99), "maxphase": (0, 99)}
    out |= dict.fromkeys(("member", "statthr1", "statthr2", *(f"mem{i}" for i in range(1, 100))), (0, 9999))
    out |= dict.fromkeys(("begyr", "endyr", "yrent", "yrexit"), (0, 9999))
    out |= dict.fromkeys(("begmo", "endmo", "moent", "moexit"), (0, 12))
    out |= dict.fromkeys(("begday", "endday", "dayent", "dayexit"), (0, 31))
    return out


CODE_RANGES: dict[str, tuple[int, int]] = _code_ranges()

Level = Literal["alliance", "member", "both"]
Status = Literal["represented", "derived", "identifier", "not represented"]


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    level: Level
    status: Status
    construct: str


def _table() -> dict[str, Variable]:
    out: dict[str, Variable] = {}

    def add(names: str, level: Level, status: Status, construct: str) -> None:
        for name in names.split():
            out[name] = Variable(name, level, status, construct)

    add("atopid", "both", "identifier", "spec id atop-<atopid>")
    add("member", "member", "represented", "party (cow, id = ISO code or COW abbreviation)")
    add("begyr begmo begday", "alliance", "represented", "signed")
    add("endyr endmo endday", "alliance", "represented", "terminated")
    add("yrent moent dayent", "member", "represented", "party joined (and reinstatement events)")
    add("yrexit moexit dayexit", "member", "represented", "party left (and suspension events)")
    add("ineffect", "both", "derived", "no terminated date / no left date")
    add("bilat", "both", "derived", "two parties")
    add("phase maxphase", "both", "represented", "revision events; obligations dated by after-conditions")
    for ob in OBLIGATIONS:
        add(ob.variable, "both", "represented", f"clause kind {ob.kind.value}: obligation bearers")
        if ob.any_condition:
            add(ob.any_condition, "both", "derived", f"a condition on a {ob.kind.value} obligation")
        if ob.prefix:
            for code in CONDITIONS:
                if code.suffix in CONDITIONS_OF[ob.prefix]:
                    add(ob.prefix + code.suffix, "member", "represented", f"obligation condition {code.key}")
    add("conditio", "both", "derived", "any condition on any obligation")
    add("olimob", "member", "represented", f"obligation condition event: {MOBILISATION} [U]")
    add("statthr1 statthr2", "both", "represented", "potential_aggressors")
    for var, kind in INSTITUTIONS.items():
        add(var, "both", "represented", f"institution kind {kind.value} (depth = code)")
    add("length speclgth", "both", "represented", "term.duration (speclgth 2 and 3 not represented)")
    add("renounce", "both", "represented", "term.renunciation (code 4 not represented)")
    add("proren", "both", "represented", "term.renewal [U]")
    add("renewlgt", "both", "represented", "term.renewal_period")
    add("cowid cow4id version source new4 rev4 cowsys", "both", "identifier", "ATOP bookkeeping")
    return out


VARIABLES: dict[str, Variable] = _table()
