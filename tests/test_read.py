"""guarantor read: dates, actors (offices by date, garbled names), statements, incidents, events, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.errors import ReportInputError
from guarantor.reading import garble, parse_report, read_text, reading_events
from guarantor.reading.dates import find_dates
from guarantor.reading.evaluation import score_corpus
from guarantor.reading.report import decode
from guarantor.reading.resolver import find_mentions
from guarantor.runtime.events import IncidentReported, StatementMade, event_from_json

NEWS = Path(__file__).parent / "data" / "news"
SUNDAY = date(2025, 8, 17)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Sunday", date(2025, 8, 17)),  # the dateline's own weekday is that day
        ("on Friday", date(2025, 8, 15)),
        ("last Sunday", date(2025, 8, 10)),
        ("next Monday", date(2025, 8, 18)),
        ("yesterday", date(2025, 8, 16)),
        ("on 15 August", date(2025, 8, 15)),
        ("on Aug. 20", date(2024, 8, 20)),  # no year: the latest such date on or before the dateline
        ("in 2023", date(2023, 1, 1)),
    ],
)
def test_dates_resolve_against_the_dateline(phrase: str, expected: date) -> None:
    found = find_dates(f"Officials met {phrase}.", SUNDAY)
    assert [d.value for d in found] == [expected]


@pytest.mark.parametrize(
    ("opening", "day", "agency"),
    [
        ("MOSCOW, Aug 17, 2025 (Reuters) - ", date(2025, 8, 17), "Reuters"),
        ("KHARKIV, Ukraine, Oct 12, 2025 (AP) - ", date(2025, 10, 12), "AP"),
        ("PARIS, 6 janvier 2026 (AFP) — ", date(2026, 1, 6), "AFP"),
        ("Date: 2025-09-05\nSource: TASS\n\n", date(2025, 9, 5), "TASS"),
    ],
)
def test_datelines(opening: str, day: date, agency: str) -> None:
    report = parse_report(opening + "Russia rejected the plan.")
    assert (report.dateline.day, report.dateline.agency) == (day, agency)
    assert report.sentences[-1].text == "Russia rejected the plan."


@pytest.mark.parametrize(
    ("text", "day", "entity"),
    [
        ("the NATO secretary general", date(2024, 9, 3), "jens-stoltenberg"),
        ("the NATO general secretary", date(2025, 8, 20), "mark-rutte"),
        ("the US president", date(2024, 8, 20), "joe-biden"),
        ("the US president", date(2025, 8, 20), "donald-trump"),
        ("the head of Ukraine's presidential office", date(2025, 6, 1), "andriy-yermak"),
        ("the head of Ukraine's presidential office", date(2026, 2, 28), "kyrylo-budanov"),
        ("Kremlin spokesman", date(2025, 8, 20), "dmitry-peskov"),
    ],
)
def test_offices_resolve_to_the_holder_on_the_date(text: str, day: date, entity: str) -> None:
    (m,) = find_mentions(f"{text} spoke", 0, day)
    assert (m.status, m.entity) == ("resolved", entity)


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Wolodymyr Selenskyj", "volodymyr-zelensky"),
        ("Puttin", "vladimir-putin"),
        ("Emmannuel Makron", "emmanuel-macron"),
        ("Andrij Sibyha", "andrii-sybiha"),
        ("Dmitri Peskow", "dmitry-peskov"),
        ("Stive Vitkoff", "steve-witkoff"),
        ("Rusia", "RUS"),
        ("Ukrainne", "UKR"),
    ],
)
def test_garbled_names_resolve(name: str, entity: str) -> None:
    mentions = find_mentions(f"Yesterday {name} spoke.", 0, date(2025, 8, 20))
    assert [(m.status, m.entity) for m in mentions] == [("resolved", entity)]


def test_office_beside_a_garbled_name_decides_it() -> None:
    (m,) = find_mentions("Russian Foreign Minister Sergjey Lavrof spoke", 0, date(2025, 8, 20))
    assert m.entity == "sergei-lavrov"
    assert "confirmed by RUS.foreign-minister" in m.how or "with RUS.foreign-minister" in m.how


def test_unknown_and_ambiguous_names_are_reported_not_guessed() -> None:
    reading = read_text("KYIV, Aug 20, 2025 (AP) - Ivan Petrovsky rejected the plan. The president welcomed it.")
    unresolved = {m.text: m.status for m in reading.unresolved()}
    assert unresolved == {"Ivan Petrovsky": "unknown", "president": "ambiguous"}
    assert [s.speaker.value for s in reading.statements] == ["?Ivan Petrovsky", "?president"]
    events = reading_events(reading, "x")
    assert events.events == [] and len(events.skipped) == 2


def test_the_issue_examples() -> None:
    reading = read_text(
        "MOSCOW, Aug 17, 2025 (Reuters) - U.S. envoy Steve Witkoff said Putin agreed on Friday that the U.S. "
        "could offer Article 5-like protection. The coalition of the willing ones is ready to share the part."
    )
    first, second = reading.statements
    assert (first.speaker.value, first.stance.value, first.concerns.value) == (
        "vladimir-putin",
        "agree",
        "article-5-like",
    )
    assert first.date.value == "2025-08-15"
    assert (second.speaker.value, second.stance.value) == ("coalition-of-the-willing", "offer")
    start, end = first.stance.span or (0, 0)
    assert reading_text_slice(reading, start, end) == "agreed"


def reading_text_slice(reading: object, start: int, end: int) -> str:
    text = (
        "MOSCOW, Aug 17, 2025 (Reuters) - U.S. envoy Steve Witkoff said Putin agreed on Friday that the U.S. "
        "could offer Article 5-like protection. The coalition of the willing ones is ready to share the part."
    )
    return text[start:end]


def test_incident_roles_kind_and_place() -> None:
    reading = read_text("KYIV, July 9, 2025 (Reuters) - Kharkiv was struck by Russian drones on Tuesday.")
    (i,) = reading.incidents
    assert (i.kind.value, i.by.value, i.against.value, i.region.value, i.date.value) == (
        "armed-attack",
        "RUS",
        "UKR",
        "Kharkiv",
        "2025-07-08",
    )


def test_events_are_runtime_events() -> None:
    text = (NEWS / "reports.yaml").read_text("utf-8")
    for row in yaml.safe_load(text)[:20]:
        reading = read_text(row["text"])
        for data in reading_events(reading, row["text"]).events:
            event = event_from_json(data)
            assert isinstance(event, IncidentReported | StatementMade)


def test_with_a_spec_parties_and_clauses_are_the_specs() -> None:
    from guarantor.spec import load_spec, resolve_spec_path

    spec = load_spec(resolve_spec_path("ukraine-coalition-2025"))
    text = "LONDON, Jan 6, 2026 (Reuters) - Britain offered a U.S. backstop plan to Ukraine."
    (event,) = reading_events(read_text(text), text, spec=spec).events
    assert (event["party"], event["concerns"]) == ("GBR", "backstop")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01binary", "NUL"),
        (b"caf\xe9 report", "not UTF-8"),
        (b"\x01\x02\x03\x04\x05\x06 text", "control characters"),
    ],
)
def test_bad_input_is_refused(raw: bytes, message: str) -> None:
    with pytest.raises(ReportInputError, match=message):
        decode(raw, "r.txt")


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "guarantor", "read", *args], input=stdin, capture_output=True, timeout=120
    )


def test_cli_table_json_and_events(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("WARSAW, Sept 10, 2025 (AP) - Russian drones struck Rzeszow on Tuesday. Tusk urged NATO to act.")
    table = _cli(str(report))
    assert table.returncode == 0 and b"armed-attack" in table.stdout and b"donald-tusk" in table.stdout
    data = json.loads(_cli(str(report), "--json").stdout)
    assert data["incidents"][0]["by"]["value"] == "RUS" and data["incidents"][0]["by"]["span"]
    assert {e["type"] for e in data["events"]} == {"incident_reported", "statement_made"}
    lines = _cli("-", "-o", "-", stdin=report.read_bytes()).stdout.decode().splitlines()
    assert [json.loads(x)["type"] for x in lines] == ["incident_reported", "statement_made"]


def test_cli_bad_input_exits_2(tmp_path: Path) -> None:
    binary = tmp_path / "b.bin"
    binary.write_bytes(bytes(range(256)) * 10)
    for args, stdin in (([str(binary)], b""), (["-"], b""), (["-"], b"y\n" * 600_000), ([str(tmp_path / "none")], b"")):
        done = _cli(*args, stdin=stdin)
        assert done.returncode == 2 and b"E901" in done.stderr and b"Traceback" not in done.stderr
    done = _cli(str(binary), "--date", "yesterday")
    assert done.returncode == 2 and b"E900" in done.stderr


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_without_error(text: str) -> None:
    reading = read_text(text, day=SUNDAY)
    for m in reading.mentions:
        assert 0 <= m.start <= m.end <= len(text)
        assert m.status == "resolved" or m.entity is None


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_garble_is_a_function_of_text_and_seed(seed: int) -> None:
    text = "KYIV, Aug 20, 2025 (AP) - President Volodymyr Zelensky welcomed the coalition of the willing on Sunday."
    assert garble(text, seed) == garble(text, seed)


def test_garbled_corpus_is_the_noise_process_output() -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from read import make_garbled  # type: ignore[import-not-found]

    reports = yaml.safe_load((NEWS / "reports.yaml").read_text("utf-8"))
    assert make_garbled(reports) == yaml.safe_load((NEWS / "garbled.yaml").read_text("utf-8"))


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_actor_accuracy_on_garbled_names(split: str) -> None:
    reports = {r["id"]: r for r in yaml.safe_load((NEWS / "reports.yaml").read_text("utf-8"))}
    garbled = [
        g for g in yaml.safe_load((NEWS / "garbled.yaml").read_text("utf-8")) if reports[g["of"]]["split"] == split
    ]
    score = score_corpus((read_text(g["text"]), reports[g["of"]]["expect"]) for g in garbled)
    actors = score.fields["actors"]
    assert actors.recall >= 0.9 and actors.precision >= 0.9, (actors.precision, actors.recall)


def test_the_python_in_docs_reading_runs() -> None:
    text = (Path(__file__).parents[1] / "docs" / "reading.md").read_text("utf-8")
    blocks = text.split("```python\n")[1:]
    assert blocks
    for block in blocks:
        exec(compile(block.split("```")[0], "docs/reading.md", "exec"), {})


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 5, 10), ("resolved", "shehbaz-sharif")),  # in office then; Nawaz Sharif was not
        (date(2015, 5, 10), ("resolved", "nawaz-sharif")),
        (None, ("ambiguous", None)),  # no date: two Sharifs, no way to tell
    ],
)
def test_the_date_tells_two_people_of_one_name_apart(day: date | None, expected: tuple[str, str | None]) -> None:
    (m,) = find_mentions("Sharif spoke", 0, day)
    assert (m.status, m.entity) == expected
    if day is None:
        assert set(m.candidates) == {"shehbaz-sharif", "nawaz-sharif"}


def test_spec_parties_and_clauses_for_a_nato_consultation() -> None:
    from guarantor.spec import load_spec, resolve_spec_path

    spec = load_spec(resolve_spec_path("nato-1949"))
    text = "WARSAW, Sept 10, 2025 (PAP) - Prime Minister Donald Tusk requested consultations under Article 4."
    (event,) = reading_events(read_text(text), text, spec=spec).events
    assert (event["type"], event["party"], event["stance"], event["concerns"]) == (
        "statement_made",
        "POL",
        "demand",
        "art4",
    )


def test_noise_process_operations() -> None:
    text = (
        "KYIV, Aug 20, 2025 (AP) - President Volodymyr Zelensky welcomed the coalition of the willing "
        "on Sunday. Russia rejected the security guarantees."
    )
    assert garble(text, 7, p_name=0, p_order=0, p_phrase=0) == text
    names = garble(text, 7, p_name=1, p_second=0, p_order=0, p_phrase=0)
    for word in ("Volodymyr", "Zelensky", "Russia"):
        assert word not in names
    assert "President" in names and "welcomed" in names  # only names are garbled
    ordered = garble(text, 7, p_name=0, p_order=1, p_phrase=0)
    assert "On Sunday President Volodymyr Zelensky welcomed the coalition of the willing." in ordered
    phrased = garble(text, 7, p_name=0, p_order=0, p_phrase=1)
    assert "coalition of the willing on" not in phrased
    assert any(v in phrased for v in ("guarantees of security", "security guaranties"))
