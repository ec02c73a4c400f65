"""Exact big counts from fixed-width arrays: residues modulo 2**64 and primes below 2**63, joined by CRT.

A count of coalitions of n players is below 2**n. NumPy's uint64 arithmetic wraps, i.e. it computes modulo
2**64 for free; for n > 63 the same dynamic programme also runs modulo a few primes p < 2**63 (so that a sum
of two residues still fits in 64 bits) and the Chinese remainder theorem rebuilds the exact Python integer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from guarantor.errors import GameError

__all__ = ["MAX_BITS", "crt", "exact_column_sums", "moduli_for", "reduce_mod"]

TWO64 = 1 << 64
# The largest primes below 2**63 (2**63 - c), checked by a deterministic Miller-Rabin test in the tests.
_OFFSETS = (25, 165, 259, 301, 375, 387, 391, 409, 457, 471, 517, 529, 549, 627, 649, 669, 711, 735, 751, 849)
PRIMES = tuple((1 << 63) - c for c in _OFFSETS)
MAX_BITS = 64 + 62 * len(PRIMES)

U64 = npt.NDArray[np.uint64]


def moduli_for(bits: int) -> tuple[int, ...]:
    """Moduli whose product exceeds 2**bits: 2**64 first, then as many primes as needed."""
    if bits > MAX_BITS:
        raise GameError(f"counts of {bits} bits exceed the {MAX_BITS} bits supported", hint="fewer players")
    moduli = [TWO64]
    product = TWO64
    for p in PRIMES:
        if product > 1 << bits:
            break
        moduli.append(p)
        product *= p
    return tuple(moduli)


def reduce_mod(values: U64, modulus: int, scratch: U64 | None = None) -> None:
    """Bring ``values`` (each below 2*modulus) back below ``modulus`` in place; no-op modulo 2**64."""
    if modulus != TWO64:
        # Where values < p, values - p wraps to a huge number, so the minimum picks the right one.
        shifted = np.subtract(values, np.uint64(modulus), out=scratch)
        np.minimum(values, shifted, out=values)


def exact_column_sums(values: U64) -> list[int]:
    """Exact integer sums over axis 0 of a uint64 array (fewer than 2**31 rows): split in 32-bit halves."""
    low = (values & np.uint64(0xFFFFFFFF)).sum(axis=0, dtype=np.uint64)
    high = (values >> np.uint64(32)).sum(axis=0, dtype=np.uint64)
    return [int(lo) + (int(hi) << 32) for lo, hi in zip(low.tolist(), high.tolist(), strict=True)]


def crt(residues: Sequence[int], moduli: Sequence[int]) -> int:
    """The unique integer in [0, prod(moduli)) with the given residues (moduli pairwise coprime)."""
    value, product = 0, 1
    for r, m in zip(residues, moduli, strict=True):
        # Garner step: adjust value by a multiple of product so that it also matches r modulo m.
        step = ((r - value) * pow(product, -1, m)) % m
        value += product * step
        product *= m
    return value
