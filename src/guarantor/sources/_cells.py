"""Cell parsers shared by the readers: each reads one column of a record or rejects it with the reason."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from guarantor.errors import RowRejected

Record = Mapping[str, str]

MIN_YEAR, MAX_YEAR = 1900, 2200


def text(record: Record, column: str) -> str:
    """The stripped cell; empty when the column is absent."""
    return record.get(column, "").strip()


def required(record: Record, column: str, what: str = "a value") -> str:
    value = text(record, column)
    if not value:
        raise RowRejected(f"empty; expected {what}", column=column)
    return value


def optional(record: Record, column: str) -> str | None:
    return text(record, column) or None


def split_list(record: Record, column: str, sep: str = ";") -> tuple[str, ...]:
    return tuple(part.strip() for part in text(record, column).split(sep) if part.strip())


def integer(record: Record, column: str, *, empty: int | None = None, minimum: int = 0) -> int:
    value = text(record, column)
    if not value and empty is not None:
        return empty
    try:
        number = int(value)
    except ValueError:
        raise RowRejected(f"{value!r} is not a whole number", column=column) from None
    if number < minimum:
        raise RowRejected(f"{number} is below the minimum {minimum}", column=column)
    return number


def optional_integer(record: Record, column: str) -> int | None:
    return integer(record, column) if text(record, column) else None


def code(record: Record, column: str, allowed: range) -> int:
    """A small numeric code such as a precision; rejects anything outside ``allowed``."""
    value = text(record, column)
    if value.isdigit() and int(value) in allowed:
        return int(value)
    expected = f"{allowed.start}-{allowed.stop - 1}"
    raise RowRejected(f"{value!r} is not a code in {expected}", column=column)


def coordinate(record: Record, column: str, limit: float) -> float | None:
    return coordinate_value(record.get(column, ""), column=column, limit=limit)


def coordinate_value(raw: str, *, column: str, limit: float) -> float | None:
    """A latitude or longitude within ``-limit..limit``, from one cell; ``None`` when empty."""
    value = raw.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowRejected(f"{value!r} is not a number", column=column) from None
    if not -limit <= number <= limit:  # also rejects nan
        raise RowRejected(f"{number} is outside -{limit:g}..{limit:g}", column=column)
    return number


def check_year(day: date | datetime, column: str, raw: str) -> None:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise RowRejected(f"{raw!r} has an implausible year {day.year:04d}", column=column)


def as_utc(day: date | datetime) -> datetime:
    """A date becomes midnight UTC; a naive datetime is taken as UTC; an aware one is converted."""
    if not isinstance(day, datetime):
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    if day.tzinfo is None:
        return day.replace(tzinfo=UTC)
    return day.astimezone(UTC)


def iso_time(record: Record, column: str, fmt: str | None = None) -> datetime:
    """An ISO 8601 date or date-time (or one in ``fmt``, strptime syntax), as UTC."""
    raw = required(record, column, "a date")
    try:
        moment = datetime.strptime(raw, fmt) if fmt else datetime.fromisoformat(raw)
    except ValueError:
        expected = f"a date in the form {fmt!r}" if fmt else "an ISO 8601 date such as 2024-02-24"
        raise RowRejected(f"{raw!r} is not {expected}", column=column) from None
    check_year(moment, column, raw)
    return as_utc(moment)


def unix_time(record: Record, column: str) -> datetime | None:
    seconds = optional_integer(record, column)
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)
