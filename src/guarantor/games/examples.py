"""Real decision bodies with known exact power, used by the tests, the benchmarks and the docs.

- The Council of the EEC in 1958 (weighted voting, quota 12 of 17): Luxembourg is a null player.
- The UN Security Council since 1965: five permanent members with a veto, 9 of 15 votes (Charter art. 27).
- The Council of the EU under the Lisbon rule (TEU art. 16(4)): 55% of the states (at least 15 of 27)
  representing 65% of the population; a blocking minority needs at least 4 states, so any 24 states win.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from importlib import resources

from guarantor.games.game import SimpleGame

__all__ = ["eec_1958", "eu27_population", "eu_council_lisbon", "un_security_council"]

EEC_1958 = {"FRA": 4, "DEU": 4, "ITA": 4, "BEL": 2, "NLD": 2, "LUX": 1}
UNSC_PERMANENT = ("CHN", "FRA", "RUS", "GBR", "USA")


def eec_1958() -> SimpleGame:
    """The EEC Council of 1958: weights 4, 4, 4, 2, 2, 1 and quota 12."""
    return SimpleGame.weighted(list(EEC_1958.values()), 12, list(EEC_1958))


def un_security_council() -> SimpleGame:
    """Five permanent members with a veto plus 9 of the 15 votes (E1..E10 are the elected members)."""
    members = [*UNSC_PERMANENT, *(f"E{i}" for i in range(1, 11))]
    return SimpleGame.count(members, 9).with_veto(UNSC_PERMANENT)


def eu27_population() -> dict[str, int]:
    """Population of the EU27 states on 1 January 2017 (Eurostat), by ISO 3166 alpha-3 code."""
    text = resources.files("guarantor.games").joinpath("data/eu27_population.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["iso3"]: int(row["population"]) for row in rows}


def eu_council_lisbon(population: Mapping[str, int] | None = None, *, unit: int = 10_000) -> SimpleGame:
    """The Lisbon qualified majority, populations rounded to multiples of ``unit`` people.

    The exact table method needs (states + 1) x (total weight + 1) cells, so raw populations (445 million)
    are too large; the rounding is part of the model and is stated with every figure computed from it.
    """
    pop = dict(population or eu27_population())
    states = list(pop)
    n = len(states)
    weights = [round(pop[s] / unit) for s in states]
    states_quota = -(-55 * n // 100)
    pop_quota = -(-65 * sum(weights) // 100)
    double = SimpleGame.multi_weighted([[1] * n, weights], [states_quota, pop_quota], states)
    return SimpleGame.any_of(double, SimpleGame.count(states, n - 3))
