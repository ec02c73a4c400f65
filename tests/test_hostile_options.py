"""Hostile option values for every command: NaN, infinities, negative, overflowing and empty numbers in every
numeric option, unknown values of every choice, impossible dates, malformed structured values; then random
values (Hypothesis). Each is refused with exit 2 naming the option and a fix, before any work starts.

The numeric and choice options are found by walking the command tree, so a new option is covered (or this
test says which base invocation it needs).
"""

from __future__ import annotations

import math

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guarantor.cli.simulate import FiniteFloat
from hostilekit import Workspace, assert_refused, invoke, leaf_commands

pytestmark = pytest.mark.usefixtures("elsewhere")

SPEC = "ukraine-coalition-2025"
LEDGER = ["--db", "{DB}", "--key", "{KEY}"]
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# A valid invocation of each command that has a numeric or choice option; the option under test is appended.
BASE: dict[str, list[str]] = {
    "power": ["power", "--weights", "1,1", "--quota", "2"],
    "simulate": ["simulate", SPEC],
    "sweep": ["sweep", SPEC, "--grid", "{GRID}"],
    "design": ["design", "ukraine-coalition-2026", "--space", "{SPACE}"],
    "report": ["report", "nato-1949", "-o", "-"],
    "demo": ["demo", "-o", "-"],
    "sources read": ["sources", "read", "{CSV_FEED}", "--format", "csv", "--mapping", "{MAPPING}"],
    "sources ingest": ["sources", "ingest", "{CSV_FEED}", "--format", "csv", "--mapping", "{MAPPING}"],
    "ledger register": ["ledger", "register", "P", "0" * 64, "--role", "party", "--db", "{DB}", "--key", "{KEY}"],
    "ledger show": ["ledger", "show", "--db", "{DB}"],
    "import atop": ["import", "atop", "--alliances", "{ALLIANCES}", "--members", "{MEMBERS}", "-o", "out"],
    "serve": ["serve", "--db", "{ROOT}/no-server.db"],  # never serves: a value accepted would fail preflight
    "admin add": ["admin", "add", "mission", "--role", "monitor", "--db", "{ROOT}/no-server.db"],
}
NUMERIC = (click.types.IntParamType, click.types.FloatParamType, FiniteFloat)
BAD_NUMBERS = ["nan", "inf", "-inf", "-1", "1e999", "-99999999999999999999999", "", "1.5e", "0x10"]


def _options(kind: type | tuple[type, ...]) -> list[tuple[str, click.Option]]:
    return [
        (name, p)
        for name, command in leaf_commands()
        for p in command.params
        if isinstance(p, click.Option) and isinstance(p.type, kind)
    ]


def _long(option: click.Option) -> str:
    return max(option.opts, key=len)


def test_every_command_with_a_numeric_or_choice_option_has_a_base_invocation() -> None:
    names = {name for name, _ in _options((*NUMERIC, click.Choice))}
    assert names <= set(BASE), f"add a valid invocation to BASE for {sorted(names - set(BASE))}"


# Numbers ------------------------------------------------------------------------------------------------------

NUMBER_CASES = [
    pytest.param(name, _long(option), value, id=f"{name} {_long(option)} {value!r}")
    for name, option in _options(NUMERIC)
    for value in BAD_NUMBERS
]


@pytest.mark.parametrize(("command", "option", "value"), NUMBER_CASES)
def test_a_bad_number_is_refused_naming_the_option(ws: Workspace, command: str, option: str, value: str) -> None:
    outcome = invoke([*ws.fill(BASE[command], ""), option, value])
    assert_refused(outcome, place=f"'{option}'")


def _not_a_number(text: str) -> bool:
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return True


@FUZZ
@given(data=st.data())
def test_any_value_that_is_not_a_finite_number_is_refused(ws: Workspace, data: st.DataObject) -> None:
    command, option = data.draw(st.sampled_from([(name, _long(o)) for name, o in _options(NUMERIC)]))
    value = data.draw(st.text(max_size=12).filter(_not_a_number).filter(lambda t: not t.startswith("-")))
    assert_refused(invoke([*ws.fill(BASE[command], ""), option, value]), place=f"'{option}'")


# Choices ------------------------------------------------------------------------------------------------------

CHOICE_CASES = [
    pytest.param(name, _long(option), id=f"{name} {_long(option)}") for name, option in _options(click.Choice)
]


@pytest.mark.parametrize(("command", "option"), CHOICE_CASES)
@pytest.mark.parametrize("value", ["no-such-choice", "", "HTML\x00"])
def test_an_unknown_choice_is_refused_with_the_choices(ws: Workspace, command: str, option: str, value: str) -> None:
    args = [a for a in ws.fill(BASE[command], "")]
    if option in args:  # the base gives it a valid value: replace that one
        del args[args.index(option) : args.index(option) + 2]
    outcome = invoke([*args, option, value])
    assert_refused(outcome, place=f"'{option}'")
    assert "is not one of" in outcome.output or "Choose from" in outcome.output, outcome.output


# Dates and times ------------------------------------------------------------------------------------------------

BAD_DATES = ["2020-13-45", "2021-02-29", "0000-00-00", "tomorrow", "nan", "99999-01-01", "2020-01-01T25:00"]
DATE_OPTIONS = [
    (["power", "nato-1949", "--body", "nac", "--date"], "'--date'"),
    (["replay", "nato-1949", "{EVENTS}", "--as-of"], "--as-of"),
    (["read", "{NEWS}", "--date"], "--date"),
]


@pytest.mark.parametrize(("template", "place"), DATE_OPTIONS, ids=lambda v: v if isinstance(v, str) else v[0])
@pytest.mark.parametrize("value", BAD_DATES)
def test_an_impossible_date_is_refused(ws: Workspace, template: list[str], place: str, value: str) -> None:
    assert_refused(invoke([*ws.fill(template, ""), value]), place=place)


# Structured values ------------------------------------------------------------------------------------------------

STRUCTURED = [
    (["simulate", SPEC, "--set", "nothing-to-set"], "--set"),
    (["simulate", SPEC, "--set", "=0.5"], "--set"),
    (["simulate", SPEC, "--set", "rho=nan"], "--set"),
    (["simulate", SPEC, "--set", "rho=.inf"], "--set"),
    (["simulate", SPEC, "--set", "rho=-1"], "rho"),
    (["simulate", SPEC, "--set", "rho=" + "[" * 5000], "rho"),
    (["simulate", SPEC, "--set", "pledges.no-such-pledge.reliability=0.5"], "no-such-pledge"),
    (["simulate", SPEC, "--without", "NOBODY"], "--without"),
    (["simulate", SPEC, "--compare", "no-such-instrument"], "no-such-instrument"),
    (["power", "--weights", "1,,2", "--quota", "2"], "--weights"),
    (["power", "--weights", "-1,2", "--quota", "1"], "--weights"),
    (["power", "--weights", "1e999", "--quota", "1"], "--weights"),
    (["power", "--weights", "1,1", "--quota", "nan"], "--quota"),
    (["power", "--weights", "1,1", "--quota", "150%"], "150%"),
    (["power", "--weights", "1,1", "--quota", "1/0"], "1/0"),
    (["power", "--weights", "1,1", "--quota", "3"], "--quota"),
    (["power", "--weights", "1,1", "--quota", "2", "--weights", "1,1,1"], "--weights"),
    (["power", "--weights", "1,1", "--quota", "2", "--names", "A,B,C"], "--names"),
    (["power", "--weights", "9" * 5000, "--quota", "1"], "--weights"),
    (["power", "--weights", "1,1", "--quota", "0"], "--quota"),
    (["power", "--weights", "1,1", "--quota", "-1"], "--quota"),
    (["power", "--weights", "0,0", "--quota", "50%"], "--quota"),
    (["power", "nato-1949"], "--body"),
    (["power", "nato-1949", "--body", "no-such-body"], "no-such-body"),
    (["sweep", SPEC, "--grid", "{GRID}", "--address", "no-port"], "--address"),
    (["sweep", SPEC, "--grid", "{GRID}", "--address", "127.0.0.1:99999"], "--address"),
    (["sweep", SPEC, "--grid", "{GRID}", "--address", "ray://:1"], "--address"),
    (["run", SPEC, "--feed", "{FEED}:no-such-format", "--db", "{DB}", "--key", "{KEY}"], "{FEED}:no-such-format"),
    (["run", SPEC, "--feed", "{CSV_FEED}:csv", "--db", "{DB}", "--key", "{KEY}"], "--mapping"),
    (["run", SPEC, "--feed", "{FEED}", "--vocabulary", "no-such-vocab", *LEDGER], "no-such-vocab"),
    (["run", SPEC, "--feed", "{FEED}", "--db", "postgresql://", "--key", "{KEY}"], "postgresql"),
    (["ledger", "show", "--db", "mysql://nowhere/x"], "mysql://nowhere/x"),
    (["ledger", "register", "P", "not-hex", "--role", "party", "--db", "{DB}", "--key", "{KEY}"], "not-hex"),
    (["ledger", "append", "{FEED}", "--db", "{DB}", "--key", "{KEY}", "--as", "nobody"], "nobody"),
    (["ledger", "init", "--db", "{ROOT}/half.db", "--admin", "a"], "--key"),
    (["ledger", "keygen", "p", "-o", "-"], "-o -"),
    (["library", "show", "../../../etc/passwd"], "../../../etc/passwd"),
    (["library", "show", ""], "''"),
    (["docs", "../../etc/passwd"], "../../etc/passwd"),
    (["docs", "errors#e999"], "e999"),
    (["docs", "no-such-page"], "no-such-page"),
    (["export", "atop", "no-such-instrument"], "no-such-instrument"),
    (["report", "nato-1949", "--json", "-o", "-"], "--json"),
    (["design", "ukraine-coalition-2026", "--space", "{SPACE}", "-o", "-", "--svg", "-"], "--svg"),
    (["design", "ukraine-coalition-2026", "--space", "{SPACE}", "--svg", "front.png"], "--svg"),
    (["simulate", SPEC, "--plot", "plot.pdf"], "--plot"),
    (["sources", "read", "{CSV_FEED}", "--format", "csv"], "--mapping"),
    (["sources", "quarantine", "resubmit", "no-such-entry", "--store", "{STORE}"], "no-such-entry"),
    (["sources", "quarantine", "resubmit", "q1", "--store", "{STORE}", "--set", "no-equals"], "--set"),
    (["admin", "add", "mission", "--role", "monitor", "--public-key", "ab", "--key-out", "k.pem"], "--key-out"),
]  # fmt: skip


@pytest.mark.parametrize(("template", "place"), STRUCTURED, ids=lambda v: v if isinstance(v, str) else " ".join(v)[:60])
def test_a_malformed_value_is_refused(ws: Workspace, template: list[str], place: str) -> None:
    assert_refused(invoke(ws.fill(template, "")), place=ws.fill([place], "")[0])


@FUZZ
@given(
    weights=st.text(alphabet="0123456789,-. %/e", max_size=16), quota=st.text(alphabet="0123456789-.%/e", max_size=6)
)
def test_random_weights_and_quotas_are_answered_or_refused(ws: Workspace, weights: str, quota: str) -> None:
    outcome = invoke(["power", "--weights", weights, "--quota", quota, "--limit", "2"])
    if outcome.exit_code != 0:
        assert_refused(outcome, place=["--weights", "--quota", "weight", "quota", "player"])
