"""Safe YAML reading that keeps the source position of every node.

Guards against hostile input: a size limit, binary files, duplicate keys, recursive aliases and alias bombs
(a budget on the number of nodes an alias may expand to), nesting deeper than ``MAX_DEPTH``. Booleans are
only ``true``/``false`` and numbers only YAML 1.2 forms, so Norway's code ``NO`` and the key ``on`` stay
strings, and so do YAML 1.1 forms such as ``12:30`` (base 60, read as 750 by YAML 1.1) or ``017`` (octal, 15).
Non-finite numbers (``.inf``, ``.nan``) are refused: no quantity in a spec is infinite or undefined.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from guarantor.errors import GuarantorError, Location, SpecSyntaxError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Document", "Path", "parse_yaml", "yaml_data"]

MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

Path = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# YAML 1.2 core schema numbers: no base 60, no leading-zero octal, no underscores.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


@dataclass
class Document:
    """Plain Python data plus the location of every node by its path."""

    data: Any
    file: str
    positions: dict[Path, Location] = field(default_factory=dict)

    def where(self, path: Path) -> Location:
        """The location of ``path``, or of its nearest ancestor that has one."""
        path = self._written(path)
        for cut in range(len(path), -1, -1):
            loc = self.positions.get(tuple(path[:cut]))
            if loc is not None:
                return loc
        return Location(self.file, 1, 1)

    def _written(self, path: Path) -> Path:
        """Map a model path to the path as written: ``obligations.0`` may be written ``obligation``."""
        for i in range(len(path) - 1):
            if path[i] == "obligations" and path[i + 1] == 0 and (*path[:i], "obligation") in self.positions:
                return (*path[:i], "obligation", *path[i + 2 :])
        return path


_SPEC_SHAPE = "a spec is a YAML mapping with at least id, title and parties"


def parse_yaml(raw: bytes, file: str, *, what: str = "spec", shape: str = _SPEC_SHAPE) -> Document:
    """Parse ``raw`` (the bytes of a file) into a Document, or raise SpecSyntaxError. ``what`` names the kind of
    file in messages; ``shape`` says what it holds (the fix for an empty file)."""
    if len(raw) > MAX_BYTES:
        raise SpecSyntaxError(
            f"the file is {len(raw) / 1e6:.1f} MB; a {what} may be at most {MAX_BYTES // (1024 * 1024)} MiB",
            hint=f"split the {what} or remove embedded data",
            location=Location(file),
        )
    text = _decode(raw, file, what)
    if not text.strip():
        raise SpecSyntaxError("the file is empty", hint=shape, location=Location(file, 1, 1))
    _flow_depth(text, file, what)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise _too_deep(file, what) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise SpecSyntaxError(
            f"not valid YAML: {exc.problem or exc.context}",
            hint="check indentation, colons and quotes at this place",
            location=Location(file, line, col),
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character: the reader gives its offset, not a mark
        line = text[: exc.position].count("\n") + 1
        raise SpecSyntaxError(
            f"not valid YAML: the character {exc.character!r} at offset {exc.position} is not allowed in YAML text",
            hint="remove the control character; a YAML file is plain text",
            location=Location(file, line, exc.position - text.rfind("\n", 0, exc.position)),
        ) from None
    except yaml.YAMLError as exc:
        raise SpecSyntaxError(
            f"not valid YAML: {' '.join(str(exc).split())}",
            hint="check the YAML syntax of the file",
            location=Location(file),
        ) from None
    if root is None:
        raise SpecSyntaxError("the file is empty (it holds only comments)", hint=shape, location=Location(file, 1, 1))
    try:
        return _Builder(file).build(root)
    except RecursionError:
        raise _too_deep(file, what) from None


def yaml_data(raw: bytes, file: str, *, what: str, shape: str, error: type[GuarantorError] = SpecSyntaxError) -> Any:
    """The plain data of a YAML file other than a spec (scenarios, posture, grid, design file), read with the
    same guards as a spec; a problem is raised as ``error`` with the same message, fix and place."""
    try:
        return parse_yaml(raw, file, what=what, shape=shape).data
    except SpecSyntaxError as exc:
        if error is SpecSyntaxError:
            raise
        raise error(exc.message, hint=exc.hint, location=exc.location) from None


_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str, file: str, what: str) -> None:
    """Refuse flow brackets nested deeper than MAX_DEPTH before the YAML scanner sees them: its work grows with
    the square of the depth, so 5,000 ``[`` would cost seconds before the nesting is found."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            error = _too_deep(file, what)
            error.location = Location(file, line, match.start() - text.rfind("\n", 0, match.start()))
            raise error


def _too_deep(file: str, what: str) -> SpecSyntaxError:
    return SpecSyntaxError(
        f"the document nests deeper than {MAX_DEPTH} levels",
        hint=f"a {what} needs only a few levels of nesting; flatten the structure",
        location=Location(file),
    )


def _decode(raw: bytes, file: str, what: str) -> str:
    if b"\x00" in raw[:65536]:
        raise SpecSyntaxError(
            f"the file is binary (it contains NUL bytes), not a YAML {what}",
            hint=f"pass the .yaml file of the {what}",
            location=Location(file),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SpecSyntaxError(
            f"the file is not UTF-8 text (bad byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            hint=f"save the {what} as UTF-8",
            location=Location(file, line, 1),
        ) from None


class _Builder:
    """Turns a composed node graph into data, counting every node visited (aliases included)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Path, Location] = {}
        self.visited = 0
        self.active: set[int] = set()
        self.scalars = _Loader("")

    def build(self, root: Node) -> Document:
        return Document(self.visit(root, ()), self.file, self.positions)

    def loc(self, node: Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def visit(self, node: Node, path: Path) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise SpecSyntaxError(
                f"the document expands to more than {MAX_NODES:,} nodes (an alias bomb?)",
                hint="remove deeply nested anchors and aliases (&name / *name)",
                location=self.loc(node),
            )
        if len(path) > MAX_DEPTH:
            raise SpecSyntaxError(
                f"the document nests deeper than {MAX_DEPTH} levels",
                hint="flatten the structure: a few levels of nesting are enough",
                location=self.loc(node),
            )
        self.positions.setdefault(path, self.loc(node))  # keys set their values' place first
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            raise SpecSyntaxError(
                "an alias refers to a node that contains it (a recursive structure)",
                hint="remove the recursive alias",
                location=self.loc(node),
            )
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.visit(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
        finally:
            self.active.discard(id(node))
        raise SpecSyntaxError(
            f"unsupported YAML node {node.tag}", hint="use plain mappings, lists and values", location=self.loc(node)
        )

    def scalar(self, node: ScalarNode) -> Any:
        try:
            value = self.scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:  # a tag no safe reader knows (!python/object, !foo)
            raise SpecSyntaxError(
                f"cannot read the value {node.value!r}: unknown tag {node.tag!r}",
                hint="remove the tag (the word starting with !) or quote the value",
                location=self.loc(node),
            ) from None
        except (ValueError, yaml.YAMLError) as exc:
            # PyYAML reads 2020-13-01 as a date and fails; say which value is wrong.
            raise SpecSyntaxError(
                f"cannot read the value {node.value!r}: {exc}",
                hint="write dates as YYYY-MM-DD with a valid month and day, or quote the value",
                location=self.loc(node),
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise SpecSyntaxError(
                f"the value {node.value!r} is not a finite number",
                hint="write a finite number, or quote the value if it is text",
                location=self.loc(node),
            )
        return value

    def mapping(self, node: MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in self._pairs(node):
            key = self.visit(key_node, (*path, "<key>"))
            if isinstance(key, list | dict):
                raise SpecSyntaxError(
                    "a mapping key must be a plain value", hint="write the key as text", location=self.loc(key_node)
                )
            key = str(key) if not isinstance(key, str) else key
            if key in out:
                raise SpecSyntaxError(
                    f"duplicate key '{key}' in the same mapping",
                    hint="each key may appear once; the later one would silently win",
                    location=self.loc(key_node),
                )
            # A block collection is found where its key is written; a value where the value is.
            block = isinstance(value_node, MappingNode | SequenceNode) and not value_node.flow_style
            self.positions[(*path, key)] = self.loc(key_node if block else value_node)
            out[key] = self.visit(value_node, (*path, key))
        self.positions.pop((*path, "<key>"), None)
        return out

    def _pairs(self, node: MappingNode) -> Iterator[tuple[Node, Node]]:
        """Key/value pairs with YAML merge keys (``<<: *base``) expanded; explicit keys win."""
        own = [(k, v) for k, v in node.value if k.tag != "tag:yaml.org,2002:merge"]
        own_keys = {k.value for k, _ in own if isinstance(k, ScalarNode)}
        merged: list[tuple[Node, Node]] = []
        for k, v in node.value:
            if k.tag != "tag:yaml.org,2002:merge":
                continue
            sources = v.value if isinstance(v, SequenceNode) else [v]
            for src in sources:
                if not isinstance(src, MappingNode):
                    raise SpecSyntaxError(
                        "a merge key (<<) needs a mapping",
                        hint="merge an anchored mapping: <<: *base",
                        location=self.loc(src),
                    )
                merged += [(mk, mv) for mk, mv in src.value if mk.value not in own_keys]
        yield from own
        seen: set[str] = set()
        for k, v in merged:
            if k.value not in seen:
                seen.add(k.value)
                yield k, v
