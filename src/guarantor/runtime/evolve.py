"""``replace`` for the runtime's frozen records, as ``dataclasses.replace`` but without its per-field checks.

The fold changes the status of hundreds of thousands of records (a case decided, an obligation missed): the
init fields of each class are read once, the values gathered with one ``attrgetter`` and passed by position
(by name for keyword-only classes).
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar

__all__ = ["replace"]

T = TypeVar("T")


class _Layout:
    __slots__ = ("get", "index", "positional")

    def __init__(self, cls: type) -> None:
        init = [f for f in dataclasses.fields(cls) if f.init]
        names = tuple(f.name for f in init)
        self.index = {name: i for i, name in enumerate(names)}
        self.get = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
        self.positional = not any(f.kw_only for f in init)


_LAYOUTS: dict[type, _Layout] = {}


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the dataclass instance ``obj`` with ``changes`` (init fields only, as ``dataclasses.replace``)."""
    cls = type(obj)
    layout = _LAYOUTS.get(cls)
    if layout is None:
        layout = _LAYOUTS[cls] = _Layout(cls)
    if not layout.positional or not changes.keys() <= layout.index.keys():
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]  # (its error names a bad field)
    values = list(layout.get(obj))
    index = layout.index
    for name, value in changes.items():
        values[index[name]] = value
    return cls(*values)
