"""Real decision bodies with known exact power, used by the tests, the benchmarks and the docs.

- The Council of the EEC in 1958 (weighted voting, quota 12 of 17): Luxembourg is a null player.
- The UN Security Council since 1965: five permanent members with a veto, 9 of 15 votes (Charter art. 27).
- The Council of the EU under the Lisbon rule (TEU art. 16(4)): 55% of the states (at least 15 of 27)
  representing 65% of the population; a blocking minority needs at least 4 states, so any 24 states win.
  Population weights are the Council's own figures for 2025 (``EU27_FIGURES_YEAR``), see the data file.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from importlib import resources

from guarantor.games.game import SimpleGame

__all__ = ["EU27_FIGURES_YEAR", "eec_1958", "eu27_population_shares", "eu_council_lisbon", "un_security_council"]

EEC_1958 = {"FRA": 4, "DEU": 4, "ITA": 4, "BEL": 2, "NLD": 2, "LUX": 1}
UNSC_PERMANENT = ("CHN", "FRA", "RUS", "GBR", "USA")
EU27_FIGURES_YEAR = 2025
# 65% of the Union population, in hundredths of a percent of it.
POPULATION_QUOTA = 6500


def eec_1958() -> SimpleGame:
    """The EEC Council of 1958: weights 4, 4, 4, 2, 2, 1 and quota 12."""
    return SimpleGame.weighted(list(EEC_1958.values()), 12, list(EEC_1958))


def un_security_council() -> SimpleGame:
    """Five permanent members with a veto plus 9 of the 15 votes (E1..E10 are the elected members)."""
    members = [*UNSC_PERMANENT, *(f"E{i}" for i in range(1, 11))]
    return SimpleGame.count(members, 9).with_veto(UNSC_PERMANENT)


def eu27_population_shares() -> dict[str, int]:
    """Each EU27 state's share of the Union population in hundredths of a percent, by ISO 3166 alpha-3 code.

    The Council's figures for qualified-majority voting in ``EU27_FIGURES_YEAR`` (Annex III to its Rules of
    Procedure); the source and its address are in ``games/data/eu27_population.csv``.
    """
    text = resources.files("guarantor.games").joinpath("data/eu27_population.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["iso3"]: round(float(row["share_percent"]) * 100) for row in rows}


def eu_council_lisbon(shares: Mapping[str, int] | None = None) -> SimpleGame:
    """The Lisbon qualified majority over population shares in hundredths of a percent (65% = 6500).

    The Council publishes the shares rounded to 0.01%; a coalition within 0.005% per member of the 65% line
    may be classed differently than by the exact populations, and that rounding is part of the model.
    """
    pop = dict(shares or eu27_population_shares())
    states = list(pop)
    n = len(states)
    weights = [pop[s] for s in states]
    states_quota = -(-55 * n // 100)
    double = SimpleGame.multi_weighted([[1] * n, weights], [states_quota, POPULATION_QUOTA], states)
    return SimpleGame.any_of(double, SimpleGame.count(states, n - 3))
