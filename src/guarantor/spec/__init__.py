"""The spec language: typed, immutable models of a guarantee, loaded from YAML with source positions."""

from guarantor.spec.amendments import Amendment, in_force_on, version_on
from guarantor.spec.bodies import Body, Counting, Exclusion, Provisional, Seat
from guarantor.spec.clauses import (
    STRENGTH_ORDER,
    Attribution,
    CarveOut,
    Clause,
    ClauseKind,
    Decision,
    Obligation,
    Scope,
    Strength,
    Trigger,
    TriggerType,
    Window,
)
from guarantor.spec.conditions import Condition
from guarantor.spec.dump import spec_hash, spec_to_data, spec_to_yaml
from guarantor.spec.forces import Delay, EntryIntoForce, Pledge, Scenario, Undertaking
from guarantor.spec.institutions import Institution, InstitutionKind
from guarantor.spec.library import library_names, library_path, load_library_spec, resolve_spec_path
from guarantor.spec.loader import load_spec, load_spec_text, spec_from_data
from guarantor.spec.model import SPEC_VERSION, Spec
from guarantor.spec.parties import Accession, Actor, Contest, LifecycleEvent, Party, Period
from guarantor.spec.query import body_members, expand, in_force, is_member, parties_on, suspended_towards
from guarantor.spec.rules import (
    AllOfRule,
    AnyOfRule,
    AutomaticRule,
    ConsensusRule,
    CountRule,
    Rule,
    UnanimityRule,
    UnilateralRule,
    VetoRule,
    WeightedRule,
)
from guarantor.spec.term import Term
from guarantor.spec.values import Deadline, Duration, parse_duration, parse_ratio

__all__ = [
    "SPEC_VERSION",
    "STRENGTH_ORDER",
    "Accession",
    "Actor",
    "AllOfRule",
    "Amendment",
    "AnyOfRule",
    "Attribution",
    "AutomaticRule",
    "Body",
    "CarveOut",
    "Clause",
    "ClauseKind",
    "Condition",
    "ConsensusRule",
    "Contest",
    "CountRule",
    "Counting",
    "Deadline",
    "Decision",
    "Delay",
    "Duration",
    "EntryIntoForce",
    "Exclusion",
    "Institution",
    "InstitutionKind",
    "LifecycleEvent",
    "Obligation",
    "Party",
    "Period",
    "Pledge",
    "Provisional",
    "Rule",
    "Scenario",
    "Scope",
    "Seat",
    "Spec",
    "Strength",
    "Term",
    "Trigger",
    "TriggerType",
    "UnanimityRule",
    "Undertaking",
    "UnilateralRule",
    "VetoRule",
    "WeightedRule",
    "Window",
    "body_members",
    "expand",
    "in_force",
    "in_force_on",
    "is_member",
    "library_names",
    "library_path",
    "load_library_spec",
    "load_spec",
    "load_spec_text",
    "parse_duration",
    "parse_ratio",
    "parties_on",
    "resolve_spec_path",
    "spec_from_data",
    "spec_hash",
    "spec_to_data",
    "spec_to_yaml",
    "suspended_towards",
    "version_on",
]
