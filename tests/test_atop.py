"""ATOP import and export: the code mapping, a property round trip, the CLI, and all 745 real alliances."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from guarantor.atop import (
    ROUND_TRIP_VARIABLES,
    AtopAlliance,
    AtopRow,
    alliance_to_spec,
    coverage,
    read_alliances,
    read_states,
    round_trip_failures,
    spec_to_rows,
)
from guarantor.atop.codebook import ALLIANCE_REQUIRED, CONDITIONS_OF, MEMBER_REQUIRED
from guarantor.atop.coverage import compare
from guarantor.cli.main import _register, cli
from guarantor.errors import AtopDataError
from guarantor.spec import load_spec, spec_to_yaml

DATA = Path(os.environ.get("GUARANTOR_ATOP_DATA", Path(__file__).parents[1].parent / "shared/data/atop"))
STATES = {2: "USA", 200: "UKG", 220: "FRN", 255: "GMY", 365: "RUS", 8152: "XXX"}
SPECIFIC = [p + s for p, ss in CONDITIONS_OF.items() for s in ss]


def member(code: int, phase: int = 0, **codes: int) -> dict[str, int]:
    row = dict.fromkeys(MEMBER_REQUIRED, 0) | {"atopid": 9001, "member": code, "phase": phase, "olimob": 0}
    row |= {"yrent": 1950, "moent": 1, "dayent": 1}
    return row | codes


def alliance(*members: dict[str, int], **codes: int) -> AtopAlliance:
    row = dict.fromkeys(ALLIANCE_REQUIRED, 0) | {"atopid": 9001, "begyr": 1950, "begmo": 1, "begday": 1}
    for var in ("defense", "offense", "neutral", "nonagg", "consul"):
        row[var] = max(m[var] for m in members)
    mrows = tuple(AtopRow("m.csv", i + 2, m) for i, m in enumerate(members))
    return AtopAlliance(9001, AtopRow("a.csv", 2, row | codes), mrows)


def with_derived(m: dict[str, int]) -> dict[str, int]:
    """Fill the any-condition codes the way ATOP does: defcon is 1 when a defco* code is."""
    for prefix, any_var in (("defco", "defcon"), ("offco", "offcon"), ("neuco", "neucon"), ("conco", "concon")):
        m[any_var] = int(any(m[prefix + s] for s in CONDITIONS_OF[prefix]))
    m["conditio"] = int(m["olimob"] or any(m[v] for v in ("defcon", "offcon", "neucon", "concon")))
    return m


# The code mapping, one case per ATOP code ----------------------------------------------------------

CASES = [
    ("defense", {}, "collective-defence", None),
    ("offense", {}, "offence", None),
    ("neutral", {}, "neutrality", None),
    ("nonagg", {}, "non-aggression", None),
    ("consul", {}, "consultation", None),
    ("defense", {"defcoadv": 1}, "collective-defence", "adversary"),
    ("defense", {"defcoloc": 1}, "collective-defence", "attack_in"),
    ("defense", {"defcocon": 1}, "collective-defence", "conflict"),
    ("defense", {"defconum": 1}, "collective-defence", "adversaries_at_least"),
    ("defense", {"defcodem": 1}, "collective-defence", "demand_refused"),
    ("defense", {"defconpr": 1}, "collective-defence", "unprovoked"),
    ("offense", {"offcodem": 1}, "offence", "demand_refused"),
    ("neutral", {"neucoatt": 1}, "neutrality", "ally_attacked"),
    ("consul", {"concoreq": 1}, "consultation", "requested"),
    ("defense", {"olimob": 1}, "collective-defence", "event"),
]


@pytest.mark.parametrize(("obligation", "codes", "kind", "condition"), CASES)
def test_code_maps_to_construct(obligation: str, codes: dict[str, int], kind: str, condition: str | None) -> None:
    rows = [with_derived(member(c, **{obligation: 1}, **codes)) for c in (2, 200)]
    spec = alliance_to_spec(alliance(*rows), STATES)
    clause = next(iter(spec.clauses.values()))
    assert clause.kind.value == kind
    assert "ATOP" in (clause.source or "") and obligation in (clause.notes or "")
    conditions = clause.obligations[0].conditions
    keys = [k for c in conditions for k, v in c.model_dump(exclude_none=True).items() if k != "text" and v is not None]
    assert keys == ([condition] if condition else [])
    _, exported = spec_to_rows(spec)
    assert all(r[obligation] == 1 for r in exported)
    assert all(r[v] == codes.get(v, 0) for r in exported for v in SPECIFIC)


def test_asymmetric_obligations_give_one_obligation_per_group() -> None:
    rows = [with_derived(member(2, defense=1)), with_derived(member(200, defense=1, defcoadv=1))]
    spec = alliance_to_spec(alliance(*rows, statthr1=365), STATES)
    assert [o.bearer for o in spec.clauses["defence"].obligations] == [["USA"], ["GBR"]]
    assert spec.potential_aggressors == ["RUS"] and spec.actor("RUS") is not None


def test_parties_institutions_and_term() -> None:
    rows = [member(2, nonagg=1, yrexit=1960, moexit=5, dayexit=0), member(8152, nonagg=1)]
    spec = alliance_to_spec(alliance(*rows, milcon=2, organ1=3, length=120, renounce=1, proren=2), STATES)
    usa, other = spec.parties
    assert (usa.id, usa.iso3, usa.cow, usa.name) == ("USA", "USA", 2, "United States")
    assert str(usa.left) == "1960-05-01" and "set to the 1st" in (spec.notes or "")
    assert other.id == "XXX" and other.iso3 is None
    assert {i.kind.value: i.depth for i in spec.institutions.values()} == {"military-contact": 2, "organisation": 3}
    assert spec.term is not None and str(spec.term.duration) == "P10Y"
    assert (spec.term.renunciation, spec.term.renewal) == ("allowed", "automatic")
    arow, _ = spec_to_rows(spec)
    assert (arow["milcon"], arow["organ1"], arow["length"], arow["renounce"], arow["proren"]) == (2, 3, 120, 1, 2)


def test_phases_become_revisions_and_dated_obligations() -> None:
    first = [with_derived(member(c, 1, defense=1, yrexit=1955, moexit=1, dayexit=1)) for c in (2, 200)]
    second = [with_derived(member(c, 2, defense=1, defcoloc=1, yrent=1955)) for c in (2, 200, 220)]
    spec = alliance_to_spec(alliance(*first, *second, maxphase=2), STATES)
    assert [e.kind for e in spec.events] == ["revision"]
    _, rows = spec_to_rows(spec)
    assert sorted((r["member"], r["phase"], r["defcoloc"]) for r in rows) == [
        (2, 1, 0), (2, 2, 1), (200, 1, 0), (200, 2, 1), (220, 2, 1)
    ]  # fmt: skip


# Property: import then export gives back the member-level codes ----------------------------------

flag = st.integers(0, 1)


@st.composite
def member_rows(draw: st.DrawFn) -> list[dict[str, int]]:
    codes = draw(st.lists(st.sampled_from(sorted(STATES)), min_size=1, max_size=4, unique=True))
    rows = []
    for code in codes:
        m = member(code, **{v: draw(flag) for v in ("defense", "offense", "neutral", "nonagg", "consul")})
        for prefix, obligation in (
            ("defco", "defense"),
            ("offco", "offense"),
            ("neuco", "neutral"),
            ("conco", "consul"),
        ):
            for s in CONDITIONS_OF[prefix]:
                m[prefix + s] = draw(flag) if m[obligation] else 0
        has_obligation = any(m[v] for v in ("defense", "offense", "neutral", "nonagg", "consul"))
        m["olimob"] = draw(flag) if has_obligation else 0
        rows.append(with_derived(m))
    return rows


@settings(max_examples=60, deadline=None)
@given(member_rows())
def test_round_trip_of_generated_rows(rows: list[dict[str, int]]) -> None:
    if not any(r[v] for r in rows for v in ("defense", "offense", "neutral", "nonagg", "consul")):
        rows[0]["nonagg"] = 1
    source = alliance(*rows)
    spec = load_spec_text_roundtrip(alliance_to_spec(source, STATES))
    result = compare(source, spec_to_rows(spec))
    assert [v for v in ROUND_TRIP_VARIABLES if not result[v]] == []


def load_spec_text_roundtrip(spec: object) -> object:
    from guarantor.spec import load_spec_text

    return load_spec_text(spec_to_yaml(spec))  # type: ignore[arg-type]


# Reader errors --------------------------------------------------------------------------------------


def write_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def small_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    rows = [with_derived(member(2, defense=1, defcoloc=1)), with_derived(member(200, defense=1))]
    a = alliance(*rows)
    alliances = write_csv(tmp_path / "alliances.csv", [dict(a.row.values) | {"mem1": 2, "mem2": 200}])
    members = write_csv(tmp_path / "members.csv", [dict(r.values) for r in a.members])
    states = write_csv(tmp_path / "cow-states.csv", [{"ccode": c, "stateabb": s} for c, s in STATES.items()])
    return alliances, members, states


def test_malformed_cell_names_row_and_column(tmp_path: Path) -> None:
    alliances, members, _ = small_files(tmp_path)
    members.write_text(members.read_text().replace("\n9001,200,", "\n9001,2x0,", 1))
    with pytest.raises(AtopDataError, match=r"row 3, column 'member': expected an integer code.*'2x0'") as err:
        read_alliances(alliances, members)
    assert err.value.code == "E410" and err.value.location is not None and err.value.location.line == 3


def test_missing_column_and_unknown_id(tmp_path: Path) -> None:
    alliances, members, _ = small_files(tmp_path)
    with pytest.raises(AtopDataError, match="no alliance with atopid 1"):
        read_alliances(alliances, members, [1])
    with pytest.raises(AtopDataError, match="lacks the column"):
        read_alliances(members, members)


def test_an_alliance_listed_twice_is_refused_naming_both_rows(tmp_path: Path) -> None:
    alliances, members, _ = small_files(tmp_path)
    lines = alliances.read_text().splitlines()
    alliances.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(AtopDataError, match=r"row 3, column 'atopid': alliance 9001 is listed twice \(rows 2 and 3\)"):
        read_alliances(alliances, members)


def test_a_member_row_listed_twice_is_refused(tmp_path: Path) -> None:
    alliances, members, _ = small_files(tmp_path)
    lines = members.read_text().splitlines()
    members.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(
        AtopDataError,
        match=r"row 4, column 'member': member 2 of alliance 9001 in phase 0 with the same entry date is listed twice",
    ) as err:
        read_alliances(alliances, members)
    assert err.value.location is not None and err.value.location.file == str(members)


@pytest.mark.parametrize(
    ("column", "value", "allowed"),
    [("defense", 7, "0 to 1"), ("defcoloc", -1, "0 to 1"), ("phase", -2, "0 to 99"), ("member", 123456, "0 to 9999")],
)
def test_a_code_outside_the_codebook_names_file_row_and_column(
    tmp_path: Path, column: str, value: int, allowed: str
) -> None:
    alliances, members, _ = small_files(tmp_path)
    with members.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[1][column] = str(value)
    write_csv(members, rows)  # type: ignore[arg-type]
    with pytest.raises(AtopDataError, match=rf"row 3, column '{column}': {value} is not an ATOP code") as err:
        read_alliances(alliances, members)
    where = err.value.location
    assert where is not None and (where.file, where.line, where.column) == (
        str(members),
        3,
        list(rows[0]).index(column) + 1,
    )
    assert allowed in err.value.message and err.value.hint


def test_import_names_the_missing_file(tmp_path: Path) -> None:
    alliances, members, _ = small_files(tmp_path)
    _register()
    for missing, args in (
        (tmp_path / "nope.csv", ["--alliances", str(tmp_path / "nope.csv"), "--members", str(members)]),
        (tmp_path / "gone.csv", ["--alliances", str(alliances), "--members", str(tmp_path / "gone.csv")]),
        (
            tmp_path / "cow.csv",
            ["--alliances", str(alliances), "--members", str(members), "--states", str(tmp_path / "cow.csv")],
        ),
    ):
        result = CliRunner().invoke(cli, ["import", "atop", *args, "-o", str(tmp_path / "out")])
        assert result.exit_code == 2 and "E410" in result.output and str(missing) in result.output, result.output


# CLI end to end ------------------------------------------------------------------------------------


def test_cli_import_then_export(tmp_path: Path) -> None:
    alliances, members, _ = small_files(tmp_path)
    _register()
    runner = CliRunner()
    args = ["import", "atop", "--alliances", str(alliances), "--members", str(members), "-o", str(tmp_path / "out")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "defcoloc" in result.output and "100%" in result.output
    spec = tmp_path / "out" / "atop-9001.yaml"
    assert load_spec(spec).clauses["defence"].obligations[0].bearer == ["USA"]
    out = runner.invoke(cli, ["export", "atop", str(spec), "--members", "-o", str(tmp_path / "rows.csv")])
    assert out.exit_code == 0, out.output
    exported = list(csv.DictReader((tmp_path / "rows.csv").read_text().splitlines()))
    assert next(iter(exported[0])) == "atopid"
    assert [(r["member"], r["defense"], r["defcoloc"]) for r in exported] == [("2", "1", "1"), ("200", "1", "0")]


def test_cli_bad_input_exits_2(tmp_path: Path) -> None:
    alliances, members, _ = small_files(tmp_path)
    members.write_text(members.read_text().replace("\n9001,200,", "\n9001,?,", 1))
    _register()
    args = ["import", "atop", "--alliances", str(alliances), "--members", str(members), "-o", str(tmp_path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "E410" in result.output and "row 3" in result.output


# All 745 real alliances -------------------------------------------------------------------------------

needs_data = pytest.mark.skipif(
    not (DATA / "atop-member-level.csv").is_file(),
    reason=f"ATOP data not found at {DATA} (set GUARANTOR_ATOP_DATA to the folder with the ATOP CSV files)",
)


@needs_data
def test_all_alliances_round_trip(tmp_path: Path) -> None:
    started = time.perf_counter()
    alliances = read_alliances(DATA / "atop-alliance-level.csv", DATA / "atop-member-level.csv")
    states = read_states(DATA / "cow-states.csv")
    assert len(alliances) == 745
    specs, results = {}, {}
    for a in alliances:
        path = tmp_path / f"atop-{a.atopid}.yaml"
        path.write_text(spec_to_yaml(alliance_to_spec(a, states)))
        specs[a.atopid] = load_spec(path)
        results[a.atopid] = compare(a, spec_to_rows(specs[a.atopid], states))
    assert round_trip_failures(results) == {}
    table = {line.variable: line for line in coverage(alliances, specs)}
    for var in ROUND_TRIP_VARIABLES:
        assert table[var].percent == 100.0, var
    assert time.perf_counter() - started < 60


def test_nato_against_atop_3180() -> None:
    from guarantor.spec import library_names

    if "nato-1949" not in library_names():
        pytest.skip("nato-1949 is not bundled yet (it is being written on branch 'library')")
    from guarantor.spec import load_library_spec

    arow, rows = spec_to_rows(load_library_spec("nato-1949"))
    assert arow["defense"] == 1 and arow["consul"] == 1 and arow["begyr"] == 1949
    assert all(r["defense"] == 1 for r in rows)
