"""The list of commands, one module each."""

from __future__ import annotations

import click

from guarantor.cli.power import power
from guarantor.cli.simulate import simulate_command, sweep_command

ALL: list[click.Command] = [power, simulate_command, sweep_command]
