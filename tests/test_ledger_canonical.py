"""Canonical JSON: one text per value, floats and ambiguity refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guarantor.errors import LedgerEventError
from guarantor.ledger import canonical_text, parse_json

GOOD = [
    ({"b": 1, "a": [True, None, "x"]}, '{"a":[true,null,"x"],"b":1}'),
    ({"é": "ü", "e": "\n\t\x01"}, '{"e":"\\n\\t\\u0001","é":"ü"}'),
    # RFC 8785 orders keys by UTF-16 code units: U+1F600 (D83D DE00) sorts before U+FB01.
    ({"\ufb01": 1, "\U0001f600": 2}, '{"\U0001f600":2,"\ufb01":1}'),
    ([], "[]"),
    ({"n": -(2**53 - 1)}, '{"n":-9007199254740991}'),
    ({"q": '"\\/'}, '{"q":"\\"\\\\/"}'),
]

BAD = [
    ({"x": 0.5}, "not an integer"),
    ({"x": float("nan")}, "not an integer"),
    ({"x": 2**53}, "outside"),
    ({1: "a"}, "is not a string"),
    ({"x": {1, 2}}, "is not JSON"),
    ({"x": "\ud800"}, "lone surrogate"),
]


@pytest.mark.parametrize(("value", "text"), GOOD)
def test_canonical_text(value: Any, text: str) -> None:
    assert canonical_text(value) == text


@pytest.mark.parametrize(("value", "message"), BAD)
def test_refused(value: Any, message: str) -> None:
    with pytest.raises(LedgerEventError, match=message):
        canonical_text(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1.0}', "not an integer"),
        ('{"a":1,"a":2}', "duplicate key"),
        ("{", "not JSON"),
        ("NaN", "not an"),
    ],
)
def test_parse_refuses(text: str, message: str) -> None:
    with pytest.raises(LedgerEventError, match=message):
        parse_json(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**53 - 1), max_value=2**53 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_round_trip_is_stable(value: Any) -> None:
    text = canonical_text(value)
    assert parse_json(text) == value
    assert canonical_text(parse_json(text)) == text
    assert json.loads(text) == value
