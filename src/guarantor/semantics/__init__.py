"""The one meaning of a clause: each clause compiled once into a trigger and a decider.

Floor 3 of the architecture (docs/architecture.md): it reads ``spec`` and ``games`` and is read by
``analysis``, ``simulation`` and ``runtime``, none of which re-derives what a clause means.

- :mod:`~guarantor.semantics.coverage`: which attack kinds each trigger type covers.
- :func:`compile_trigger`: a clause's trigger as sets of names, with the reason it holds or fails.
- :func:`excluded_members`: who may not vote as an interested party.
- :func:`compile_decider` / :func:`body_decider`: automatic, national, unilateral, a body's vote, or blocked;
  :meth:`Decider.decides` (scalar), :meth:`Decider.decides_many` (vectorised), :meth:`Decider.decide` (a
  :class:`Tally` with abstentions, silences and absences, giving a :class:`Verdict` that states its threshold).
- :func:`match_scenario` / :func:`match_attack`: which response clauses an attack engages.
- :func:`compile_clause`: trigger and decider together.
- :func:`situation_of`: one attack, one case (the open case a further incident joins).
"""

from guarantor.semantics.bodies import body_game, body_is_collective, body_of, body_voters, game_of
from guarantor.semantics.clause import CompiledClause, compile_clause
from guarantor.semantics.coverage import ATTACK_KINDS, KIND_CHAIN, attack_kind, covered_kinds, covers
from guarantor.semantics.decider import Decider, DecisionKind, body_decider, compile_decider, stand_in
from guarantor.semantics.gravity import voidance_words
from guarantor.semantics.interest import excluded_members
from guarantor.semantics.response import Match, match_attack, match_scenario, response_clauses
from guarantor.semantics.situation import SituationKey, situation_of
from guarantor.semantics.tally import Tally, Verdict, decide
from guarantor.semantics.trigger import (
    AnyIncident,
    CompiledTrigger,
    compile_trigger,
    describe,
    place_key,
    static_check,
)

__all__ = [
    "ATTACK_KINDS",
    "KIND_CHAIN",
    "AnyIncident",
    "CompiledClause",
    "CompiledTrigger",
    "Decider",
    "DecisionKind",
    "Match",
    "SituationKey",
    "Tally",
    "Verdict",
    "attack_kind",
    "body_decider",
    "body_game",
    "body_is_collective",
    "body_of",
    "body_voters",
    "compile_clause",
    "compile_decider",
    "compile_trigger",
    "covered_kinds",
    "covers",
    "decide",
    "describe",
    "excluded_members",
    "game_of",
    "match_attack",
    "match_scenario",
    "place_key",
    "response_clauses",
    "situation_of",
    "stand_in",
    "static_check",
    "voidance_words",
]
