"""Small value types of the spec language: ratios, ISO 8601 durations and deadlines.

Each type parses from the forms a treaty drafter writes (``"2/3"``, ``"65%"``, ``"PT24H"``, ``"forthwith"``)
and dumps back to the same canonical string, so a spec round-trips through YAML unchanged.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

__all__ = [
    "NAMED_DEADLINES",
    "Deadline",
    "Duration",
    "DurationField",
    "Ratio",
    "RatioField",
    "parse_duration",
    "parse_ratio",
]

_RATIO = re.compile(r"^\s*(?:(?P<pct>\d+(?:\.\d+)?)\s*%|(?P<num>\d+)\s*/\s*(?P<den>\d+))\s*$")


def parse_ratio(value: object) -> Fraction:
    """``"2/3"``, ``"65%"``, ``0.65`` or ``1`` to an exact fraction in [0, 1]."""
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, bool):
        raise ValueError(f"expected a ratio such as '2/3', '65%' or 0.65, got {value!r}")
    elif isinstance(value, int | float):
        result = Fraction(str(value))
    elif isinstance(value, str) and (m := _RATIO.match(value)):
        if m["pct"] is not None:
            result = Fraction(m["pct"]) / 100
        else:
            if int(m["den"]) == 0:
                raise ValueError(f"ratio {value!r} divides by zero")
            result = Fraction(int(m["num"]), int(m["den"]))
    else:
        raise ValueError(f"expected a ratio such as '2/3', '65%' or 0.65, got {value!r}")
    if not 0 <= result <= 1:
        raise ValueError(f"a ratio must lie between 0 and 1 (0% and 100%), got {value!r}")
    return result


def _dump_ratio(value: Fraction) -> str:
    pct = value * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    return f"{value.numerator}/{value.denominator}"


Ratio = Fraction
RatioField = Annotated[
    Fraction,
    BeforeValidator(parse_ratio),
    PlainSerializer(_dump_ratio, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^\d+(\.\d+)?%$|^\d+/\d+$"}, {"type": "number"}]}),
]

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<y>\d+)Y)?(?:(?P<mo>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<h>\d+)H)?(?:(?P<mi>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


@dataclass(frozen=True, slots=True, order=True)
class Duration:
    """An ISO 8601 duration with calendar months kept apart from exact days and seconds."""

    months: int = 0
    days: int = 0
    seconds: float = 0.0

    @property
    def approx_days(self) -> float:
        """Length in days, counting a month as 30.4375 days (for simulation and ordering)."""
        return self.months * 30.4375 + self.days + self.seconds / 86400

    @property
    def approx_hours(self) -> float:
        return self.approx_days * 24

    def add_to(self, moment: datetime) -> datetime:
        """``moment`` plus this duration, with calendar months (31 Jan + P1M = 28/29 Feb)."""
        total = moment.month - 1 + self.months
        year, month = moment.year + total // 12, total % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        return moment.replace(year=year, month=month, day=day) + timedelta(days=self.days, seconds=self.seconds)

    def add_to_date(self, day: date) -> date:
        return self.add_to(datetime(day.year, day.month, day.day)).date()

    def iso(self) -> str:
        years, months = divmod(self.months, 12)
        out = "P"
        out += f"{years}Y" if years else ""
        out += f"{months}M" if months else ""
        out += f"{self.days}D" if self.days else ""
        if self.seconds:
            hours, rest = divmod(self.seconds, 3600)
            minutes, secs = divmod(rest, 60)
            out += "T"
            out += f"{int(hours)}H" if hours else ""
            out += f"{int(minutes)}M" if minutes else ""
            if secs:
                out += f"{int(secs)}S" if float(secs).is_integer() else f"{secs}S"
        return out if out != "P" else "PT0S"

    def __str__(self) -> str:
        return self.iso()


def parse_duration(value: object) -> Duration:
    """``"PT24H"``, ``"P1Y6M"``, ``"P2W"`` to a Duration; a Duration passes through."""
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str) or not (m := _DURATION.match(value.strip())):
        raise ValueError(f"expected an ISO 8601 duration such as 'PT24H', 'P3D' or 'P1Y', got {value!r}")
    g = {k: (v or "0") for k, v in m.groupdict().items()}
    seconds = int(g["h"]) * 3600 + int(g["mi"]) * 60 + float(g["s"])
    return Duration(
        months=int(g["y"]) * 12 + int(g["mo"]),
        days=int(g["w"]) * 7 + int(g["d"]),
        seconds=seconds,
    )


DurationField = Annotated[
    Duration,
    BeforeValidator(parse_duration),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^P", "description": "ISO 8601 duration, e.g. PT24H, P3D"}),
]

# Named deadlines of treaty language. Their nominal length is what the runtime uses as a due time.
NAMED_DEADLINES: dict[str, Duration] = {
    "immediately": Duration(),
    "forthwith": Duration(),
    "without-delay": Duration(),
    "swiftly": Duration(days=3),
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due time: an ISO 8601 duration, or a named value such as ``forthwith``."""

    duration: Duration
    name: str | None = None

    @classmethod
    def parse(cls, value: Any) -> Deadline:
        if isinstance(value, Deadline):
            return value
        if isinstance(value, str) and value.strip().lower() in NAMED_DEADLINES:
            name = value.strip().lower()
            return cls(NAMED_DEADLINES[name], name)
        try:
            return cls(parse_duration(value))
        except ValueError:
            names = ", ".join(sorted(NAMED_DEADLINES))
            raise ValueError(
                f"expected an ISO 8601 duration such as 'PT24H' or one of {names}, got {value!r}"
            ) from None

    @property
    def is_numeric(self) -> bool:
        """True when the treaty states a number (24 hours), false for words such as 'forthwith'."""
        return self.name is None

    def __str__(self) -> str:
        return self.name or self.duration.iso()


DeadlineField = Annotated[
    Deadline,
    BeforeValidator(Deadline.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "ISO 8601 duration (PT24H) or one of: " + ", ".join(sorted(NAMED_DEADLINES)),
        }
    ),
]
