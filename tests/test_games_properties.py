"""Property tests: every rule type, compiled and analysed, against naive enumeration of the definitions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from games_reference import coalitions, naive_report, rule_wins
from guarantor.errors import QuorumNotMetError
from guarantor.games import INDICES, SimpleGame, can_block, dual_game, game_from_rule, power_report
from guarantor.games._table import reduce_to_size_weight
from guarantor.spec.rules import (
    AllOfRule,
    AnyOfRule,
    AutomaticRule,
    ConsensusRule,
    CountRule,
    Rule,
    UnanimityRule,
    VetoRule,
    WeightedRule,
)

MEMBERS = [f"M{i}" for i in range(9)]
shares = st.fractions(min_value=0, max_value=1, max_denominator=20)


def leaf_rules(members: list[str]) -> st.SearchStrategy[Rule]:
    n = len(members)
    return st.one_of(
        st.just(ConsensusRule()),
        st.just(AutomaticRule()),
        st.builds(UnanimityRule, minus=st.integers(0, n)),
        st.builds(CountRule, at_least=st.integers(0, n + 1), of=st.sampled_from(["voting", "members"])),
        st.builds(CountRule, fraction=shares, of=st.sampled_from(["voting", "members", "present"])),
        st.builds(
            WeightedRule,
            weights=st.fixed_dictionaries({m: st.integers(0, 12) for m in members}),
            quota=st.one_of(st.integers(0, 12 * n + 1), shares),
        ),
        st.builds(WeightedRule, weights=st.just("population"), quota=st.one_of(st.integers(0, 60), shares)),
    )


def rules(members: list[str]) -> st.SearchStrategy[Rule]:
    def extend(inner: st.SearchStrategy[Rule]) -> st.SearchStrategy[Rule]:
        return st.one_of(
            st.builds(VetoRule, holders=st.lists(st.sampled_from(members), min_size=1, max_size=3), then=inner),
            st.builds(AllOfRule, rules=st.lists(inner, min_size=1, max_size=3)),
            st.builds(AnyOfRule, rules=st.lists(inner, min_size=1, max_size=3)),
        )

    return st.recursive(leaf_rules(members), extend, max_leaves=4)


@st.composite
def bodies(draw: st.DrawFn) -> tuple[list[str], dict[str, dict[str, int]], Rule, set[str]]:
    members = MEMBERS[: draw(st.integers(1, 7))]
    attrs = {m: {"population": draw(st.integers(0, 9))} for m in members}
    excluded = draw(st.sets(st.sampled_from(members), max_size=len(members) - 1))
    return members, attrs, draw(rules(members)), excluded


@settings(max_examples=60, deadline=None)
@given(bodies(), st.integers(0, 8))
def test_quorum_counts_the_members_left_to_vote(
    body: tuple[list[str], dict[str, dict[str, int]], Rule, set[str]], quorum: int
) -> None:
    members, attrs, rule, excluded = body
    voting = len(members) - len(excluded)
    try:
        game = game_from_rule(rule, members, attributes=attrs, excluded=excluded, quorum=quorum)
    except QuorumNotMetError:
        assert voting < quorum
    else:
        assert voting >= quorum and game.n == voting


def _assert_matches(game: SimpleGame, method: str) -> None:
    report = power_report(game, method=method)  # type: ignore[arg-type]
    expected = naive_report(game.players, lambda s: game.wins(s))
    for key, value in expected.items():
        got = getattr(report, key)
        assert (list(got) if isinstance(got, tuple) else got) == value, (key, method)


@settings(max_examples=120, deadline=None)
@given(bodies())
def test_compiled_game_decides_like_the_rule(
    body: tuple[list[str], dict[str, dict[str, int]], Rule, set[str]],
) -> None:
    members, attrs, rule, excluded = body
    game = game_from_rule(rule, members, attributes=attrs, excluded=excluded)
    voters = [m for m in members if m not in excluded]
    assert game.players == tuple(voters)
    every = coalitions(voters)
    rows = np.array([[p in s for p in voters] for s in every], dtype=bool)
    mask = game.wins_mask(rows)
    for s, vectorised in zip(every, mask, strict=True):
        assert bool(vectorised) == game.wins(s) == rule_wins(rule, members, voters, s, attrs)


@settings(max_examples=80, deadline=None)
@given(bodies())
def test_every_index_matches_the_definitions(
    body: tuple[list[str], dict[str, dict[str, int]], Rule, set[str]],
) -> None:
    members, attrs, rule, excluded = body
    game = game_from_rule(rule, members, attributes=attrs, excluded=excluded)
    _assert_matches(game, "enumerate")
    if reduce_to_size_weight(game) is not None:
        _assert_matches(game, "table")


@st.composite
def weighted_games(draw: st.DrawFn) -> SimpleGame:
    n = draw(st.integers(1, 10))
    vectors = draw(st.integers(1, 3))
    weights = [draw(st.lists(st.integers(0, 15), min_size=n, max_size=n)) for _ in range(vectors)]
    quotas = [draw(st.integers(1, max(sum(w), 1))) for w in weights]
    return SimpleGame.multi_weighted(weights, quotas)


@settings(max_examples=60, deadline=None)
@given(weighted_games())
def test_multi_weighted_games_match_the_definitions(game: SimpleGame) -> None:
    _assert_matches(game, "auto")


@settings(max_examples=60, deadline=None)
@given(weighted_games())
def test_shapley_shubik_sums_to_one_and_null_players_get_nothing(game: SimpleGame) -> None:
    report = power_report(game)
    # Positive quotas: the empty coalition loses; the grand coalition wins when every quota is reachable.
    if game.wins(game.players):
        assert sum(report.shapley_shubik) == 1
        assert sum(report.banzhaf) == 1
    for name in INDICES:
        values = report.index(name)
        assert values is not None
        for p in report.null_players:
            assert values[game.index[p]] == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=2, max_size=12), st.data())
def test_players_with_equal_weight_have_equal_power(weights: list[int], data: st.DataObject) -> None:
    quota = data.draw(st.integers(1, sum(weights)))
    report = power_report(SimpleGame.weighted(weights, quota))
    for name in INDICES:
        values = report.index(name)
        assert values is not None
        for i, wi in enumerate(weights):
            for j, wj in enumerate(weights):
                if wi == wj:
                    assert values[i] == values[j], name


@settings(max_examples=60, deadline=None)
@given(weighted_games())
def test_blocking_is_winning_in_the_dual(game: SimpleGame) -> None:
    dual = dual_game(game)
    for s in coalitions(game.players):
        assert dual.wins(s) == can_block(game, s)
    assert dual_game(dual).root == game.root or all(
        dual_game(dual).wins(s) == game.wins(s) for s in coalitions(game.players)
    )


def test_fractional_attribute_weights_scale_exactly() -> None:
    members = ["A", "B", "C"]
    attrs = {"A": {"w": 1.5}, "B": {"w": 1.25}, "C": {"w": 0.25}}
    game = game_from_rule(WeightedRule(weights="w", quota=Fraction(1, 2)), members, attributes=attrs)
    # Total 3, half is 1.5: A alone reaches it exactly, B + C also exactly.
    assert game.wins({"A"}) and game.wins({"B", "C"}) and not game.wins({"B"})
