"""The term of an instrument: how long it lasts, whether it renews, and whether a party may renounce it."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from guarantor.spec.base import Node
from guarantor.spec.values import DurationField

__all__ = ["Term"]


class Term(Node):
    """Duration and renunciation terms.

    ``duration`` is the stated length; ``renewal`` says how it continues after that (``automatic``: unless
    renounced; ``by-agreement``: only if the parties agree), for ``renewal_period`` at a time;
    ``renunciation`` says whether a party may leave before the end (``conditional``: only on stated terms).
    ``indefinite: true`` says the instrument states no end ("of indefinite duration"; NATO Article 13 lets a
    party leave after twenty years, the Treaty itself runs on).
    """

    indefinite: bool = False
    duration: DurationField | None = None
    renewal: Literal["automatic", "by-agreement"] | None = None
    renewal_period: DurationField | None = None
    renunciation: Literal["allowed", "prohibited", "conditional"] | None = None
    text: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _indefinite_has_no_length(self) -> Term:
        if self.indefinite and (self.duration is not None or self.renewal is not None):
            raise ValueError(
                "an indefinite term has no 'duration' or 'renewal': remove them, or remove 'indefinite: true'"
            )
        return self
