"""Exact voting power: Banzhaf, Shapley-Shubik, Deegan-Packel, Holler, Johnston, and a report of them all.

Two exact methods, picked automatically:

- ``table``: a DP over (coalition size, weight) for games whose leaves use at most one non-unit weight vector
  (weighted games, counts, vetoes over counts, the EU Council's Lisbon rule); any number of players as long
  as (n + 1) * (total weight + 1) cells fit (``MAX_CELLS``).
- ``enumerate``: all 2**n coalitions, for any rule, up to ``MAX_ENUMERATE`` players.

Banzhaf and Shapley-Shubik come from swing counts by size and work with either method. Deegan-Packel,
Holler and Johnston need the minimal winning coalitions and critical players themselves, so they are given
only when the body can be enumerated; otherwise they are ``None`` and ``PowerReport.unavailable`` says why.
When no coalition has a swing (the empty coalition wins, or none does) every normalised index is 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from math import factorial
from typing import Literal

from guarantor.display import html_table
from guarantor.errors import GameError, GameTooLargeError
from guarantor.games._enumerate import MAX_ENUMERATE, enumerate_game
from guarantor.games._table import MAX_CELLS, reduce_to_size_weight, table_counts
from guarantor.games.game import SimpleGame

__all__ = [
    "INDICES",
    "Method",
    "PowerReport",
    "SwingCounts",
    "banzhaf",
    "power_report",
    "require_reachable",
    "shapley_shubik",
    "swing_counts",
]

Method = Literal["auto", "table", "enumerate"]
INDICES = ("banzhaf", "banzhaf_absolute", "shapley_shubik", "deegan_packel", "holler", "johnston")
_MWC_INDICES = ("deegan_packel", "holler", "johnston")

Indices = tuple[Fraction, ...]


@dataclass(frozen=True, slots=True)
class SwingCounts:
    """Exact counts behind the indices: ``by_size[i][k]`` = swings of player i joining k others."""

    players: tuple[str, ...]
    by_size: tuple[tuple[int, ...], ...]
    winning: int
    minimal_winning: int
    minimal_blocking: int
    method: str

    @property
    def swings(self) -> tuple[int, ...]:
        """Raw Banzhaf scores: coalitions each player turns from losing into winning."""
        return tuple(sum(row) for row in self.by_size)

    def banzhaf(self, *, absolute: bool = False) -> Indices:
        """Normalised Banzhaf index, or the absolute (Penrose) one."""
        normalised, penrose = _banzhaf(self)
        return penrose if absolute else normalised

    def shapley_shubik(self) -> Indices:
        """Shapley-Shubik index."""
        return _shapley(self)


def _table_ok(game: SimpleGame) -> bool:
    sw = reduce_to_size_weight(game)
    return sw is not None and (game.n + 1) * sw.inf <= MAX_CELLS


def _pick(game: SimpleGame, method: Method) -> Literal["table", "enumerate"]:
    if method == "table" or (method == "auto" and _table_ok(game)):
        if not _table_ok(game):
            raise GameTooLargeError(
                "the table method needs a rule on coalition size plus at most one weight vector, with "
                f"(players + 1) x (total weight + 1) <= {MAX_CELLS:,} cells",
                hint="use method='enumerate' for small bodies, or scale the weights down",
            )
        return "table"
    if game.n > MAX_ENUMERATE:
        raise GameTooLargeError(
            f"no exact method for this rule with {game.n} players: it combines several weight vectors "
            f"(or its weights are too large) and enumeration stops at {MAX_ENUMERATE} players",
            hint="express the rule with one weight vector plus counts, or scale the weights down",
        )
    return "enumerate"


def swing_counts(game: SimpleGame, *, method: Method = "auto") -> SwingCounts:
    """Exact swings by size and the numbers of winning and minimal winning/blocking coalitions."""
    chosen = _pick(game, method)
    if chosen == "table":
        sw = reduce_to_size_weight(game)
        assert sw is not None
        t = table_counts(sw)
        return SwingCounts(game.players, t.swings_by_size, t.winning, t.minimal_winning, t.minimal_blocking, chosen)
    e = enumerate_game(game)
    return SwingCounts(game.players, e.swings_by_size, e.winning, e.minimal_winning, e.minimal_blocking, chosen)


def _banzhaf(counts: SwingCounts) -> tuple[Indices, Indices]:
    swings = counts.swings
    total = sum(swings)
    normalised = tuple(Fraction(s, total) if total else Fraction(0) for s in swings)
    absolute = tuple(Fraction(s, 2 ** (len(swings) - 1)) for s in swings)
    return normalised, absolute


def _shapley(counts: SwingCounts) -> Indices:
    n = len(counts.players)
    weights = [factorial(k) * factorial(n - 1 - k) for k in range(n)]
    whole = factorial(n)
    return tuple(Fraction(sum(c * w for c, w in zip(row, weights, strict=True)), whole) for row in counts.by_size)


def banzhaf(game: SimpleGame, *, absolute: bool = False, method: Method = "auto") -> Indices:
    """Normalised Banzhaf index (shares of all swings), or the absolute (Penrose) one: swings / 2**(n-1)."""
    normalised, penrose = _banzhaf(swing_counts(game, method=method))
    return penrose if absolute else normalised


def shapley_shubik(game: SimpleGame, *, method: Method = "auto") -> Indices:
    """Shapley-Shubik index: the share of orderings in which each player is pivotal."""
    return _shapley(swing_counts(game, method=method))


@dataclass(frozen=True)
class PowerReport:
    """Exact power in one body. Index tuples follow ``players``; a None index is explained in ``unavailable``.

    ``minimal_blocking`` and ``unavailable`` are kept out of ``to_json`` (whose keys are fixed).
    """

    players: tuple[str, ...]
    winning: int
    minimal_winning: int
    minimal_blocking: int
    veto_players: tuple[str, ...]
    null_players: tuple[str, ...]
    banzhaf: Indices
    banzhaf_absolute: Indices
    shapley_shubik: Indices
    deegan_packel: Indices | None
    holler: Indices | None
    johnston: Indices | None
    method: str = "auto"
    unavailable: Mapping[str, str] = field(default_factory=dict, hash=False)

    def index(self, name: str) -> Indices | None:
        """One index by its JSON name."""
        value: Indices | None = getattr(self, name)
        return value

    def to_json(self) -> dict[str, object]:
        """Plain JSON: floats for display and ``exact`` fraction strings ("5/21")."""
        out: dict[str, object] = {
            "players": list(self.players),
            "winning": self.winning,
            "minimal_winning": self.minimal_winning,
            "veto_players": list(self.veto_players),
            "null_players": list(self.null_players),
        }
        exact: dict[str, list[str] | None] = {}
        for name in INDICES:
            values = self.index(name)
            out[name] = None if values is None else [float(v) for v in values]
            exact[name] = None if values is None else [str(v) for v in values]
        out["exact"] = exact
        return out

    def _repr_html_(self) -> str:
        names = [n for n in INDICES if self.index(n) is not None]
        rows: list[list[object]] = []
        for i, player in enumerate(self.players):
            marks = [
                m for m, on in (("veto", player in self.veto_players), ("null", player in self.null_players)) if on
            ]
            rows.append([player, *(f"{float(self.index(n)[i]):.4f}" for n in names), ", ".join(marks)])  # type: ignore[index]
        n = len(self.players)
        title = f"{self.winning} of {2**n} coalitions win; {self.minimal_winning} minimal winning (exact)"
        return html_table(title, ["player", *names, ""], rows)


def require_reachable(game: SimpleGame, what: str) -> SimpleGame:
    """``game`` itself, or a GameError when not even all its players together win (a threshold out of reach)."""
    if not game.wins(set(game.players)):
        raise GameError(
            f"no coalition of the {game.n} voting members of {what} can reach its threshold: it can never decide",
            hint="lower the quota or count to at most what all the members together hold ('guarantor check' "
            "reports this as G111)",
        )
    return game


def power_report(game: SimpleGame, *, method: Method = "auto") -> PowerReport:
    """Every exact quantity of the report; see the module docstring for methods and limits."""
    counts = swing_counts(game, method=method)
    normalised, penrose = _banzhaf(counts)
    mwc_based: dict[str, Indices | None] = dict.fromkeys(_MWC_INDICES)
    unavailable: dict[str, str] = {}
    if game.n <= MAX_ENUMERATE:
        e = enumerate_game(game)
        mwc_based = {"deegan_packel": e.deegan_packel, "holler": e.holler, "johnston": e.johnston}
    else:
        reason = f"needs every minimal winning coalition; enumerated only up to {MAX_ENUMERATE} players"
        unavailable = dict.fromkeys(_MWC_INDICES, reason)
    everyone = set(game.players)
    return PowerReport(
        players=game.players,
        winning=counts.winning,
        minimal_winning=counts.minimal_winning,
        minimal_blocking=counts.minimal_blocking,
        veto_players=tuple(p for p in game.players if not game.wins(everyone - {p})),
        null_players=tuple(p for p, s in zip(game.players, counts.swings, strict=True) if s == 0),
        banzhaf=normalised,
        banzhaf_absolute=penrose,
        shapley_shubik=_shapley(counts),
        method=counts.method,
        unavailable=unavailable,
        **mwc_based,
    )
