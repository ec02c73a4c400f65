"""Entry point of the ``guarantor`` command."""

from __future__ import annotations

import click

from guarantor import __version__


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
    _register()
    cli(prog_name="guarantor")
