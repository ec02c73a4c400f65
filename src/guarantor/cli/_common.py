"""Options and output helpers shared by every command."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from guarantor.errors import GuarantorError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

STDOUT = "-"


def json_option(func: F) -> F:
    """The ``--json`` flag every command takes."""
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(func)


def emit_json(payload: object) -> None:
    click.echo(json.dumps(payload, indent=2, sort_keys=False, default=str))


def fail(error: GuarantorError, *, as_json: bool) -> None:
    """Report ``error`` in the one error shape and exit with its exit code."""
    if as_json:
        emit_json({"error": error.to_dict()})
    else:
        click.echo(f"error: {error}", err=True)
        click.echo(f"  see {error.docs_url}", err=True)
    sys.exit(error.exit_code)


def guarded(func: F) -> F:
    """Report a GuarantorError raised by the command in the one error shape, with its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GuarantorError as error:
            fail(error, as_json=bool(kwargs.get("as_json")))

    return wrapper  # type: ignore[return-value]


# Output files: '-' is standard output; a path is checked before the work starts, written after it -----------


def check_writable(path: str | None, option: str, error: type[GuarantorError], suffixes: tuple[str, ...] = ()) -> None:
    """Refuse an output path that cannot be written (a folder, a missing folder, a wrong suffix) before any work
    starts, with ``error`` naming ``option``."""
    if path is None or path == STDOUT:
        return
    p = Path(path)
    if suffixes and p.suffix.lower() not in suffixes:
        raise error(
            f"{option} {path}: give a file ending in {' or '.join(suffixes)}", hint=f"e.g. {option} out{suffixes[0]}"
        )
    if p.is_dir():
        raise error(f"{option} {path} is a folder", hint="give a file name")
    if not p.parent.is_dir():
        raise error(
            f"{option} {path}: the folder {p.parent} does not exist", hint="create it first, or give another path"
        )


def write_output(path: str, text: str, error: type[GuarantorError], *, hint: str = "give a writable path") -> None:
    """Write ``text`` to ``path`` (``-``: standard output) as it is; a path that cannot be written is ``error``."""
    if path == STDOUT:
        click.echo(text, nl=False)
        return
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise error(f"cannot write {path}: {exc.strerror or exc}", hint=hint) from None
