"""Random input (Hypothesis) on standard input of the commands that read one: random bytes, random YAML and
JSON, and a valid spec with one line replaced by garbage. Whatever comes in, the command answers with its
documented exit code and never a traceback; a refusal (exit 2) names standard input and gives a fix.
"""

from __future__ import annotations

import json
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostilekit import Outcome, Workspace, assert_refused, invoke
from spec_cases import MINIMAL

pytestmark = pytest.mark.usefixtures("elsewhere")

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
STDIN = ["<stdin>", "standard input"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates()
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
garbage_line = st.text(alphabet=string.printable + "äé€\t", max_size=40)


def _yaml(document: object) -> str:
    return yaml.safe_dump(document, allow_unicode=True)


@st.composite
def spec_with_a_bad_line(draw: st.DrawFn) -> str:
    """The minimal valid spec with one line replaced, deleted or doubled."""
    lines = MINIMAL.splitlines()
    i = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["replace", "delete", "double", "indent"]))
    if how == "replace":
        lines[i] = draw(garbage_line)
    elif how == "delete":
        del lines[i]
    elif how == "double":
        lines.insert(i, lines[i])
    else:
        lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
    return "\n".join(lines) + "\n"


def _answered(outcome: Outcome, codes: tuple[int, ...]) -> None:
    """One of the documented exit codes; a refusal names standard input and gives a fix."""
    assert outcome.crash is None, f"crashed: {outcome.crash!r}\n{outcome.output}"
    assert "Traceback" not in outcome.output
    assert outcome.exit_code in codes, f"exit {outcome.exit_code}:\n{outcome.output}"
    if outcome.exit_code == 2:
        assert_refused(outcome, place=STDIN)


@FUZZ
@given(raw=st.binary(max_size=3000))
def test_random_bytes_as_a_spec(raw: bytes) -> None:
    _answered(invoke(["check", "-"], stdin=raw), (0, 1, 2))


@FUZZ
@given(document=documents)
def test_random_yaml_as_a_spec(document: object) -> None:
    _answered(invoke(["check", "-"], stdin=_yaml(document)), (0, 1, 2))


@FUZZ
@given(text=spec_with_a_bad_line())
def test_a_spec_with_one_bad_line(text: str) -> None:
    outcome = invoke(["check", "-"], stdin=text)
    _answered(outcome, (0, 1, 2))
    if outcome.exit_code == 2:  # the line is found: the first problem is at a line of the file
        assert "<stdin>:" in outcome.output, outcome.output


@FUZZ
@given(document=documents | st.binary(max_size=500))
def test_random_scenarios(document: object) -> None:
    raw = document if isinstance(document, bytes) else _yaml(document)
    _answered(invoke(["simulate", "ukraine-coalition-2025", "--scenarios", "-", "--trials", "1000"], stdin=raw), (0, 2))


@FUZZ
@given(document=documents | st.binary(max_size=500))
def test_random_timeline(document: object) -> None:
    raw = document if isinstance(document, bytes) else _yaml(document)
    _answered(invoke(["replay", "nato-1949", "-"], stdin=raw), (0, 2))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)


@FUZZ
@given(value=json_values | st.binary(max_size=300))
def test_random_events_to_append(ws: Workspace, value: object) -> None:
    raw = value if isinstance(value, bytes) else json.dumps(value)
    _answered(invoke(["ledger", "append", "-", "--db", str(ws.db), "--key", str(ws.key)], stdin=raw), (0, 2))


@FUZZ
@given(text=st.text(max_size=600) | st.binary(max_size=600))
def test_random_news_report(text: str | bytes) -> None:
    _answered(invoke(["read", "-"], stdin=text), (0, 2))
