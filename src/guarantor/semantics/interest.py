"""Who is excluded from a vote as an interested party: the one place that decides it.

A body that excludes interested parties (``exclude_interested``) leaves out the parties to the dispute, the
attacked party and the attacker, but only those who sit on the body: an attacker outside it has no vote to
lose and is never listed as excluded. ``exclude_interested: {when: between-members}`` excludes only in a
dispute between two members; ``clauses`` limits the exclusion to the decisions of the clauses named.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from guarantor.spec import Body

__all__ = ["excluded_members"]


def excluded_members(
    body: Body,
    members: Sequence[str],
    *,
    clause: str | None = None,
    against: str | None = None,
    by: Collection[str] = (),
) -> tuple[str, ...]:
    """The members of ``body`` who may not vote on a decision under ``clause`` about an attack by ``by`` on
    ``against``, in the body's member order. ``against`` None is an attack on a member not named (the static
    view asks about attacks on the protected members), so ``between-members`` then turns on the attacker."""
    exclusion = body.exclusion
    if exclusion is None or (exclusion.clauses and clause not in exclusion.clauses):
        return ()
    seated = set(members)
    attackers = {b for b in by if b in seated}
    victim_seated = against is None or against in seated
    if exclusion.when == "between-members" and not (attackers and victim_seated):
        return ()
    interested = attackers | ({against} if against is not None else set())
    return tuple(m for m in members if m in interested)
