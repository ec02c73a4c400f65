"""Load a spec file: YAML with positions, typed validation, then reference resolution.

Every problem is reported with its place in the file and, where possible, the fix. All problems found are
collected (``SpecError.problems``), not only the first.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from guarantor.bounded import input_name, read_bounded
from guarantor.errors import SpecError, SpecStructureError, SpecSyntaxError
from guarantor.spec.base import Node
from guarantor.spec.model import Spec
from guarantor.spec.resolve import resolve_references
from guarantor.spec.yamlpos import MAX_BYTES, Document, Path, parse_yaml

__all__ = ["load_spec", "load_spec_text", "spec_from_data"]


def load_spec(path: str | FsPath) -> Spec:
    """Read, validate and resolve the spec at ``path`` (``-``: standard input), reading at most ``MAX_BYTES``."""
    raw = read_bounded(path, MAX_BYTES, error=SpecError, too_large=SpecSyntaxError, what="the spec")
    return load_spec_text(raw, input_name(path))


def load_spec_text(raw: bytes | str, file: str = "<spec>") -> Spec:
    """Validate and resolve a spec given as text or bytes; ``file`` names it in messages."""
    doc = parse_yaml(raw.encode() if isinstance(raw, str) else raw, file)
    return spec_from_document(doc)


def spec_from_data(data: Any, file: str = "<data>") -> Spec:
    """Validate and resolve plain data (as from ``yaml.safe_load`` or JSON)."""
    return spec_from_document(Document(data, file, {}))


def spec_from_document(doc: Document) -> Spec:
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__
        raise SpecStructureError(
            f"a spec must be a YAML mapping (key: value), but the document is a {kind}",
            hint="start with 'id:', 'title:' and 'parties:'",
            location=doc.where(()),
        )
    try:
        spec = Spec.model_validate(doc.data)
    except ValidationError as exc:
        raise _collect([_structure_error(doc, err) for err in exc.errors()]) from None
    _attach_locations(spec, doc, ())
    problems = resolve_references(spec, doc)
    if problems:
        raise _collect(problems)
    return spec


def _collect(problems: list[SpecError]) -> SpecError:
    problems.sort(key=lambda e: (e.location.line, e.location.column) if e.location else (0, 0))
    first = problems[0]
    first.problems = problems
    return first


# Validation errors -----------------------------------------------------------------------------------

_STRUCTURAL_NOISE = {"function-before", "function-after", "tagged-union"}


def _clean_loc(loc: tuple[int | str, ...]) -> Path:
    """Drop pydantic's union and validator labels from an error location, keeping real keys."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (part.split("[")[0] in _STRUCTURAL_NOISE or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def _structure_error(doc: Document, err: Any) -> SpecError:
    path = _clean_loc(tuple(err["loc"]))
    path = _real_path(doc.data, path)
    where = ".".join(str(p) for p in path) or "the top level"
    kind = err["type"]
    if kind == "extra_forbidden":
        key = path[-1] if path else "?"
        allowed = _allowed_keys(path[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else None
        if not hint and allowed:
            hint = "known keys here: " + ", ".join(sorted(allowed))
        return SpecStructureError(f"unknown key '{key}' at {where}", hint=hint, location=doc.where(path))
    if kind == "missing":
        return SpecStructureError(
            f"missing required key '{path[-1]}' at {'.'.join(str(p) for p in path[:-1]) or 'the top level'}",
            hint=f"add '{path[-1]}:'",
            location=doc.where(path[:-1]),
        )
    message = err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    said = isinstance(value, dict | list) or value is None or repr(value) in message or str(value) in message
    shown = "" if said else f" (got {value!r})"
    if kind == "union_tag_invalid":
        message = f"unknown kind {err['ctx'].get('tag')!r}; expected one of {err['ctx'].get('expected_tags')}"
        shown = ""
    return SpecStructureError(f"{where}: {message}{shown}", hint=_reference(path), location=doc.where(path))


def _real_path(data: Any, path: Path) -> Path:
    """Keep the longest prefix of ``path`` that exists in the data, plus the final missing/extra key."""
    node: Any = data
    for i, part in enumerate(path):
        if part == "obligations" and isinstance(node, dict) and "obligation" in node:
            # `obligation:` is written for `obligations: [..]`; drop the list index that follows.
            rest = path[i + 2 :] if len(path) > i + 1 and path[i + 1] == 0 else path[i + 1 :]
            return (*path[:i], "obligation", *_real_path(node["obligation"], rest))
        if _has(node, part):
            node = node[part]
        elif isinstance(node, dict) and i == len(path) - 1:
            return path
        else:
            # A discriminator tag or union member name: skip it and keep walking.
            rest = _real_path(node, path[i + 1 :])
            return (*path[:i], *rest)
    return path


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _allowed_keys(path: Path) -> list[str]:
    """The keys a node at ``path`` may have, found by walking the model classes."""
    keys: set[str] = set()
    for model in _models_at(path):
        keys |= {(f.alias or name) for name, f in model.model_fields.items()}
    return sorted(keys)


def _reference(path: Path) -> str:
    """Where the documentation describes the node at ``path``: its model's section of the spec reference."""
    models = _models_at(path)
    return f"see `guarantor docs spec-reference#{(models[0].__name__ if models else 'spec').lower()}`"


def _models_at(path: Path) -> list[type[BaseModel]]:
    """The model classes a node at ``path`` may be."""
    models: list[type[BaseModel]] = [Spec]
    for part in path:
        nxt: list[type[BaseModel]] = []
        for model in models:
            fields = {(f.alias or name): f for name, f in model.model_fields.items()}
            if isinstance(part, str) and part in fields:
                nxt += _models_in(fields[part].annotation, container_step=False)
            elif isinstance(part, str | int):
                nxt += _models_in(model, container_step=True, only_containers=True)
        models = nxt or models
    return models


def _models_in(tp: Any, *, container_step: bool, only_containers: bool = False) -> list[type[BaseModel]]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(tp)[0], container_step=container_step)
    if origin in (typing.Union, types.UnionType):
        out: list[type[BaseModel]] = []
        for arg in typing.get_args(tp):
            out += _models_in(arg, container_step=container_step, only_containers=only_containers)
        return out
    if origin in (list, dict):
        return _models_in(typing.get_args(tp)[-1], container_step=False)
    if isinstance(tp, type) and issubclass(tp, BaseModel) and not only_containers:
        return [tp]
    return []


# Locations -------------------------------------------------------------------------------------------


def _attach_locations(obj: Any, doc: Document, path: Path) -> None:
    """Give every Node its place in the file."""
    if isinstance(obj, Node):
        obj._loc = doc.where(path)
        for name, field in type(obj).model_fields.items():
            _attach_locations(getattr(obj, name), doc, (*path, field.alias or name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            _attach_locations(item, doc, (*path, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            _attach_locations(item, doc, (*path, key))
