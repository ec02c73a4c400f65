"""Dates named in a report, resolved against its dateline ("on Sunday", "yesterday", "15 August", "in 2023").

Wire convention: a weekday names the latest such day on or before the dateline (the dateline's own weekday
is that day), "next Monday" the first after it; a day and month without a year is the latest such date on or
before the dateline. An explicit date is parsed by dateparser; a bare year or month keeps its precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import dateparser

__all__ = ["DateMention", "find_dates", "parse_date"]

Precision = Literal["day", "month", "year"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("dmy", rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}(?:,? \d{{4}})?\b"),
    ("mdy", rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b"),
    ("month", rf"\b(?:in|since|by|until|during) (?:early |late |mid-)?{_MONTH} \d{{4}}\b"),
    ("year", r"\b(?:in|since|by|until|during|of) (?:early |late |mid-)?(?:19|20)\d{2}\b"),
    (
        "weekday",
        r"\b(?:(?:last|next|on|this|late|early) )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    ),
    ("relative", r"\b(?:yesterday|today|tomorrow|tonight|overnight|this morning|earlier today)\b"),
)
_RELATIVE = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "overnight": 0, "this morning": 0}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in the text: its span, the day it names (the first day for a month or year)."""

    start: int
    end: int
    text: str
    value: date
    precision: Precision
    confidence: float


def parse_date(text: str, base: date | None = None) -> date | None:
    """An explicit date ("17 August 2025", "Aug 17", "2025-08-17", "17 août 2025"), or None."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, settings=settings, languages=["en", "fr", "de", "es", "it", "uk", "ru"])
    return parsed.date() if parsed is not None else None


def _weekday(text: str, base: date) -> date:
    words = text.lower().split()
    target = WEEKDAYS.index(words[-1])
    if words[0] == "next":
        return base + timedelta(days=(target - base.weekday() - 1) % 7 + 1)
    back = (base.weekday() - target) % 7
    return base - timedelta(days=back if words[0] != "last" or back else 7)


def _resolve(kind: str, text: str, base: date | None) -> tuple[date, Precision, float] | None:
    if kind in ("iso", "dmy", "mdy"):
        has_year = re.search(r"\d{4}", text) is not None
        day = parse_date(text, base)
        return None if day is None or (base is None and not has_year) else (day, "day", 0.95 if has_year else 0.85)
    if kind == "year":
        return date(int(text[-4:]), 1, 1), "year", 0.9
    if kind == "month":
        month = parse_date("1 " + " ".join(text.split()[-2:]))
        return (month, "month", 0.9) if month else None
    if base is None:
        return None
    if kind == "weekday":
        return _weekday(text, base), "day", 0.8
    return base + timedelta(days=_RELATIVE.get(text.lower(), 0)), "day", 0.8


def find_dates(text: str, base: date | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text`` (spans shifted by ``offset``); relative ones need ``base``."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in re.finditer(pattern, text, flags=re.IGNORECASE if kind == "relative" else 0):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            resolved = _resolve(kind, m.group(0), base)
            if resolved is not None:
                taken.append((m.start(), m.end()))
                value, precision, confidence = resolved
                found.append(
                    DateMention(offset + m.start(), offset + m.end(), m.group(0), value, precision, confidence)
                )
    return sorted(found, key=lambda d: d.start)
