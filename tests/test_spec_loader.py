"""The loader: good specs load with positions; bad specs give exact codes, places and messages."""

from __future__ import annotations

import pytest

from guarantor import SpecError
from guarantor.spec import Strength, load_spec_text, parse_duration, parse_ratio, spec_to_yaml
from spec_cases import MINIMAL, edited


def test_minimal_loads_with_positions() -> None:
    spec = load_spec_text(MINIMAL, "m.yaml")
    clause = spec.clauses["art1"]
    assert clause.loc is not None and (clause.loc.line, clause.loc.column) == (11, 3)
    ob = clause.obligations[0]
    assert ob.strength is Strength.AS_DEEMED_NECESSARY
    assert str(ob.deadline) == "forthwith" and not ob.deadline.is_numeric
    assert ob.loc is not None and ob.loc.line == 17
    assert spec.bodies["council"].rule.kind == "consensus"


# (description, edit-from, edit-to, code, line, column, words that must be in the message)
BAD = [
    ("unknown top-level key", "signed:", "sigend:", "E102", 4, 9, ["unknown key 'sigend'", "did you mean 'signed'"]),
    ("unknown clause key", "    trigger:", "    triger:", "E102", 15, 13, ["unknown key 'triger'", "'trigger'"]),
    (
        "unknown body",
        "decision: {body: council}",
        "decision: {body: cuncil}",
        "E103",
        16,
        22,
        ["unknown body 'cuncil'", "did you mean 'council'"],
    ),
    (
        "unknown bearer",
        "bearer: each-party",
        "bearer: BBC",
        "E103",
        17,
        26,
        ["unknown party, role or set 'BBC'", "'BBB'"],
    ),
    ("bad strength", "as-deemed-necessary", "whatever", "E102", 17, 48, ["strength", "'whatever'"]),
    ("bad deadline", "deadline: forthwith", "deadline: soonish", "E102", 17, 79, ["ISO 8601", "'soonish'"]),
    ("bad rule word", "rule: consensus", "rule: concensus", "E102", 9, 41, ["unknown rule 'concensus'"]),
    ("bad rule kind", "rule: consensus", "rule: {kind: wieghted}", "E102", 9, 41, ["unknown kind 'wieghted'"]),
    ("count without threshold", "rule: consensus", "rule: {kind: count}", "E102", 9, 41, ["needs 'at_least'"]),
    (
        "wrong type for regions",
        "in: {regions: [europe]}",
        "in: {regions: europe}",
        "E102",
        15,
        52,
        ["valid list", "'europe'"],
    ),
    ("missing title", "title: Minimal mutual defence\n", "", "E102", 2, 1, ["missing required key 'title'"]),
    (
        "duplicate party",
        "  - {id: BBB, regions: [europe]}",
        "  - {id: AAA, regions: [europe]}",
        "E102",
        2,
        1,
        ["'AAA' is listed twice"],
    ),
    ("bad date", "signed: 2020-01-01", "signed: 2020-13-01", "E101", 4, 9, ["'2020-13-01'", "month must be in 1..12"]),
    ("bad ratio", "rule: consensus", "rule: {kind: count, fraction: '150%'}", "E102", 9, 65, ["between 0 and 1"]),
    (
        "duplicate key",
        "signed: 2020-01-01",
        "signed: 2020-01-01\nsigned: 2021-01-01",
        "E101",
        5,
        1,
        ["duplicate key 'signed'"],
    ),
    (
        "terminated before signed",
        "signed: 2020-01-01",
        "signed: 2020-01-01\nterminated: 2019-12-31",
        "E102",
        5,
        13,
        ["terminated on 2019-12-31, before it was signed on 2020-01-01"],
    ),
    ("yaml syntax", "kind: collective-defence", "kind: [collective-defence", "E101", 13, 9, ["not valid YAML"]),
]


@pytest.mark.parametrize(("desc", "old", "new", "code", "line", "column", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_specs(desc: str, old: str, new: str, code: str, line: int, column: int, words: list[str]) -> None:
    with pytest.raises(SpecError) as info:
        load_spec_text(edited(old, new), "m.yaml")
    err = info.value
    text = f"{err.message} {err.hint or ''}"
    assert err.code == code, text
    assert err.location is not None
    assert (err.location.line, err.location.column) == (line, column), text
    for word in words:
        assert word in text


def test_all_problems_are_reported() -> None:
    text = edited("decision: {body: council}", "decision: {body: cuncil}").replace("each-party", "everyone")
    with pytest.raises(SpecError) as info:
        load_spec_text(text, "m.yaml")
    assert [p.code for p in info.value.problems] == ["E103", "E103"]
    assert [p.location.line for p in info.value.problems if p.location] == [16, 17]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b"   \n# only a comment\n", "empty"),
        (b"- a\n- b\n", "must be a YAML mapping"),
        (b"just a string", "must be a YAML mapping"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"id: x\ntitle: \xff\xfe\n", "not UTF-8"),
        (b"a: &a [*a]\n", "recursive"),
    ],
)
def test_hostile_inputs(raw: bytes, words: str) -> None:
    with pytest.raises(SpecError) as info:
        load_spec_text(raw, "bad.yaml")
    assert words in info.value.message
    assert info.value.location is not None and info.value.location.file == "bad.yaml"


def test_yaml_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(SpecError) as info:
        load_spec_text("\n".join(lines), "bomb.yaml")
    assert "alias bomb" in info.value.message


def test_huge_file_is_refused_without_parsing() -> None:
    raw = b"id: x\n" + b"# padding\n" * 5_300_000  # about 50 MB
    with pytest.raises(SpecError) as info:
        load_spec_text(raw, "huge.yaml")
    assert "at most 8 MiB" in info.value.message


def test_yaml12_booleans_keep_country_codes() -> None:
    spec = load_spec_text(MINIMAL.replace("AAA", "NO").replace("BBB", "ON"), "m.yaml")
    assert spec.party_ids == ["NO", "ON"]
    again = load_spec_text(spec_to_yaml(spec))
    assert again == spec


@pytest.mark.parametrize(
    ("text", "months", "days", "seconds"),
    [("PT24H", 0, 0, 86400), ("P3D", 0, 3, 0), ("P1Y6M", 18, 0, 0), ("P2W", 0, 14, 0), ("PT1H30M", 0, 0, 5400)],
)
def test_durations(text: str, months: int, days: int, seconds: float) -> None:
    d = parse_duration(text)
    assert (d.months, d.days, d.seconds) == (months, days, seconds)
    assert parse_duration(d.iso()) == d


@pytest.mark.parametrize("bad", ["24h", "P", "PT", "P1H", "-P1D", "", "P1.5D"])
def test_bad_durations(bad: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_duration(bad)


@pytest.mark.parametrize(("text", "num", "den"), [("2/3", 2, 3), ("65%", 13, 20), (0.5, 1, 2), ("55.5%", 111, 200)])
def test_ratios(text: str | float, num: int, den: int) -> None:
    r = parse_ratio(text)
    assert (r.numerator, r.denominator) == (num, den)
