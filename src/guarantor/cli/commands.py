"""The list of commands, one module each."""

from __future__ import annotations

import click

from guarantor.cli.power import power

ALL: list[click.Command] = [power]
