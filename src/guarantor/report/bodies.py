"""Power in each deciding body of a spec: veto players, smallest blocking coalitions and the exact indices."""

from __future__ import annotations

from dataclasses import dataclass

from guarantor.analysis.summary import describe_rule
from guarantor.errors import GameError, NotCollectiveError
from guarantor.games import PowerReport, minimal_blocking_coalitions, power_report
from guarantor.semantics import body_game
from guarantor.spec import Spec, body_members

__all__ = ["BLOCKING_SHOWN", "BodyPower", "body_powers"]

BLOCKING_SHOWN = 10  # smallest blocking coalitions listed per body
SEARCHED = 2000  # blocking coalitions searched for them (bounded time on large bodies)


@dataclass(frozen=True)
class BodyPower:
    """One body: its rule in words and, when it votes as a body, who holds power in it.

    ``power`` is None for a body whose members each decide for themselves (``note`` says so) or whose game
    cannot be built (``note`` gives the reason).
    """

    id: str
    name: str
    rule: str
    members: tuple[str, ...]
    power: PowerReport | None
    blocking: tuple[tuple[str, ...], ...]
    note: str | None = None

    @property
    def smallest_block(self) -> int | None:
        return min((len(c) for c in self.blocking), default=None)

    def shapley(self) -> dict[str, float]:
        p = self.power
        return {} if p is None else {a: float(v) for a, v in zip(p.players, p.shapley_shubik, strict=True)}

    def banzhaf(self) -> dict[str, float]:
        p = self.power
        return {} if p is None else {a: float(v) for a, v in zip(p.players, p.banzhaf, strict=True)}

    def finding(self) -> str:
        """The body's power in one sentence (a figure's caption)."""
        if self.power is None:
            return f"{self.name}: {self.note}"
        vetoes = self.power.veto_players
        if len(vetoes) == len(self.power.players):
            return f"In {self.name} every one of the {len(vetoes)} members can block alone (a veto each)."
        if vetoes:
            return f"In {self.name}, {', '.join(vetoes)} can each block alone; the others cannot."
        top = max(self.shapley().items(), key=lambda kv: kv[1])
        return (
            f"In {self.name} no member can block alone; the smallest blocking coalition has {self.smallest_block} "
            f"members, and {top[0]} holds the most power (Shapley-Shubik {top[1]:.3f})."
        )


def body_powers(spec: Spec) -> list[BodyPower]:
    """Every body of ``spec``, deciding about an attack by the potential aggressors (they are the interested
    parties where a body excludes them)."""
    return [_one(spec, bid) for bid in spec.bodies]


def _one(spec: Spec, bid: str) -> BodyPower:
    body = spec.bodies[bid]
    members = tuple(body_members(spec, bid))

    def made(power: PowerReport | None, blocking: tuple[tuple[str, ...], ...], note: str | None) -> BodyPower:
        return BodyPower(bid, body.name or bid, describe_rule(body.rule), members, power, blocking, note)

    try:
        game = body_game(spec, bid, by=spec.potential_aggressors)
    except NotCollectiveError:
        return made(None, (), "each member decides for itself; there is no vote to win or block")
    except GameError as exc:
        return made(None, (), exc.message)
    found = minimal_blocking_coalitions(game, limit=SEARCHED)
    return made(power_report(game), tuple(sorted(found, key=lambda c: (len(c), c))[:BLOCKING_SHOWN]), None)
