"""Defaults from the empirical record for what a spec leaves unstated (reliability.md, readiness.md).

Two calibrations live here:

- an unstated pledge reliability takes the record's value for the kind of commitment (a member of a mutual
  pact, a guarantee to a non-member, the protected state itself, a non-fighting contribution), with the
  record's range, which a run reports as a band;
- ``rho`` is the correlation of the parties' *acts* (the record's beta-binomial figure), not of a latent
  variable: the latent correlation of the Gaussian copula is solved so that the probability that every
  guarantor fails together equals the beta-binomial value at the same ``rho`` and mean reliability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from guarantor.spec.forces import Pledge
from guarantor.spec.model import Spec
from guarantor.spec.query import expand

__all__ = [
    "RECORD",
    "Reliability",
    "all_fail_betabinomial",
    "all_fail_copula",
    "default_reliability",
    "latent_correlation",
]

_N = NormalDist()
NON_FIGHTING = frozenset({"intelligence", "finance", "sanctions", "other"})


@dataclass(frozen=True, slots=True)
class Reliability:
    """A reliability with the range the record gives and where it comes from."""

    value: float
    low: float
    high: float
    kind: str
    basis: str
    stated: bool = False


RECORD: dict[str, Reliability] = {
    "member": Reliability(
        0.7,
        0.6,
        0.8,
        "member",
        "a capable mutual pact, the attacked member its intended beneficiary, p0 0.6-0.8: pre-1945 defence pacts "
        "honoured 61% (Berkemeier & Fuhrmann 2018, Research & Politics); 77-83% without power or regime change "
        "(Leeds & Anac 2005 data); 74% voter support for defending a member (Tomz, Weeks & Bansak 2023, PNAS Nexus)",
    ),
    "non-member": Reliability(
        0.45,
        0.35,
        0.5,
        "non-member",
        "an 'Article 5-like' guarantee to a non-member, p0 0.35-0.5: commitments honoured 50% overall "
        "(Berkemeier & Fuhrmann 2018); 45% voter support for defending a non-member (Tomz, Weeks & Bansak 2023)",
    ),
    "non-fighting": Reliability(
        0.86,
        0.73,
        0.93,
        "non-fighting",
        "non-fighting obligations honoured 86% (38/44, Wilson interval 0.73-0.93; Leeds & Anac 2005, "
        "International Interactions, replication data)",
    ),
    "self": Reliability(
        0.95,
        0.9,
        1.0,
        "self",
        "the protected state defends itself (UN Charter Art. 51); the record has no rate: a judgement",
    ),
    "generic": Reliability(
        0.5,
        0.22,
        0.75,
        "generic",
        "commitments honoured 50% (73/146, Berkemeier & Fuhrmann 2018), 22% after 1945, about 75% in 1816-1944 "
        "(Leeds, Long & Mitchell 2000, JCR; Leeds 2003, IO)",
    ),
}


def default_reliability(spec: Spec, pledge: Pledge) -> Reliability:
    """The pledge's reliability: stated, or the record's value for its kind of commitment."""
    if pledge.reliability is not None:
        r = pledge.reliability
        return Reliability(r, r, r, "stated", pledge.basis or "stated in the spec", stated=True)
    return RECORD[_kind(spec, pledge)]


def _kind(spec: Spec, pledge: Pledge) -> str:
    if pledge.domain in NON_FIGHTING:
        return "non-fighting"
    protected = set(expand(spec, spec.protects))
    if not protected:
        return "generic"
    if pledge.party in protected:
        return "member" if len(protected) > 1 else "self"
    return "non-member"


def all_fail_betabinomial(n: int, p: float, rho: float) -> float:
    """P(none of ``n`` exchangeable parties acts), each acting with probability ``p``, pairwise correlation
    ``rho`` of the acts (beta-binomial: alpha + beta = (1 - rho) / rho)."""
    if n <= 0:
        return 1.0
    if rho <= 0:
        return (1 - p) ** n
    if rho >= 1:
        return 1 - p
    s = (1 - rho) / rho
    a, b = p * s, (1 - p) * s
    out = 1.0
    for k in range(n):
        out *= (b + k) / (a + b + k)
    return out


_GRID = np.linspace(-8.0, 8.0, 1601)
_PHI = np.exp(-0.5 * _GRID**2) / math.sqrt(2 * math.pi) * (_GRID[1] - _GRID[0])
_ERF = np.frompyfunc(math.erf, 1, 1)


def _cdf(x: NDArray[np.float64]) -> NDArray[np.float64]:
    erf = np.asarray(_ERF(x / math.sqrt(2)), dtype=np.float64)
    out: NDArray[np.float64] = 0.5 * (1 + erf)
    return out


def all_fail_copula(n: int, p: float, r: float) -> float:
    """P(none of ``n`` parties acts) under a Gaussian copula with latent correlation ``r``."""
    if n <= 0:
        return 1.0
    t = _N.inv_cdf(min(max(p, 1e-12), 1 - 1e-12))
    if r <= 0:
        return (1 - p) ** n
    if r >= 1:
        return 1 - p
    act = _cdf((t - math.sqrt(r) * _GRID) / math.sqrt(1 - r))
    return float(np.sum(_PHI * (1 - act) ** n))


def latent_correlation(rho: float, p: float, n: int) -> float:
    """The copula's latent correlation that gives ``n`` parties at reliability ``p`` the beta-binomial
    probability of failing together at act correlation ``rho`` (bisection; monotone in r)."""
    rho = min(max(rho, 0.0), 1.0)
    if rho in (0.0, 1.0) or not 0 < p < 1:
        return rho
    n = max(n, 2)
    target = all_fail_betabinomial(n, p, rho)
    lo, hi = 0.0, 0.999999
    for _ in range(50):
        mid = (lo + hi) / 2
        if all_fail_copula(n, p, mid) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2
