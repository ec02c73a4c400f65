"""Reading a whole report: its sentences in order, generic offices resolved to the person last named."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from guarantor.reading.extract import ReportContext, read_sentence
from guarantor.reading.gazetteer import gazetteer
from guarantor.reading.mention import Mention
from guarantor.reading.model import Incident, Reading, Statement
from guarantor.reading.report import Report, load_report, parse_report

__all__ = ["read_file", "read_report", "read_text"]


def _corefer(m: Mention, named: list[str], day: date | None) -> Mention:
    """ "the president" after "President Zelensky": the person last named who holds such an office."""
    if m.resolved or m.kind != "office" or not m.candidates:
        return m
    for entity in reversed(named):
        if entity in m.candidates:
            return replace(m, status="resolved", entity=entity, confidence=0.7, how=m.how + "; the one last named")
    return m


def read_report(report: Report) -> Reading:
    """Statements, incidents and actors of a parsed report."""
    day = report.dateline.day
    statements: list[Statement] = []
    incidents: list[Incident] = []
    mentions: list[Mention] = []
    named: list[str] = []
    context = ReportContext()
    g = gazetteer()
    for sentence in report.sentences:
        part = read_sentence(sentence, day, lambda m: _corefer(m, named, day), context)
        people = [m for m in part.mentions if m.entity and (e := g.entities.get(m.entity)) and e.kind == "person"]
        context.last_person = people[-1] if people else context.last_person
        context.incidents += len(part.incidents)
        statements.extend(part.statements)
        incidents.extend(part.incidents)
        mentions.extend(part.mentions)
        named.extend(
            m.entity for m in part.mentions if m.entity and (e := g.entities.get(m.entity)) and e.kind == "person"
        )
    notes = () if day else ("no dateline date: relative dates are not resolved (give --date)",)
    if context.budget.left <= 0:
        notes = (*notes, "too many unknown names: later ones were not compared with the gazetteer")
    return Reading(report.dateline, tuple(statements), tuple(incidents), tuple(mentions), report.dateline.agency, notes)


def read_text(text: str, *, day: date | None = None) -> Reading:
    """Read a report given as text; ``day`` stands in for the dateline's date."""
    return read_report(parse_report(text, day=day))


def read_file(path: str, *, day: date | None = None) -> tuple[Reading, str]:
    """Read a report from a file (``-``: standard input), with the input limits of ``report.load_report``;
    returns the reading and the text read."""
    report = load_report(path, day=day)
    return read_report(report), report.text
