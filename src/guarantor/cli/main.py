"""Entry point of the ``guarantor`` command."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import NoReturn

import click

from guarantor import __version__
from guarantor.errors import OutputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guarantor")
def cli() -> None:
    """Security guarantees as code: check, measure, simulate, run and report."""


def _register() -> None:
    # Each command lives in its own module; import order is the order of `guarantor --help`.
    from guarantor.cli import commands

    for command in commands.ALL:
        cli.add_command(command)


def main() -> None:
    """Run the command line; standard output that cannot be written (``> /dev/full``) is E010, exit 2, for every
    command in this one place. A pipe closed by its reader (``| head``) ends the command quietly with exit 1."""
    _register()
    if sys.stdout is None:  # started with standard output closed (``>&-``): writing to it is E010, not silence
        sys.stdout = _ClosedOutput()
    try:
        try:
            cli(prog_name="guarantor")
        finally:
            if sys.stdout is not None:  # None when the command was started with standard output closed
                sys.stdout.flush()  # what is still buffered fails here, not unseen at interpreter exit
    except OSError as exc:
        _stdout_failed(exc)


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started without one: every write fails as a closed descriptor."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _stdout_failed(exc: OSError) -> NoReturn:
    # Whatever is left in the buffer goes nowhere, so that closing standard output at exit raises nothing more.
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    if exc.errno == errno.EPIPE:
        sys.exit(1)
    if exc.errno == errno.EBADF:
        hint = "give the command a standard output (a terminal, a pipe or a file); -o FILE where the command has it"
    else:
        hint = "free space on that device, or send the output to another file; -o FILE where the command has it"
    error = OutputError(f"cannot write to standard output: {exc.strerror or exc}", hint=hint)
    with contextlib.suppress(OSError):  # standard error may be full too: the exit code still says it
        click.echo(f"error: {error}\n  see {error.docs_url}", err=True)
    sys.exit(error.exit_code)
