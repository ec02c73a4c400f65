"""Canonical JSON: one byte string for one value, so that a hash or a signature over it is well defined.

The form follows RFC 8785 (JSON Canonicalization Scheme) restricted to values without floats:

- objects with string keys, sorted by their UTF-16 code units (RFC 8785 section 3.2.3); no duplicate keys;
- no whitespace; UTF-8; only ``"``, ``\\`` and control characters escaped (``\\b \\f \\n \\r \\t``, others
  as ``\\u00xx``), exactly as ECMAScript ``JSON.stringify`` writes them;
- integers only, within the I-JSON safe range ``|n| <= 2**53 - 1``; floats are refused, since two programs
  may print the same float differently. Write decimals as strings (``"0.25"``), times as RFC 3339 strings;
- strings must be valid Unicode (no lone surrogates).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from guarantor.errors import LedgerEventError

__all__ = ["MAX_SAFE_INTEGER", "canonical_bytes", "canonical_text", "parse_canonical", "parse_json"]

MAX_SAFE_INTEGER = 2**53 - 1
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def canonical_text(value: object) -> str:
    """The canonical JSON text of ``value``; raises LedgerEventError for anything outside the form."""
    return _ENCODER.encode(_normalise(value, "$"))


def canonical_bytes(value: object) -> bytes:
    return canonical_text(value).encode("utf-8")


def parse_json(text: str | bytes) -> Any:
    """Parse JSON strictly: no floats, no NaN, no duplicate keys; the result canonicalises cleanly."""
    return _parse(text, encode=False)[0]


def parse_canonical(text: str | bytes) -> tuple[Any, bool]:
    """``parse_json`` of ``text``, and whether ``text`` is already its canonical form (one pass over it)."""
    value, canonical = _parse(text, encode=True)
    return value, canonical == (text if isinstance(text, str) else text.decode("utf-8", "replace"))


def _parse(text: str | bytes, *, encode: bool) -> tuple[Any, str | None]:
    try:
        value = json.loads(
            text,
            parse_float=_refuse_float,
            parse_constant=_refuse_float,
            object_pairs_hook=_unique_keys,
        )
        normalised = _normalise(value, "$")
        return value, _ENCODER.encode(normalised) if encode else None
    except UnicodeDecodeError as exc:
        raise LedgerEventError(f"input is not UTF-8: {exc}", hint="save the events as UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise LedgerEventError(
            f"input is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            hint="give a JSON object, or an array of objects",
        ) from None
    except RecursionError:
        raise LedgerEventError(
            "input is nested too deeply to be an event", hint="an event is an object of a few levels"
        ) from None


def _refuse_float(token: str) -> Any:
    raise LedgerEventError(
        f"number {token} is not an integer",
        hint='canonical JSON has no floats; write decimals as strings, e.g. "0.25"',
    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise LedgerEventError(f"duplicate key {key!r} in a JSON object")
        out[key] = value
    return out


def _normalise(value: object, path: str) -> object:
    """Check ``value`` against the canonical form and return it with object keys in canonical order."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise LedgerEventError(f"{path}: integer {value} is outside ±(2**53 - 1)", hint="write it as a string")
        return value
    if isinstance(value, str):
        _check_unicode(value, path)
        return value
    if isinstance(value, Mapping):
        return _normalise_object(value, path)
    if isinstance(value, list | tuple):
        return [_normalise(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, float):
        _refuse_float(f"{value!r} at {path}")
    raise LedgerEventError(
        f"{path}: a {type(value).__name__} is not JSON",
        hint="use objects, arrays, strings, integers, true, false and null",
    )


def _normalise_object(value: Mapping[Any, Any], path: str) -> dict[str, object]:
    ascii_keys = True
    for key in value:
        if not isinstance(key, str):
            raise LedgerEventError(f"{path}: object key {key!r} is not a string")
        if not key.isascii():
            ascii_keys = False
            _check_unicode(key, path)
    # ASCII keys sort the same by code point as by UTF-16 code unit; only others need the encoding.
    ordered = sorted(value) if ascii_keys else sorted(value, key=_utf16_key)
    return {key: _normalise(value[key], f"{path}.{key}") for key in ordered}


def _utf16_key(key: str) -> bytes:
    return key.encode("utf-16-be")


def _check_unicode(text: str, path: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise LedgerEventError(f"{path}: string {text!r} is not valid Unicode (lone surrogate)") from None
