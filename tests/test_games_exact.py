"""Exact values of real bodies, large bodies through the modular (CRT) path, and compile errors."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import numpy as np
import pytest

import guarantor.games as games
from guarantor.errors import GameError, GameTooLargeError, NotCollectiveError, QuorumNotMetError
from guarantor.games import (
    SimpleGame,
    blocking_coalitions_within,
    eec_1958,
    eu_council_lisbon,
    game_from_rule,
    is_collective,
    minimal_blocking_coalitions,
    minimal_winning_coalitions,
    power_report,
    shapley_shubik,
    swing_counts,
    un_security_council,
    veto_players,
)
from guarantor.games._modular import PRIMES, crt, moduli_for
from guarantor.spec.rules import AllOfRule, CountRule, UnilateralRule, VetoRule, WeightedRule

F = Fraction


@pytest.mark.parametrize("method", ["table", "enumerate"])
def test_eec_1958(method: str) -> None:
    r = power_report(eec_1958(), method=method)  # type: ignore[arg-type]
    assert r.banzhaf == (F(5, 21),) * 3 + (F(1, 7),) * 2 + (F(0),)
    assert r.shapley_shubik == (F(7, 30),) * 3 + (F(3, 20),) * 2 + (F(0),)
    assert r.null_players == ("LUX",)
    assert (r.winning, r.minimal_winning, r.veto_players) == (14, 4, ())


@pytest.mark.parametrize("method", ["table", "enumerate"])
def test_un_security_council(method: str) -> None:
    r = power_report(un_security_council(), method=method)  # type: ignore[arg-type]
    assert r.shapley_shubik == (F(421, 2145),) * 5 + (F(4, 2145),) * 10
    assert r.banzhaf == (F(106, 635),) * 5 + (F(21, 1270),) * 10
    assert (r.winning, r.minimal_winning) == (848, 210)
    assert r.veto_players == ("CHN", "FRA", "RUS", "GBR", "USA")


def test_un_security_council_compiled_from_the_spec_rule() -> None:
    members = [*"ABCDE", *(f"E{i}" for i in range(10))]
    rule = VetoRule(holders=list("ABCDE"), then=CountRule(at_least=9))
    assert power_report(game_from_rule(rule, members)).shapley_shubik[0] == F(421, 2145)


def test_eu27_lisbon_share_of_winning_coalitions() -> None:
    r = power_report(eu_council_lisbon())
    assert round(r.winning / 2**27, 3) == 0.132  # arXiv 2312.16878
    assert sum(r.shapley_shubik) == 1 and sum(r.banzhaf) == 1
    assert r.deegan_packel is None and "minimal winning" in r.unavailable["deegan_packel"]
    assert r.banzhaf[0] == max(r.banzhaf)  # Germany
    assert r.veto_players == () and r.null_players == ()
    assert hash(r) == hash(power_report(eu_council_lisbon()))  # frozen and hashable


def test_report_json_shape() -> None:
    out = power_report(eec_1958()).to_json()
    keys = ["players", "winning", "minimal_winning", "veto_players", "null_players", *games.INDICES, "exact"]
    assert list(out) == keys
    exact = out["exact"]
    assert isinstance(exact, dict) and exact["banzhaf"][0] == "5/21" and list(exact) == list(games.INDICES)
    assert out["banzhaf"] == pytest.approx([5 / 21] * 3 + [1 / 7] * 2 + [0])


@pytest.mark.parametrize(("n", "quota"), [(64, 40), (100, 51), (150, 1)])
def test_large_count_games_are_exact(n: int, quota: int) -> None:
    # Counts beyond 2**63 go through residues modulo 2**64 and primes, joined by CRT.
    game = SimpleGame.count([f"P{i}" for i in range(n)], quota)
    counts = swing_counts(game)
    assert counts.method == "table"
    assert counts.swings == (comb(n - 1, quota - 1),) * n
    assert counts.winning == sum(comb(n, k) for k in range(quota, n + 1))
    assert counts.minimal_winning == comb(n, quota)
    assert shapley_shubik(game) == (F(1, n),) * n


def test_large_weighted_game_matches_closed_form() -> None:
    heavy, light, quota = 40, 40, 61
    game = SimpleGame.weighted([2] * heavy + [1] * light, quota)
    counts = swing_counts(game)
    winning = sum(
        comb(heavy, a) * comb(light, b) for a in range(heavy + 1) for b in range(light + 1) if 2 * a + b >= quota
    )
    light_swings = sum(
        comb(heavy, a) * comb(light - 1, quota - 1 - 2 * a) for a in range(heavy + 1) if 0 <= quota - 1 - 2 * a < light
    )
    assert counts.winning == winning
    assert counts.swings[-1] == light_swings
    assert sum(shapley_shubik(game)) == 1


def test_two_hundred_players_banzhaf_and_shapley() -> None:
    weights = [1 + (i * 37) % 50 for i in range(200)]
    game = SimpleGame.weighted(weights, sum(weights) // 2 + 1)
    ss = shapley_shubik(game)
    assert sum(ss) == 1
    assert ss[weights.index(50)] > ss[weights.index(1)]


def test_primes_are_prime() -> None:
    def is_prime(n: int) -> bool:
        d, s = n - 1, 0
        while d % 2 == 0:
            d, s = d // 2, s + 1
        for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41):
            x = pow(a, d, n)
            if x in (1, n - 1):
                continue
            for _ in range(s - 1):
                x = x * x % n
                if x == n - 1:
                    break
            else:
                return False
        return True

    assert all(is_prime(p) and p < 2**63 for p in PRIMES)
    moduli = moduli_for(300)
    big = 3**180 + 12345
    assert crt([big % m for m in moduli], moduli) == big


def test_several_weight_vectors_beyond_enumeration_are_refused() -> None:
    n = 25
    game = SimpleGame.multi_weighted([list(range(1, n + 1)), list(range(n, 0, -1))], [100, 100])
    with pytest.raises(GameTooLargeError, match="several weight vectors"):
        power_report(game)
    with pytest.raises(GameTooLargeError):
        power_report(SimpleGame.weighted([10**9] * 30, 10**10), method="table")


def test_wins_mask_is_exact_for_huge_weights() -> None:
    game = SimpleGame.weighted([2**60, 2**60, 1], 2**61 + 1)
    rows = np.array([[1, 1, 0], [1, 1, 1], [1, 0, 1]], dtype=bool)
    assert game.wins_mask(rows).tolist() == [False, True, False]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: SimpleGame.weighted([1, -1], 1), GameError, "non-negative"),
        (lambda: SimpleGame.weighted([1, 2], 1, ["A", "A"]), GameError, "distinct"),
        (lambda: SimpleGame.weighted([1, 2], 1, ["A"]), GameError, "1 player names for 2 weights"),
        (lambda: eec_1958().wins({"XX"}), GameError, "not players of this game: XX"),
        (lambda: game_from_rule(UnilateralRule(), ["A"]), NotCollectiveError, "each member decides alone"),
        (
            lambda: game_from_rule(CountRule(at_least=1), ["A", "B"], excluded={"A"}, quorum=2),
            QuorumNotMetError,
            "quorum of 2",
        ),
        (
            lambda: game_from_rule(CountRule(at_least=1), ["A", "B"], excluded={"A", "B"}),
            QuorumNotMetError,
            "no member",
        ),
        (
            lambda: game_from_rule(WeightedRule(weights={"A": 1}, quota=1), ["A", "B"]),
            GameError,
            "no weight for voting member 'B'",
        ),
        (
            lambda: game_from_rule(WeightedRule(weights="population", quota=1), ["A"]),
            GameError,
            "no numeric attribute",
        ),
    ],
)
def test_bad_games_are_explained(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


def test_interested_party_does_not_vote_and_quorum_share() -> None:
    rule = AllOfRule(rules=[CountRule(fraction=F(2, 3)), CountRule(at_least=2)])
    game = game_from_rule(rule, ["A", "B", "C", "D"], excluded={"D"}, quorum=F(3, 4))
    assert game.players == ("A", "B", "C")
    assert game.wins({"A", "B"}) and not game.wins({"A"})
    assert not is_collective(AllOfRule(rules=[CountRule(at_least=1), UnilateralRule()]))
    assert is_collective(rule)


def test_minimal_coalition_lists() -> None:
    unsc = un_security_council()
    blocking = minimal_blocking_coalitions(unsc)
    assert len(blocking) == 5 + comb(10, 7)
    assert all(len(c) == 1 for c in blocking[:5])
    assert len(minimal_winning_coalitions(unsc)) == 210
    assert len(minimal_winning_coalitions(unsc, limit=7)) == 7
    assert blocking_coalitions_within(unsc, ["USA", "E1"]) == [("USA",)]
    assert veto_players(unsc) == ("CHN", "FRA", "RUS", "GBR", "USA")
    assert sorted(map(sorted, minimal_winning_coalitions(eec_1958()))) == sorted(
        map(
            sorted,
            [
                ("FRA", "DEU", "ITA"),
                ("FRA", "DEU", "BEL", "NLD"),
                ("FRA", "ITA", "BEL", "NLD"),
                ("DEU", "ITA", "BEL", "NLD"),
            ],
        )
    )


def test_public_api_is_curated() -> None:
    assert len(set(games.__all__)) == len(games.__all__)
    assert not any(name.startswith("_") for name in games.__all__)
    assert all(hasattr(games, name) for name in games.__all__)
