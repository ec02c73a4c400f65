"""The base of every spec node: frozen, strict about unknown keys, and aware of where it was written."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, PrivateAttr

from guarantor.errors import Location

__all__ = ["Node"]


class Node(BaseModel):
    """A node of the spec tree. ``loc`` is the place in the YAML file it was loaded from (None if built)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, use_enum_values=False)

    _loc: Location | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Two nodes are equal when their values are; where they were written does not matter.
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @property
    def loc(self) -> Location | None:
        return self._loc
