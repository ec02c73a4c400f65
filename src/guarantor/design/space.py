"""A design space: the decision variables, the parties' political limits and the objective, read from a YAML
file that sits beside a spec (``guarantor design SPEC --space DESIGN.yaml``)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from guarantor.bounded import input_name, read_bounded
from guarantor.errors import DesignSpaceError, Location
from guarantor.spec.base import Node
from guarantor.spec.forces import Delay
from guarantor.spec.yamlpos import yaml_data

__all__ = ["DesignSpace", "Limit", "NewPledge", "Objective", "Variable", "load_space"]

MAX_FILE = 2 * 1024 * 1024
Domain = Literal["land", "sea", "air", "cyber", "space", "intelligence", "finance", "sanctions", "other"]


class NewPledge(Node):
    """A pledge the design may add (its ``amount`` is the variable's value; 0 leaves it out)."""

    party: str
    capability: str
    domain: Domain = "land"
    unit: str | None = None
    readiness: Delay | None = None
    reliability: float | None = Field(default=None, ge=0, le=1)
    decision: Delay | None = None
    in_place: bool | None = None
    where: str | None = None


class Variable(Node):
    """One decision: the amount of a spec pledge (``pledge``), of a new pledge (``new_pledge``), or any spec
    value by its dotted path (``path``, as ``simulate --set``); numbers over ``range`` (with ``step``; no step
    is continuous) or a list of ``choices``. ``cost`` is per unit of an amount, or one cost per choice."""

    pledge: str | None = None
    new_pledge: NewPledge | None = None
    path: str | None = None
    range: tuple[float, float] | None = None
    step: float | None = Field(default=None, gt=0)
    choices: list[Any] | None = None
    cost: float | list[float] = 0.0
    note: str | None = None

    @model_validator(mode="after")
    def _well_formed(self) -> Variable:
        targets = [t for t in (self.pledge, self.new_pledge, self.path) if t is not None]
        if len(targets) != 1:
            raise ValueError("give exactly one of 'pledge', 'new_pledge' or 'path'")
        if (self.range is None) == (self.choices is None):
            raise ValueError("give exactly one of 'range' ([low, high]) or 'choices' (a list)")
        if self.range is not None:
            lo, hi = self.range
            if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi or (lo < 0 and self.path is None):
                raise ValueError(f"range {list(self.range)} must be finite, low <= high, and not below 0 for amounts")
        if self.choices is not None and not self.choices:
            raise ValueError("'choices' is empty")
        if isinstance(self.cost, list):
            if self.choices is None or len(self.cost) != len(self.choices):
                raise ValueError("a list of costs needs one cost per choice")
            if any(not math.isfinite(c) or c < 0 for c in self.cost):
                raise ValueError("costs must be finite and not negative")
        elif not math.isfinite(self.cost) or self.cost < 0:
            raise ValueError(f"cost {self.cost} must be finite and not negative")
        if isinstance(self.cost, float) and self.cost and self.choices is not None and not _numeric(self.choices):
            raise ValueError("a cost per unit needs numeric choices; give one cost per choice instead")
        return self

    @property
    def is_amount(self) -> bool:
        return self.path is None

    def levels(self) -> list[Any] | None:
        """Every value the variable can take, or None when it is continuous."""
        if self.choices is not None:
            return list(self.choices)
        assert self.range is not None
        if self.step is None:
            return None
        lo, hi = self.range
        n = math.floor((hi - lo) / self.step + 1e-9) + 1
        values = [lo + i * self.step for i in range(n)]
        return [int(v) if float(v).is_integer() else v for v in values]

    def cost_of(self, value: Any) -> float:
        if isinstance(self.cost, list):
            assert self.choices is not None
            return self.cost[self.choices.index(value)]
        return self.cost * float(value) if self.cost else 0.0


class Limit(Node):
    """A political limit: the parties' (or one party's) amounts in a domain or capability may not pass
    ``max`` (``max: 0`` forbids it: "no US ground troops"); ``domains`` allows only those domains; ``cost``
    caps the design's total cost."""

    party: str | None = None
    domain: Domain | None = None
    capability: str | None = None
    max: float | None = Field(default=None, ge=0)
    domains: list[Domain] | None = None
    cost: float | None = Field(default=None, ge=0)
    text: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Limit:
        kinds = [k for k in (self.max, self.domains, self.cost) if k is not None]
        if len(kinds) != 1:
            raise ValueError("a limit gives exactly one of 'max', 'domains' or 'cost'")
        if self.domains is not None and self.party is None:
            raise ValueError("'domains' limits one party: give 'party'")
        if self.cost is not None and (self.party or self.domain or self.capability):
            raise ValueError("'cost' caps the whole design; it takes no party, domain or capability")
        return self


class Objective(Node):
    """``maximise`` the weighted probability of a sufficient, timely response; reach a ``target`` at least
    cost; or find the ``front`` of cost against probability (the default)."""

    kind: Literal["maximise", "target", "front"] = "front"
    target: float | None = Field(default=None, gt=0, le=1)

    @model_validator(mode="after")
    def _target(self) -> Objective:
        if (self.kind == "target") != (self.target is not None):
            raise ValueError("'target' (a probability) goes with kind: target, and only with it")
        return self


class DesignSpace(Node):
    """Everything ``guarantor design`` searches over, and how it scores a design."""

    description: str | None = None
    posture: str | None = None
    trials: int = Field(default=4000, ge=100, le=2_000_000)
    variables: dict[str, Variable]
    limits: dict[str, Limit] = Field(default_factory=dict)
    objective: Objective = Field(default_factory=Objective)

    @model_validator(mode="after")
    def _some(self) -> DesignSpace:
        if not self.variables:
            raise ValueError("'variables' is empty: nothing to search over")
        return self

    def size(self) -> int | None:
        """How many designs the space holds, or None when a variable is continuous."""
        total = 1
        for var in self.variables.values():
            levels = var.levels()
            if levels is None:
                return None
            total *= len(levels)
        return total


_HINT = "see `guarantor docs design#the-design-file`"
_SHAPE = "a design file is a mapping with 'variables'"


def _numeric(values: list[Any]) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def load_space(path: str | Path) -> DesignSpace:
    """Read a design file; a clear error names the file, the place and the fix."""
    p = Path(path)
    raw = read_bounded(path, MAX_FILE, error=DesignSpaceError, what="the design file")
    data = yaml_data(raw, input_name(path), what="design file", shape=_SHAPE, error=DesignSpaceError)
    if not isinstance(data, dict):
        raise DesignSpaceError(_SHAPE, hint=_HINT, location=Location(input_name(path)))
    space = space_from_data(data, str(path))
    if space.posture and not Path(space.posture).is_absolute():
        space = space.model_copy(update={"posture": str(p.parent / space.posture)})
    return space


def space_from_data(data: dict[str, Any], where: str = "<design>") -> DesignSpace:
    try:
        return DesignSpace.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(x) for x in first["loc"]) or "top level"
        msg = str(first["msg"]).removeprefix("Value error, ")
        raise DesignSpaceError(f"{where}: {place}: {msg}", hint=_HINT) from None
