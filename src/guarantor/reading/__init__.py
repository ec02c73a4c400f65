"""Reading news reports as monitors receive them into incidents and statements (runtime events).

A rule-based pipeline with a bundled, sourced gazetteer; no model is downloaded. See docs/reading.md.

    reading, text = read_file("report.txt")
    for event in reading_events(reading, text).events: ...
"""

from guarantor.reading.events import EventsOut, reading_events, reading_table
from guarantor.reading.gazetteer import Entity, Gazetteer, gazetteer
from guarantor.reading.mention import Mention
from guarantor.reading.model import Field, Incident, Reading, Statement
from guarantor.reading.noise import garble
from guarantor.reading.reader import read_file, read_report, read_text
from guarantor.reading.report import MAX_BYTES, Dateline, Report, load_report, parse_report

__all__ = [
    "MAX_BYTES",
    "Dateline",
    "Entity",
    "EventsOut",
    "Field",
    "Gazetteer",
    "Incident",
    "Mention",
    "Reading",
    "Report",
    "Statement",
    "garble",
    "gazetteer",
    "load_report",
    "parse_report",
    "read_file",
    "read_report",
    "read_text",
    "reading_events",
    "reading_table",
]
