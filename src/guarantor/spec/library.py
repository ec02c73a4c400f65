"""The bundled library of real instruments, encoded clause by clause from the public record."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from guarantor.errors import NotFound
from guarantor.spec.loader import load_spec
from guarantor.spec.model import Spec
from guarantor.spec.resolve import did_you_mean

__all__ = ["library_names", "library_path", "load_library_spec", "resolve_spec_path"]


def _folder() -> Path:
    return Path(str(resources.files("guarantor.spec") / "library"))


def library_names() -> list[str]:
    return sorted(p.stem for p in _folder().glob("*.yaml"))


def library_path(name: str) -> Path:
    path = _folder() / f"{name}.yaml"
    if not path.is_file():
        hint = did_you_mean(name, library_names()) or "run 'guarantor library list'"
        raise NotFound(f"no bundled instrument named '{name}'", hint=hint)
    return path


def load_library_spec(name: str) -> Spec:
    return load_spec(library_path(name))


def resolve_spec_path(arg: str) -> Path:
    """A spec argument is a file path, ``-`` (standard input), or the name of a bundled instrument."""
    path = Path(arg)
    if arg == "-" or path.exists() or "/" in arg or arg.endswith((".yaml", ".yml", ".json")):
        return path
    return library_path(arg)
