"""Loophole findings built on the games: who can stop the response from being decided."""

from __future__ import annotations

from collections.abc import Iterator

from guarantor.analysis.findings import Finding
from guarantor.analysis.naming import finding, names, response_body
from guarantor.errors import GameError
from guarantor.games import SimpleGame, blocking_coalitions_within, null_players, veto_players
from guarantor.semantics import body_game
from guarantor.spec import Spec, expand

__all__ = ["check_power"]


def _conditional_pledgers(spec: Spec) -> set[str]:
    return {p.party for p in spec.pledges if p.conditions}


def _non_contributors(spec: Spec) -> set[str]:
    """Parties that pledge nothing (or only zero amounts), in a spec that has pledges at all."""
    if not spec.pledges:
        return set()
    givers = {p.party for p in spec.pledges if p.amount > 0}
    return set(spec.party_ids) - givers


def _response_games(spec: Spec) -> Iterator[tuple[str, str, SimpleGame]]:
    """(clause, body, game) for every clause whose response a collective body decides."""
    aggressors = spec.potential_aggressors
    for cid, clause in spec.clauses.items():
        bid = response_body(clause)
        if bid is None or bid not in spec.bodies:
            continue
        try:
            yield cid, bid, body_game(spec, bid, clause=cid, by=aggressors)
        except GameError:
            continue  # unilateral bodies have no collective veto; a missed quorum is reported elsewhere


def check_power(spec: Spec) -> Iterator[Finding]:
    aggressors = set(spec.potential_aggressors)
    protected = set(expand(spec, spec.protects))
    conditional = _conditional_pledgers(spec)
    idle = _non_contributors(spec)
    for cid, bid, game in _response_games(spec):
        body = spec.bodies[bid]
        if not game.wins(set(game.players)):
            yield finding(
                "G111",
                f"clause '{cid}': no coalition of the {len(game.players)} voting members of body '{bid}' can reach "
                "its threshold, so the response can never be decided; lower the threshold or add the members it "
                "assumes",
                body,
                clause=cid,
            )
            continue
        vetoes = set(veto_players(game))
        if vetoes & aggressors:
            yield finding(
                "G101",
                f"clause '{cid}': {names(vetoes & aggressors)}, named as a potential aggressor, can veto the decision "
                f"of body '{bid}' that decides the response; exclude interested parties from the vote "
                "('exclude_interested: true') or give the decision to a body without them",
                body,
                clause=cid,
                parties=tuple(sorted(vetoes & aggressors)),
            )
        if vetoes & conditional:
            who = vetoes & conditional
            yield finding(
                "G107",
                f"clause '{cid}': {names(who)} pledge only on conditions and can also veto the decision of body "
                f"'{bid}': if the condition fails they may block the response as well as withhold their part",
                body,
                clause=cid,
                parties=tuple(sorted(who)),
            )
        # The attacked party may block help to itself; any other single veto is a loophole.
        alone = sorted(vetoes - aggressors)
        if alone and (set(alone) - protected or len(alone) > 1):
            shown = (
                names(alone) if len(alone) <= 6 else f"any one of {len(alone)} members ({', '.join(alone[:6])}, ...)"
            )
            yield finding(
                "G108",
                f"clause '{cid}': {shown} can block the decision of body '{bid}' alone, even when another party is "
                "attacked; a qualified majority or unanimity minus one would remove single vetoes",
                body,
                clause=cid,
                parties=tuple(alone),
            )
        within = [p for p in game.players if p in idle]
        blockers = blocking_coalitions_within(game, within, limit=1) if within else []
        if blockers:
            yield finding(
                "G109",
                f"clause '{cid}': {names(blockers[0])}, who pledge nothing, can together block the decision of body "
                f"'{bid}'; those who carry the response cannot decide it",
                body,
                clause=cid,
                parties=tuple(blockers[0]),
            )
        yield from _null_members(cid, bid, game, spec)


def _null_members(cid: str, bid: str, game: SimpleGame, spec: Spec) -> Iterator[Finding]:
    try:
        nulls = null_players(game)
    except GameError:
        return
    if nulls and len(nulls) < len(game.players):
        yield finding(
            "G110",
            f"body '{bid}' (clause '{cid}'): the votes of {names(nulls)} never change the outcome (null players); "
            "their membership is nominal",
            spec.bodies[bid],
            clause=cid,
            parties=tuple(nulls),
        )
