"""Options and output helpers shared by every command."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from guarantor.errors import GuarantorError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

STDOUT = "-"
SEEDS = click.IntRange(0, 2**63 - 1)  # what numpy.random.default_rng accepts


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


def one_on_stdout(error: type[GuarantorError], as_json: bool, *outputs: tuple[str, str | None]) -> None:
    """Refuse two writers on standard output: ``--json`` and each ``(option, path)`` whose path is ``-``."""
    writers = [*(["--json"] if as_json else []), *(f"{option} -" for option, path in outputs if path == STDOUT)]
    if len(writers) > 1:
        raise error(
            f"{' and '.join(writers)} would both write to standard output",
            hint="give a file name to all but one of them",
        )


@contextmanager
def open_output(path: str, error: type[GuarantorError], *, hint: str = "give a writable path") -> Iterator[TextIO]:
    """A text stream to ``path`` (``-``: standard output); a path that cannot be opened or written is ``error``.

    Standard output that cannot be written is left to the one handler in ``guarantor.cli.main`` (E010)."""
    if path == STDOUT:
        yield sys.stdout
        return
    try:
        with Path(path).open("w", encoding="utf-8") as handle:
            yield handle
    except OSError as exc:
        raise error(f"cannot write {path}: {exc.strerror or exc}", hint=hint) from None


def write_output(path: str, text: str, error: type[GuarantorError], *, hint: str = "give a writable path") -> None:
    """Write ``text`` to ``path`` (``-``: standard output) as it is; a path that cannot be written is ``error``."""
    with open_output(path, error, hint=hint) as out:
        out.write(text)
