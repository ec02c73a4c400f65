"""Options and output helpers shared by every command."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from guarantor.errors import GuarantorError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


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
