"""Decision rules of a body, as written in a spec.

A rule is either a bare word (``consensus``, ``unanimity``, ``automatic``, ``unilateral``) or a mapping with a
``kind``. The games module turns a rule plus the members voting on a date into a simple game.

    consensus | unanimity            every voting member must agree (consensus: no member objects)
    {kind: unanimity, minus: 3}      all but at most 3 voting members agree
    {kind: count, at_least: 15}      at least 15 voting members agree (or ``fraction: 55%``)
    {kind: count, more_than: 1/2, of: parties}   an absolute majority of all the parties
    {kind: weighted, weights: {...} | attribute name, quota: 12 | '65%'}
    {kind: veto, holders: [...], then: RULE}   every holder agrees and RULE holds (UN Security Council)
    {kind: all_of, rules: [...]}     every rule holds (Lisbon: 55% of states AND 65% of population)
    {kind: any_of, rules: [...]}     some rule holds (the blocking-minority exception)
    automatic                        no vote: the clause applies when its trigger holds
    unilateral                       each member decides for itself ("constitutional processes")
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from guarantor.spec.base import Node
from guarantor.spec.values import RatioField

__all__ = [
    "AllOfRule",
    "AnyOfRule",
    "AutomaticRule",
    "ConsensusRule",
    "CountBase",
    "CountRule",
    "Rule",
    "UnanimityRule",
    "UnilateralRule",
    "VetoRule",
    "WeightedRule",
]

BARE_RULES = ("consensus", "unanimity", "automatic", "unilateral")


class _RuleNode(Node):
    """A rule always writes its ``kind``, even when defaults are left out, so it reads back the same."""

    kind: str

    @model_serializer(mode="wrap")
    def _always_kind(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        return {"kind": self.kind, **data} if isinstance(data, dict) else data


class ConsensusRule(_RuleNode):
    """No voting member objects (NATO's North Atlantic Council)."""

    kind: Literal["consensus"] = "consensus"


class UnanimityRule(_RuleNode):
    """Every voting member agrees; with ``minus: k``, all but at most k."""

    kind: Literal["unanimity"] = "unanimity"
    minus: int = Field(default=0, ge=0)


class AutomaticRule(_RuleNode):
    """No decision is needed: the obligation follows from the trigger alone."""

    kind: Literal["automatic"] = "automatic"


class UnilateralRule(_RuleNode):
    """Each member decides for itself, e.g. "in accordance with its constitutional processes"."""

    kind: Literal["unilateral"] = "unilateral"
    process: str = "constitutional processes"


CountBase = Literal["entitled", "voting", "members", "parties", "present", "casting"]
"""What a share is of: those entitled to vote (``voting`` is the same), all members of the body, all parties
of the instrument, those present, or those casting a vote (yes or no: abstainers are not counted)."""


class CountRule(_RuleNode):
    """At least ``at_least`` agree, and/or at least ``fraction`` (or more than ``more_than``) of a base ``of``."""

    kind: Literal["count"] = "count"
    at_least: int | None = Field(default=None, ge=0)
    fraction: RatioField | None = None
    more_than: RatioField | None = None
    of: CountBase = "entitled"

    @model_validator(mode="after")
    def _needs_threshold(self) -> CountRule:
        if self.at_least is None and self.fraction is None and self.more_than is None:
            raise ValueError(
                "a count rule needs 'at_least' (a number of members), 'fraction' (such as '2/3') or 'more_than' "
                "(such as '1/2' for an absolute majority)"
            )
        for name in ("fraction", "more_than"):
            share = getattr(self, name)
            if share is not None and not 0 <= share <= 1:
                raise ValueError(f"'{name}' must be a share between 0 and 1, got {share}")
        if self.more_than is not None and self.more_than >= 1:
            raise ValueError("'more_than: 1' can never be met: no count is more than all of its base")
        return self


class WeightedRule(_RuleNode):
    """Weighted voting: the agreeing members' weights reach ``quota`` (a number, or a share of the total).

    ``weights`` maps member ids to non-negative integers, or names a numeric party attribute (``population``).
    """

    kind: Literal["weighted"] = "weighted"
    weights: dict[str, int] | str
    quota: int | RatioField

    @model_validator(mode="before")
    @classmethod
    def _quota_form(cls, data: Any) -> Any:
        # An integer quota is absolute; a string or float quota is a share of the total weight.
        if isinstance(data, dict) and isinstance(data.get("quota"), bool):
            raise ValueError("quota must be a number or a share such as '65%'")
        return data

    @model_validator(mode="after")
    def _non_negative(self) -> WeightedRule:
        if isinstance(self.weights, dict):
            bad = [k for k, w in self.weights.items() if w < 0]
            if bad:
                raise ValueError(f"weights must be non-negative integers; negative for {', '.join(bad)}")
        if isinstance(self.quota, int) and not isinstance(self.quota, Fraction) and self.quota < 0:
            raise ValueError("quota must not be negative")
        return self


class VetoRule(_RuleNode):
    """Every holder must agree, and ``then`` must hold (5 permanent members plus 9 of 15 votes)."""

    kind: Literal["veto"] = "veto"
    holders: list[str] = Field(min_length=1)
    then: Rule


class AllOfRule(_RuleNode):
    """Every one of ``rules`` holds: an intersection of games."""

    kind: Literal["all_of"] = "all_of"
    rules: list[Rule] = Field(min_length=1)


class AnyOfRule(_RuleNode):
    """At least one of ``rules`` holds: a union of games."""

    kind: Literal["any_of"] = "any_of"
    rules: list[Rule] = Field(min_length=1)


def _shorthand(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word not in BARE_RULES:
            raise ValueError(
                f"unknown rule {value!r}: write one of {', '.join(BARE_RULES)}, or a mapping with a 'kind' "
                "(count, weighted, veto, all_of, any_of)"
            )
        return {"kind": word}
    return value


_RuleUnion = Annotated[
    ConsensusRule
    | UnanimityRule
    | AutomaticRule
    | UnilateralRule
    | CountRule
    | WeightedRule
    | VetoRule
    | AllOfRule
    | AnyOfRule,
    Field(discriminator="kind"),
]
Rule = Annotated[_RuleUnion, BeforeValidator(_shorthand)]

VetoRule.model_rebuild()
AllOfRule.model_rebuild()
AnyOfRule.model_rebuild()
